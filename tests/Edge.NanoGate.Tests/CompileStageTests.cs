using System.Collections.Generic;
using System.IO;
using System.Linq;
using Xunit;
using static Edge.NanoGate.Tests.GateTestSupport;

namespace Edge.NanoGate.Tests
{
    /// <summary>
    /// The compile stage: sources are compiled against nanoFramework mscorlib alone, so .NET-only APIs fail
    /// here with file:line and a hint naming the substitute.
    /// </summary>
    public class CompileStageTests
    {
        [Fact]
        public void Rejects_generic_List_at_compile_stage_with_a_hint()
        {
            IReadOnlyList<GateViolation> violations = CheckNano(@"using System.Collections.Generic;
namespace Edge.Samples
{
    public class Buffer
    {
        private readonly List<int> _values = new List<int>();
    }
}", "Edge.Core/Buffer.cs");

            Assert.NotEmpty(violations);
            Assert.All(violations, v => Assert.Equal(GateRule.CompileError, v.Rule));
            GateViolation usingLine = violations.First(v => v.Location == "Edge.Core/Buffer.cs:1");
            Assert.Contains("CS0234", usingLine.Message);
            Assert.Contains("'Generic' does not exist in the namespace 'System.Collections'", usingLine.Message);
            Assert.Equal("System.Collections.Generic is not in nanoFramework mscorlib 1.17.11; use ArrayList or arrays (the 1.x runtime runs no generic code)", usingLine.Hint);

            GateViolation fieldLine = violations.First(v => v.Location == "Edge.Core/Buffer.cs:6");
            Assert.Contains("'List<>' could not be found", fieldLine.Message);
            Assert.StartsWith("System.Collections.Generic is not in nanoFramework mscorlib 1.17.11", fieldLine.Hint);
            Assert.StartsWith("Edge.Core/Buffer.cs:6: [compile-error] error CS0246: ", fieldLine.ToString());
            Assert.Contains(" -- hint: System.Collections.Generic is not in", fieldLine.ToString());
        }

        [Fact]
        public void Rejects_System_Math_at_compile_stage_with_a_hint()
        {
            IReadOnlyList<GateViolation> violations = CheckNano(@"namespace Edge.Samples
{
    public static class Numbers
    {
        public static int Magnitude(int value)
        {
            return System.Math.Abs(value);
        }
    }
}");

            GateViolation violation = Assert.Single(violations);
            Assert.Equal(GateRule.CompileError, violation.Rule);
            Assert.Equal("Sample.cs:7", violation.Location);
            Assert.Contains("'Math' does not exist in the namespace 'System'", violation.Message);
            Assert.StartsWith("System.Math is not in nanoFramework mscorlib 1.17.11", violation.Hint);
        }

        [Fact]
        public void Rejects_StringBuilder_at_compile_stage_with_a_hint()
        {
            IReadOnlyList<GateViolation> violations = CheckNano(@"namespace Edge.Samples
{
    public static class Text
    {
        public static string Join(string a, string b)
        {
            StringBuilder builder = new StringBuilder();
            return builder.Append(a).Append(b).ToString();
        }
    }
}");

            Assert.NotEmpty(violations);
            GateViolation violation = violations.First();
            Assert.Equal("Sample.cs:7", violation.Location);
            Assert.Contains("'StringBuilder' could not be found", violation.Message);
            Assert.StartsWith("StringBuilder is not in nanoFramework mscorlib 1.17.11", violation.Hint);
        }

        [Theory]
        [InlineData("public object M() { return System.Enum.GetValues(typeof(System.DayOfWeek)); }", "Enum has only ToString")]
        [InlineData("public System.DateTime M() { return System.DateTime.Now; }", "nanoFramework DateTime is UTC only")]
        [InlineData("public int? M() { return null; }", "Nullable<T> (int?, etc.) is not in nanoFramework mscorlib 1.17.11")]
        [InlineData("public (int, int) M() { return (1, 2); }", "tuples are generic types")]
        [InlineData("public int M(int[] a) { return a[^1]; }", "System.Index/System.Range")]
        public void Rejects_other_missing_APIs_with_a_hint(string member, string hint)
        {
            IReadOnlyList<GateViolation> violations = CheckNano("namespace Edge.Samples { public class C { " + member + " } }");

            Assert.NotEmpty(violations);
            Assert.Contains(violations, v => v.Rule == GateRule.CompileError && v.Hint != null && v.Hint.StartsWith(hint, System.StringComparison.Ordinal));
        }

        [Fact]
        public void Gives_a_neutral_hint_for_names_it_does_not_know()
        {
            GateViolation violation = Assert.Single(CheckNano("namespace Edge.Samples { public class C { public Widget W; } }"));

            Assert.Equal("'Widget' is declared neither in the portable sources nor in nanoFramework mscorlib 1.17.11 (their only reference); if it is a .NET API, the device does not have it", violation.Hint);
        }

        [Fact]
        public void Does_not_fail_on_compiler_warnings()
        {
            // CS0168 (unused variable) and CS0618 (obsolete) are warnings: the gate is about what runs on the device.
            IReadOnlyList<GateViolation> violations = CheckNano(@"namespace Edge.Samples
{
    public class Warned
    {
        [System.Obsolete(""old"")]
        public static int Old() { return 1; }

        public int Run()
        {
            int unused;
            return Old();
        }
    }
}");

            Assert.True(violations.Count == 0, Describe(violations));
        }

        [Fact]
        public void Compiles_against_nanoFramework_mscorlib_alone()
        {
            GateCompilation compilation = GateCompiler.ForNanoFramework(NanoMscorlib)
                .Compile(new[] { new GateSource("A.cs", "namespace Edge.Samples { public class A { } }") });

            Assert.True(compilation.Succeeded);
            Assert.Empty(IlInspector.Inspect(compilation.AssemblyBytes!));
        }

        [Fact]
        public void Sees_the_nanoFramework_preprocessor_symbol()
        {
            // The device build defines NANOFRAMEWORK_1_0; the gate must check the code the device compiles.
            IReadOnlyList<GateViolation> violations = CheckNano(@"namespace Edge.Samples
{
    public class Conditional
    {
#if NANOFRAMEWORK_1_0
        public int[,] DeviceOnly;
#endif
    }
}");

            Assert.Equal("Edge.Samples.Conditional.DeviceOnly", Assert.Single(violations).Location);
        }

        [Fact]
        public void Accepts_the_good_portable_sample()
        {
            string[] files = Directory.GetFiles(TestData("GoodPortable"), "*.cs", SearchOption.AllDirectories);
            Assert.Equal(2, files.Length);

            GateCompilation compilation = GateCompiler.ForNanoFramework(NanoMscorlib).CompileFiles(files);

            Assert.True(compilation.Succeeded, Describe(compilation.Violations));
            IReadOnlyList<GateViolation> violations = IlInspector.Inspect(compilation.AssemblyBytes!);
            Assert.True(violations.Count == 0, Describe(violations));
        }

        [Fact]
        public void Refuses_a_missing_mscorlib()
        {
            GateUsageException error = Assert.Throws<GateUsageException>(() => GateCompiler.ForNanoFramework("/nonexistent/mscorlib.dll"));

            Assert.Contains("nanoFramework mscorlib not found: /nonexistent/mscorlib.dll", error.Message);
        }
    }
}
