#nullable disable
using System;
using Edge.Core.Model;

namespace Edge.Core.Aggregation
{
    /// <summary>
    /// Statistics of one quantity of one meter over one window, all exact decimals in the slot's fixed number of
    /// decimals. Allocated once at start-up and reset at every window, so adding a sample allocates nothing.
    /// <para>Time-weighted: a sample's value holds until the next sample (or for at most the hold limit, after
    /// which the quantity counts as unobserved), so unequal sampling does not bias the mean, and the time covered
    /// by held values gives the window's coverage. A value still held at the window's end carries into the next
    /// window.</para>
    /// <para>Cumulative registers also get their window delta, summed sample by sample: a wrap of the register
    /// adds the modulus, a decrease within the noise tolerance counts as none, and a larger decrease is a reset
    /// (meter replaced or reset: the series restarts, the drop is not negative consumption). Deltas of consecutive
    /// windows therefore add up exactly to the register's difference.</para>
    /// </summary>
    public sealed class QuantityStats
    {
        // The slot's yes/no state, one bit each, in one field: nanoCLR gives every field of an object a 12-byte heap
        // block (CLR_RT_HeapBlock, nf-interpreter), so seven bools would take 84 bytes a slot where one int takes 12.
        private const int HasDecimalsFlag = 1;
        private const int HasHeldFlag = 2;
        private const int HasPreviousFlag = 4;
        private const int AssignedFlag = 8;
        private const int HasExtremesFlag = 16;
        private const int DeltaSpansGapFlag = 32;
        private const int HasDeltaFlag = 64;
        private const int CumulativeFlag = 128; // a register: the quantity's kind, looked up once when assigned

        private int _flags;

        // How the register wraps and jitters (null: never wraps, no noise); shared with the aggregator's rules.
        private RegisterRule _rule;

        // Held value: persists across windows. Its bounds are kept as ticks: HoldUntil compares and subtracts them
        // for every sample, and on the nanoFramework interpreter each DateTime operator or Ticks read is a call.
        private long _heldValue;
        private long _heldSinceTicks;
        private long _heldLimitTicks;

        // Behind the public read-only properties: Add, HoldUntil and AccumulateDelta read and write them for every
        // sample, as fields, since an auto-property's getter and setter are a call each on the interpreter.
        private int _decimals;
        private int _count;
        private int _uncertainCount;
        private long _sum;
        private long _min;
        private DateTime _minTime;
        private long _max;
        private DateTime _maxTime;
        private long _first;
        private long _last;
        private DateTime _lastTime;
        private long _weightedSum;
        private long _coveredMs;
        private long _delta;
        private int _rollovers;
        private int _resets;
        private DateTime _deltaSince;

        // Previous register sample: persists across windows. Its time is LastTime, which every sample sets.
        private long _previousValue;

        internal QuantityStats()
        {
        }

        /// <summary>Index of the meter (in the order the node added them) whose readings this slot holds; valid
        /// when <see cref="IsAssigned"/>.</summary>
        public int Meter { get; private set; }

        /// <summary>The quantity this slot holds for <see cref="Meter"/>; valid when <see cref="IsAssigned"/>.</summary>
        public QuantityId Quantity { get; private set; }

        /// <summary>True once the first sample of a (meter, quantity) pair took this slot; the slot keeps that pair
        /// for the aggregator's lifetime.</summary>
        public bool IsAssigned
        {
            get { return (_flags & AssignedFlag) != 0; }
        }

        /// <summary>Decimals of every value below, fixed by the first sample ever seen in this slot.</summary>
        public int Decimals
        {
            get { return _decimals; }
        }

        /// <summary>Samples inside the window.</summary>
        public int Count
        {
            get { return _count; }
        }

        /// <summary>Samples marked <see cref="ReadingQuality.Uncertain"/> among <see cref="Count"/>.</summary>
        public int UncertainCount
        {
            get { return _uncertainCount; }
        }

        /// <summary>Plain sum of the samples (for an unweighted mean when nothing was held).</summary>
        public long Sum
        {
            get { return _sum; }
        }

        /// <summary>True when the window has a min and max: a sample, or a value carried from the previous window.</summary>
        public bool HasExtremes
        {
            get { return (_flags & HasExtremesFlag) != 0; }
        }

        /// <summary>Smallest value of the window, in <see cref="Decimals"/>; valid when <see cref="HasExtremes"/>.
        /// A value carried from the previous window takes part, as of the window's start.</summary>
        public long Min
        {
            get { return _min; }
        }

        /// <summary>When <see cref="Min"/> was first reached (UTC): its sample's time, or the window's start for a
        /// carried value.</summary>
        public DateTime MinTime
        {
            get { return _minTime; }
        }

