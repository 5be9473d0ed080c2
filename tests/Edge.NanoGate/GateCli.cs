using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace Edge.NanoGate
{
    /// <summary>
    /// edge-nanogate [--mscorlib PATH] [--require-docs] INPUT...
    /// Compiles all inputs as one assembly against nanoFramework mscorlib, inspects the IL, prints one line
    /// per violation and a summary. Exit codes: 0 pass, 1 violations, 2 usage error.
    /// </summary>
    public static class GateCli
    {
        public const int Pass = 0;
        public const int Fail = 1;
        public const int UsageError = 2;

        public const string Usage =
            "usage: edge-nanogate [--mscorlib PATH] [--require-docs] INPUT...\n"
            + "  INPUT: a .projitems file, a .cs file or a directory (all *.cs, bin/ and obj/ skipped)\n"
            + "  --mscorlib PATH: nanoFramework mscorlib.dll to compile against (default: nanoframework/mscorlib.dll next to the tool)\n"
            + "  --require-docs: every public and protected member needs a well-formed XML doc comment";

        public static int Run(string[] args, TextWriter output, TextWriter error)
        {
            try
            {
                return RunChecked(args, output);
            }
            catch (GateUsageException e)
            {
                error.WriteLine("edge-nanogate: " + e.Message);
                return UsageError;
            }
        }

        private static int RunChecked(string[] args, TextWriter output)
        {
            string mscorlib = GateCompiler.DefaultMscorlibPath;
            bool requireDocumentation = false;
            List<string> inputs = new List<string>();
            for (int i = 0; i < args.Length; i++)
            {
                switch (args[i])
                {
                    case "--mscorlib":
                        if (i + 1 >= args.Length)
                        {
                            throw new GateUsageException("--mscorlib needs a path\n" + Usage);
                        }

                        mscorlib = args[++i];
                        break;
                    case "--require-docs":
                        requireDocumentation = true;
                        break;
                    case "-h":
                    case "--help":
                        output.WriteLine(Usage);
                        return Pass;
                    default:
                        if (args[i].StartsWith("--", StringComparison.Ordinal))
                        {
                            throw new GateUsageException("unknown option " + args[i] + "\n" + Usage);
                        }

                        inputs.Add(args[i]);
                        break;
                }
            }

            if (inputs.Count == 0)
            {
                throw new GateUsageException("no inputs\n" + Usage);
            }

            IReadOnlyList<string> sources = InputResolver.ResolveSources(inputs);
            if (sources.Count == 0)
            {
                // An empty gate would pass vacuously; a wrong path or glob must not look like success.
                throw new GateUsageException("no C# source files found in: " + string.Join(" ", inputs));
            }

            IReadOnlyList<GateViolation> violations = Check(sources.Select(DisplayPath).ToList(), mscorlib, requireDocumentation);
            foreach (GateViolation violation in violations)
            {
                output.WriteLine(violation.ToString());
            }

            bool passed = violations.Count == 0;
            output.WriteLine("nanoFramework gate: " + sources.Count + " source files, " + violations.Count
                + " violations: " + (passed ? "PASS" : "FAIL"));
            return passed ? Pass : Fail;
        }

        // Compile errors name files as CI logs and editors show them: relative to where the gate was run.
        private static string DisplayPath(string fullPath)
        {
            string relative = Path.GetRelativePath(Directory.GetCurrentDirectory(), fullPath);
            return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? fullPath : relative;
        }

        /// <summary>
        /// Both stages: compile errors if any, else the IL findings; with <paramref name="requireDocumentation"/>,
        /// the documentation findings after them.
        /// </summary>
        public static IReadOnlyList<GateViolation> Check(IReadOnlyList<string> sourceFiles, string mscorlibPath, bool requireDocumentation = false)
        {
            GateCompilation compilation = GateCompiler.ForNanoFramework(mscorlibPath)
                .CompileFiles(sourceFiles, requireDocumentation: requireDocumentation);
            if (!compilation.Succeeded || compilation.AssemblyBytes == null)
            {
                return compilation.Violations.Concat(compilation.Documentation).ToList();
            }

            return IlInspector.Inspect(compilation.AssemblyBytes).Concat(compilation.Documentation).ToList();
        }
    }
}
