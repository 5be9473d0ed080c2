#nullable disable
namespace Edge.Drivers.Tic
{
    /// <summary>
    /// A decoded group, as offsets into the decoder's group buffer: no string is made for it. Valid until the next
    /// byte is pushed into the decoder. Shape on the wire (Enedis-NOI-CPT_54E section 6.2.1):
    /// historique <c>LF label SP data SP checksum CR</c>, standard <c>LF label HT [horodate HT] data HT checksum CR</c>.
    /// </summary>
    public sealed class TicGroup
    {
        internal TicGroup(byte[] buffer)
        {
            Buffer = buffer;
        }

        /// <summary>The group's bytes (label first), 7-bit ASCII.</summary>
        public byte[] Buffer { get; private set; }

        /// <summary>Bytes of the group without its LF and CR.</summary>
        public int Length { get; internal set; }

        /// <summary>The mode the separator before the checksum gives (SP historique, HT standard), whatever mode the
        /// decoder was configured with.</summary>
        public TicMode Mode { get; internal set; }

        /// <summary>Bytes of the label, which starts at offset 0 of <see cref="Buffer"/>.</summary>
        public int LabelLength { get; internal set; }

        /// <summary>Start of the horodate (standard mode only), or -1 when the group has none.</summary>
        public int HorodateStart { get; internal set; }

        /// <summary>Bytes of the horodate (<see cref="TicHorodate.Length"/> once the label's form was checked); 0
        /// when the group has none.</summary>
        public int HorodateLength { get; internal set; }

        /// <summary>Offset of the data in <see cref="Buffer"/>, after the separator that follows the label (or the
        /// horodate).</summary>
        public int ValueStart { get; internal set; }

        /// <summary>Bytes of the data, up to the separator before the checksum; 0 for an empty value (DATE).</summary>
        public int ValueLength { get; internal set; }

        /// <summary>True when the value is one or more decimal digits and nothing else.</summary>
        public bool ValueIsDecimal { get; internal set; }

        /// <summary>The label's entry in the label table, or null if the label is unknown.</summary>
        public TicLabel Label { get; internal set; }

        /// <summary>True when the group carries a horodate field: standard mode only, for the labels the table
        /// marks horodated (DATE, SMAXSN, CCASN, UMOY1..., Enedis-NOI-CPT_54E section 6.2.3).</summary>
        public bool HasHorodate
        {
            get { return HorodateStart >= 0; }
        }

        /// <summary>True if the label bytes equal <paramref name="text"/> (ASCII).</summary>
        public bool LabelIs(string text)
        {
            return TicText.Equals(Buffer, 0, LabelLength, text);
        }

        /// <summary>The label as a string (allocates: for tools and tests, not the device's hot path).</summary>
        public string LabelText()
        {
            return TicText.ToString(Buffer, 0, LabelLength);
        }

        /// <summary>The value as a string (allocates: for tools and tests).</summary>
        public string ValueText()
        {
            return TicText.ToString(Buffer, ValueStart, ValueLength);
        }

        /// <summary>The horodate as a string, or null (allocates: for tools and tests).</summary>
        public string HorodateText()
        {
            return HasHorodate ? TicText.ToString(Buffer, HorodateStart, HorodateLength) : null;
        }
    }
}
