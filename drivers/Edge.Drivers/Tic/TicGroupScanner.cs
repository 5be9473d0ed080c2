#nullable disable
namespace Edge.Drivers.Tic
{
    /// <summary>
    /// Gathers the bytes of the group being read, in one pass as they arrive: it copies them and keeps their sum,
    /// the positions of the separators and of the last non-digit bytes, so that checking the group at its end
    /// (<see cref="TicGroupParser"/>) costs no second scan. The buffer is allocated once; gathering allocates nothing.
    /// <para><see cref="Scan"/> is the decoder's per-byte hot path, which on the nanoFramework interpreter (no JIT)
    /// pays for every call, field load and array access per byte: the loop works on locals and calls nothing.</para>
    /// </summary>
    public sealed class TicGroupScanner
    {
        private const byte HT = TicFrameDecoder.HT;
        private const byte SP = TicFrameDecoder.SP;

        private readonly byte[] _buffer = new byte[TicFrameDecoder.MaxGroupLength];

        // The group being read: its length, byte sum, separators seen and whether a byte is not printable.
        private int _length;
        private int _sum;
        private int _firstSp;
        private int _firstHt;
        private int _secondHt;
        private int _htCount;
        private bool _badByte;

        // Positions of the last non-digit byte, and of the last non-digit before each of the last two separators.
        private int _lastNonDigit;
        private int _nonDigitBeforeLastSeparator;
        private int _nonDigitBeforePreviousSeparator;
        private bool _overflow;

        /// <summary>The group's bytes, 7-bit (bit 7 cleared), label first, without its LF and CR; the first
        /// <see cref="Length"/> of them are the group's. <see cref="TicFrameDecoder.MaxGroupLength"/> long.</summary>
        public byte[] Buffer
        {
            get { return _buffer; }
        }

        /// <summary>Bytes gathered so far, at most <see cref="TicFrameDecoder.MaxGroupLength"/>.</summary>
        public int Length
        {
            get { return _length; }
        }

        /// <summary>True if the group had more bytes than the buffer holds: the bytes beyond it were dropped, so the
        /// group is no TIC group (a lost CR or LF joined it to the next).</summary>
        public bool Overflow
        {
            get { return _overflow; }
        }

        /// <summary>Sum of the bytes gathered (bit 7 cleared), for the checksum.</summary>
        public int Sum
        {
            get { return _sum; }
        }

        /// <summary>Position of the group's first SPACE, or -1 if it has none.</summary>
        public int FirstSpace
        {
            get { return _firstSp; }
        }

        /// <summary>Number of HT (0x09) bytes in the group.</summary>
        public int TabCount
        {
            get { return _htCount; }
        }

        /// <summary>Position of the group's first HT; meaningful only when <see cref="TabCount"/> is at least 1.</summary>
        public int FirstTab
        {
            get { return _firstHt; }
        }

        /// <summary>Position of the group's second HT; meaningful only when <see cref="TabCount"/> is at least 2.</summary>
        public int SecondTab
        {
            get { return _secondHt; }
        }

        /// <summary>True if the group holds a byte no TIC group contains: DEL (0x7F) or a control character other
        /// than HT.</summary>
        public bool HasBadByte
        {
            get { return _badByte; }
        }

        /// <summary>
        /// Position of the last non-digit byte before the separator that precedes the checksum, or -1 if there is
        /// none; a value starting after it is all digits. That separator is the last one gathered, or the one before
        /// it when the checksum is itself a SPACE. Meaningful only for a group of at least one byte.
        /// </summary>
        public int LastNonDigitInBody
        {
            get { return _buffer[_length - 1] == SP ? _nonDigitBeforePreviousSeparator : _nonDigitBeforeLastSeparator; }
        }

        /// <summary>Forgets what was gathered, for a group that starts (its LF) or a line re-opened.</summary>
        public void Clear()
        {
            // _firstHt and _secondHt are read only once _htCount says they were set.
            _length = 0;
            _sum = 0;
            _firstSp = -1;
            _htCount = 0;
            _badByte = false;
            _overflow = false;
            _lastNonDigit = -1;
            _nonDigitBeforeLastSeparator = -1;
            _nonDigitBeforePreviousSeparator = -1;
        }

        /// <summary>
        /// Gathers the bytes of <paramref name="buffer"/> from <paramref name="start"/> up to the first control byte
        /// other than HT (LF, CR, STX...), which it leaves for the decoder, or up to <paramref name="end"/>; returns
        /// the position where it stopped.
        /// </summary>
        public int Scan(byte[] buffer, int start, int end)
        {
            // Everything the loop touches per byte is a local; only the rare separators and bad bytes are stored.
            byte[] g = _buffer;
            int i = start;
            int length = _length;
            int sum = _sum;
            int firstSp = _firstSp;
            int htCount = _htCount;
            int lastNonDigit = _lastNonDigit;
            int beforeLast = _nonDigitBeforeLastSeparator;
            int beforePrevious = _nonDigitBeforePreviousSeparator;
            while (i < end)
            {
                int b = buffer[i] & 0x7F;
                if ((uint)(b - '0') > 9)
                {
                    if (b <= SP)
                    {
                        if (b == SP)
                        {
                            if (firstSp < 0)
                            {
                                firstSp = length;
                            }
                        }
                        else if (b == HT)
                        {
                            if (htCount == 0)
                            {
                                _firstHt = length;
                            }
                            else if (htCount == 1)
                            {
                                _secondHt = length;
                            }

                            htCount++;
                        }
                        else
                        {
                            break;
                        }

                        // The last non-digit before each of the last two separators: one of them is the
                        // separator before the checksum, so the value's digits need no second look.
                        beforePrevious = beforeLast;
                        beforeLast = lastNonDigit;
                    }
                    else if (b == 0x7F)
                    {
                        _badByte = true;
                    }

                    lastNonDigit = length;
                }

                // Compared with the array's own length so that the JIT drops its bounds check.
                if ((uint)length < (uint)g.Length)
                {
                    g[length++] = (byte)b;
                    sum += b;
                }
                else
                {
                    _overflow = true;
                }

                i++;
            }

            _length = length;
            _sum = sum;
            _firstSp = firstSp;
            _htCount = htCount;
            _lastNonDigit = lastNonDigit;
            _nonDigitBeforeLastSeparator = beforeLast;
            _nonDigitBeforePreviousSeparator = beforePrevious;
            return i;
        }

        /// <summary>Gathers a control character met inside the group (bit 7 cleared): no TIC group contains one, so
        /// the group is marked bad; it still counts in the length and the sum, as on the wire.</summary>
        public void AddControl(int b)
        {
            _badByte = true;
            if (_length < TicFrameDecoder.MaxGroupLength)
            {
                _buffer[_length++] = (byte)b;
                _sum += b;
            }
            else
            {
                _overflow = true;
            }
        }
    }
}
