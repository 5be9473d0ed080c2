using System.IO;
using Xunit;
using static Edge.NanoGate.Tests.GateTestSupport;

namespace Edge.NanoGate.Tests
{
    /// <summary>The entry point CI runs: exit 0 pass, 1 violations, 2 usage error (never a silent pass).</summary>
    public class CliTests
    {
        private const string GoodSource = "namespace Edge.Samples { public class Good { public int Twice(int x) { return x * 2; } } }";
        private const string OtherGoodSource = "namespace Edge.Samples { public class User { public int Run() { return new Good().Twice(2); } } }";

        [Fact]
        public void Passes_a_good_projitems_and_prints_the_summary()
        {
            using TempTree tree = new TempTree();
            tree.Write("Edge.Core/Good.cs", GoodSource);
            tree.Write("Edge.Core/Sub/User.cs", OtherGoodSource);
            string projitems = tree.WriteProjitems("Edge.Core/Edge.Core.projitems",
                "$(MSBuildThisFileDirectory)Good.cs", "$(MSBuildThisFileDirectory)Sub\\User.cs");

            (int exit, string output, string error) = Run(projitems);

            Assert.Equal(GateCli.Pass, exit);
            Assert.Equal("nanoFramework gate: 2 source files, 0 violations: PASS", output.Trim());
            Assert.Equal(string.Empty, error);
        }

        [Fact]
        public void Compiles_all_inputs_as_one_assembly()
        {
            // User.cs in one projitems calls Good from another: they only compile together.
            using TempTree tree = new TempTree();
            tree.Write("core/Good.cs", GoodSource);
            tree.Write("drivers/User.cs", OtherGoodSource);
            string core = tree.WriteProjitems("core/Core.projitems", "$(MSBuildThisFileDirectory)Good.cs");
            string drivers = tree.WriteProjitems("drivers/Drivers.projitems", "$(MSBuildThisFileDirectory)User.cs");

            (int exit, string output, _) = Run(core, drivers);

            Assert.Equal(GateCli.Pass, exit);
            Assert.Contains("2 source files, 0 violations: PASS", output);
        }

        [Fact]
        public void Fails_a_bad_projitems_and_prints_each_violation()
        {
            using TempTree tree = new TempTree();
            tree.Write("Edge.Core/Good.cs", GoodSource);
            tree.Write("Edge.Core/Grid.cs", "namespace Edge.Samples { public class Grid { public int[,] Cells; public static T Pick<T>(T a) { return a; } } }");
            string projitems = tree.WriteProjitems("Edge.Core/Edge.Core.projitems", "$(MSBuildThisFileDirectory)**/*.cs");

            (int exit, string output, _) = Run(projitems);

            Assert.Equal(GateCli.Fail, exit);
            string[] lines = output.Trim().Split('\n');
            Assert.Contains("Edge.Samples.Grid.Cells: [multidimensional-array] field type uses multidimensional array Int32[,]", lines);
            Assert.Contains("Edge.Samples.Grid.Pick<T>(T): [generic-definition] generic method definition (type parameters: T)", lines);
            Assert.Equal("nanoFramework gate: 2 source files, 2 violations: FAIL", lines[lines.Length - 1]);
        }

        [Fact]
        public void Fails_on_compile_errors_with_file_and_line()
        {
            using TempTree tree = new TempTree();
            string file = tree.Write("Bad.cs", "namespace Edge.Samples\n{\n    public class Bad { public double Root(double x) { return System.Math.Sqrt(x); } }\n}\n");

            (int exit, string output, _) = Run(file);

            Assert.Equal(GateCli.Fail, exit);
            Assert.Contains(file + ":3: [compile-error] error CS0234: ", output);
            Assert.Contains("hint: System.Math is not in nanoFramework mscorlib 1.17.11", output);
            Assert.Contains("nanoFramework gate: 1 source files, 1 violations: FAIL", output);
        }

        [Fact]
        public void Exits_2_on_an_empty_projitems()
        {
            using TempTree tree = new TempTree();
            string projitems = tree.WriteProjitems("Empty/Empty.projitems");

            (int exit, string output, string error) = Run(projitems);

            Assert.Equal(GateCli.UsageError, exit);
            Assert.DoesNotContain("PASS", output);
            Assert.Contains("no C# source files found in: " + projitems, error);
        }

