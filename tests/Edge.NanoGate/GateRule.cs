namespace Edge.NanoGate
{
    /// <summary>
    /// The rules the gate enforces. Each one stands for something the nanoFramework 1.x toolchain or
    /// interpreter cannot handle (see README.md for the limitation behind each).
    /// </summary>
    public enum GateRule
    {
        /// <summary>The source does not compile against the nanoFramework mscorlib alone.</summary>
        CompileError,

        /// <summary>A generic type or method is declared (compiles, but the 1.x interpreter cannot run it).</summary>
        GenericDefinition,

        /// <summary>A closed generic type or method is used (e.g. System.Action&lt;Int32&gt;).</summary>
        GenericInstantiation,

        /// <summary>The assembly references something other than mscorlib.</summary>
        AssemblyReference,

        /// <summary>async/await: a compiler-generated async state machine.</summary>
        AsyncStateMachine,

        /// <summary>The C# <c>dynamic</c> type (DLR binder calls).</summary>
        Dynamic,

        /// <summary>A multidimensional (rectangular) array such as int[,].</summary>
        MultidimensionalArray,

        /// <summary>
        /// With <c>--require-docs</c>: a public or protected member without an XML doc comment. Not a runtime
        /// limit but a project rule: the portable code is the device's API and is read by people writing drivers.
        /// </summary>
        MissingDocumentation,

        /// <summary>
        /// With <c>--require-docs</c>: an XML doc comment that is malformed or names something that does not exist
        /// (a cref or param that no longer resolves), which documentation tools would silently drop.
        /// </summary>
        BrokenDocumentation,
    }

    /// <summary>Stable, human-readable ids for the rules, used in every printed violation.</summary>
    public static class GateRuleIds
    {
        /// <summary>The id printed in brackets on each violation line.</summary>
        public static string ToId(this GateRule rule)
        {
            switch (rule)
            {
                case GateRule.CompileError: return "compile-error";
                case GateRule.GenericDefinition: return "generic-definition";
                case GateRule.GenericInstantiation: return "generic-instantiation";
                case GateRule.AssemblyReference: return "assembly-reference";
                case GateRule.AsyncStateMachine: return "async-state-machine";
                case GateRule.Dynamic: return "dynamic";
                case GateRule.MultidimensionalArray: return "multidimensional-array";
                case GateRule.MissingDocumentation: return "missing-documentation";
                case GateRule.BrokenDocumentation: return "broken-documentation";
                default: return rule.ToString();
            }
        }
    }
}
