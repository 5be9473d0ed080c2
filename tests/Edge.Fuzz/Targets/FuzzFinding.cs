using System;

namespace Edge.Fuzz.Targets
{
    /// <summary>A broken promise of a parser under hostile input: thrown by a target so that the fuzzer records the
    /// input as a crash, and so that the property tests fail with the case that broke it.</summary>
    public sealed class FuzzFinding : Exception
    {
        public FuzzFinding(string target, string broken)
            : base(target + ": " + broken)
        {
        }
    }
}