        /// <summary>Largest value of the window, in <see cref="Decimals"/>; valid when <see cref="HasExtremes"/>.
        /// A value carried from the previous window takes part, as of the window's start.</summary>
        public long Max
        {
            get { return _max; }
        }

        /// <summary>When <see cref="Max"/> was first reached (UTC): its sample's time, or the window's start for a
        /// carried value.</summary>
        public DateTime MaxTime
        {
            get { return _maxTime; }
        }

        /// <summary>First sample inside the window, in <see cref="Decimals"/> (a carried value does not count);
        /// 0 when <see cref="Count"/> is 0.</summary>
        public long First
        {
            get { return _first; }
        }

        /// <summary>Latest sample inside the window, in <see cref="Decimals"/>; 0 when <see cref="Count"/> is 0.</summary>
        public long Last
        {
            get { return _last; }
        }

        /// <summary>Time of <see cref="Last"/> (UTC); meaningful only when <see cref="Count"/> is above 0.</summary>
        public DateTime LastTime
        {
            get { return _lastTime; }
        }

        /// <summary>Sum of value x milliseconds over the time covered by held values.</summary>
        public long WeightedSum
        {
            get { return _weightedSum; }
        }

        /// <summary>Milliseconds of the window during which a value was held.</summary>
        public long CoveredMs
        {
            get { return _coveredMs; }
        }

        /// <summary>Cumulative registers: consumption in the window (register units), wraps and resets accounted for.</summary>
        public long Delta
        {
            get { return _delta; }
        }

        /// <summary>Register wraps seen in the window.</summary>
        public int Rollovers
        {
            get { return _rollovers; }
        }

        /// <summary>Register drops seen in the window (meter replaced or reset): the series restarted.</summary>
        public int Resets
        {
            get { return _resets; }
        }

        /// <summary>True when the delta spans a gap: the register was last seen before this window, longer ago than
        /// the hold limit; <see cref="DeltaSince"/> says since when.</summary>
        public bool DeltaSpansGap
        {
            get { return (_flags & DeltaSpansGapFlag) != 0; }
        }

        /// <summary>Time (UTC) of the register sample the delta starts from; valid when <see cref="HasDelta"/>,
        /// and reported when <see cref="DeltaSpansGap"/>.</summary>
        public DateTime DeltaSince
        {
            get { return _deltaSince; }
        }

        /// <summary>True when the delta has a baseline (a sample before this window's first one, or earlier in it).</summary>
        public bool HasDelta
        {
            get { return (_flags & HasDeltaFlag) != 0; }
        }

        /// <summary>Reported means carry one more decimal than the samples: the mean of 230 V and 231 V is 230.5 V.</summary>
        public const int MeanExtraDecimals = 1;

        /// <summary>The mean as reports give it: <see cref="MeanExtraDecimals"/> more decimals than the samples.</summary>
        public long ReportedMean
        {
            get { return Mean(MeanExtraDecimals); }
        }

        /// <summary>Decimals of <see cref="ReportedMean"/>.</summary>
        public int MeanDecimals
        {
            get { return Decimals + MeanExtraDecimals; }
        }

        /// <summary>Time-weighted mean with <paramref name="extraDecimals"/> more decimals than the samples,
        /// rounded half away from zero; the plain mean when no time was covered.</summary>
        public long Mean(int extraDecimals)
        {
            long scale = DecimalMath.Pow10(extraDecimals);
            if (CoveredMs > 0)
            {
                return DecimalMath.DivideRounded(WeightedSum * scale, CoveredMs);
            }

            if (Count == 0)
            {
                if (!HasExtremes)
                {
                    throw new InvalidOperationException("no samples");
                }

                return Min * scale;
            }

            return DecimalMath.DivideRounded(Sum * scale, Count);
        }

        /// <summary>Covered fraction of a window of <paramref name="windowMs"/>, in thousandths (1000 = fully covered).</summary>
        public long CoveragePerMille(long windowMs)
        {
            return windowMs <= 0 ? 0 : DecimalMath.DivideRounded(CoveredMs * 1000, windowMs);
        }

        internal void Assign(int meter, QuantityId quantity, RegisterRule rule)
        {
            Meter = meter;
            Quantity = quantity;
            _flags = Quantities.KindOf(quantity) == QuantityKind.Cumulative ? AssignedFlag | CumulativeFlag : AssignedFlag;
            _rule = rule;
            Clear(DateTime.MinValue);
        }

