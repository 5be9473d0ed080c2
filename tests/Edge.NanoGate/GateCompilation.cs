using System.Collections.Generic;

namespace Edge.NanoGate
{
    /// <summary>Outcome of the compile stage: the assembly image when it compiled, else the errors.</summary>
    public sealed class GateCompilation
    {
        /// <summary>An outcome; <paramref name="documentation"/> is empty unless documentation was required.</summary>
        public GateCompilation(byte[]? assemblyBytes, IReadOnlyList<GateViolation> violations, IReadOnlyList<GateViolation>? documentation = null)
        {
            AssemblyBytes = assemblyBytes;
            Violations = violations;
            Documentation = documentation ?? new GateViolation[0];
        }

        /// <summary>The emitted DLL, or null when compilation failed.</summary>
        public byte[]? AssemblyBytes { get; }

        /// <summary>Compile errors (warnings are never violations).</summary>
        public IReadOnlyList<GateViolation> Violations { get; }

        /// <summary>
        /// Missing or broken XML doc comments on public and protected members, when the compile was asked to
        /// require documentation; kept apart from <see cref="Violations"/> so the IL stage still runs.
        /// </summary>
        public IReadOnlyList<GateViolation> Documentation { get; }

        /// <summary>True when the sources compiled and an assembly image is available for inspection.</summary>
        public bool Succeeded => AssemblyBytes != null;
    }
}
