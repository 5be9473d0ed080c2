namespace Edge.Host.Protocols.P1
{
    /// <summary>
    /// DSMR P1 (Netherlands, Luxembourg) and e-MUCS (Belgium) meters on the host: a virtual DSMR 5 meter to simulate,
    /// and raw captures of a P1 port to decode and replay.
    /// </summary>
    public sealed class P1Protocol : HostProtocol
    {
        /// <summary>A DSMR 5 three-phase household meter with gas (--meter p1).</summary>
        public static readonly SimulatedMeterModel Dsmr5 = new P1MeterModel();

        public override string Name => "p1";

        public override string Title => "DSMR P1";

        public override SimulatedMeterModel[] SimulatedMeters => [Dsmr5];

        public override string SimulatedMetersNote => "DSMR 5 P1 port";

        public override CaptureFormat Captures { get; } = new P1CaptureFormat();
    }
}
