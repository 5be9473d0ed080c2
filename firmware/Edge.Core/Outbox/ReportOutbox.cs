#nullable disable
using System;

namespace Edge.Core.Outbox
{
    /// <summary>
    /// Encoded messages waiting for the broker, in order, in a ring of fixed slots allocated once. A message larger
    /// than a slot spans as many consecutive slots as it needs, so the slot size sets the RAM's granularity, not the
    /// largest report. A message leaves only after the broker acknowledged it, so a broker outage shorter than the
    /// ring's span loses nothing. When the ring is full, the oldest messages are dropped and counted (reported in
    /// health telemetry). This first cut keeps the ring in RAM; durable segments in <c>IStore</c> extend it
    /// across reboots.
    /// </summary>
    public sealed class ReportOutbox
    {
        private readonly byte[][] _slots;
        private readonly int _slotBytes;
        private readonly byte[] _staging;

        // Per message, at the index of its first slot.
        private readonly int[] _lengths;
        private readonly long[] _sequences;
        private readonly byte[] _topics;
        private readonly int[] _spans;

        private int _head;
        private int _usedSlots;
        private int _count;

        /// <summary>A ring whose messages each fit one slot.</summary>
        public ReportOutbox(int capacity, int slotBytes)
            : this(capacity, slotBytes, null)
        {
        }

        /// <param name="capacity">Slots in the ring.</param>
        /// <param name="slotBytes">Bytes per slot.</param>
        /// <param name="staging">Where a message spanning several slots is put together to be read (its length
        /// bounds such messages); null if every message fits a slot. Rings read one at a time may share one.</param>
        public ReportOutbox(int capacity, int slotBytes, byte[] staging)
        {
            if (capacity <= 0)
            {
                throw new ArgumentOutOfRangeException("capacity");
            }

            if (slotBytes <= 0)
            {
                throw new ArgumentOutOfRangeException("slotBytes");
            }

            _slots = new byte[capacity][];
            for (int i = 0; i < capacity; i++)
            {
                _slots[i] = new byte[slotBytes];
            }

            _slotBytes = slotBytes;
            _staging = staging;
            _lengths = new int[capacity];
            _sequences = new long[capacity];
            _topics = new byte[capacity];
            _spans = new int[capacity];
        }

        /// <summary>Slots in the ring.</summary>
        public int Capacity
        {
            get { return _slots.Length; }
        }

        /// <summary>Messages held.</summary>
        public int Count
        {
            get { return _count; }
        }

        /// <summary>The largest message the ring takes.</summary>
        public int LargestMessageBytes
        {
            get
            {
                int spanned = _staging == null || _staging.Length < _slotBytes ? _slotBytes : _staging.Length;
                int ring = _slotBytes * _slots.Length;
                return spanned < ring ? spanned : ring;
            }
        }

        /// <summary>Messages dropped because the ring was full (oldest first).</summary>
        public int Dropped { get; private set; }

        /// <summary>Slots a message of <paramref name="length"/> bytes takes.</summary>
        public int SlotsFor(int length)
        {
            return length <= _slotBytes ? 1 : (length + _slotBytes - 1) / _slotBytes;
        }

        /// <summary>Copies a report in. Returns false, storing nothing, if it is larger than <see cref="LargestMessageBytes"/>.</summary>
        public bool Enqueue(long sequence, byte[] payload, int length)
        {
            return Enqueue(0, sequence, payload, length);
        }

        /// <summary>Copies a message for the given topic (an index into the caller's topic table) in, dropping the
        /// oldest ones while there is no room.</summary>
        public bool Enqueue(byte topic, long sequence, byte[] payload, int length)
        {
            if (length < 0 || length > LargestMessageBytes)
            {
                return false;
            }

            int span = SlotsFor(length);
            while (_slots.Length - _usedSlots < span)
            {
                RemoveOldest();
                Dropped++;
            }

            int start = (_head + _usedSlots) % _slots.Length;
            int copied = 0;
            for (int i = 0; i < span; i++)
            {
                int piece = length - copied < _slotBytes ? length - copied : _slotBytes;
                Array.Copy(payload, copied, _slots[(start + i) % _slots.Length], 0, piece);
                copied += piece;
            }

            _lengths[start] = length;
            _sequences[start] = sequence;
            _topics[start] = topic;
            _spans[start] = span;
            _usedSlots += span;
            _count++;
            return true;
        }

        /// <summary>The buffer holding the oldest message (only its first <see cref="OldestLength"/> bytes count):
        /// its slot, or the staging buffer for a message spanning several, valid until the ring changes.</summary>
        public byte[] OldestPayload
        {
            get { return PayloadAt(0); }
        }

        /// <summary>Length in bytes of the oldest message.</summary>
        public int OldestLength
        {
            get { return LengthAt(0); }
        }

        /// <summary>Sequence of the oldest message.</summary>
        public long OldestSequence
        {
            get { return SequenceAt(0); }
        }

        /// <summary>Topic index of the oldest message.</summary>
        public byte OldestTopic
        {
            get { return _topics[SlotOf(0)]; }
        }

        /// <summary>Topic index of the <paramref name="index"/>-th message, oldest first.</summary>
        public byte TopicAt(int index)
        {
            return _topics[SlotOf(index)];
        }

        /// <summary>Sequence of the <paramref name="index"/>-th message, oldest first.</summary>
        public long SequenceAt(int index)
        {
            return _sequences[SlotOf(index)];
        }

        /// <summary>Length in bytes of the <paramref name="index"/>-th message, oldest first.</summary>
        public int LengthAt(int index)
        {
            return _lengths[SlotOf(index)];
        }

        /// <summary>The bytes of the <paramref name="index"/>-th message, from offset 0 (see <see cref="OldestPayload"/>).</summary>
        public byte[] PayloadAt(int index)
        {
            int slot = SlotOf(index);
            if (_spans[slot] == 1)
            {
                return _slots[slot];
            }

            int length = _lengths[slot];
            int copied = 0;
            for (int i = 0; copied < length; i++)
            {
                int piece = length - copied < _slotBytes ? length - copied : _slotBytes;
                Array.Copy(_slots[(slot + i) % _slots.Length], 0, _staging, copied, piece);
                copied += piece;
            }

            return _staging;
        }

        /// <summary>Forgets the oldest message, once the broker has acknowledged it.</summary>
        public void RemoveOldest()
        {
            int span = _spans[SlotOf(0)];
            _head = (_head + span) % _slots.Length;
            _usedSlots -= span;
            _count--;
        }

        private int SlotOf(int index)
        {
            if (index < 0 || index >= _count)
            {
                if (_count == 0)
                {
                    throw new InvalidOperationException("outbox is empty");
                }

                throw new ArgumentOutOfRangeException("index");
            }

            int slot = _head;
            for (int i = 0; i < index; i++)
            {
                slot = (slot + _spans[slot]) % _slots.Length;
            }

            return slot;
        }
    }
}
