using System;
using Edge.Core.Platform;

namespace Edge.Host.Gateway
{
    /// <summary>
    /// Speed and character framing of a serial line ("1200 7E1"). The meter drivers choose their own when they open
    /// the line; `edge capture` takes the protocol's from <see cref="ForCapture"/>.
    /// </summary>
    public readonly record struct SerialLineSettings(int BaudRate, int DataBits, SerialParity Parity, int StopBits)
    {
        /// <summary>TIC historique: 1200 Bd, 7 data bits, even parity, 1 stop bit (Enedis-NOI-CPT_02E; Enedis-NOI-CPT_54E for Linky), as TicMeter opens it.</summary>
        public static SerialLineSettings TicHistorique { get; } = new(1200, 7, SerialParity.Even, 1);

        /// <summary>TIC standard: 9600 Bd, 7E1 (Enedis-NOI-CPT_54E), as TicMeter opens it.</summary>
        public static SerialLineSettings TicStandard { get; } = new(9600, 7, SerialParity.Even, 1);

        /// <summary>DSMR 5 P1: 115200 Bd, 8N1 (DSMR 5.0.2 P1 companion standard), P1Meter's default line.</summary>
        public static SerialLineSettings P1 { get; } = new(115200, 8, SerialParity.None, 1);

        /// <summary>The protocols `edge capture --protocol` takes, in the order its help lists them.</summary>
        public static readonly string[] CaptureProtocols = ["tic", "tic-standard", "p1"];

        /// <summary>The line settings of a `edge capture` protocol: tic (historique), tic-standard, p1.</summary>
        public static SerialLineSettings ForCapture(string protocol) => protocol switch
        {
            "tic" => TicHistorique,
            "tic-standard" => TicStandard,
            "p1" => P1,
            _ => throw new ArgumentOutOfRangeException(nameof(protocol), protocol, "expected tic, tic-standard or p1"),
        };

        /// <summary>Bits on the wire per character: start bit, data bits, parity bit if any, stop bits.</summary>
        public int BitsPerCharacter => 1 + DataBits + (Parity == SerialParity.None ? 0 : 1) + StopBits;

        public override string ToString() =>
            $"{BaudRate} {DataBits}{(Parity == SerialParity.None ? 'N' : Parity == SerialParity.Even ? 'E' : 'O')}{StopBits}";
    }
}
