#nullable disable
using System;
using Edge.Core.Platform;

namespace Edge.Core.Outbox
{
    /// <summary>
    /// Every report and event the node queued, kept until the broker acknowledges it and, afterwards, as history for
    /// the resync command until its room is needed. Records (a 16-byte header with a CRC-32, then the payload) are
    /// appended to segments: the open one in RAM, written to the store by <see cref="Flush"/> and closed when full, so
    /// its flash block is rewritten at most once per flush. Records are addressed by an index that only grows during a
    /// run (from 0 after the load at construction); a publisher may keep several in flight and acknowledge them in
    /// any order. Without a store the same segments live in RAM. README.md in this folder gives the format, the
    /// guarantees (at-least-once across restarts, torn files survived), the full-outbox policy and the flash wear.
    /// </summary>
    public sealed partial class DurableOutbox
    {
        /// <summary>Bytes of a segment file holding at most one 4 KB LittleFS block, so that a segment costs one block.</summary>
        public const int DefaultSegmentBytes = 4096;

        /// <summary>Default capacity: 52 segments of 4 KB (208 KiB), a week of 15-minute reports of up to 280 bytes with
        /// the daily totals and events, in at most 54 segment files within the ESP32's 256 KB LittleFS partition
        /// (README.md in this folder: sizing).</summary>
        public const int DefaultCapacityBytes = 52 * DefaultSegmentBytes;

        /// <summary>Smallest segment: its header and one record header with a payload of up to 32 bytes.</summary>
        public const int MinSegmentBytes = 64;

        /// <summary>Largest segment: record lengths and segment offsets are 16-bit fields.</summary>
        public const int MaxSegmentBytes = 0xFFFF;

        /// <summary>Bytes of a record's header, stored before its payload: what a record costs beyond what it holds.</summary>
        public const int RecordHeaderBytes = OutboxFormat.RecordHeaderBytes;

        /// <summary>Bytes of a segment's header.</summary>
        public const int SegmentHeaderBytes = OutboxFormat.SegmentHeaderBytes;

        /// <summary>Records that may be acknowledged ahead of <see cref="FirstUnacknowledged"/> at once: the largest
        /// in-flight window a publisher may use.</summary>
        public const int MaxAcknowledgedAhead = 32;

        // Segment table entries beyond capacity / segment size: segments are closed when the next record does not
        // fit, not quite full. The table bounds the segment files, hence the flash blocks, so it stays tight: when
        // it is full the policy makes room, as for bytes.
        private const int SpareSegments = 2;

        // Segments merged into an older one wait here until the acknowledgement mark no longer names them.
        private const int MaxPendingDeletes = 4;

        // File slots are bytes in the segment table.
        private const int MaxSlots = 256;


        // Segment numbers skipped after a load that could not read every file: more segments than a run between two
        // acknowledgement marks creates.
        private const uint UnreadableNumberMargin = 0x100000;

        private readonly IStore _store;
        private readonly int _capacity;
        private readonly int _segmentBytes;
        private readonly int _maxSegments;
        private readonly OutboxPolicy _policy;

        // Durable mode: one segment image, the open segment's or, while a closed one is read, that one's (the open
        // segment is then on the store, written before its image was given up), and the mark files.
        private readonly byte[] _image;
        private readonly AckMark _ackMark;

        // RAM mode: one buffer per segment of the table.
        private readonly byte[][] _ram;

        // Slots (durable: file names; RAM: buffers) taken by a segment, a pending delete or an unreadable file.
        private readonly SegmentSlots _segmentSlots;

        // The segment table, oldest first; the last entry is the open segment. Its arrays, named here as before.
        private readonly SegmentTable _table;
        private readonly uint[] _number;
        private readonly long[] _first;
        private readonly int[] _slots;
        private readonly ushort[] _bytes;
        private readonly ushort[] _held;
        private readonly ushort[] _unackedBytes;
        private readonly ushort[] _unacked;
        private readonly byte[] _level;
        private readonly byte[] _slot;
        private uint _nextNumber;
        private bool _openDirty;

