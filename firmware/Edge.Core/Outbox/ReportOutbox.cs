#nullable disable
using System;

namespace Edge.Core.Outbox
{
    /// <summary>
    /// Encoded reports waiting for the broker, in sequence order, in a ring of fixed slots allocated once.
    /// A report leaves only after the broker acknowledged it, so a broker outage shorter than the ring's span
    /// loses nothing. When full, the oldest report is dropped and counted (reported in health telemetry).
    /// This first cut keeps the ring in RAM; durable segments in <c>IStore</c> extend it across reboots.
    /// </summary>
    public sealed class ReportOutbox
    {
        private readonly byte[][] _payloads;
        private readonly int[] _lengths;
        private readonly long[] _sequences;
        private readonly byte[] _topics;
        private int _head;
        private int _count;

        public ReportOutbox(int capacity, int maxPayloadBytes)
        {
            if (capacity <= 0)
            {
                throw new ArgumentOutOfRangeException("capacity");
            }

            if (maxPayloadBytes <= 0)
            {
                throw new ArgumentOutOfRangeException("maxPayloadBytes");
            }

            _payloads = new byte[capacity][];
            for (int i = 0; i < capacity; i++)
            {
                _payloads[i] = new byte[maxPayloadBytes];
            }

            _lengths = new int[capacity];
            _sequences = new long[capacity];
            _topics = new byte[capacity];
        }

        public int Capacity
        {
            get { return _payloads.Length; }
        }

        public int Count
        {
            get { return _count; }
        }

        /// <summary>Reports dropped because the outbox was full (oldest first).</summary>
        public int Dropped { get; private set; }

        /// <summary>Copies a report in. Returns false, storing nothing, if it is larger than a slot.</summary>
        public bool Enqueue(long sequence, byte[] payload, int length)
        {
            return Enqueue(0, sequence, payload, length);
        }

        /// <summary>Copies a message for the given topic (an index into the caller's topic table) in.</summary>
        public bool Enqueue(byte topic, long sequence, byte[] payload, int length)
        {
            if (length < 0 || length > _payloads[0].Length)
            {
                return false;
            }

            if (_count == _payloads.Length)
            {
                RemoveOldest();
                Dropped++;
            }

            int tail = (_head + _count) % _payloads.Length;
            Array.Copy(payload, 0, _payloads[tail], 0, length);
            _lengths[tail] = length;
            _sequences[tail] = sequence;
            _topics[tail] = topic;
            _count++;
            return true;
        }

        /// <summary>The buffer holding the oldest report (only its first <see cref="OldestLength"/> bytes count).</summary>
        public byte[] OldestPayload
        {
            get
            {
                RequireNotEmpty();
                return _payloads[_head];
            }
        }

        public int OldestLength
        {
            get
            {
                RequireNotEmpty();
                return _lengths[_head];
            }
        }

        public long OldestSequence
        {
            get
            {
                RequireNotEmpty();
                return _sequences[_head];
            }
        }

        /// <summary>Topic index of the oldest message.</summary>
        public byte OldestTopic
        {
            get
            {
                RequireNotEmpty();
                return _topics[_head];
            }
        }

        /// <summary>Forgets the oldest report, once the broker has acknowledged it.</summary>
        public void RemoveOldest()
        {
            RequireNotEmpty();
            _head = (_head + 1) % _payloads.Length;
            _count--;
        }

        private void RequireNotEmpty()
        {
            if (_count == 0)
            {
                throw new InvalidOperationException("outbox is empty");
            }
        }
    }
}
