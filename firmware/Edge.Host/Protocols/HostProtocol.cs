namespace Edge.Host.Protocols
{
    /// <summary>
    /// One protocol as the host tools know it: its name on the command line, the virtual meters `edge simulate`
    /// offers for it, and how `edge decode` and `edge replay` read its raw captures (when it has any). Everything
    /// host-side of a protocol lives in its folder under Protocols/; <see cref="ProtocolRegistry"/> lists them.
    /// </summary>
    public abstract class HostProtocol
    {
        /// <summary>Its name for --protocol, in lower case: tic, s0.</summary>
        public abstract string Name { get; }

        /// <summary>Its name in a sentence: TIC, S0.</summary>
        public abstract string Title { get; }

        /// <summary>The virtual meters `simulate --meter` offers for it, in the order the help lists them.</summary>
        public abstract SimulatedMeterModel[] SimulatedMeters { get; }

        /// <summary>What its virtual meters are, for the help of --meter: "pulse output".</summary>
        public abstract string SimulatedMetersNote { get; }

        /// <summary>How decode and replay read its captures; null when it has no bytes to capture (S0 is pulses).</summary>
        public virtual CaptureFormat? Captures => null;
    }
}
