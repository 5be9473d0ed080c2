#nullable disable
namespace Edge.Drivers.Tic
{
    /// <summary>
    /// Streaming TIC decoder: feed bytes as they come off the UART, a block at a time (<see cref="Decode"/>) or one
    /// by one (<see cref="Push"/>), and act on the events. It follows the frames and the group boundaries; the bytes
    /// of a group are gathered by <see cref="TicGroupScanner"/> and checked at the group's end (its shape and
    /// checksum, then its label and value) by the decoder itself.
    /// <para>Frame: STX (0x02) groups ETX (0x03); EOT (0x04) interrupts a frame. Group: LF (0x0A) ... CR (0x0D),
    /// shaped <c>label SP data SP checksum</c> (historique) or <c>label HT [horodate HT] data HT checksum</c>
    /// (standard) (Enedis-NOI-CPT_54E section 6.2).</para>
    /// <para>Resynchronisation is immediate: every LF starts a new group and every group carries its own checksum,
    /// so after garbage or a cut frame the next complete group is decoded. Tolerated on purpose: bit 7 set (a UART
    /// read as 8N1 leaves the even-parity bit there), a CR turned into LF by a terminal driver (an LF inside a
    /// group ends it as a CR would), extra line ends between groups (a capture through a tty), and groups outside
    /// STX/ETX (a capture that starts mid-frame).</para>
    /// <para>A frame is valid only if every byte between its STX and ETX belongs to a group that passed: a rejected
    /// group, or any other byte outside a group (<see cref="TicCounters.StrayBytes"/>: what is left of a group whose
    /// LF was damaged), makes it invalid, because the frame then lacks a group it carried. A group passes when its
    /// checksum and shape hold and its data fit its label (<see cref="TicLabel.Fits"/>).</para>
    /// <para>One pass per byte, and ending a group costs no second scan (<see cref="TicGroupScanner"/>). Steady state
    /// allocates nothing. The state read for every group is kept in fields rather than behind properties, and the
    /// line ends (CR, LF: two per group) are handled in <see cref="Decode"/> itself: on the nanoFramework
    /// interpreter each property access and call is paid per group.</para>
    /// </summary>
    public sealed class TicFrameDecoder
    {
        /// <summary>Longer than any group of either mode: PJOURF+1 and PPOINTE carry 98 data characters.</summary>
        public const int MaxGroupLength = 128;

        /// <summary>Horizontal tab, the separator of a standard-mode group (Enedis-NOI-CPT_54E section 6.2.1).</summary>
        public const byte HT = 0x09;

        /// <summary>Space, the separator of a historique-mode group (Enedis-NOI-CPT_54E section 6.2.1).</summary>
        public const byte SP = 0x20;

        private const byte STX = 0x02;
        private const byte ETX = 0x03;
        private const byte EOT = 0x04;
        private const byte LF = 0x0A;
        private const byte CR = 0x0D;

        /// <summary>Smallest group: standard <c>L HT HT C</c> (an empty value, as DATE has).</summary>
        private const int MinimumLength = 4;

        private readonly TicGroupScanner _scanner = new TicGroupScanner();
        private readonly byte[] _one = new byte[1];
        private readonly TicGroup _group;
        private readonly TicMode _configuredMode;
        private readonly TicCounters _counters;

        private bool _inGroup;
        private bool _inFrame;
        private bool _frameHadErrors;

        /// <summary>A decoder that accepts only groups of <paramref name="mode"/>, or of either mode when it is
        /// <see cref="TicMode.Auto"/>; a group of the other mode is rejected as <see cref="TicReject.Framing"/>.</summary>
        public TicFrameDecoder(TicMode mode)
        {
            _configuredMode = mode;
            _group = new TicGroup(_scanner.Buffer);
            _counters = new TicCounters();
        }

        /// <summary>The mode given at construction: the only one whose groups pass, or Auto for either.</summary>
        public TicMode ConfiguredMode
        {
            get { return _configuredMode; }
        }

        /// <summary>True once a group of the mode other than the configured one arrived with its checksum right: the
        /// meter speaks the other mode, a classic commissioning mistake the self-test names. Cleared by the next group
        /// that passes.</summary>
        public bool OtherModeSeen { get; private set; }

        /// <summary>The mode of the last valid group; Auto until one was seen.</summary>
        public TicMode DetectedMode
        {
            // The group's mode is written only when a group passes (the group starts as Auto).
            get { return _group.ModeField; }
        }

        /// <summary>What this decoder saw since it was made, by outcome and cause of rejection; the interpreter
        /// counts into the same object.</summary>
        public TicCounters Counters
        {
            get { return _counters; }
        }

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
            _scanner.Clear();
        }

        /// <summary>Decodes one byte; returns the event it completed, or <see cref="TicEvent.None"/>.</summary>
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
            TicGroupScanner scanner = _scanner;
            int i = offset;
            int end = offset + count;
            if (_inGroup)
            {
                // A group cut by the previous block goes on.
                i = scanner.Scan(buffer, i, end, false);
            }

