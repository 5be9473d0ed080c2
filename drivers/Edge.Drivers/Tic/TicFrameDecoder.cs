#nullable disable
namespace Edge.Drivers.Tic
{
    /// <summary>
    /// Streaming TIC decoder: feed bytes as they come off the UART, a block at a time (<see cref="Decode"/>) or one
    /// by one (<see cref="Push"/>), and act on the events.
    /// <para>Frame: STX (0x02) groups ETX (0x03); EOT (0x04) interrupts a frame. Group: LF (0x0A) ... CR (0x0D),
    /// shaped <c>label SP data SP checksum</c> (historique) or <c>label HT [horodate HT] data HT checksum</c>
    /// (standard). The checksum is ((sum of the covered bytes) AND 0x3F) + 0x20 (Enedis-NOI-CPT_54E section 6.2.2):
    /// historique covers label SP data (not the SP before the checksum), standard covers everything up to and
    /// including the HT before the checksum. It can itself be a SPACE, so a group is read from its end: last byte
    /// the checksum, the byte before it the separator, which tells the mode.</para>
    /// <para>Resynchronisation is immediate: every LF starts a new group and every group carries its own checksum,
    /// so after garbage or a cut frame the next complete group is decoded. Tolerated on purpose: bit 7 set (a UART
    /// read as 8N1 leaves the even-parity bit there), a CR turned into LF by a terminal driver (an LF inside a
    /// group ends it as a CR would), extra line ends between groups (a capture through a tty), and groups outside
    /// STX/ETX (a capture that starts mid-frame).</para>
    /// <para>A frame is valid only if every byte between its STX and ETX belongs to a group that passed: a rejected
    /// group, or any other byte outside a group (<see cref="TicCounters.StrayBytes"/>: what is left of a group whose
    /// LF was damaged), makes it invalid, because the frame then lacks a group it carried. A group passes when its
    /// checksum and shape hold and its data fit its label (<see cref="TicLabel.Fits"/>).</para>
    /// <para>One pass per byte: while a group is read, its sum, the positions of its separators and of its last
    /// non-digit bytes are kept, so ending a group costs no second scan. Steady state allocates nothing.</para>
    /// </summary>
    public sealed class TicFrameDecoder
    {
        /// <summary>Longer than any group of either mode: PJOURF+1 and PPOINTE carry 98 data characters.</summary>
        public const int MaxGroupLength = 128;

        public const byte HT = 0x09;
        public const byte SP = 0x20;

        private const byte STX = 0x02;
        private const byte ETX = 0x03;
        private const byte EOT = 0x04;
        private const byte LF = 0x0A;
        private const byte CR = 0x0D;

        /// <summary>Smallest group: standard <c>L HT HT C</c> (an empty value, as DATE has).</summary>
        private const int MinimumLength = 4;

        private readonly byte[] _buffer = new byte[MaxGroupLength];
        private readonly byte[] _one = new byte[1];
        private readonly TicGroup _group;

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
        private bool _inGroup;
        private bool _overflow;

        private bool _inFrame;
        private bool _frameHadErrors;

        public TicFrameDecoder(TicMode mode)
        {
            ConfiguredMode = mode;
            _group = new TicGroup(_buffer);
            Counters = new TicCounters();
        }

        public TicMode ConfiguredMode { get; private set; }

        /// <summary>The mode of the last valid group; Auto until one was seen.</summary>
        public TicMode DetectedMode { get; private set; }

        public TicCounters Counters { get; private set; }

        /// <summary>The last valid group (after a <see cref="TicEvent.Group"/> event), valid until the next byte.</summary>
        public TicGroup Group
        {
            get { return _group; }
        }

        /// <summary>Why the last rejected group was rejected (after <see cref="TicEvent.GroupRejected"/>).</summary>
        public TicReject LastReject { get; private set; }

        /// <summary>After <see cref="TicEvent.FrameEnd"/>: true if the frame is complete and valid, every byte of it
        /// part of a group that passed (line ends aside), and no group of it invalidated by the interpreter.</summary>
        public bool FrameValid { get; private set; }

        /// <summary>Marks the current frame invalid: a group of it passed here but its value meant nothing to the
        /// interpreter (<see cref="TicCounters.BadValues"/>). No effect outside a frame.</summary>
        public void InvalidateFrame()
        {
            if (_inFrame)
            {
                _frameHadErrors = true;
            }
        }

