namespace Edge.Host.Protocols.S0
{
    /// <summary>S0 pulse outputs (EN 62053-31) on the host: a virtual household meter to simulate; pulses leave no capture.</summary>
    public sealed class S0Protocol : HostProtocol
    {
        /// <summary>A household meter's S0 pulse output on a GPIO (--meter s0).</summary>
        public static readonly SimulatedMeterModel PulseOutput = new S0MeterModel();

        public override string Name => "s0";

        public override string Title => "S0";

        public override SimulatedMeterModel[] SimulatedMeters => [PulseOutput];

        public override string SimulatedMetersNote => "pulse output";
    }
}
