using Edge.Core.Security;
using Edge.Drivers.Modbus;

namespace Edge.Host.Protocols.Modbus
{
    /// <summary>Modbus captures: every byte seen on the bus, requests and replies, read with one meter model's
    /// register table (--mode sdm630, the default, or sdm120, sdm230, sdm72).</summary>
    public sealed class ModbusCaptureFormat : CaptureFormat
    {
        public override string[] Modes => [EastronRegisterMaps.Sdm630, EastronRegisterMaps.Sdm120, EastronRegisterMaps.Sdm230, EastronRegisterMaps.Sdm72];

        public override string ModeMeaning => "a Modbus meter model";

        public override string ModeDescription => "meter model whose register table reads the replies: sdm630 (the default), sdm120, sdm230 or sdm72";

        public override ICaptureDecoder CreateDecoder(string mode, MeterIdentity identity) => new ModbusCaptureDecoder(mode);

        public override ICaptureReplay CreateReplay(byte[] capture, string mode) => new ModbusCaptureReplay(capture, mode);
    }
}
