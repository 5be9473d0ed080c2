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
        // The group's fields, written by TicFrameDecoder at the group's end (and the number by TicLabel.Fits) and read by the decoder,
        // TicLabel.Fits and the interpreter directly, once per group: on the nanoFramework interpreter every
        // property access is a method call. Everyone else reads them through the properties below.
        internal readonly byte[] BufferField;
        internal int LengthField;
        internal TicMode ModeField;
        internal int LabelLengthField;
        internal int HorodateStartField;
        internal int HorodateLengthField;
        internal int ValueStartField;
        internal int ValueLengthField;
        internal TicLabel LabelField;

        // The value as a number, set by TicLabel.Fits when it finds the value of a numeric label all digits: the
        // interpreter takes it from here instead of parsing the digits a second time. The decoder sets LabelField
        // only once Fits passed, so a group with a numeric label always has its number here.
        internal long Number;

        internal TicGroup(byte[] buffer)
        {
            BufferField = buffer;
        }

        /// <summary>The group's bytes (label first), 7-bit ASCII.</summary>
        public byte[] Buffer
        {
            get { return BufferField; }
        }

        /// <summary>Bytes of the group without its LF and CR.</summary>
        public int Length
        {
            get { return LengthField; }
        }

        /// <summary>The mode the separator before the checksum gives (SP historique, HT standard), whatever mode the
        /// decoder was configured with.</summary>
        public TicMode Mode
        {
            get { return ModeField; }
        }

        /// <summary>Bytes of the label, which starts at offset 0 of <see cref="Buffer"/>.</summary>
        public int LabelLength
        {
            get { return LabelLengthField; }
        }

        /// <summary>Start of the horodate (standard mode only), or -1 when the group has none.</summary>
        public int HorodateStart
        {
            get { return HorodateStartField; }
        }

        /// <summary>Bytes of the horodate (<see cref="TicHorodate.Length"/> once the label's form was checked); 0
        /// when the group has none.</summary>
        public int HorodateLength
        {
            get { return HorodateLengthField; }
        }

        /// <summary>Offset of the data in <see cref="Buffer"/>, after the separator that follows the label (or the
        /// horodate).</summary>
        public int ValueStart
        {
            get { return ValueStartField; }
        }

        /// <summary>Bytes of the data, up to the separator before the checksum; 0 for an empty value (DATE).</summary>
        public int ValueLength
        {
            get { return ValueLengthField; }
        }

        /// <summary>True when the value is one or more decimal digits and nothing else.</summary>
        public bool ValueIsDecimal
        {
            get
            {
                // Judged here when asked, not per byte while the group is read: only numeric labels need it, and
                // TicLabel.Fits checks their digits itself.
                int end = ValueStartField + ValueLengthField;
                for (int i = ValueStartField; i < end; i++)
                {
                    if ((uint)(BufferField[i] - '0') > 9)
                    {
                        return false;
                    }
                }

                return ValueLengthField > 0;
            }
        }

        /// <summary>The label's entry in the label table, or null if the label is unknown.</summary>
        public TicLabel Label
        {
            get { return LabelField; }
        }

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