        [Fact]
        public void Exits_2_when_a_wildcard_matches_nothing()
        {
            using TempTree tree = new TempTree();
            string projitems = tree.WriteProjitems("Edge.Core/Edge.Core.projitems", "$(MSBuildThisFileDirectory)**/*.cs");

            (int exit, _, string error) = Run(projitems);

            Assert.Equal(GateCli.UsageError, exit);
            Assert.Contains("no C# source files found", error);
        }

        [Fact]
        public void Exits_2_on_an_empty_directory()
        {
            using TempTree tree = new TempTree();
            Directory.CreateDirectory(Path.Combine(tree.Root, "nothing"));

            (int exit, _, string error) = Run(Path.Combine(tree.Root, "nothing"));

            Assert.Equal(GateCli.UsageError, exit);
            Assert.Contains("no C# source files found", error);
        }

        [Fact]
        public void Exits_2_without_inputs()
        {
            (int exit, string output, string error) = Run();

            Assert.Equal(GateCli.UsageError, exit);
            Assert.Equal(string.Empty, output);
            Assert.Contains("no inputs", error);
            Assert.Contains("usage: edge-nanogate [--mscorlib PATH] [--require-docs] INPUT...", error);
        }

        [Fact]
        public void Exits_2_on_a_missing_input_or_listed_source()
        {
            using TempTree tree = new TempTree();
            string projitems = tree.WriteProjitems("Edge.Core/Edge.Core.projitems", "$(MSBuildThisFileDirectory)Missing.cs");

            (int missingInput, _, string error1) = Run(Path.Combine(tree.Root, "nope.projitems"));
            (int missingSource, _, string error2) = Run(projitems);

            Assert.Equal(GateCli.UsageError, missingInput);
            Assert.Contains("input not found: ", error1);
            Assert.Equal(GateCli.UsageError, missingSource);
            Assert.Contains("listed source not found: ", error2);
            Assert.Contains("Missing.cs", error2);
        }

        [Fact]
        public void Exits_2_on_a_missing_mscorlib_override()
        {
            using TempTree tree = new TempTree();
            string file = tree.Write("Good.cs", GoodSource);

            (int exit, _, string error) = GateCliRun("--mscorlib", Path.Combine(tree.Root, "none.dll"), file);

            Assert.Equal(GateCli.UsageError, exit);
            Assert.Contains("nanoFramework mscorlib not found", error);
        }

        [Fact]
        public void Accepts_a_mscorlib_override()
        {
            using TempTree tree = new TempTree();
            string file = tree.Write("Good.cs", GoodSource);

            (int exit, string output, _) = GateCliRun("--mscorlib", NanoMscorlib, file);

            Assert.Equal(GateCli.Pass, exit);
            Assert.Contains("1 source files, 0 violations: PASS", output);
        }

        [Fact]
        public void Scans_directories_recursively_skipping_bin_and_obj()
        {
            using TempTree tree = new TempTree();
            tree.Write("src/Good.cs", GoodSource);
            tree.Write("src/deep/User.cs", OtherGoodSource);
            // Generated or .NET-only files in build output must not be checked as portable sources.
            tree.Write("src/obj/Release/AssemblyInfo.cs", "using System.Collections.Generic;");
            tree.Write("src/bin/Release/Other.cs", "this is not C#");

            (int exit, string output, _) = Run(Path.Combine(tree.Root, "src"));

            Assert.Equal(GateCli.Pass, exit);
            Assert.Contains("2 source files, 0 violations: PASS", output);
        }

        private static (int Exit, string Output, string Error) Run(params string[] inputs)
        {
            return GateCliRun(inputs);
        }

        private static (int Exit, string Output, string Error) GateCliRun(params string[] args)
        {
            using StringWriter output = new StringWriter();
            using StringWriter error = new StringWriter();
            int exit = GateCli.Run(args, output, error);
            return (exit, output.ToString().Replace("\r\n", "\n"), error.ToString());
        }
    }
}
