#nullable disable
using System;

namespace Edge.Core.Outbox
{
    /// <summary>
    /// The last reports the broker acknowledged, kept so that a consumer that lost some can ask for them again
    /// (the resync command). Fixed slots, allocated once; the oldest is overwritten.
    /// </summary>
    public sealed class ReportHistory
    {
        private readonly byte[][] _payloads;
        private readonly int[] _lengths;
        private readonly long[] _sequences;
        private int _next;
        private int _count;
        private long _lastAdded = -1;

        public ReportHistory(int capacity, int maxPayloadBytes)
        {
            _payloads = new byte[capacity][];
            for (int i = 0; i < capacity; i++)
            {
                _payloads[i] = new byte[maxPayloadBytes];
            }

            _lengths = new int[capacity];
            _sequences = new long[capacity];
        }

        public int Count
        {
            get { return _count; }
        }

        /// <summary>Lowest sequence number still held, or -1 when empty.</summary>
        public long OldestSequence
        {
            get { return _count == 0 ? -1 : _sequences[(_next - _count + _payloads.Length) % _payloads.Length]; }
        }

        public void Add(long sequence, byte[] payload, int length)
        {
            // A report published again after a resync is already held.
            if (_payloads.Length == 0 || length > _payloads[0].Length || sequence <= _lastAdded)
            {
                return;
            }

            _lastAdded = sequence;
            Array.Copy(payload, 0, _payloads[_next], 0, length);
            _lengths[_next] = length;
            _sequences[_next] = sequence;
            _next = (_next + 1) % _payloads.Length;
            if (_count < _payloads.Length)
            {
                _count++;
            }
        }

        /// <summary>Copies every held report with a sequence of at least <paramref name="from"/> into the outbox, in order.</summary>
        public int Requeue(long from, ReportOutbox outbox, byte topic)
        {
            int requeued = 0;
            for (int i = 0; i < _count; i++)
            {
                int slot = (_next - _count + i + _payloads.Length) % _payloads.Length;
                if (_sequences[slot] >= from)
                {
                    outbox.Enqueue(topic, _sequences[slot], _payloads[slot], _lengths[slot]);
                    requeued++;
                }
            }

            return requeued;
        }
    }
}
