using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Edge.NanoGate
{
    /// <summary>
    /// Stage 1: compiles C# sources in memory with Roslyn. For the gate the only reference is the
    /// nanoFramework mscorlib (the NoStdLib equivalent), so any API the device lacks is a compile error here
    /// instead of a MissingMethodException on the device.
    /// </summary>
    public sealed class GateCompiler
    {
        /// <summary>
        /// Symbol the nanoFramework build defines; portable code may use it to pick device-only paths, and the
        /// gate must see the same code the device build sees.
        /// </summary>
        public const string NanoFrameworkSymbol = "NANOFRAMEWORK_1_0";

        private readonly ImmutableArray<MetadataReference> _references;

        /// <summary>A compiler for arbitrary references (tests use it to build samples that cannot compile
        /// against nano mscorlib, e.g. async against .NET, and then inspect them).</summary>
        public GateCompiler(IEnumerable<MetadataReference> references)
        {
            _references = references.ToImmutableArray();
        }

        /// <summary>The gate's compiler: nanoFramework mscorlib and nothing else.</summary>
        public static GateCompiler ForNanoFramework(string mscorlibPath)
        {
            if (!File.Exists(mscorlibPath))
            {
                throw new GateUsageException("nanoFramework mscorlib not found: " + mscorlibPath);
            }

            return new GateCompiler(new[] { MetadataReference.CreateFromFile(mscorlibPath) });
        }

        /// <summary>Where the build copies nanoFramework.CoreLibrary's mscorlib.dll: next to the tool.</summary>
        public static string DefaultMscorlibPath =>
            Path.Combine(AppContext.BaseDirectory, "nanoframework", "mscorlib.dll");

        public GateCompilation CompileFiles(IEnumerable<string> paths, string assemblyName = "Edge.Portable")
        {
            return Compile(paths.Select(GateSource.FromFile), assemblyName);
        }

        public GateCompilation Compile(IEnumerable<GateSource> sources, string assemblyName = "Edge.Portable")
        {
            // Latest language like the rest of the repo; the nano symbol so #if branches match the device build.
            CSharpParseOptions parseOptions = new CSharpParseOptions(
                LanguageVersion.Latest,
                preprocessorSymbols: new[] { NanoFrameworkSymbol });

            List<SyntaxTree> trees = sources
                .Select(s => CSharpSyntaxTree.ParseText(s.Text, parseOptions, s.Path))
                .ToList();

            // Nullable off: nano mscorlib has no Nullable<T> and no NullableAttribute; unsafe off: the
            // interpreter does not verify pointers. Optimized, as the device build is.
            CSharpCompilationOptions options = new CSharpCompilationOptions(
                OutputKind.DynamicallyLinkedLibrary,
                optimizationLevel: OptimizationLevel.Release,
                allowUnsafe: false,
                nullableContextOptions: NullableContextOptions.Disable,
                deterministic: true);

            CSharpCompilation compilation = CSharpCompilation.Create(assemblyName, trees, _references, options);

            using (MemoryStream peStream = new MemoryStream())
            {
                Microsoft.CodeAnalysis.Emit.EmitResult result = compilation.Emit(peStream);
                List<GateViolation> errors = result.Diagnostics
                    .Where(d => d.Severity == DiagnosticSeverity.Error)
                    .OrderBy(d => d.Location.SourceTree?.FilePath ?? string.Empty, StringComparer.Ordinal)
                    .ThenBy(d => d.Location.SourceSpan.Start)
                    .Select(ToViolation)
                    .GroupBy(v => v.ToString(), StringComparer.Ordinal) // same error twice on a line says nothing new
                    .Select(g => g.First())
                    .ToList();

                // Never let a failed emit look like a pass, even if Roslyn gave no error diagnostic for it.
                if (!result.Success && errors.Count == 0)
                {
                    errors.Add(new GateViolation(GateRule.CompileError, "(compilation)", "emit failed without an error diagnostic"));
                }

                byte[]? bytes = result.Success && errors.Count == 0 ? peStream.ToArray() : null;
                return new GateCompilation(bytes, errors);
            }
        }

        private static GateViolation ToViolation(Diagnostic diagnostic)
        {
            string location = "(no source)";
            if (diagnostic.Location.IsInSource)
            {
                FileLinePositionSpan span = diagnostic.Location.GetLineSpan();
                location = span.Path + ":" + (span.StartLinePosition.Line + 1);
            }

            string message = "error " + diagnostic.Id + ": " + diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture);
            return new GateViolation(GateRule.CompileError, location, message, MissingApiHints.For(diagnostic));
        }
    }
}
