#nullable disable
using System;
using System.IO;
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
        public const int RecordBytes = 12;

        private const int ValueBytes = 8;

        private readonly IStore _store;
        private readonly string _copyA;
        private readonly string _copyB;
        private readonly int _block;
        private readonly byte[] _scratch = new byte[RecordBytes];
        private long _next;
        private long _reservedUntil;
        private long _lastMark;
        private bool _nextIsA;

        /// <summary>A counter kept in <paramref name="store"/> (null: none) under <paramref name="name"/>, persisted every <paramref name="block"/> numbers (at least 1).</summary>
        public SequenceCounter(IStore store, string name, int block)
        {
            _store = store;
            _copyA = name + ".a";
            _copyB = name + ".b";
            _block = block < 1 ? 1 : block;
            _next = 1;
            if (_store != null)
            {
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

        /// <summary>Reservations the store failed to write (an I/O error or a full disk); numbering went on in RAM.</summary>
        public int StoreErrors { get; private set; }

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
            bool anyFile = false;
            long best = 0;
            bool bestIsA = false;
            bool found = false;
            int valid = 0;
            for (int copy = 0; copy < 2; copy++)
            {
                string name = copy == 0 ? _copyA : _copyB;
                int read = ReadCopy(name);
                if (read < 0)
                {
                    continue;
                }

                anyFile = true;
                long value;
                if (read == RecordBytes && Decode(out value))
                {
                    valid++;
                    if (!found || value > best)
                    {
                        best = value;
                        bestIsA = copy == 0;
                        found = true;
                    }
                }
            }

            int legacy = ReadCopy(legacyName);
            if (legacy >= 0)
            {
                anyFile = true;
                long value = ReadValue();
                if (legacy == ValueBytes && value > 0 && (!found || value > best))
                {
                    // The earlier single-file format: its value is the exact mark.
                    best = value;
                    found = true;
                    bestIsA = false;
                    valid = 2;
                }
            }

            if (found)
            {
                // Both copies readable: the larger is the newest mark. Only one: the other, now damaged, may have been
                // the newer, at most one block beyond it.
                _next = valid >= 2 ? best : best + _block;
                _lastMark = _next;
                _nextIsA = !bestIsA;
            }
            else
            {
                Recovered = anyFile;
                _nextIsA = true;
            }
        }

        private int ReadCopy(string name)
        {
            try
            {
                if (_store.Length(name) > RecordBytes)
                {
                    return RecordBytes + 1; // not one of ours: unreadable, but it exists
                }

                return _store.Read(name, _scratch, 0);
            }
            catch (IOException)
            {
                StoreErrors++;
                return 0;
            }
        }

        private bool Decode(out long value)
        {
            value = ReadValue();
            uint stored = OutboxFormat.ReadU32(_scratch, ValueBytes);
            return stored == Crc32.Compute(_scratch, 0, ValueBytes) && value > 0;
        }

        private long ReadValue()
        {
            // Little-endian, as the outbox's own fields.
            return (long)(((ulong)OutboxFormat.ReadU32(_scratch, 4) << 32) | OutboxFormat.ReadU32(_scratch, 0));
        }

        private void Reserve(long until)
        {
            _reservedUntil = until;
            if (_store == null)
            {
                return;
            }

            OutboxFormat.WriteU32(_scratch, 0, (uint)until);
            OutboxFormat.WriteU32(_scratch, 4, (uint)((ulong)until >> 32));
            OutboxFormat.WriteU32(_scratch, ValueBytes, Crc32.Compute(_scratch, 0, ValueBytes));
            try
            {
                // Two copies at most one block apart is what lets a damaged copy be covered by the other plus a block;
                // a larger step (a raised floor, a first mark) goes to both.
                bool jump = until > _lastMark + _block;
                _store.Write(_nextIsA ? _copyA : _copyB, _scratch, 0, RecordBytes);
                if (jump)
                {
                    _store.Write(_nextIsA ? _copyB : _copyA, _scratch, 0, RecordBytes);
                }

                _nextIsA = !_nextIsA;
                _lastMark = until;
            }
            catch (IOException)
            {
                // The mark stays where it was on flash: numbers beyond it are handed out from RAM and the reservation
                // is written again at the next block (or at once if the store works again then).
                StoreErrors++;
                _reservedUntil = _next + 1;
            }
        }
    }
}
