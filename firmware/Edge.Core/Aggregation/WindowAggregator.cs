#nullable disable
using System;
using System.Collections;
using Edge.Core.Model;
using Edge.Core.Time;

namespace Edge.Core.Aggregation
{
    /// <summary>
    /// Windows of one calendar (fixed lengths aligned to the wall clock, or local days), with one
    /// <see cref="QuantityStats"/> per (meter, quantity) seen. Every slot is allocated in the constructor from the
    /// configured capacity, and a sample finds its slot through a lookup table, so <see cref="Add"/> is constant
    /// time and allocation-free.
    /// </summary>
    public sealed class WindowAggregator
    {
        /// <summary>A value holds for at most a minute unless configured: longer silence is missing data.</summary>
        public const long DefaultMaxHoldMs = 60000;

        private const short NoSlot = -1;

        // In the lookup table, for a meter the plan does not cover: its samples are ignored, found so without a
        // search of the plan's meters per sample.
        private const short NotCovered = -2;

        private readonly QuantityStats[] _slots;
        private readonly short[] _slotByMeterQuantity;
        private readonly int _meterCount;
        private readonly int _quantitiesPerMeter;
        // The rules of the quantities the plan covers (null until one is set): the others are never looked up.
        private ArrayList _registerRules;
        private int _slotCount;

        // What every sample reads, in fields rather than behind properties: on the nanoFramework interpreter each
        // property access is a call. The window's bounds are also kept as ticks, compared without DateTime's
        // operators.
        private readonly WindowPlan _plan;
        private readonly long _maxHoldMs;
        private bool _isOpen;
        private DateTime _windowStart;
        private DateTime _windowEnd;
        private long _startTicks;
        private long _endTicks;
        private int _sampleCount;

        /// <summary>Windows of <paramref name="windowSeconds"/> aligned on UTC midnight, over every quantity with
        /// every statistic, values held for <see cref="DefaultMaxHoldMs"/>.</summary>
        public WindowAggregator(int windowSeconds, int meterCount, int slotCapacity)
            : this(new FixedWindowCalendar(windowSeconds), meterCount, slotCapacity, DefaultMaxHoldMs)
        {
        }

        /// <summary>Windows of <paramref name="calendar"/> over every quantity with every statistic.</summary>
        public WindowAggregator(IWindowCalendar calendar, int meterCount, int slotCapacity, long maxHoldMs)
            : this(new WindowPlan(calendar, null, StatisticSet.All), meterCount, slotCapacity, maxHoldMs)
        {
        }

        /// <param name="plan">Calendar, quantities and statistics of the windows.</param>
        /// <param name="meterCount">Meters of the node, indexed from 0 in the order they were added; at least 1.</param>
        /// <param name="slotCapacity">Most (meter, quantity) pairs tracked, 1 to 32767; samples of a pair beyond
        /// them are dropped and counted in <see cref="DroppedNoSlot"/>.</param>
        /// <param name="maxHoldMs">How long a sample's value holds without a newer one, in ms; above 0.</param>
        public WindowAggregator(WindowPlan plan, int meterCount, int slotCapacity, long maxHoldMs)
        {
            if (plan == null)
            {
                throw new ArgumentNullException("plan");
            }

            if (meterCount <= 0)
            {
                throw new ArgumentOutOfRangeException("meterCount");
            }

            if (slotCapacity <= 0 || slotCapacity > short.MaxValue)
            {
                throw new ArgumentOutOfRangeException("slotCapacity");
            }

            if (maxHoldMs <= 0)
            {
                throw new ArgumentOutOfRangeException("maxHoldMs");
            }

            _plan = plan;
            Calendar = plan.Calendar;
            _maxHoldMs = maxHoldMs;
            _meterCount = meterCount;
            _slots = new QuantityStats[slotCapacity];
            for (int i = 0; i < slotCapacity; i++)
            {
                _slots[i] = new QuantityStats();
            }

            // One entry per meter and quantity covered: 4 for a household's 15-minute intervals, not the 65 of the
            // vocabulary.
            _quantitiesPerMeter = plan.QuantityCount;
            _slotByMeterQuantity = new short[meterCount * _quantitiesPerMeter];
            for (int i = 0; i < _slotByMeterQuantity.Length; i++)
            {
                _slotByMeterQuantity[i] = plan.CoversMeter(i / _quantitiesPerMeter) ? NoSlot : NotCovered;
            }
        }

        /// <summary>Calendar, quantities and statistics of these windows.</summary>
        public WindowPlan Plan
        {
            get { return _plan; }
        }

        /// <summary>Where the windows start and end: the plan's calendar.</summary>
        public IWindowCalendar Calendar { get; private set; }

        /// <summary>How long a sample's value counts as the quantity's value without a newer sample.</summary>
        public long MaxHoldMs
        {
            get { return _maxHoldMs; }
        }

        /// <summary>True from <see cref="Open"/> to <see cref="Close"/>: samples are taken only meanwhile.</summary>
        public bool IsOpen
        {
            get { return _isOpen; }
        }

        /// <summary>Inclusive start of the current window (UTC).</summary>
        public DateTime WindowStart
        {
            get { return _windowStart; }
        }

        /// <summary>Exclusive end of the current window (UTC).</summary>
        public DateTime WindowEnd
        {
            get { return _windowEnd; }
        }