        // The segment whose image _image holds, -1 for none. _openDirty implies it is the open segment's.
        private long _imageNumber = -1;

        // Where the last walk of a segment stopped, for the two segments read last (by segment number).
        private readonly RecordCursors _cursors = new RecordCursors();

        private long _firstUnack;
        private readonly AheadAcknowledgements _ahead = new AheadAcknowledgements(MaxAcknowledgedAhead);
        private int _depth;
        private int _depthBytes;
        private int _usedBytes;
        private long _oldestIndex = -1;
        private long _oldestUtc = -1;
        private bool _recounted;
        private bool _unreadable;

        private readonly int[] _dropped = new int[SegmentTable.ClassCount];
        private readonly int[] _stripDropped = new int[SegmentTable.ClassCount];

        private int _storeErrors;

        private readonly byte[] _pendingDeletes = new byte[MaxPendingDeletes];
        private int _pendingDeleteCount;

        /// <summary>An outbox with the default capacity and segment size, keeping totals and events longest.</summary>
        /// <param name="store">Where segments are kept. Null keeps them in RAM, which then takes the whole default
        /// capacity: without a store, give a capacity that fits the board's RAM to the other constructor.</param>
        /// <param name="prefix">File name prefix of the segments and marks in the store (a plain name, such as "ob").</param>
        public DurableOutbox(IStore store, string prefix)
            : this(store, prefix, DefaultCapacityBytes, DefaultSegmentBytes, OutboxPolicy.KeepTotalsAndEvents)
        {
        }

        /// <summary>Loads what <paramref name="store"/> holds under <paramref name="prefix"/>: the unacknowledged records
        /// are offered again from <see cref="FirstUnacknowledged"/>, the acknowledged ones stay readable as history.</summary>
        /// <param name="store">Where segments are kept; null keeps them in RAM (lost at restart).</param>
        /// <param name="prefix">File name prefix of the segments and marks in the store (a plain name, such as "ob");
        /// ignored without a store.</param>
        /// <param name="capacityBytes">Bytes the records may take, headers included: at least two segments. Without a
        /// store, this much RAM is allocated.</param>
        /// <param name="segmentBytes">Bytes of a segment, <see cref="MinSegmentBytes"/> to <see cref="MaxSegmentBytes"/>:
        /// with a store, its one segment image takes this much RAM (without, each segment does), and it bounds the largest payload.</param>
        /// <param name="policy">What is dropped when a record does not fit.</param>
        public DurableOutbox(IStore store, string prefix, int capacityBytes, int segmentBytes, OutboxPolicy policy)
        {
            if (segmentBytes < MinSegmentBytes || segmentBytes > MaxSegmentBytes)
            {
                throw new ArgumentOutOfRangeException("segmentBytes");
            }

            if (capacityBytes < 2 * segmentBytes)
            {
                throw new ArgumentOutOfRangeException("capacityBytes", "at least two segments");
            }

            if (store != null && (prefix == null || prefix.Length == 0))
            {
                throw new ArgumentException("a file name prefix is needed with a store", "prefix");
            }

            _store = store;
            _capacity = capacityBytes;
            _segmentBytes = segmentBytes;
            _policy = policy;
            _maxSegments = capacityBytes / segmentBytes + (store == null ? 0 : SpareSegments);
            int slotCount = store == null ? _maxSegments : _maxSegments + MaxPendingDeletes;
            if (slotCount > MaxSlots - 1)
            {
                throw new ArgumentOutOfRangeException("capacityBytes", "too many segments: use larger segments");
            }

            // One entry more than the bound: after a load of a full table, a new open segment waits there, empty,
            // until its first record makes the policy free an entry.
            int entries = _maxSegments + 1;
            _table = new SegmentTable(entries);
            _number = _table.Number;
            _first = _table.First;
            _slots = _table.Slots;
            _bytes = _table.Bytes;
            _held = _table.Held;
            _unackedBytes = _table.UnackedBytes;
            _unacked = _table.Unacked;
            _level = _table.Level;
            _slot = _table.Slot;

            if (store == null)
            {
                _ram = new byte[_maxSegments][];
                for (int i = 0; i < _maxSegments; i++)
                {
                    _ram[i] = new byte[segmentBytes];
                }
            }
            else
            {
                _image = new byte[segmentBytes];
                _ackMark = new AckMark(store, prefix);

                // A store written with more slots (a larger capacity before) is read in full.
                _ackMark.Read();
                if (MarkStored && _ackMark.Slots > slotCount)
                {
                    slotCount = _ackMark.Slots > MaxSlots - 1 ? MaxSlots - 1 : (int)_ackMark.Slots;
                }
            }

            _segmentSlots = new SegmentSlots(store == null ? null : prefix, slotCount);
            Load();
        }

