using System.Collections.Generic;
using System.IO;
using System.Linq;
using Xunit;
using static Edge.NanoGate.Tests.GateTestSupport;

namespace Edge.NanoGate.Tests
{
    /// <summary>
    /// <c>--require-docs</c>: every public or protected portable member carries a usable XML doc comment, and a
    /// missing or broken one is a violation with file:line, like a compile error.
    /// </summary>
    public class DocumentationRuleTests
    {
        private const string Undocumented = @"namespace Edge.Samples
{
    /// <summary>A documented type.</summary>
    public class Meter
    {
        public int Count;

        /// <summary>Documented.</summary>
        public int Documented { get; set; }

        protected void Reset() { }

        internal void Inner() { }

        private void Hidden() { }
    }
}";

        [Fact]
        public void Reports_each_undocumented_public_or_protected_member_with_its_line()
        {
            List<GateViolation> documentation = Documentation(Undocumented);

            Assert.Equal(2, documentation.Count);
            Assert.All(documentation, v => Assert.Equal(GateRule.MissingDocumentation, v.Rule));
            Assert.Equal(new[] { "Meter.cs:6", "Meter.cs:11" }, documentation.Select(v => v.Location).ToArray());
            Assert.Contains("CS1591", documentation[0].Message);
            Assert.Contains("'Meter.Count'", documentation[0].Message);
            Assert.Contains("'Meter.Reset()'", documentation[1].Message);
            Assert.StartsWith("Meter.cs:6: [missing-documentation] warning CS1591: ", documentation[0].ToString());
        }

        [Fact]
        public void Reports_an_undocumented_public_type()
        {
            List<GateViolation> documentation = Documentation("namespace Edge.Samples { public enum Phase { } }");

            GateViolation violation = Assert.Single(documentation);
            Assert.Equal(GateRule.MissingDocumentation, violation.Rule);
            Assert.Contains("'Phase'", violation.Message);
        }

        [Fact]
        public void Reports_a_cref_that_does_not_resolve_and_a_param_that_does_not_exist()
        {
            List<GateViolation> documentation = Documentation(@"namespace Edge.Samples
{
    /// <summary>Sums; see <see cref=""Missing""/>.</summary>
    public static class Sum
    {
        /// <summary>Adds.</summary>
        /// <param name=""left"">First.</param>
        /// <param name=""other"">Not a parameter.</param>
        public static int Add(int left, int right) { return left + right; }
    }
}");

            Assert.All(documentation, v => Assert.Equal(GateRule.BrokenDocumentation, v.Rule));
            Assert.Contains(documentation, v => v.Location == "Meter.cs:3" && v.Message.Contains("CS1574"));
            Assert.Contains(documentation, v => v.Location == "Meter.cs:8" && v.Message.Contains("CS1572"));
            Assert.Contains(documentation, v => v.Message.Contains("CS1573") && v.Message.Contains("'right'"));
        }

        [Fact]
        public void Reports_malformed_doc_xml()
        {
            List<GateViolation> documentation = Documentation(@"namespace Edge.Samples
{
    /// <summary>Unclosed <c>tag.</summary>
    public class Broken { }
}");

            Assert.NotEmpty(documentation);
            Assert.All(documentation, v => Assert.Equal(GateRule.BrokenDocumentation, v.Rule));
            Assert.Contains(documentation, v => v.Location == "Meter.cs:3"
                && v.Message.Contains("CS1570") && v.Message.Contains("does not match the start tag 'c'"));
        }

        [Fact]
        public void Documentation_is_not_checked_unless_required()
        {
            GateCompilation compilation = GateCompiler.ForNanoFramework(NanoMscorlib)
                .Compile(new[] { new GateSource("Meter.cs", Undocumented) });

            Assert.True(compilation.Succeeded);
            Assert.Empty(compilation.Violations);
            Assert.Empty(compilation.Documentation);
        }

        [Fact]
        public void The_cli_fails_an_undocumented_member_only_with_require_docs()
        {
            using TempTree tree = new TempTree();
            string source = tree.Write("Edge.Core/Meter.cs", Undocumented);

            var plainOutput = new StringWriter();
            int plain = GateCli.Run(new[] { "--mscorlib", NanoMscorlib, source }, plainOutput, new StringWriter());
            var strictOutput = new StringWriter();
            int strict = GateCli.Run(new[] { "--mscorlib", NanoMscorlib, "--require-docs", source }, strictOutput, new StringWriter());

            Assert.Equal(GateCli.Pass, plain);
            Assert.Equal(GateCli.Fail, strict);
            Assert.Contains("[missing-documentation] warning CS1591", strictOutput.ToString());
            Assert.Contains("1 source files, 2 violations: FAIL", strictOutput.ToString());
        }

        [Fact]
        public void Documentation_findings_come_after_the_IL_findings()
        {
            // A generic definition (IL stage) in an undocumented type: both are reported, neither hides the other.
            using TempTree tree = new TempTree();
            string source = tree.Write("Box.cs", "namespace Edge.Samples { public class Box<T> { } }");
            IReadOnlyList<GateViolation> violations = GateCli.Check(new[] { source }, NanoMscorlib, requireDocumentation: true);

            Assert.Equal(GateRule.GenericDefinition, violations[0].Rule);
            Assert.Equal(GateRule.MissingDocumentation, violations[violations.Count - 1].Rule);
        }

        private static List<GateViolation> Documentation(string source)
        {
            GateCompilation compilation = GateCompiler.ForNanoFramework(NanoMscorlib)
                .Compile(new[] { new GateSource("Meter.cs", source) }, requireDocumentation: true);
            Assert.True(compilation.Succeeded, Describe(compilation.Violations));
            Assert.Empty(compilation.Violations);
            return compilation.Documentation.ToList();
        }
    }
}
