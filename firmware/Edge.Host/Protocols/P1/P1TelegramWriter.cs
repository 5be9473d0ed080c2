using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using Edge.Drivers.P1;

namespace Edge.Host.Protocols.P1
{
    /// <summary>
    /// Writes DSMR P1 telegrams as a meter sends them (P1 Companion Standard 5.0.2): <c>/</c> and the meter's
    /// identification, an empty line, one COSEM object a line (<c>OBIS(value)(value)...</c>, CR LF after each),
    /// then <c>!</c> and the driver's CRC-16/ARC (<see cref="P1Crc"/>) of everything from <c>/</c> to <c>!</c> in four
    /// upper-case hex digits. Values are fixed-width decimals with their unit, as the standard's formats give them
    /// (F9(3) is nine digits, three after the point: <c>000004.426*kWh</c>). Used by the simulated meter and by tests
    /// that need telegrams the reference set does not have.
    /// </summary>
    public static class P1TelegramWriter
    {
        /// <summary>The whole telegram, CRC included.</summary>
        public static byte[] Telegram(string identification, IEnumerable<string> lines)
        {
            byte[] body = Body(identification, lines);
            string crc = P1Crc.Compute(body, 0, body.Length).ToString("X4", CultureInfo.InvariantCulture);
            byte[] telegram = new byte[body.Length + crc.Length + 2];
            body.CopyTo(telegram, 0);
            Encoding.ASCII.GetBytes(crc + "\r\n", 0, crc.Length + 2, telegram, body.Length);
            return telegram;
        }

        /// <summary>A DSMR 2.2 or 3.0 telegram: they end at <c>!</c>, with no CRC.</summary>
        public static byte[] TelegramWithoutCrc(string identification, IEnumerable<string> lines)
        {
            byte[] body = Body(identification, lines);
            byte[] telegram = new byte[body.Length + 2];
            body.CopyTo(telegram, 0);
            telegram[^2] = (byte)'\r';
            telegram[^1] = (byte)'\n';
            return telegram;
        }

        /// <summary>One line: the OBIS reference and each value in its parentheses.</summary>
        public static string Line(string obis, params string[] values) => obis + "(" + string.Join(")(", values) + ")";

        /// <summary>A fixed-point value of <paramref name="digits"/> digits, <paramref name="decimals"/> of them after
        /// the point, from the whole count of its last digit (4426 with 3 decimals is 4.426), and its unit (none
        /// when null): Fixed(4426, 9, 3, "kWh") is <c>000004.426*kWh</c>. A count too large for the width wraps, as a
        /// register does.</summary>
        public static string Fixed(long count, int digits, int decimals, string? unit)
        {
            long modulus = (long)Math.Pow(10, digits);
            string text = (((count % modulus) + modulus) % modulus).ToString(new string('0', digits), CultureInfo.InvariantCulture);
            if (decimals > 0)
            {
                text = text[..^decimals] + "." + text[^decimals..];
            }

            return unit is null ? text : text + "*" + unit;
        }

        /// <summary>A timestamp <c>YYMMDDhhmmssX</c> in the meter's legal time, X being S in summer time and W in winter
        /// time (the Dutch and Belgian meters keep Central European time).</summary>
        public static string Timestamp(DateTime utc) =>
            CentralEuropeanTime.ToLocal(utc).ToString("yyMMddHHmmss", CultureInfo.InvariantCulture) + (CentralEuropeanTime.IsSummerTime(utc) ? "S" : "W");

        /// <summary>An octet string as the telegram carries it (equipment identifiers): each byte of the ASCII text in two hex digits.</summary>
        public static string Octets(string text) => Convert.ToHexString(Encoding.ASCII.GetBytes(text));

        /// <summary>From <c>/</c> to <c>!</c> inclusive: what the CRC covers.</summary>
        private static byte[] Body(string identification, IEnumerable<string> lines)
        {
            var text = new StringBuilder();
            text.Append('/').Append(identification).Append("\r\n\r\n");
            foreach (string line in lines)
            {
                text.Append(line).Append("\r\n");
            }

            text.Append('!');
            foreach (char c in text.ToString())
            {
                if (c > 0x7E)
                {
                    throw new ArgumentException($"a P1 telegram is ASCII: '{c}' cannot be sent", nameof(lines));
                }
            }

            return Encoding.ASCII.GetBytes(text.ToString());
        }
    }
}
