using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Edge.NanoGate.Tests
{
    /// <summary>Compiles samples the way the gate does, or against .NET for constructs nano mscorlib cannot express.</summary>
    internal static class GateTestSupport
    {
        public static string NanoMscorlib => GateCompiler.DefaultMscorlibPath;

        public static string TestData(params string[] parts)
        {
            return Path.Combine(new[] { AppContext.BaseDirectory, "TestData" }.Concat(parts).ToArray());
        }

        /// <summary>Both gate stages on an in-memory source: compile errors if any, else IL findings.</summary>
        public static IReadOnlyList<GateViolation> CheckNano(string source, string path = "Sample.cs")
        {
            GateCompilation compilation = GateCompiler.ForNanoFramework(NanoMscorlib).Compile(new[] { new GateSource(path, source) });
            return compilation.AssemblyBytes == null ? compilation.Violations : IlInspector.Inspect(compilation.AssemblyBytes);
        }

        /// <summary>Compiles a sample that must compile against nano mscorlib (so only inspection can catch it).</summary>
        public static byte[] CompileNano(string source, params MetadataReference[] extra)
        {
            IEnumerable<MetadataReference> references = new[] { MetadataReference.CreateFromFile(NanoMscorlib) }.Concat(extra);
            return CompileOrFail(new GateCompiler(references), source, "Sample");
        }

        public static byte[] CompileNanoLibrary(string source, string assemblyName)
        {
            return CompileOrFail(GateCompiler.ForNanoFramework(NanoMscorlib), source, assemblyName);
        }

        /// <summary>
        /// async and dynamic do not compile against nano mscorlib (no Task, no binder), yet the inspector must
        /// still recognise them in any assembly handed to it: compile those samples against the running .NET.
        /// </summary>
        public static byte[] CompileDotNet(string source)
        {
            string runtimeDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
            string trusted = (string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!;
            IEnumerable<MetadataReference> references = trusted
                .Split(Path.PathSeparator)
                .Where(p => string.Equals(Path.GetDirectoryName(p), runtimeDirectory, StringComparison.Ordinal))
                .Select(p => MetadataReference.CreateFromFile(p));
            return CompileOrFail(new GateCompiler(references), source, "Sample");
        }

        public static GateViolation Single(IReadOnlyList<GateViolation> violations, GateRule rule, string location)
        {
            List<GateViolation> matching = violations.Where(v => v.Rule == rule && v.Location == location).ToList();
            Assert.True(matching.Count >= 1,
                "expected a " + rule.ToId() + " violation at " + location + "; got:\n" + Describe(violations));
            return matching[0];
        }

        public static string Describe(IEnumerable<GateViolation> violations)
        {
            return string.Join("\n", violations.Select(v => v.ToString()));
        }

        private static byte[] CompileOrFail(GateCompiler compiler, string source, string assemblyName)
        {
            GateCompilation compilation = compiler.Compile(new[] { new GateSource(assemblyName + ".cs", source) }, assemblyName);
            Assert.True(compilation.Succeeded, "sample must compile:\n" + Describe(compilation.Violations));
            return compilation.AssemblyBytes!;
        }
    }
}