        /// <summary>Starts a window at <paramref name="windowStart"/>; a value still held carries into it.</summary>
        internal void Clear(DateTime windowStart)
        {
            _count = 0;
            _uncertainCount = 0;
            _sum = 0;
            _min = 0;
            _max = 0;
            _first = 0;
            _last = 0;
            _weightedSum = 0;
            _coveredMs = 0;
            _delta = 0;
            _rollovers = 0;
            _resets = 0;
            _flags &= ~(HasExtremesFlag | DeltaSpansGapFlag | HasDeltaFlag);
            if ((_flags & HasHeldFlag) != 0)
            {
                long startTicks = windowStart.Ticks;
                if (_heldLimitTicks > startTicks)
                {
                    if (_heldSinceTicks < startTicks)
                    {
                        _heldSinceTicks = startTicks;
                    }

                    SeedExtremes(_heldValue, windowStart);
                }
                else
                {
                    _flags &= ~HasHeldFlag;
                }
            }
        }

        /// <summary>Extends the held value up to <paramref name="untilTicks"/> (the window's end, or the next
        /// sample), in ticks.</summary>
        internal void HoldUntil(long untilTicks)
        {
            if ((_flags & HasHeldFlag) == 0)
            {
                return;
            }

            long end = untilTicks < _heldLimitTicks ? untilTicks : _heldLimitTicks;
            long since = _heldSinceTicks;
            if (end > since)
            {
                long ms = (end - since) / TimeSpan.TicksPerMillisecond;
                _weightedSum += _heldValue * ms;
                _coveredMs += ms;
                _heldSinceTicks = end;
            }
        }

        /// <summary>Takes a sample inside the window starting at <paramref name="windowStart"/>; its value holds
        /// for at most <paramref name="maxHoldMs"/> (the aggregator's, the same for every slot).</summary>
        internal void Add(Reading reading, DateTime windowStart, long maxHoldMs)
        {
            if ((_flags & HasDecimalsFlag) == 0)
            {
                _decimals = reading.Decimals;
                _flags |= HasDecimalsFlag;
            }

            // A sample at the slot's scale (nearly all) is not rescaled; the sample's time is read as ticks once.
            int decimals = _decimals;
            long value = reading.Decimals == decimals ? reading.Value : DecimalMath.Rescale(reading.Value, reading.Decimals, decimals);
            DateTime time = reading.Time;
            long ticks = time.Ticks;
            HoldUntil(ticks);

            int count = _count;
            if (count == 0)
            {
                _first = value;
            }

            if ((_flags & HasExtremesFlag) == 0)
            {
                SeedExtremes(value, time);
            }
            else
            {
                if (value < _min)
                {
                    _min = value;
                    _minTime = time;
                }

                if (value > _max)
                {
                    _max = value;
                    _maxTime = time;
                }
            }

            if ((_flags & CumulativeFlag) != 0)
            {
                AccumulateDelta(value, windowStart, maxHoldMs);
            }

            _sum += value;
            _last = value;
            _lastTime = time;
            _count = count + 1;
            if (reading.Quality != ReadingQuality.Good)
            {
                _uncertainCount++;
            }

            _flags |= HasHeldFlag;
            _heldValue = value;
            _heldSinceTicks = ticks;

            // AddTicks, not an addition of ticks: a hold past DateTime.MaxValue throws as it always did.
            _heldLimitTicks = time.AddTicks(maxHoldMs * TimeSpan.TicksPerMillisecond).Ticks;
        }

        /// <summary>Adds a register sample's step to the delta; runs before LastTime takes the sample's time, so
        /// LastTime is still the previous sample's.</summary>
        private void AccumulateDelta(long value, DateTime windowStart, long maxHoldMs)
        {
            if ((_flags & HasPreviousFlag) == 0)
            {
                _flags |= HasPreviousFlag;
                _previousValue = value;
                return;
            }

            if ((_flags & HasDeltaFlag) == 0)
            {
                _flags |= HasDeltaFlag;
                _deltaSince = _lastTime;
                long gapMs = (windowStart.Ticks - _lastTime.Ticks) / TimeSpan.TicksPerMillisecond;
                if (gapMs > maxHoldMs)
                {
                    _flags |= DeltaSpansGapFlag;
                }
            }

            long previous = _previousValue;
            long step = value - previous;
            if (step < 0)
            {
                long modulus = _rule == null ? 0 : _rule.Modulus;
                if (modulus > 0 && previous >= modulus / 2 && value < modulus / 2)
                {
                    step += modulus;
                    _rollovers++;
                }
                else if (-step <= (_rule == null ? 0 : _rule.NoiseTolerance))
                {
                    // Noise: no consumption, and the baseline stays at the higher reading (at this sample's time).
                    return;
                }
                else
                {
                    // A reset or a new meter: what was consumed between the two readings is unknown; restart here.
                    _resets++;
                    step = 0;
                }
            }

            _delta += step;
            _previousValue = value;
        }

        private void SeedExtremes(long value, DateTime time)
        {
            _flags |= HasExtremesFlag;
            _min = value;
            _minTime = time;
            _max = value;
            _maxTime = time;
        }
    }
}