        // A mark loaded or written: never without a store.
        private bool MarkStored
        {
            get { return _ackMark != null && _ackMark.Stored; }
        }

        // Segment file names built (each allocates a string): when the outbox turns to a segment other than the two
        // it named last.
        internal int FileNamesBuilt
        {
            get { return _segmentSlots.NamesBuilt; }
        }

        /// <summary>True when records are kept in a store, false when they live in RAM only.</summary>
        public bool IsDurable
        {
            get { return _store != null; }
        }

        /// <summary>Bytes the records may take, segment and record headers included.</summary>
        public int CapacityBytes
        {
            get { return _capacity; }
        }

        /// <summary>Bytes of a segment.</summary>
        public int SegmentBytes
        {
            get { return _segmentBytes; }
        }

        /// <summary>What is dropped when a record does not fit.</summary>
        public OutboxPolicy Policy
        {
            get { return _policy; }
        }

        /// <summary>The largest payload <see cref="Append"/> takes, in bytes: a segment less its header and one record header.</summary>
        public int LargestPayloadBytes
        {
            get
            {
                int room = _segmentBytes - SegmentHeaderBytes - RecordHeaderBytes;
                return room < OutboxFormat.MaxPayloadField ? room : OutboxFormat.MaxPayloadField;
            }
        }

        /// <summary>Index the next appended record gets: one past the last record.</summary>
        public long End
        {
            get { return _first[_table.Count - 1] + _slots[_table.Count - 1]; }
        }

        /// <summary>Index of the oldest record not yet acknowledged (the next one to publish), or <see cref="End"/>
        /// when every record is acknowledged. Advances over records acknowledged out of order once the ones before
        /// them are, and over records the policy dropped.</summary>
        public long FirstUnacknowledged
        {
            get { return _firstUnack; }
        }

        /// <summary>Records not acknowledged yet.</summary>
        public int Depth
        {
            get { return _depth; }
        }

        /// <summary>Bytes of the records not acknowledged yet, record headers included.</summary>
        public int DepthBytes
        {
            get { return _depthBytes; }
        }

        /// <summary>Bytes taken of <see cref="CapacityBytes"/>: every held record, acknowledged or not, with the
        /// segment and record headers.</summary>
        public int UsedBytes
        {
            get { return _usedBytes; }
        }

        /// <summary>Records held, acknowledged (history) or not.</summary>
        public int HeldRecords
        {
            get
            {
                int held = 0;
                for (int s = 0; s < _table.Count; s++)
                {
                    held += _held[s];
                }

                return held;
            }
        }

        /// <summary>Segments held, the open one included.</summary>
        public int SegmentCount
        {
            get { return _table.Count; }
        }

