using Edge.Core.Security;

namespace Edge.Host.Protocols.Tic
{
    /// <summary>TIC captures: the bytes of the serial line (7E1), read in auto, historique or standard mode.</summary>
    public sealed class TicCaptureFormat : CaptureFormat
    {
        public override string[] Modes => TicModeNames.All;

        public override string ModeMeaning => "a TIC mode";

        public override string ModeDescription => "TIC mode: auto (the default: from the bytes), historique or standard";

        public override ICaptureDecoder CreateDecoder(string mode, MeterIdentity identity) =>
            new TicCaptureDecoder(TicModeNames.ModeOf(mode), identity);

        public override ICaptureReplay CreateReplay(byte[] capture, string mode) =>
            new TicCaptureReplay(capture, TicModeNames.ModeOf(mode));
    }
}
