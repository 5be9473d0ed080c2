namespace Edge.Host.Protocols.Modbus
{
    /// <summary>
    /// Modbus RTU meters on RS-485 (MODBUS over Serial Line V1.02) on the host: a virtual SDM630 to simulate, and
    /// captures of a bus's requests and replies to decode and replay.
    /// </summary>
    public sealed class ModbusProtocol : HostProtocol
    {
        /// <summary>An Eastron SDM630 at slave 1 (--meter sdm630).</summary>
        public static readonly SimulatedMeterModel Sdm630 = new Sdm630MeterModel();

        public override string Name => "modbus";

        public override string Title => "Modbus RTU";

        public override SimulatedMeterModel[] SimulatedMeters => [Sdm630];

        public override string SimulatedMetersNote => "Modbus RTU meter on RS-485";

        public override CaptureFormat Captures { get; } = new ModbusCaptureFormat();
    }
}