        /// <summary>When the oldest unacknowledged record was appended, in seconds since the Unix epoch (UTC), or -1
        /// when every record is acknowledged: its age is how far behind the broker is.</summary>
        public long OldestUnacknowledgedUtcSeconds
        {
            get
            {
                if (_firstUnack >= End)
                {
                    return -1;
                }

                if (_oldestIndex != _firstUnack)
                {
                    int s = _table.Find(_firstUnack);
                    byte[] buffer = s < 0 ? null : SegmentBuffer(s);
                    int next;
                    int at = buffer == null ? -1 : Seek(s, (int)(_firstUnack - _first[s]), buffer, out next);
                    if (at < 0)
                    {
                        AfterRecount();
                        return -1;
                    }

                    _oldestUtc = OutboxFormat.ReadU32(buffer, at + OutboxFormat.RecTime);
                    _oldestIndex = _firstUnack;
                }

                return _oldestUtc;
            }
        }

        /// <summary>Unacknowledged records of class <paramref name="cls"/> the policy dropped to make room.</summary>
        public int Dropped(RecordClass cls)
        {
            return _dropped[(int)cls];
        }

        /// <summary>Records <see cref="Append"/> refused: larger than <see cref="LargestPayloadBytes"/>, or the store
        /// failed (no room could be made, or the open segment could not be read back).</summary>
        public int Refused { get; private set; }

        /// <summary>Segments whose readable part ended at a bad record with no valid record after it (torn write,
        /// truncation): the records before it were kept, the torn bytes dropped.</summary>
        public int TornTails { get; private set; }

        /// <summary>Damage found at load: segment files skipped because their header was not valid, and damaged spans
        /// inside a segment with valid records after them (those records kept, the damaged bytes replaced by a gap
        /// record).</summary>
        public int CorruptSegments { get; private set; }

        /// <summary>Store operations that threw (a full or failing store); what they concerned was kept in RAM or
        /// left as it was, and retried.</summary>
        public int StoreErrors
        {
            get { return _storeErrors + (_ackMark == null ? 0 : _ackMark.StoreErrors); }
        }

        /// <summary>
        /// Copies a record in, after the last one, with its topic index, class, sequence number and the time it was
        /// queued, into the open segment in RAM. When the open segment is full, it is written (if it changed since the
        /// last flush) and closed; when the capacity would be exceeded, the policy makes room first, rewriting or
        /// deleting older segments. Returns false, keeping nothing, when the payload is larger than
        /// <see cref="LargestPayloadBytes"/> or no room could be made because the store failed.
        /// </summary>
        /// <param name="topic">The topic's index in the node's topic table.</param>
        /// <param name="cls">What the record is worth when room runs out.</param>
        /// <param name="sequence">The message's sequence number, 0 to 4,294,967,295.</param>
        /// <param name="utcSeconds">When it was queued, in seconds since the Unix epoch, 0 to 4,294,967,295 (0 when the
        /// clock is not set).</param>
        /// <param name="payload">The encoded message, from offset 0.</param>
        /// <param name="length">Bytes of the payload.</param>
        public bool Append(byte topic, RecordClass cls, long sequence, long utcSeconds, byte[] payload, int length)
        {
            if (cls < RecordClass.Telemetry || cls > RecordClass.Event)
            {
                throw new ArgumentOutOfRangeException("cls");
            }

            if (sequence < 0 || sequence > uint.MaxValue)
            {
                throw new ArgumentOutOfRangeException("sequence");
            }

            if (utcSeconds < 0 || utcSeconds > uint.MaxValue)
            {
                throw new ArgumentOutOfRangeException("utcSeconds");
            }

            if (length < 0 || (length > 0 && (payload == null || length > payload.Length)))
            {
                throw new ArgumentOutOfRangeException("length");
            }

            if (length > LargestPayloadBytes)
            {
                Refused++;
                return false;
            }

            int size = RecordHeaderBytes + length;
            if (_bytes[_table.Count - 1] + size > _segmentBytes && !OpenNextSegment())
            {
                Refused++;
                return false;
            }

            while (_table.Count > _maxSegments)
            {
                if (!PolicyStep())
                {
                    Refused++;
                    return false;
                }
            }

            // The header of the open segment counts from its first record on, so that an empty open segment (as
            // after a load) takes no room from records already held.
            int cost = size + (_slots[_table.Count - 1] == 0 ? SegmentHeaderBytes : 0);
            while (_usedBytes + cost > _capacity)
            {
                if (!PolicyStep())
                {
                    Refused++;
                    return false;
                }
            }

            int last = _table.Count - 1;
            byte[] buffer = SegmentBuffer(last);
            if (buffer == null)
            {
                // The open segment could not be read back from the store (after a closed one was read).
                Refused++;
                return false;
            }

            int at = _bytes[last];
            if (length > 0)
            {
                Array.Copy(payload, 0, buffer, at + RecordHeaderBytes, length);
            }

            OutboxFormat.WriteRecordHeader(buffer, at, length, topic, (byte)cls, (uint)sequence, (uint)utcSeconds);
            _bytes[last] = (ushort)(at + size);
            _slots[last]++;
            _held[last]++;
            _unacked[(last * SegmentTable.ClassCount) + (int)cls]++;
            _unackedBytes[last] = (ushort)(_unackedBytes[last] + size);
            byte level = OutboxEviction.LevelOf((int)cls);
            if (level < _level[last])
            {
                _level[last] = level;
            }

            _depth++;
            _depthBytes += size;
            _usedBytes += cost;
            _openDirty = true;
            return true;
        }

