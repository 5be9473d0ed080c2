using System.Collections.Generic;

namespace Edge.NanoGate
{
    /// <summary>Outcome of the compile stage: the assembly image when it compiled, else the errors.</summary>
    public sealed class GateCompilation
    {
        public GateCompilation(byte[]? assemblyBytes, IReadOnlyList<GateViolation> violations)
        {
            AssemblyBytes = assemblyBytes;
            Violations = violations;
        }

        /// <summary>The emitted DLL, or null when compilation failed.</summary>
        public byte[]? AssemblyBytes { get; }

        /// <summary>Compile errors (warnings are never violations).</summary>
        public IReadOnlyList<GateViolation> Violations { get; }

        public bool Succeeded => AssemblyBytes != null;
    }
}
