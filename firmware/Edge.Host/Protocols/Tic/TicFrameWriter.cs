using System;
using System.Collections.Generic;
using Edge.Drivers.Tic;

namespace Edge.Host.Protocols.Tic
{
    /// <summary>One group to write: label, data and, for horodated standard labels, the horodate.</summary>
    public readonly record struct TicField(string Label, string Value, string? Horodate = null);

    /// <summary>
    /// Writes TIC frames as a meter sends them (Enedis-NOI-CPT_54E section 6.2): STX, groups
    /// <c>LF label SEP [horodate SEP] data SEP checksum CR</c>, ETX, with the checksum of each mode.
    /// Used by the simulated meter and by tests that need frames the reference set does not have.
    /// </summary>
    public static class TicFrameWriter
    {
        public const byte Stx = 0x02;
        public const byte Etx = 0x03;
        public const byte Eot = 0x04;

        public static byte[] Frame(TicMode mode, IEnumerable<TicField> fields)
        {
            var bytes = new List<byte> { Stx };
            foreach (TicField field in fields)
            {
                bytes.AddRange(Group(mode, field));
            }

            bytes.Add(Etx);
            return bytes.ToArray();
        }

        public static byte[] Group(TicMode mode, TicField field)
        {
            if (mode == TicMode.Auto)
            {
                throw new ArgumentException("a meter writes in one mode", nameof(mode));
            }

            byte separator = mode == TicMode.Standard ? (byte)0x09 : (byte)0x20;
            var body = new List<byte>();
            Append(body, field.Label);
            body.Add(separator);
            if (field.Horodate is not null)
            {
                if (mode != TicMode.Standard)
                {
                    throw new ArgumentException("horodates exist in standard mode only", nameof(field));
                }

                Append(body, field.Horodate);
                body.Add(separator);
            }

            Append(body, field.Value);

            // Standard mode sums the separator before the checksum, historique does not.
            if (mode == TicMode.Standard)
            {
                body.Add(separator);
            }

            int sum = 0;
            foreach (byte b in body)
            {
                sum += b;
            }

            byte checksum = (byte)((sum & 0x3F) + 0x20);
            var group = new List<byte> { 0x0A };
            group.AddRange(body);
            if (mode == TicMode.Historique)
            {
                group.Add(separator);
            }

            group.Add(checksum);
            group.Add(0x0D);
            return group.ToArray();
        }

        /// <summary>Standard-mode horodate SAAMMJJhhmmss of a UTC instant, in French legal time (Europe/Paris rule).</summary>
        public static string Horodate(DateTime utc) =>
            (CentralEuropeanTime.IsSummerTime(utc) ? "E" : "H") + CentralEuropeanTime.ToLocal(utc).ToString("yyMMddHHmmss", System.Globalization.CultureInfo.InvariantCulture);

        private static void Append(List<byte> bytes, string text)
        {
            foreach (char c in text)
            {
                if (c > 0x7E)
                {
                    throw new ArgumentException($"TIC is 7-bit ASCII: '{c}' cannot be sent", nameof(text));
                }

                bytes.Add((byte)c);
            }
        }
    }
}