        /// <summary>
        /// Copies the payload of the record at <paramref name="index"/> to the start of <paramref name="buffer"/> and
        /// returns its header fields; false when no record is held there (dropped, forgotten, or out of range).
        /// Acknowledged records stay readable until their room is needed. Reading one segment after another costs one
        /// store read per segment: the segment read last is cached.
        /// </summary>
        /// <exception cref="ArgumentException">The buffer is shorter than the payload.</exception>
        public bool Read(long index, byte[] buffer, out byte topic, out RecordClass cls, out long sequence, out int length)
        {
            topic = 0;
            cls = RecordClass.Telemetry;
            sequence = 0;
            length = 0;
            int s = index < 0 ? -1 : _table.Find(index);
            if (s < 0 || _held[s] == 0)
            {
                return false;
            }

            byte[] segment = SegmentBuffer(s);
            int next;
            int at = segment == null ? -1 : Seek(s, (int)(index - _first[s]), segment, out next);
            if (at < 0)
            {
                AfterRecount();
                return false;
            }

            length = OutboxFormat.ReadU16(segment, at + OutboxFormat.RecLength);
            if (buffer == null || buffer.Length < length)
            {
                throw new ArgumentException("shorter than the payload", "buffer");
            }

            topic = segment[at + OutboxFormat.RecTopic];
            cls = (RecordClass)segment[at + OutboxFormat.RecClass];
            sequence = OutboxFormat.ReadU32(segment, at + OutboxFormat.RecSequence);
            Array.Copy(segment, at + RecordHeaderBytes, buffer, 0, length);
            return true;
        }

        /// <summary>
        /// Notes that the broker acknowledged the record at <paramref name="index"/>. Acknowledgements may come in any
        /// order; <see cref="FirstUnacknowledged"/> moves once the records before are acknowledged too. Repeated
        /// acknowledgements and indexes no longer held are ignored. The progress reaches the store at the next
        /// <see cref="Flush"/>.
        /// </summary>
        /// <exception cref="InvalidOperationException">More than <see cref="MaxAcknowledgedAhead"/> records would be
        /// acknowledged ahead of <see cref="FirstUnacknowledged"/>.</exception>
        public void Acknowledge(long index)
        {
            if (index < _firstUnack || index >= End || _ahead.Contains(index))
            {
                return;
            }

            int s = _table.Find(index);
            if (s < 0 || _held[s] == 0)
            {
                return;
            }

            byte[] segment = SegmentBuffer(s);
            int next;
            int at = segment == null ? -1 : Seek(s, (int)(index - _first[s]), segment, out next);
            if (at < 0)
            {
                AfterRecount();
                return;
            }

            if (index != _firstUnack && _ahead.IsFull)
            {
                throw new InvalidOperationException("too many records acknowledged ahead of the first unacknowledged one");
            }

            int size = RecordHeaderBytes + OutboxFormat.ReadU16(segment, at + OutboxFormat.RecLength);
            _unacked[(s * SegmentTable.ClassCount) + segment[at + OutboxFormat.RecClass]]--;
            _unackedBytes[s] = (ushort)(_unackedBytes[s] - size);
            _depth--;
            _depthBytes -= size;
            if (index == _firstUnack)
            {
                _firstUnack++;
                Advance();
            }
            else
            {
                _ahead.Add(index);
            }

            AfterRecount();
        }