            while (i < end)
            {
                // Here only at a control byte: the bytes of a group are gathered by Scan in one call.
                int b = buffer[i++] & 0x7F;
                if (b == CR)
                {
                    // The end of a group; outside one, a line end between groups (a capture through a tty).
                    if (_inGroup)
                    {
                        _inGroup = false;
                        if (scanner.Length > 0)
                        {
                            consumed = i - offset;
                            return EndOfGroup();
                        }
                    }
                }
                else if (b == LF)
                {
                    // The start of a group; one still open ends here (its CR was turned into LF, or lost).
                    if (_inGroup && (scanner.Length > 0 || scanner.Overflow))
                    {
                        // Cleared after it was checked, not scanned: the group's bytes stay readable until the next
                        // byte. (A group that overflowed has a length.)
                        TicEvent e = EndOfGroup();
                        scanner.Clear();
                        consumed = i - offset;
                        return e;
                    }

                    // The scan of a new group forgets the last one's state itself (no call to Clear).
                    _inGroup = true;
                    i = scanner.Scan(buffer, i, end, true);
                }
                else
                {
                    TicEvent e = Control(b);
                    if (e != TicEvent.None)
                    {
                        consumed = i - offset;
                        return e;
                    }

                    if (_inGroup)
                    {
                        // A control byte inside a group was gathered; the group goes on.
                        i = scanner.Scan(buffer, i, end, false);
                    }
                }
            }