        /// <summary>Forgets any partial group or frame (the line was re-opened at another speed).</summary>
        public void Reset()
        {
            _inGroup = false;
            _inFrame = false;
            _overflow = false;
            _length = 0;
        }

        /// <summary>Decodes one byte.</summary>
        public TicEvent Push(byte received)
        {
            _one[0] = received;
            int consumed;
            return Decode(_one, 0, 1, out consumed);
        }

        /// <summary>
        /// Decodes bytes from <paramref name="buffer"/> until the first event: returns it with the number of bytes
        /// consumed (the byte that completed the event included), or <see cref="TicEvent.None"/> when all
        /// <paramref name="count"/> bytes were consumed without one. Call again with the rest of the buffer.
        /// </summary>
        public TicEvent Decode(byte[] buffer, int offset, int count, out int consumed)
        {
            int i = offset;
            int end = offset + count;
            byte[] g = _buffer;
            while (i < end)
            {
                if (_inGroup)
                {
                    // The common case, the bytes of a group: copy them, keep the sum and note the separators, in a
                    // tight loop over locals; only a control byte (LF, CR, STX...) leaves it.
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
                    if (i == end)
                    {
                        break;
                    }
                }

                TicEvent e = Control(buffer[i++] & 0x7F);
                if (e != TicEvent.None)
                {
                    consumed = i - offset;
                    return e;
                }
            }

            consumed = count;
            return TicEvent.None;
        }

        /// <summary>Framing bytes, other control characters, and any byte outside a group.</summary>
        private TicEvent Control(int b)
        {
            switch (b)
            {
                case LF:
                    TicEvent ended = TicEvent.None;
                    if (_inGroup && (_length > 0 || _overflow))
                    {
                        ended = EndGroup();
                    }

                    StartGroup();
                    return ended;

                case CR:
                    if (!_inGroup)
                    {
                        return TicEvent.None;
                    }

                    _inGroup = false;
                    return _length > 0 || _overflow ? EndGroup() : TicEvent.None;

                case STX:
                    if (_inGroup && _length > 0)
                    {
                        // The frame event wins; the cut group is only counted.
                        Reject(TicReject.Framing);
                        Counters.GroupsCut++;
                    }

                    if (_inFrame)
                    {
                        Counters.FramesCut++;
                    }

                    _inGroup = false;
                    _inFrame = true;
                    _frameHadErrors = false;
                    Counters.Frames++;
                    return TicEvent.FrameStart;

                case ETX:
                    if (_inGroup && _length > 0)
                    {
                        Reject(TicReject.Framing);
                        Counters.GroupsCut++;
                        if (_inFrame)
                        {
                            Counters.FramesCut++;
                        }
                    }

                    _inGroup = false;
                    if (!_inFrame)
                    {
                        return TicEvent.None;
                    }

                    _inFrame = false;
                    FrameValid = !_frameHadErrors;
                    if (FrameValid)
                    {
                        Counters.FramesValid++;
                    }

                    return TicEvent.FrameEnd;

                case EOT:
                    _inGroup = false;
                    if (!_inFrame)
                    {
                        return TicEvent.None;
                    }

                    _inFrame = false;
                    Counters.FramesAborted++;
                    return TicEvent.FrameAborted;

                default:
                    // Another control character inside a group: no TIC group contains one.
                    if (_inGroup)
                    {
                        _badByte = true;
                        if (_length < MaxGroupLength)
                        {
                            _buffer[_length++] = (byte)b;
                            _sum += b;
                        }
                        else
                        {
                            _overflow = true;
                        }
                    }
                    else if (_inFrame)
                    {
                        // A byte of the frame outside any group: the rest of a group whose LF was lost or damaged,
                        // so the frame is missing a group it seemed to carry.
                        Counters.StrayBytes++;
                        _frameHadErrors = true;
                    }

                    return TicEvent.None;
            }
        }

