using System;

namespace Edge.NanoGate
{
    /// <summary>
    /// Bad invocation or unusable input (missing file, nothing to check). The CLI turns it into exit code 2,
    /// so a misconfigured gate can never be mistaken for a passing one.
    /// </summary>
    public sealed class GateUsageException : Exception
    {
        public GateUsageException(string message)
            : base(message)
        {
        }
    }
}
