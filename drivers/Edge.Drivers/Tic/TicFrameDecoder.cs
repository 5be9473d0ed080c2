#nullable disable
namespace Edge.Drivers.Tic
{
    /// <summary>
    /// Streaming TIC decoder: push bytes one at a time, as they come off the UART, and act on the events.
    /// Frame: STX (0x02) groups ETX (0x03); EOT (0x04) interrupts a frame. Group: LF (0x0A) ... CR (0x0D).
    /// Resynchronisation is immediate: every LF starts a new group and every group carries its own checksum, so
    /// after garbage or a cut frame the next complete group is decoded. Tolerated on purpose:
    /// <list type="bullet">
    /// <item>bit 7 set (a UART read as 8N1 leaves the even-parity bit in bit 7): bytes are masked to 7 bits;</item>
    /// <item>a CR turned into LF by a terminal driver (captures made through a tty): an LF that arrives inside a
    /// group ends it as a CR would;</item>
    /// <item>groups outside STX/ETX (a capture that starts mid-frame): a group is valid on its own.</item>
    /// </list>
    /// Steady state allocates nothing: the group buffer is fixed and groups are exposed as offsets into it.
    /// </summary>
    public sealed class TicFrameDecoder
    {
        /// <summary>Longer than any group of either mode: PJOURF+1 and PPOINTE carry 98 data characters.</summary>
        public const int MaxGroupLength = 128;

        private const byte STX = 0x02;
        private const byte ETX = 0x03;
        private const byte EOT = 0x04;
        private const byte LF = 0x0A;
        private const byte CR = 0x0D;

        private readonly byte[] _buffer = new byte[MaxGroupLength];
        private readonly TicGroup _group;
        private int _length;
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

        /// <summary>The last valid group (after a <see cref="TicEvent.Group"/> event).</summary>
        public TicGroup Group
        {
            get { return _group; }
        }

        /// <summary>Why the last rejected group was rejected (after <see cref="TicEvent.GroupRejected"/>).</summary>
        public TicReject LastReject { get; private set; }

        /// <summary>After <see cref="TicEvent.FrameEnd"/>: true if every group of the frame was valid.</summary>
        public bool FrameValid { get; private set; }

        /// <summary>True between STX and ETX/EOT.</summary>
        public bool InFrame
        {
            get { return _inFrame; }
        }

        /// <summary>Forgets any partial group or frame (the line was re-opened at another speed).</summary>
        public void Reset()
        {
            _inGroup = false;
            _inFrame = false;
            _length = 0;
            _overflow = false;
        }

        public TicEvent Push(byte received)
        {
            byte b = (byte)(received & 0x7F);
            switch (b)
            {
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

                default:
                    if (_inGroup)
                    {
                        if (_length < MaxGroupLength)
                        {
                            _buffer[_length++] = b;
                        }
                        else
                        {
                            _overflow = true;
                        }
                    }

                    return TicEvent.None;
            }
        }

        private void StartGroup()
        {
            _inGroup = true;
            _length = 0;
            _overflow = false;
        }

        private TicEvent EndGroup()
        {
            if (_overflow)
            {
                _overflow = false;
                return Reject(TicReject.Overflow);
            }

            TicReject reject = TicGroupParser.Parse(_group, _length, ConfiguredMode);
            if (reject != TicReject.None)
            {
                return Reject(reject);
            }

            DetectedMode = _group.Mode;
            Counters.GroupsValid++;
            TicLabel label = TicLabels.Find(_buffer, 0, _group.LabelLength);
            if (label != null && !label.IsIn(_group.Mode))
            {
                label = null;
            }

            _group.Label = label;
            if (label == null)
            {
                Counters.UnknownLabels++;
            }

            return TicEvent.Group;
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
                default:
                    Counters.RejectedFraming++;
                    break;
            }

            return TicEvent.GroupRejected;
        }
    }
}