        private void StartGroup()
        {
            // _firstHt and _secondHt are read only once _htCount says they were set.
            _inGroup = true;
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

        private TicEvent EndGroup()
        {
            if (_overflow)
            {
                _overflow = false;
                return Reject(TicReject.Overflow);
            }

            TicReject reject = Parse();
            if (reject != TicReject.None)
            {
                return Reject(reject);
            }

            TicLabel label = TicLabels.Find(_buffer, 0, _group.LabelLength);
            if (label != null && !label.IsIn(_group.Mode))
            {
                label = null;
            }

            if (label != null && !label.Fits(_group))
            {
                return Reject(TicReject.Value);
            }

            DetectedMode = _group.Mode;
            Counters.GroupsValid++;
            _group.Label = label;
            if (label == null)
            {
                Counters.UnknownLabels++;
            }

            return TicEvent.Group;
        }

        /// <summary>Checks the group read into the buffer and records its fields; uses the sum and separator
        /// positions gathered while reading, so nothing is scanned twice.</summary>
        private TicReject Parse()
        {
            byte[] g = _buffer;
            int n = _length;
            TicGroup group = _group;
            group.Length = n;
            group.Label = null;
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
                covered = _sum - checksum;
            }
            else if (separator == SP)
            {
                mode = TicMode.Historique;
                covered = _sum - checksum - SP;
            }
            else
            {
                return TicReject.Framing;
            }

            if (((covered & 0x3F) + 0x20) != checksum)
            {
                return TicReject.Checksum;
            }

            if ((ConfiguredMode != TicMode.Auto && ConfiguredMode != mode) || _badByte)
            {
                return TicReject.Framing;
            }

            group.Mode = mode;
            int bodyEnd = n - 2;
            if (mode == TicMode.Historique)
            {
                // label SP data: no HT anywhere, a label, then at least one data character.
                if (_htCount != 0 || _firstSp <= 0 || _firstSp >= bodyEnd - 1)
                {
                    return TicReject.Framing;
                }

                group.LabelLength = _firstSp;
                group.HorodateStart = -1;
                group.HorodateLength = 0;
                group.ValueStart = _firstSp + 1;
                group.ValueLength = bodyEnd - _firstSp - 1;
                group.ValueIsDecimal = ValueIsDecimal(group.ValueStart);
                return TicReject.None;
            }

            // Standard: the HT before the checksum is the last one; before it come one (label HT data) or two
            // (label HT horodate HT data) more. A space cannot be part of a label.
            int bodySeparators = _htCount - 1;
            if (bodySeparators < 1 || bodySeparators > 2 || _firstHt <= 0 || (_firstSp >= 0 && _firstSp < _firstHt))
            {
                return TicReject.Framing;
            }

            group.LabelLength = _firstHt;
            if (bodySeparators == 1)
            {
                group.HorodateStart = -1;
                group.HorodateLength = 0;
                group.ValueStart = _firstHt + 1;
            }
            else
            {
                if (_secondHt == _firstHt + 1)
                {
                    return TicReject.Framing;
                }

                group.HorodateStart = _firstHt + 1;
                group.HorodateLength = _secondHt - _firstHt - 1;
                group.ValueStart = _secondHt + 1;
            }

            group.ValueLength = bodyEnd - group.ValueStart;
            group.ValueIsDecimal = ValueIsDecimal(group.ValueStart);
            return TicReject.None;
        }

        /// <summary>
        /// True if every byte from <paramref name="valueStart"/> to the separator before the checksum is a digit
        /// (and there is at least one). The separator before the checksum is the last separator seen, or the one
        /// before it when the checksum is itself a SPACE.
        /// </summary>
        private bool ValueIsDecimal(int valueStart)
        {
            int lastNonDigitInBody = _buffer[_length - 1] == SP ? _nonDigitBeforePreviousSeparator : _nonDigitBeforeLastSeparator;
            return lastNonDigitInBody < valueStart && valueStart < _length - 2;
        }

        private TicEvent Reject(TicReject reason)
        {
            LastReject = reason;
            _frameHadErrors = true;
            switch (reason)
            {
                case TicReject.Checksum:
                    Counters.RejectedChecksum++;
                    break;
                case TicReject.Overflow:
                    Counters.RejectedOverflow++;
                    break;
                case TicReject.Value:
                    Counters.RejectedValue++;
                    break;
                default:
                    Counters.RejectedFraming++;
                    break;
            }

            return TicEvent.GroupRejected;
        }
    }
}