        /// <summary>Length of the current window in milliseconds (a local day may be 23 or 25 hours).</summary>
        public long WindowMs
        {
            get { return (_endTicks - _startTicks) / TimeSpan.TicksPerMillisecond; }
        }

        /// <summary>Number of slots in use, in order of first appearance (the order of reports).</summary>
        public int SlotCount
        {
            get { return _slotCount; }
        }

        /// <summary>Slots allocated: the most (meter, quantity) pairs tracked, each for the aggregator's lifetime.</summary>
        public int SlotCapacity
        {
            get { return _slots.Length; }
        }

        /// <summary>Total samples in the current window, all slots together.</summary>
        public int SampleCount
        {
            get { return _sampleCount; }
        }

        /// <summary>Samples dropped because every slot was taken: a configuration too small for the meters.</summary>
        public int DroppedNoSlot { get; private set; }

        /// <summary>Samples dropped because their time lies outside the open window (a meter clock running off).</summary>
        public int DroppedOutOfWindow { get; private set; }

        /// <summary>Declares how a meter's register wraps and jitters; call before its first sample. A rule of a
        /// quantity the plan does not cover is not kept (no sample of it ever arrives); the first rule set for a
        /// (meter, quantity) is the one that applies.</summary>
        public void SetRegisterRule(RegisterRule rule)
        {
            if (rule == null)
            {
                throw new ArgumentNullException("rule");
            }

            if (!Plan.Covers(rule.Meter, rule.Quantity) || FindRule(rule.Meter, rule.Quantity) != null)
            {
                return;
            }

            if (_registerRules == null)
            {
                _registerRules = new ArrayList();
            }

            _registerRules.Add(rule);
        }

        /// <summary>Statistics of slot <paramref name="index"/>, 0 to <see cref="SlotCount"/> - 1, in order of
        /// first appearance; throws outside that range.</summary>
        public QuantityStats Slot(int index)
        {
            if (index < 0 || index >= _slotCount)
            {
                throw new ArgumentOutOfRangeException("index");
            }

            return _slots[index];
        }

        /// <summary>Opens the window that contains <paramref name="utcNow"/>; held values carry into it.</summary>
        public void Open(DateTime utcNow)
        {
            _windowStart = Calendar.WindowStart(utcNow);
            _windowEnd = Calendar.WindowEnd(_windowStart);
            _startTicks = _windowStart.Ticks;
            _endTicks = _windowEnd.Ticks;
            for (int i = 0; i < _slotCount; i++)
            {
                _slots[i].Clear(_windowStart);
            }

            _sampleCount = 0;
            _isOpen = true;
        }

        /// <summary>Ends the window: held values are extended to its end (or to <paramref name="until"/> when the
        /// window is cut short, e.g. by a clock jump). The statistics stay readable until the next Open.</summary>
        public void Close(DateTime until)
        {
            long untilTicks = until.Ticks;
            long end = untilTicks < _endTicks ? untilTicks : _endTicks;
            for (int i = 0; i < _slotCount; i++)
            {
                _slots[i].HoldUntil(end);
            }

            _isOpen = false;
        }

        /// <summary>True when <paramref name="utcNow"/> is past the window, or before it (the clock went back).</summary>
        public bool IsDue(DateTime utcNow)
        {
            return _isOpen && (utcNow >= _windowEnd || utcNow < _windowStart);
        }

        /// <summary>Adds one sample of the given meter; quantities the plan does not cover are ignored, samples
        /// outside the window or without a free slot are counted and dropped.</summary>
        public void Add(int meter, Reading reading)
        {
            // One unsigned comparison for both bounds of the meter's index.
            if ((uint)meter >= (uint)_meterCount)
            {
                throw new ArgumentOutOfRangeException("meter");
            }

            // One look-up says whether the plan covers the sample and where its statistics are: no search of the
            // plan's meters, no second look at its quantities. The plan's rank table is read here, not through
            // WindowPlan.RankOf: a call less for each sample offered to each window.
            QuantityId quantity = reading.Quantity;
            byte[] ranks = _plan.Ranks;
            int rank = ranks == null ? (int)quantity : ranks[(int)quantity] - 1;
            if (rank < 0)
            {
                return;
            }

            int key = (meter * _quantitiesPerMeter) + rank;
            int slot = _slotByMeterQuantity[key];
            if (slot == NotCovered)
            {
                return;
            }

            long ticks = reading.Time.Ticks;
            if (!_isOpen || ticks < _startTicks || ticks >= _endTicks)
            {
                DroppedOutOfWindow++;
                return;
            }

            if (slot == NoSlot)
            {
                if (_slotCount == _slots.Length)
                {
                    DroppedNoSlot++;
                    return;
                }

                slot = _slotCount++;
                _slotByMeterQuantity[key] = (short)slot;
                _slots[slot].Assign(meter, quantity, FindRule(meter, quantity));
            }

            _slots[slot].Add(reading, _windowStart, _maxHoldMs);
            _sampleCount++;
        }

        private RegisterRule FindRule(int meter, QuantityId quantity)
        {
            for (int i = 0; _registerRules != null && i < _registerRules.Count; i++)
            {
                RegisterRule rule = (RegisterRule)_registerRules[i];
                if (rule.Meter == meter && rule.Quantity == quantity)
                {
                    return rule;
                }
            }

            return null;
        }
    }
}
