#nullable disable
namespace Edge.Core.Outbox
{
    /// <summary>
    /// The last reports the broker acknowledged, kept so that a consumer that lost some can ask for them again
    /// (the resync command). A ring of fixed slots allocated once, like the outbox (a report larger than a slot
    /// spans several); the oldest reports make room for new ones.
    /// </summary>
    public sealed class ReportHistory
    {
        private readonly ReportOutbox _held;
        private long _lastAdded = -1;

        /// <summary>A history of <paramref name="capacity"/> slots of <paramref name="slotBytes"/> bytes, without a staging buffer.</summary>
        public ReportHistory(int capacity, int slotBytes)
            : this(capacity, slotBytes, null)
        {
        }

        /// <param name="capacity">Slots kept (none: no history).</param>
        /// <param name="slotBytes">Bytes per slot.</param>
        /// <param name="staging">As for <see cref="ReportOutbox"/>: where a report spanning slots is put together.</param>
        public ReportHistory(int capacity, int slotBytes, byte[] staging)
        {
            _held = capacity > 0 ? new ReportOutbox(capacity, slotBytes, staging) : null;
        }

        /// <summary>Reports held.</summary>
        public int Count
        {
            get { return _held == null ? 0 : _held.Count; }
        }

        /// <summary>Lowest sequence number still held, or -1 when empty.</summary>
        public long OldestSequence
        {
            get { return Count == 0 ? -1 : _held.OldestSequence; }
        }

        /// <summary>Keeps a report; false if it is larger than the history can hold at all.</summary>
        public bool Add(long sequence, byte[] payload, int length)
        {
            // A report published again after a resync is already held.
            if (_held == null || sequence <= _lastAdded)
            {
                return true;
            }

            if (!_held.Enqueue(0, sequence, payload, length))
            {
                return false;
            }

            _lastAdded = sequence;
            return true;
        }

        /// <summary>Copies every held report with a sequence of at least <paramref name="from"/> into the outbox, in order.</summary>
        public int Requeue(long from, ReportOutbox outbox, byte topic)
        {
            int requeued = 0;
            for (int i = 0; i < Count; i++)
            {
                if (_held.SequenceAt(i) >= from)
                {
                    outbox.Enqueue(topic, _held.SequenceAt(i), _held.PayloadAt(i), _held.LengthAt(i));
                    requeued++;
                }
            }

            return requeued;
        }
    }
}