            consumed = count;
            return TicEvent.None;
        }

        /// <summary>Framing bytes, other control characters, and any byte outside a group; not CR and LF, which
        /// <see cref="Decode"/> handles.</summary>
        private TicEvent Control(int b)
        {
            switch (b)
            {
                case STX:
                    if (_inGroup && _scanner.Length > 0)
                    {
                        // The frame event wins; the cut group is only counted.
                        Reject(TicReject.Framing);
                        _counters.GroupsCut++;
                    }

                    if (_inFrame)
                    {
                        _counters.FramesCut++;
                    }

                    _inGroup = false;
                    _inFrame = true;
                    _frameHadErrors = false;
                    _counters.Frames++;
                    return TicEvent.FrameStart;

                case ETX:
                    if (_inGroup && _scanner.Length > 0)
                    {
                        Reject(TicReject.Framing);
                        _counters.GroupsCut++;
                        if (_inFrame)
                        {
                            _counters.FramesCut++;
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
                        _counters.FramesValid++;
                    }

                    return TicEvent.FrameEnd;

                case EOT:
                    _inGroup = false;
                    if (!_inFrame)
                    {
                        return TicEvent.None;
                    }

                    _inFrame = false;
                    _counters.FramesAborted++;
                    return TicEvent.FrameAborted;

                default:
                    // Another control character inside a group: no TIC group contains one.
                    if (_inGroup)
                    {
                        _scanner.AddControl(b);
                    }
                    else if (_inFrame)
                    {
                        // A byte of the frame outside any group: the rest of a group whose LF was lost or damaged,
                        // so the frame is missing a group it seemed to carry.
                        _counters.StrayBytes++;
                        _frameHadErrors = true;
                    }

                    return TicEvent.None;
            }
        }

        /// <summary>
        /// Checks the group the scanner gathered, at its CR (or at the LF of the next group when its CR was lost),
        /// shape, checksum, label and value in one routine, from what <see cref="TicGroupScanner"/> noted while
        /// reading it, so nothing is scanned twice; records its fields (label, horodate, value, number) in
        /// <see cref="Group"/> and counts the outcome. Runs once per group, off the per-byte path, and is the
        /// decoder's own so that reaching it and counting what it found cost no second call.
        /// <para>Shape (Enedis-NOI-CPT_54E section 6.2.1): <c>label SP data SP checksum</c> (historique) or
        /// <c>label HT [horodate HT] data HT checksum</c> (standard). The checksum is ((sum of the covered bytes) AND
        /// 0x3F) + 0x20 (section 6.2.2): historique covers label SP data (not the SP before the checksum), standard
        /// covers everything up to and including the HT before the checksum. It can itself be a SPACE, so a group
        /// is read from its end: last byte the checksum, the byte before it the separator, which tells the mode.
        /// A group of the other mode than the configured one is rejected as <see cref="TicReject.Framing"/>.</para>
        /// <para>The scanner's and the group's fields are read once, into locals: on the interpreter every field
        /// load and call is paid.</para>
        /// </summary>
        private TicEvent EndOfGroup()
        {
            TicGroupScanner scan = _scanner;
            if (scan.Overflow)
            {
                return Reject(TicReject.Overflow);
            }

            TicGroup group = _group;
            byte[] g = scan.Buffer;
            int n = scan.Length;
            group.LengthField = n;
            if (n < MinimumLength)
            {
                return Refuse(TicReject.Framing);
            }

            // Read from the end, since the checksum may itself be a SPACE: the byte before it tells the mode, and
            // each mode is checked in a branch of its own (checksum, configured mode, bad byte, then shape), so
            // the mode is tested once.
            int checksum = g[n - 1];
            int separator = g[n - 2];
            int covered = scan.Sum - checksum;
            int labelLength;
            int valueStart;
            int horodateStart = -1;
            int horodateLength = 0;
            TicMode mode;
            int modeBit;
            if (separator == HT)
            {
                // Standard: the HT before the checksum is covered (section 6.2.2).
                if (((covered & 0x3F) + 0x20) != checksum)
                {
                    return Refuse(TicReject.Checksum);
                }

                if (_configuredMode == TicMode.Historique || scan.HasBadByte)
                {
                    OtherModeSeen = OtherModeSeen || (_configuredMode == TicMode.Historique && !scan.HasBadByte);
                    return Refuse(TicReject.Framing);
                }

                // The HT before the checksum is the last one; before it come one (label HT data) or two (label HT
                // horodate HT data) more. A space cannot be part of a label (section 6.2.1): an SP before the
                // first HT (the unsigned comparison leaves out a group without SP, FirstSpace -1).
                int tabs = scan.TabCount;
                labelLength = scan.FirstTab;
                if (labelLength <= 0 || (uint)scan.FirstSpace < (uint)labelLength)
                {
                    return Refuse(TicReject.Framing);
                }

                if (tabs == 2)
                {
                    valueStart = labelLength + 1;
                }
                else if (tabs == 3)
                {
                    int secondHt = scan.SecondTab;
                    horodateStart = labelLength + 1;
                    if (secondHt == horodateStart)
                    {
                        return Refuse(TicReject.Framing);
                    }

                    horodateLength = secondHt - horodateStart;
                    valueStart = secondHt + 1;
                }
                else
                {
                    return Refuse(TicReject.Framing);
                }

                mode = TicMode.Standard;
                modeBit = TicLabel.InStandard;
            }
            else if (separator == SP)
            {
                // Historique: the SP before the checksum is not covered (section 6.2.2).
                if ((((covered - SP) & 0x3F) + 0x20) != checksum)
                {
                    return Refuse(TicReject.Checksum);
                }

                if (_configuredMode == TicMode.Standard || scan.HasBadByte)
                {
                    OtherModeSeen = OtherModeSeen || (_configuredMode == TicMode.Standard && !scan.HasBadByte);
                    return Refuse(TicReject.Framing);
                }

                // label SP data: no HT anywhere, a label, then at least one data character (section 6.2.1): the
                // first SP at 1 to n - 4, in one unsigned comparison.
                labelLength = scan.FirstSpace;
                if (scan.TabCount != 0 || (uint)(labelLength - 1) >= (uint)(n - MinimumLength))
                {
                    return Refuse(TicReject.Framing);
                }

                valueStart = labelLength + 1;
                mode = TicMode.Historique;
                modeBit = TicLabel.InHistorique;
            }
            else
            {
                return Refuse(TicReject.Framing);
            }

            group.LabelLengthField = labelLength;
            group.HorodateStartField = horodateStart;
            group.HorodateLengthField = horodateLength;
            group.ValueStartField = valueStart;
            group.ValueLengthField = n - 2 - valueStart;

            // The scanner looked the label up at the group's first separator, which the checks above made the
            // end of the label (the first HT with no SP before it, or the first SP with no HT at all), so it is
            // the scanner's. A label of the other mode's table is an unknown label here (its data need not have
            // this mode's form).
            TicLabel label = scan.Label;
            if (label == null || (label.Modes & modeBit) == 0)
            {
                group.LabelField = null;
                _counters.UnknownLabels++;
            }
            else
            {
                if (scan.NumberEnd == n - 2)
                {
                    // The value is exactly the digits the scanner read right after the label's separator, as many
                    // as the label has, up to the separator before the checksum (so there is no horodate: an HT is
                    // no digit): what Fits would check and read again.
                    group.Number = scan.Number;
                }
                else if (!label.Fits(group))
                {
                    return Refuse(TicReject.Value);
                }

                group.LabelField = label;
            }

            // The mode is written last, only for a group that passed: it is also the decoder's DetectedMode.
            group.ModeField = mode;
            OtherModeSeen = false;
            _counters.GroupsValid++;
            return TicEvent.Group;
        }

        /// <summary>A group <see cref="EndOfGroup"/> rejects: it has no label, and why is counted.</summary>
        private TicEvent Refuse(TicReject reason)
        {
            _group.LabelField = null;
            return Reject(reason);
        }

        private TicEvent Reject(TicReject reason)
        {
            LastReject = reason;
            _frameHadErrors = true;
            switch (reason)
            {
                case TicReject.Checksum:
                    _counters.RejectedChecksum++;
                    break;
                case TicReject.Overflow:
                    _counters.RejectedOverflow++;
                    break;
                case TicReject.Value:
                    _counters.RejectedValue++;
                    break;
                default:
                    _counters.RejectedFraming++;
                    break;
            }

            return TicEvent.GroupRejected;
        }
    }
}
