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

        /// <summary>
        /// Compiler ids of documentation findings: CS1591 is a public member without a doc comment; the others
        /// are comments the compiler cannot use (malformed XML, a cref or param that does not resolve).
        /// </summary>
        private static readonly Dictionary<string, GateRule> DocumentationDiagnostics = new Dictionary<string, GateRule>
        {
            ["CS1591"] = GateRule.MissingDocumentation,
            ["CS1570"] = GateRule.BrokenDocumentation, // badly formed XML
            ["CS1572"] = GateRule.BrokenDocumentation, // param tag for a parameter that does not exist
            ["CS1573"] = GateRule.BrokenDocumentation, // some parameters documented, this one not
            ["CS1574"] = GateRule.BrokenDocumentation, // cref that does not resolve
            ["CS1580"] = GateRule.BrokenDocumentation, // cref with an invalid signature
            ["CS1584"] = GateRule.BrokenDocumentation, // cref that is syntactically wrong
            ["CS1587"] = GateRule.BrokenDocumentation, // doc comment on nothing
        };

        /// <summary>Compiles files read from disk; see <see cref="Compile"/>.</summary>
        public GateCompilation CompileFiles(IEnumerable<string> paths, string assemblyName = "Edge.Portable", bool requireDocumentation = false)
        {
            return Compile(paths.Select(GateSource.FromFile), assemblyName, requireDocumentation);
        }

        /// <summary>
        /// Compiles the sources as one assembly. With <paramref name="requireDocumentation"/> the doc comments are
        /// parsed and checked too, and their findings come back in <see cref="GateCompilation.Documentation"/>.
        /// </summary>
        public GateCompilation Compile(IEnumerable<GateSource> sources, string assemblyName = "Edge.Portable", bool requireDocumentation = false)
        {
            // Latest language like the rest of the repo; the nano symbol so #if branches match the device build.
            // Doc comments are only parsed (and CS1591 only reported) in Diagnose mode.
            CSharpParseOptions parseOptions = new CSharpParseOptions(
                LanguageVersion.Latest,
                requireDocumentation ? DocumentationMode.Diagnose : DocumentationMode.Parse,
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
                    .Select(d => ToViolation(d, GateRule.CompileError, "error "))
                    .GroupBy(v => v.ToString(), StringComparer.Ordinal) // same error twice on a line says nothing new
                    .Select(g => g.First())
                    .ToList();

                // Never let a failed emit look like a pass, even if Roslyn gave no error diagnostic for it.
                if (!result.Success && errors.Count == 0)
                {
                    errors.Add(new GateViolation(GateRule.CompileError, "(compilation)", "emit failed without an error diagnostic"));
                }

                List<GateViolation> documentation = requireDocumentation
                    ? result.Diagnostics
                        .Where(d => DocumentationDiagnostics.ContainsKey(d.Id))
                        .OrderBy(d => d.Location.SourceTree?.FilePath ?? string.Empty, StringComparer.Ordinal)
                        .ThenBy(d => d.Location.SourceSpan.Start)
                        .Select(d => ToViolation(d, DocumentationDiagnostics[d.Id], "warning "))
                        .ToList()
                    : new List<GateViolation>();

                byte[]? bytes = result.Success && errors.Count == 0 ? peStream.ToArray() : null;
                return new GateCompilation(bytes, errors, documentation);
            }
        }

        private static GateViolation ToViolation(Diagnostic diagnostic, GateRule rule, string severity)
        {
            string location = "(no source)";
            if (diagnostic.Location.IsInSource)
            {
                FileLinePositionSpan span = diagnostic.Location.GetLineSpan();
                location = span.Path + ":" + (span.StartLinePosition.Line + 1);
            }

            string message = severity + diagnostic.Id + ": " + diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture);
            string? hint = rule == GateRule.CompileError ? MissingApiHints.For(diagnostic) : null;
            return new GateViolation(rule, location, message, hint);
        }
    }
}
