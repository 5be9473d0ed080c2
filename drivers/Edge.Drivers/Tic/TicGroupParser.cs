#nullable disable
namespace Edge.Drivers.Tic
{
    /// <summary>
    /// Checks a group once it has ended, shape, checksum, label and value in one routine, and records its fields
    /// (label, horodate, value, number) in a <see cref="TicGroup"/>, from what <see cref="TicGroupScanner"/> noted
    /// while reading it, so nothing is scanned twice. Runs once per group, off the per-byte path.
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
        /// Checks the group <paramref name="scan"/> gathered, in one pass over what the scanner noted: checksum,
        /// separators, mode against <paramref name="configuredMode"/>, no bad byte, then the label and whether the
        /// data fit it. Records the group's length, mode, fields, label (null when unknown) and number in
        /// <paramref name="group"/>; returns <see cref="TicReject.None"/> if the group passes, else why not
        /// (<see cref="TicReject.Checksum"/>, <see cref="TicReject.Framing"/> or <see cref="TicReject.Value"/>).
        /// Does not look at <see cref="TicGroupScanner.Overflow"/>.
        /// <para>The scanner's and the group's fields are read once, into locals: this runs once per group, and on
        /// the interpreter every field load and call is paid.</para>
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

            // Read from the end, since the checksum may itself be a SPACE: the byte before it tells the mode.
            int checksum = g[n - 1];
            int separator = g[n - 2];
            int covered = scan.Sum - checksum;
            TicMode mode;
            if (separator == HT)
            {
                // Standard: the HT before the checksum is covered (section 6.2.2).
                mode = TicMode.Standard;
            }
            else if (separator == SP)
            {
                // Historique: the SP before the checksum is not covered (section 6.2.2).
                mode = TicMode.Historique;
                covered -= SP;
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
            int labelLength;
            int valueStart;
            int horodateStart = -1;
            int modeBit;
            if (mode == TicMode.Historique)
            {
                // label SP data: no HT anywhere, a label, then at least one data character (section 6.2.1).
                if (scan.TabCount != 0 || firstSp <= 0 || firstSp >= bodyEnd - 1)
                {
                    return TicReject.Framing;
                }

                labelLength = firstSp;
                valueStart = firstSp + 1;
                group.HorodateLengthField = 0;
                modeBit = TicLabel.InHistorique;
            }
            else
            {
                // Standard: the HT before the checksum is the last one; before it come one (label HT data) or two
                // (label HT horodate HT data) more. A space cannot be part of a label (section 6.2.1).
                int bodySeparators = scan.TabCount - 1;
                labelLength = scan.FirstTab;
                if (bodySeparators < 1 || bodySeparators > 2 || labelLength <= 0 || (firstSp >= 0 && firstSp < labelLength))
                {
                    return TicReject.Framing;
                }

                if (bodySeparators == 1)
                {
                    group.HorodateLengthField = 0;
                    valueStart = labelLength + 1;
                }
                else
                {
                    int secondHt = scan.SecondTab;
                    if (secondHt == labelLength + 1)
                    {
                        return TicReject.Framing;
                    }

                    horodateStart = labelLength + 1;
                    group.HorodateLengthField = secondHt - horodateStart;
                    valueStart = secondHt + 1;
                }

                modeBit = TicLabel.InStandard;
            }

            int valueLength = bodyEnd - valueStart;
            group.LabelLengthField = labelLength;
            group.HorodateStartField = horodateStart;
            group.ValueStartField = valueStart;
            group.ValueLengthField = valueLength;

            // The scanner looked the label up at the group's first separator, which is where a well-formed group's
            // label ends; a label of the other mode's table is an unknown label here (its data need not have this
            // mode's form).
            bool scanned = scan.LabelEnd == labelLength;
            TicLabel label = scanned ? scan.Label : TicLabels.Find(g, 0, labelLength);
            if (label == null || (label.Modes & modeBit) == 0)
            {
                return TicReject.None;
            }

            int numberEnd = scan.NumberEnd;
            if (scanned && numberEnd >= 0 && valueStart == labelLength + 1 && valueStart + valueLength == numberEnd)
            {
                // The value is exactly the digits the scanner read right after the label (no horodate before it),
                // as many as the label has: what Fits would check and read again.
                group.Number = scan.Number;
            }
            else if (!label.Fits(group))
            {
                return TicReject.Value;
            }

            group.LabelField = label;
            return TicReject.None;
        }
    }
}
