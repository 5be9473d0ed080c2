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

        public TicMode Mode { get; internal set; }

        public int LabelLength { get; internal set; }

        /// <summary>Start of the horodate (standard mode only), or -1 when the group has none.</summary>
        public int HorodateStart { get; internal set; }

        public int HorodateLength { get; internal set; }

        public int ValueStart { get; internal set; }

        public int ValueLength { get; internal set; }

        /// <summary>True when the value is one or more decimal digits and nothing else.</summary>
        public bool ValueIsDecimal { get; internal set; }

        /// <summary>The label's entry in the label table, or null if the label is unknown.</summary>
        public TicLabel Label { get; internal set; }

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
