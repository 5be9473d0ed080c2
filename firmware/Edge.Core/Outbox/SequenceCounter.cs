#nullable disable
using Edge.Core.Platform;

namespace Edge.Core.Outbox
{
    /// <summary>
    /// Numbers that are never reused, also across crashes and reboots: report and event sequence numbers, health
    /// sequence numbers, the boot counter. Writing the counter to flash for every number would wear it out, so the
    /// counter reserves a block: it persists "next + block" and, after a reboot, resumes from that mark. A reboot can
    /// skip at most one block of numbers (a gap the broker side sees as such), never repeat one.
    /// <para>The mark is kept twice, in <c>NAME.a</c> and <c>NAME.b</c>, each 8 bytes little-endian and their CRC-32,
    /// and each reservation overwrites the older copy, so the two are at most one block apart (a jump by
    /// <see cref="RaiseTo"/> is written to both). A number is handed out only once its mark is written, so a power cut
    /// during a write loses nothing: the other copy covers every number issued. When one copy is later found damaged
    /// (truncated, corrupt), the other plus one block covers whatever the damaged one could have reserved. A plain
    /// 8-byte <c>NAME</c> file of an earlier version is read as a third copy.</para>
    /// <para>When no copy is readable (the store was erased), numbering starts at 1, or at the floor given with
    /// <see cref="RaiseTo"/> (the node raises it above what its outbox still holds); <see cref="Recovered"/> says so.
    /// A store that fails to write is counted in <see cref="StoreErrors"/> and tried again at the next reservation;
    /// in the meantime the numbers handed out stay unique in this run.</para>
    /// </summary>
    public sealed class SequenceCounter
    {
        /// <summary>Bytes of one copy of the mark: the value, then its CRC-32.</summary>
        public const int RecordBytes = CounterMark.RecordBytes;

        private readonly CounterMark _mark;
        private readonly int _block;
        private long _next;
        private long _reservedUntil;
        private long _lastMark;

        /// <summary>A counter kept in <paramref name="store"/> (null: none) under <paramref name="name"/>, persisted every <paramref name="block"/> numbers (at least 1).</summary>
        public SequenceCounter(IStore store, string name, int block)
        {
            _block = block < 1 ? 1 : block;
            _next = 1;
            if (store != null)
            {
                _mark = new CounterMark(store, name);
                Load(name);
            }

            _reservedUntil = _next;
        }

        /// <summary>The number the next call to <see cref="Take"/> returns.</summary>
        public long Peek
        {
            get { return _next; }
        }

        /// <summary>True when the store held a mark of this counter but no copy of it could be read (both damaged):
        /// numbering then starts at 1 or at the floor given with <see cref="RaiseTo"/>, and may repeat numbers issued
        /// before the damage.</summary>
        public bool Recovered { get; private set; }

        /// <summary>Reads and reservations the store failed (an I/O error or a full disk); numbering went on in RAM.</summary>
        public int StoreErrors
        {
            get { return _mark == null ? 0 : _mark.StoreErrors; }
        }

        /// <summary>The next sequence number; persists a new block first when the reserved one is used up.</summary>
        public long Take()
        {
            if (_next >= _reservedUntil)
            {
                Reserve(_next + _block);
            }

            return _next++;
        }

        /// <summary>Makes the next number at least <paramref name="floor"/> (for example one above the highest
        /// sequence the outbox still holds, so an erased counter never reissues a number waiting to be published).</summary>
        public void RaiseTo(long floor)
        {
            if (floor > _next)
            {
                _next = floor;
            }
        }

        private void Load(string legacyName)
        {
            bool found = _mark.Read();
            long best = found ? _mark.Value : 0;
            bool exact = _mark.ValidCopies >= 2;
            bool anyFile = _mark.AnyFile;
            long legacy;
            int read = _mark.ReadLegacy(legacyName, out legacy);
            if (read >= 0)
            {
                anyFile = true;
                if (read == CounterMark.ValueBytes && legacy > 0 && (!found || legacy > best))
                {
                    // The earlier single-file format: its value is the exact mark.
                    best = legacy;
                    found = true;
                    exact = true;
                }
            }

            if (found)
            {
                // Both copies readable: the larger is the newest mark. Only one: the other, now damaged, may have been
                // the newer, at most one block beyond it.
                _next = exact ? best : best + _block;
                _lastMark = _next;
            }
            else
            {
                Recovered = anyFile;
            }
        }

        private void Reserve(long until)
        {
            _reservedUntil = until;
            if (_mark == null)
            {
                return;
            }

            // Two copies at most one block apart is what lets a damaged copy be covered by the other plus a block;
            // a larger step (a raised floor, a first mark) goes to both.
            if (_mark.Write(until, until > _lastMark + _block))
            {
                _lastMark = until;
            }
            else
            {
                // The mark stays where it was on flash: numbers beyond it are handed out from RAM and the reservation
                // is written again at the next block (or at once if the store works again then).
                _reservedUntil = _next + 1;
            }
        }

        /// <summary>The counter's mark: 8 bytes of value, little-endian as the outbox's own fields, then their
        /// CRC-32, in NAME.a and NAME.b; the larger valid value is the newer.</summary>
        private sealed class CounterMark : TwoCopyMark
        {
            internal const int RecordBytes = 12;
            internal const int ValueBytes = 8;

            internal CounterMark(IStore store, string name)
                : base(store, name + ".a", name + ".b", RecordBytes)
            {
            }

            internal long Value
            {
                get { return ValueOf(Record); }
            }

            internal bool Read()
            {
                return Load();
            }

            internal bool Write(long value, bool both)
            {
                OutboxFormat.WriteU32(Record, 0, (uint)value);
                OutboxFormat.WriteU32(Record, 4, (uint)((ulong)value >> 32));
                OutboxFormat.WriteU32(Record, ValueBytes, Crc32.Compute(Record, 0, ValueBytes));
                return Write(both);
            }

            /// <summary>Reads the plain 8-byte file of the earlier format into the record's buffer, which a load
            /// has already used: its length as <see cref="TwoCopyMark.ReadFile"/> gives it, and its value.</summary>
            internal int ReadLegacy(string name, out long value)
            {
                int read = ReadFile(name, Record);
                value = ValueOf(Record);
                return read;
            }

            protected override bool IsValid(byte[] record, int length)
            {
                return length == RecordBytes && OutboxFormat.ReadU32(record, ValueBytes) == Crc32.Compute(record, 0, ValueBytes) && ValueOf(record) > 0;
            }

            protected override bool IsNewer(byte[] candidate, byte[] than)
            {
                return ValueOf(candidate) > ValueOf(than);
            }

            private static long ValueOf(byte[] record)
            {
                return (long)(((ulong)OutboxFormat.ReadU32(record, 4) << 32) | OutboxFormat.ReadU32(record, 0));
            }
        }
    }
}
