using Edge.Drivers.Tic;

namespace Edge.Host.Protocols.Tic
{
    /// <summary>
    /// The Linky TIC (Enedis-NOI-CPT_54E) on the host: virtual meters in either mode to simulate, and raw serial
    /// captures to decode and replay.
    /// </summary>
    public sealed class TicProtocol : HostProtocol
    {
        /// <summary>A Linky meter's TIC output in standard mode, 9600 baud (--meter tic-standard).</summary>
        public static readonly SimulatedMeterModel Standard = new TicMeterModel(TicMode.Standard);

        /// <summary>A Linky meter's TIC output in historique mode, 1200 baud (--meter tic-historique).</summary>
        public static readonly SimulatedMeterModel Historique = new TicMeterModel(TicMode.Historique);

        public override string Name => "tic";

        public override string Title => "TIC";

        public override SimulatedMeterModel[] SimulatedMeters => [Standard, Historique];

        public override string SimulatedMetersNote => "Linky TIC output";

        public override CaptureFormat Captures { get; } = new TicCaptureFormat();
    }
}
