using System;
using Edge.Core.Security;
using Edge.Drivers.P1;

namespace Edge.Host.Protocols.P1
{
    /// <summary>P1 captures: the bytes of a P1 port as the UART read them, with the line settings of a DSMR version
    /// (--mode dsmr5, the default: 115200 8N1, DSMR 4 and 5, a CRC due on every telegram; dsmr22: 9600 7E1, DSMR
    /// 2.2 and 3.0, whose telegrams have none).</summary>
    public sealed class P1CaptureFormat : CaptureFormat
    {
        /// <summary>DSMR 4 and 5 (and e-MUCS): 115200 8N1, one telegram a second (DSMR 4: ten), with a CRC.</summary>
        public const string Dsmr5 = "dsmr5";

        /// <summary>DSMR 2.2 and 3.0: 9600 7E1, a telegram every ten seconds, without a CRC.</summary>
        public const string Dsmr22 = "dsmr22";

        public override string[] Modes => [Dsmr5, Dsmr22];

        public override string ModeMeaning => "a DSMR line";

        public override string ModeDescription => "DSMR line: dsmr5 (the default: DSMR 4 and 5, e-MUCS, 115200 8N1, CRC due) or dsmr22 (DSMR 2.2 and 3.0, 9600 7E1, no CRC)";

        /// <summary>The driver's line settings of a mode (MeterSpec.P1Line).</summary>
        public static string LineOf(string mode) => mode switch
        {
            Dsmr5 => P1Meter.Dsmr5Line,
            Dsmr22 => P1Meter.Dsmr22Line,
            _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "not a DSMR line"),
        };

        /// <summary>The line speed of a mode.</summary>
        public static int BaudOf(string mode) => mode == Dsmr22 ? 9600 : VirtualP1SerialPort.Dsmr5Baud;

        /// <summary>A decoder as the driver on that line has it: telegrams without a CRC taken only on a DSMR 2.2 line.</summary>
        public static P1TelegramDecoder DecoderFor(string mode) => new(acceptsNoCrc: LineOf(mode) == P1Meter.Dsmr22Line);

        public override ICaptureDecoder CreateDecoder(string mode, MeterIdentity identity) => new P1CaptureDecoder(mode, identity);

        public override ICaptureReplay CreateReplay(byte[] capture, string mode) => new P1CaptureReplay(capture, mode);
    }
}
