#nullable disable
using Edge.Core.Platform;

namespace Edge.Core.Outbox
{
    /// <summary>
    /// Report sequence numbers that are never reused, also across reboots. Writing the counter to flash for every
    /// report would wear it out, so the counter reserves a block: it persists "next + block" and, after a reboot,
    /// resumes from that mark. A reboot can skip at most one block of numbers (a gap the broker side sees as
    /// such), never repeat one. Without a store, numbering starts at 1 on every start.
    /// </summary>
    public sealed class SequenceCounter
    {
        private const int StoredBytes = 8;

        private readonly IStore _store;
        private readonly string _name;
        private readonly int _block;
        private readonly byte[] _scratch = new byte[StoredBytes];
        private long _next;
        private long _reservedUntil;

        /// <summary>A counter kept in <paramref name="store"/> (null: none) under <paramref name="name"/>, persisted every <paramref name="block"/> numbers (at least 1).</summary>
        public SequenceCounter(IStore store, string name, int block)
        {
            _store = store;
            _name = name;
            _block = block < 1 ? 1 : block;
            _next = 1;
            if (_store != null && _store.Read(_name, _scratch, 0) == StoredBytes)
            {
                long stored = 0;
                for (int i = StoredBytes - 1; i >= 0; i--)
                {
                    stored = (stored << 8) | _scratch[i];
                }

                if (stored > _next)
                {
                    _next = stored;
                }
            }

            _reservedUntil = _next;
        }

        /// <summary>The number the next call to <see cref="Take"/> returns.</summary>
        public long Peek
        {
            get { return _next; }
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

        private void Reserve(long until)
        {
            _reservedUntil = until;
            if (_store == null)
            {
                return;
            }

            long value = until;
            for (int i = 0; i < StoredBytes; i++)
            {
                _scratch[i] = (byte)(value & 0xFF);
                value >>= 8;
            }

            _store.Write(_name, _scratch, 0, StoredBytes);
        }
    }
}
