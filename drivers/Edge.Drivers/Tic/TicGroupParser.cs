#nullable disable
namespace Edge.Drivers.Tic
{
    /// <summary>
    /// Checks and splits one group (the bytes between LF and CR). The checksum is
    /// ((sum of the covered bytes) AND 0x3F) + 0x20 (Enedis-NOI-CPT_54E section 6.2.2):
    /// historique covers <c>label SP data</c> (not the SP before the checksum), standard covers
    /// <c>label HT [horodate HT] data HT</c> (the HT before the checksum included).
    /// The group is read from its end: the last byte is the checksum and may itself be a SPACE, so the byte before
    /// it is the separator that tells the mode.
    /// </summary>
    public static class TicGroupParser
    {
        public const byte HT = 0x09;
        public const byte SP = 0x20;

        /// <summary>Smallest group: standard <c>L HT HT C</c> (an empty value, as DATE has).</summary>
        private const int MinimumLength = 4;

        /// <summary>Parses <paramref name="length"/> bytes of <paramref name="group"/>'s buffer into it.</summary>
        public static TicReject Parse(TicGroup group, int length, TicMode configuredMode)
        {
            byte[] g = group.Buffer;
            group.Length = length;
            group.Label = null;
            if (length < MinimumLength)
            {
                return TicReject.Framing;
            }

            byte checksum = g[length - 1];
            byte separator = g[length - 2];
            TicMode mode;
            int coveredEnd;
            if (separator == HT)
            {
                mode = TicMode.Standard;
                coveredEnd = length - 1;
            }
            else if (separator == SP)
            {
                mode = TicMode.Historique;
                coveredEnd = length - 2;
            }
            else
            {
                return TicReject.Framing;
            }

            int sum = 0;
            for (int i = 0; i < coveredEnd; i++)
            {
                sum += g[i];
            }

            if (((sum & 0x3F) + 0x20) != checksum)
            {
                return TicReject.Checksum;
            }

            if (configuredMode != TicMode.Auto && configuredMode != mode)
            {
                return TicReject.Framing;
            }

            group.Mode = mode;
            int bodyEnd = length - 2;
            return mode == TicMode.Standard ? SplitStandard(group, bodyEnd) : SplitHistorique(group, bodyEnd);
        }

        private static TicReject SplitHistorique(TicGroup group, int bodyEnd)
        {
            byte[] g = group.Buffer;
            int labelEnd = IndexOf(g, 0, bodyEnd, SP);
            if (labelEnd <= 0 || labelEnd == bodyEnd - 1)
            {
                return TicReject.Framing;
            }

            if (!IsLabel(g, 0, labelEnd) || !IsValue(g, labelEnd + 1, bodyEnd))
            {
                return TicReject.Framing;
            }

            group.LabelLength = labelEnd;
            group.HorodateStart = -1;
            group.HorodateLength = 0;
            group.ValueStart = labelEnd + 1;
            group.ValueLength = bodyEnd - labelEnd - 1;
            return TicReject.None;
        }

        private static TicReject SplitStandard(TicGroup group, int bodyEnd)
        {
            byte[] g = group.Buffer;
            int labelEnd = IndexOf(g, 0, bodyEnd, HT);
            if (labelEnd <= 0 || !IsLabel(g, 0, labelEnd))
            {
                return TicReject.Framing;
            }

            int second = IndexOf(g, labelEnd + 1, bodyEnd, HT);
            group.LabelLength = labelEnd;
            if (second < 0)
            {
                group.HorodateStart = -1;
                group.HorodateLength = 0;
                group.ValueStart = labelEnd + 1;
            }
            else
            {
                if (IndexOf(g, second + 1, bodyEnd, HT) >= 0 || second == labelEnd + 1)
                {
                    // More than label, horodate and value, or an empty horodate: not a standard group.
                    return TicReject.Framing;
                }

                group.HorodateStart = labelEnd + 1;
                group.HorodateLength = second - labelEnd - 1;
                group.ValueStart = second + 1;
            }

            group.ValueLength = bodyEnd - group.ValueStart;
            if (!IsValue(g, group.ValueStart, bodyEnd) || (group.HorodateStart >= 0 && !IsValue(g, group.HorodateStart, second)))
            {
                return TicReject.Framing;
            }

            return TicReject.None;
        }

        private static int IndexOf(byte[] g, int from, int to, byte b)
        {
            for (int i = from; i < to; i++)
            {
                if (g[i] == b)
                {
                    return i;
                }
            }

            return -1;
        }

        /// <summary>Labels are printable ASCII without spaces: letters, digits, '+' and '-' ("SMAXSN-1", "NJOURF+1").</summary>
        private static bool IsLabel(byte[] g, int from, int to)
        {
            for (int i = from; i < to; i++)
            {
                if (g[i] <= SP || g[i] > 0x7E)
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>Data are printable ASCII, spaces included (standard MSG1 and NGTF are space-padded).</summary>
        private static bool IsValue(byte[] g, int from, int to)
        {
            for (int i = from; i < to; i++)
            {
                if (g[i] < SP || g[i] > 0x7E)
                {
                    return false;
                }
            }

            return true;
        }
    }
}