        /// <summary>True when the record at <paramref name="index"/> was acknowledged (every index below
        /// <see cref="FirstUnacknowledged"/>, and those acknowledged ahead of it): a publisher resuming after a
        /// reconnect skips them.</summary>
        public bool IsAcknowledged(long index)
        {
            return index < _firstUnack || _ahead.Contains(index);
        }

        /// <summary>
        /// Index of the first held record of topic <paramref name="topic"/> whose sequence is at least
        /// <paramref name="sequence"/>, acknowledged or not, or -1: where the resync command starts publishing again.
        /// Reads every segment from the oldest.
        /// </summary>
        public long FindFirst(byte topic, long sequence)
        {
            for (int s = 0; s < _table.Count; s++)
            {
                if (_held[s] == 0)
                {
                    continue;
                }

                byte[] segment = SegmentBuffer(s);
                if (segment == null)
                {
                    continue;
                }

                int ordinal = 0;
                for (int at = SegmentHeaderBytes; at < _bytes[s];)
                {
                    int length = OutboxFormat.ReadU16(segment, at + OutboxFormat.RecLength);
                    if (segment[at + OutboxFormat.RecClass] == OutboxFormat.GapClass)
                    {
                        ordinal += (int)OutboxFormat.ReadU32(segment, at + OutboxFormat.RecSequence);
                    }
                    else
                    {
                        if (segment[at + OutboxFormat.RecTopic] == topic && OutboxFormat.ReadU32(segment, at + OutboxFormat.RecSequence) >= sequence)
                        {
                            AfterRecount();
                            return _first[s] + ordinal;
                        }

                        ordinal++;
                    }

                    at += RecordHeaderBytes + length;
                }
            }

            AfterRecount();
            return -1;
        }

        /// <summary>Highest sequence held for topic <paramref name="topic"/>, acknowledged or not, or -1: a sequence
        /// counter restarted below it would reuse numbers the broker may still receive. Reads every segment.</summary>
        public long HighestSequence(byte topic)
        {
            long highest = -1;
            for (int s = 0; s < _table.Count; s++)
            {
                if (_held[s] == 0)
                {
                    continue;
                }

                byte[] segment = SegmentBuffer(s);
                if (segment == null)
                {
                    continue;
                }

                for (int at = SegmentHeaderBytes; at < _bytes[s];)
                {
                    if (segment[at + OutboxFormat.RecClass] != OutboxFormat.GapClass && segment[at + OutboxFormat.RecTopic] == topic)
                    {
                        long sequence = OutboxFormat.ReadU32(segment, at + OutboxFormat.RecSequence);
                        if (sequence > highest)
                        {
                            highest = sequence;
                        }
                    }

                    at += RecordHeaderBytes + OutboxFormat.ReadU16(segment, at + OutboxFormat.RecLength);
                }
            }

            AfterRecount();
            return highest;
        }

        /// <summary>
        /// Brings the store up to date, once per tick before publishing: writes the open segment if records were
        /// appended since, then the acknowledgement mark if it moved. A failing write is counted and retried at the
        /// next flush; nothing is lost from RAM meanwhile. Does nothing without a store.
        /// </summary>
        public void Flush()
        {
            if (_store == null)
            {
                return;
            }

            if (_openDirty && WriteSegment(_table.Count - 1, _image))
            {
                _openDirty = false;
            }

            SyncMark();
        }
    }
}
