#nullable disable
namespace Edge.Drivers.Tic
{
    /// <summary>
    /// Checks the shape of a group once it has ended and records its fields (label, horodate, value) in a
    /// <see cref="TicGroup"/>, from what <see cref="TicGroupScanner"/> gathered while reading it, so nothing is
    /// scanned twice. Runs once per group, off the per-byte path.
    /// <para>Shape (Enedis-NOI-CPT_54E section 6.2.1): <c>label SP data SP checksum</c> (historique) or
    /// <c>label HT [horodate HT] data HT checksum</c> (standard). The checksum is ((sum of the covered bytes) AND
    /// 0x3F) + 0x20 (section 6.2.2): historique covers label SP data (not the SP before the checksum), standard
    /// covers everything up to and including the HT before the checksum. It can itself be a SPACE, so a group is
    /// read from its end: last byte the checksum, the byte before it the separator, which tells the mode.</para>
    /// <para>An internal part of <see cref="TicFrameDecoder"/>, like the scanner: it reads the scanner's fields and
    /// writes the group's directly, as each property access would be a call on the nanoFramework interpreter.</para>
    /// </summary>
    internal static class TicGroupParser
    {
        /// <summary>Smallest group: standard <c>L HT HT C</c> (an empty value, as DATE has).</summary>
        private const int MinimumLength = 4;

        private const byte HT = TicFrameDecoder.HT;
        private const byte SP = TicFrameDecoder.SP;

        /// <summary>
        /// Checks the group <paramref name="scan"/> gathered (checksum, separators, mode against
        /// <paramref name="configuredMode"/>, no bad byte) and records its length, mode and fields in
        /// <paramref name="group"/>, whose label it clears; returns <see cref="TicReject.None"/> if the group is
        /// well formed, else why not (<see cref="TicReject.Checksum"/> or <see cref="TicReject.Framing"/>). Does not
        /// look at <see cref="TicGroupScanner.Overflow"/>, nor at whether the data fit the label.
        /// </summary>
        internal static TicReject Parse(TicGroupScanner scan, TicMode configuredMode, TicGroup group)
        {
            byte[] g = scan.Buffer;
            int n = scan.Length;
            group.LengthField = n;
            group.LabelField = null;
            if (n < MinimumLength)
            {
                return TicReject.Framing;
            }

            int checksum = g[n - 1];
            int separator = g[n - 2];
            int covered;
            TicMode mode;
            if (separator == HT)
            {
                mode = TicMode.Standard;
                covered = scan.Sum - checksum;
            }
            else if (separator == SP)
            {
                mode = TicMode.Historique;
                covered = scan.Sum - checksum - SP;
            }
            else
            {
                return TicReject.Framing;
            }

            if (((covered & 0x3F) + 0x20) != checksum)
            {
                return TicReject.Checksum;
            }

            if ((configuredMode != TicMode.Auto && configuredMode != mode) || scan.HasBadByte)
            {
                return TicReject.Framing;
            }

            group.ModeField = mode;
            int bodyEnd = n - 2;
            int firstSp = scan.FirstSpace;
            int htCount = scan.TabCount;
            if (mode == TicMode.Historique)
            {
                // label SP data: no HT anywhere, a label, then at least one data character.
                if (htCount != 0 || firstSp <= 0 || firstSp >= bodyEnd - 1)
                {
                    return TicReject.Framing;
                }

                group.LabelLengthField = firstSp;
                group.HorodateStartField = -1;
                group.HorodateLengthField = 0;
                group.ValueStartField = firstSp + 1;
                group.ValueLengthField = bodyEnd - firstSp - 1;
                return TicReject.None;
            }

            // Standard: the HT before the checksum is the last one; before it come one (label HT data) or two
            // (label HT horodate HT data) more. A space cannot be part of a label.
            int bodySeparators = htCount - 1;
            int firstHt = scan.FirstTab;
            if (bodySeparators < 1 || bodySeparators > 2 || firstHt <= 0 || (firstSp >= 0 && firstSp < firstHt))
            {
                return TicReject.Framing;
            }

            group.LabelLengthField = firstHt;
            int valueStart;
            if (bodySeparators == 1)
            {
                group.HorodateStartField = -1;
                group.HorodateLengthField = 0;
                valueStart = firstHt + 1;
            }
            else
            {
                int secondHt = scan.SecondTab;
                if (secondHt == firstHt + 1)
                {
                    return TicReject.Framing;
                }

                group.HorodateStartField = firstHt + 1;
                group.HorodateLengthField = secondHt - firstHt - 1;
                valueStart = secondHt + 1;
            }

            group.ValueStartField = valueStart;
            group.ValueLengthField = bodyEnd - valueStart;
            return TicReject.None;
        }
    }
}
