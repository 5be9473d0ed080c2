namespace Edge.NanoGate
{
    /// <summary>
    /// One thing the nanoFramework 1.x runtime cannot take. <see cref="Location"/> is "file:line" for a
    /// compile error and the offending type or member (e.g. "Edge.Core.Foo.Bar(Int32)") for an IL finding.
    /// </summary>
    public sealed class GateViolation
    {
        public GateViolation(GateRule rule, string location, string message, string? hint = null)
        {
            Rule = rule;
            Location = location;
            Message = message;
            Hint = hint;
        }

        public GateRule Rule { get; }

        public string Location { get; }

        public string Message { get; }

        /// <summary>What to use instead, when the gate knows (missing APIs mostly).</summary>
        public string? Hint { get; }

        /// <summary>The line printed by the CLI: location, rule id, message and hint.</summary>
        public override string ToString()
        {
            string line = Location + ": [" + Rule.ToId() + "] " + Message;
            return Hint == null ? line : line + " -- hint: " + Hint;
        }
    }
}
