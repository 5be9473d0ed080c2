#nullable disable
using System;
using Edge.Core.Model;
using Edge.Core.Time;

namespace Edge.Core.Aggregation
{
    /// <summary>
    /// Fixed-interval windows aligned to the wall clock (UTC): a 60 s window runs from :00 to :00 of the next
    /// minute whatever the boot time. Holds one <see cref="QuantityStats"/> per (meter, quantity) seen,
    /// all allocated in the constructor from the configured capacity; a sample finds its slot through a lookup
    /// table, so <see cref="Add"/> is constant time and allocation-free.
    /// </summary>
    public sealed class WindowAggregator
    {
        private const short NoSlot = -1;

        private readonly QuantityStats[] _slots;
        private readonly short[] _slotByMeterQuantity;
        private readonly int _meterCount;
        private int _slotCount;

        public WindowAggregator(int windowSeconds, int meterCount, int slotCapacity)
        {
            if (windowSeconds <= 0)
            {
                throw new ArgumentOutOfRangeException("windowSeconds");
            }

            if (meterCount <= 0)
            {
                throw new ArgumentOutOfRangeException("meterCount");
            }

            if (slotCapacity <= 0 || slotCapacity > short.MaxValue)
            {
                throw new ArgumentOutOfRangeException("slotCapacity");
            }

            WindowSeconds = windowSeconds;
            _meterCount = meterCount;
            _slots = new QuantityStats[slotCapacity];
            for (int i = 0; i < slotCapacity; i++)
            {
                _slots[i] = new QuantityStats();
            }

            _slotByMeterQuantity = new short[meterCount * Quantities.Count];
            for (int i = 0; i < _slotByMeterQuantity.Length; i++)
            {
                _slotByMeterQuantity[i] = NoSlot;
            }
        }

        public int WindowSeconds { get; private set; }

        public bool IsOpen { get; private set; }

        /// <summary>Inclusive start of the current window (UTC).</summary>
        public DateTime WindowStart { get; private set; }

        /// <summary>Exclusive end of the current window (UTC).</summary>
        public DateTime WindowEnd { get; private set; }

        /// <summary>Number of slots in use, in order of first appearance (the order of reports).</summary>
        public int SlotCount
        {
            get { return _slotCount; }
        }

        /// <summary>Total samples in the current window, all slots together.</summary>
        public int SampleCount { get; private set; }

        /// <summary>Samples dropped because every slot was taken: a configuration too small for the meters.</summary>
        public int DroppedNoSlot { get; private set; }

        /// <summary>Samples dropped because their time lies outside the open window (a meter clock running off).</summary>
        public int DroppedOutOfWindow { get; private set; }

        public QuantityStats Slot(int index)
        {
            if (index < 0 || index >= _slotCount)
            {
                throw new ArgumentOutOfRangeException("index");
            }

            return _slots[index];
        }

        /// <summary>Opens the window that contains <paramref name="utcNow"/>, clearing all statistics.</summary>
        public void Open(DateTime utcNow)
        {
            WindowStart = UtcTime.AlignDown(utcNow, WindowSeconds);
            WindowEnd = WindowStart.AddTicks(WindowSeconds * TimeSpan.TicksPerSecond);
            for (int i = 0; i < _slotCount; i++)
            {
                _slots[i].Clear();
            }

            SampleCount = 0;
            IsOpen = true;
        }

        /// <summary>True when <paramref name="utcNow"/> is past the window, or before it (the clock went back).</summary>
        public bool IsDue(DateTime utcNow)
        {
            return IsOpen && (utcNow >= WindowEnd || utcNow < WindowStart);
        }

        /// <summary>Adds one sample of the given meter; samples outside the window or without a free slot are counted and dropped.</summary>
        public void Add(int meter, Reading reading)
        {
            if (meter < 0 || meter >= _meterCount)
            {
                throw new ArgumentOutOfRangeException("meter");
            }

            if (!IsOpen || reading.Time < WindowStart || reading.Time >= WindowEnd)
            {
                DroppedOutOfWindow++;
                return;
            }

            int key = (meter * Quantities.Count) + (int)reading.Quantity;
            int slot = _slotByMeterQuantity[key];
            if (slot == NoSlot)
            {
                if (_slotCount == _slots.Length)
                {
                    DroppedNoSlot++;
                    return;
                }

                slot = _slotCount++;
                _slotByMeterQuantity[key] = (short)slot;
                _slots[slot].Assign(meter, reading.Quantity);
            }

            _slots[slot].Add(reading);
            SampleCount++;
        }
    }
}
