using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Edge.Firmware.Check.Tests
{
    /// <summary>
    /// The firmware compile check redone in memory: the same sources (firmware/Edge.Firmware and the portable
    /// projects) and the same references (mscorlib 1.17.11 and the declaration assemblies, taken from the check
    /// project's output folder), with the device build's symbol, so that a sample added to them fails or passes
    /// exactly as it would in tests/Edge.Firmware.Check.
    /// </summary>
    internal static class FirmwareCompilation
    {
        private static readonly Lazy<CSharpCompilation> Firmware = new(Create);

        public static readonly CSharpParseOptions ParseOptions = new CSharpParseOptions(LanguageVersion.Latest)
            .WithPreprocessorSymbols("NANOFRAMEWORK_1_0");

        /// <summary>The reference assemblies the check compiles against, by file name.</summary>
        public static IReadOnlyList<string> ReferenceNames =>
            References().Select(path => Path.GetFileName(path)).OrderBy(name => name, StringComparer.Ordinal).ToList();

        /// <summary>The firmware's own sources, as the check compiles them.</summary>
        public static CSharpCompilation Sources => Firmware.Value;

        /// <summary>The errors in <paramref name="sample"/> added to the firmware as one more source file (the
        /// firmware's own sources compile clean, which a test checks once: binding the sample alone is enough).</summary>
        public static IReadOnlyList<Diagnostic> ErrorsWith(string sample)
        {
            SyntaxTree tree = CSharpSyntaxTree.ParseText(sample, ParseOptions, path: "Sample.cs");
            SemanticModel model = Firmware.Value.AddSyntaxTrees(tree).GetSemanticModel(tree);
            return model.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        }

        /// <summary>The firmware, with <paramref name="sample"/> when given, compiled to an assembly image.</summary>
        public static byte[] Emit(string? sample = null)
        {
            CSharpCompilation compilation = Firmware.Value;
            if (sample != null)
            {
                compilation = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText(sample, ParseOptions, path: "Sample.cs"));
            }

            using var image = new MemoryStream();
            Microsoft.CodeAnalysis.Emit.EmitResult result = compilation.Emit(image);
            if (!result.Success)
            {
                throw new InvalidOperationException("the firmware does not compile: " + result.Diagnostics.First(d => d.Severity == DiagnosticSeverity.Error));
            }

            return image.ToArray();
        }

        public static IReadOnlyList<Diagnostic> Errors(CSharpCompilation compilation) =>
            compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();

        private static CSharpCompilation Create()
        {
            string root = Metadata("RepositoryRoot");
            var sources = new List<string>();
            foreach (string folder in new[] { "firmware/Edge.Firmware", "firmware/Edge.Core", "drivers/Edge.Drivers" })
            {
                sources.AddRange(Directory.EnumerateFiles(Path.Combine(root, folder), "*.cs", SearchOption.AllDirectories)
                    .Where(path => !IsBuildOutput(path) && !IsBoardHarness(path)));
            }

            IEnumerable<SyntaxTree> trees = sources.OrderBy(path => path, StringComparer.Ordinal)
                .Select(path => CSharpSyntaxTree.ParseText(File.ReadAllText(path), ParseOptions, path));
            IEnumerable<MetadataReference> references = References().Select(path => MetadataReference.CreateFromFile(path));
            var options = new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary)
                .WithOptimizationLevel(OptimizationLevel.Release)
                .WithNullableContextOptions(NullableContextOptions.Disable);
            return CSharpCompilation.Create("Edge.Firmware.Check.Sample", trees, references, options);
        }

        private static IEnumerable<string> References()
        {
            string output = Metadata("CheckOutput");
            return Directory.EnumerateFiles(output, "*.dll").Where(path => Path.GetFileName(path) != "Edge.Firmware.Check.dll");
        }

        /// <summary>firmware/Edge.Firmware/Hil is compiled with the device tests, not the firmware (as in Edge.Firmware.Check).</summary>
        private static bool IsBoardHarness(string path) =>
            path.Replace('\\', '/').Contains("/firmware/Edge.Firmware/Hil/", StringComparison.Ordinal);

        private static bool IsBuildOutput(string path)
        {
            string[] parts = path.Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);
            return parts.Contains("bin") || parts.Contains("obj");
        }

        private static string Metadata(string key) =>
            typeof(FirmwareCompilation).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;
    }
}
