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

        // Held value: persists across windows.
        private long _heldValue;
        private DateTime _heldSince;
        private DateTime _heldLimit;

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
        public int Decimals { get; private set; }

        /// <summary>Samples inside the window.</summary>
        public int Count { get; private set; }

        /// <summary>Samples marked <see cref="ReadingQuality.Uncertain"/> among <see cref="Count"/>.</summary>
        public int UncertainCount { get; private set; }

        /// <summary>Plain sum of the samples (for an unweighted mean when nothing was held).</summary>
        public long Sum { get; private set; }

        /// <summary>True when the window has a min and max: a sample, or a value carried from the previous window.</summary>
        public bool HasExtremes
        {
            get { return (_flags & HasExtremesFlag) != 0; }
        }

        /// <summary>Smallest value of the window, in <see cref="Decimals"/>; valid when <see cref="HasExtremes"/>.
        /// A value carried from the previous window takes part, as of the window's start.</summary>
        public long Min { get; private set; }

        /// <summary>When <see cref="Min"/> was first reached (UTC): its sample's time, or the window's start for a
        /// carried value.</summary>
        public DateTime MinTime { get; private set; }

        /// <summary>Largest value of the window, in <see cref="Decimals"/>; valid when <see cref="HasExtremes"/>.
        /// A value carried from the previous window takes part, as of the window's start.</summary>
        public long Max { get; private set; }

        /// <summary>When <see cref="Max"/> was first reached (UTC): its sample's time, or the window's start for a
        /// carried value.</summary>
        public DateTime MaxTime { get; private set; }

        /// <summary>First sample inside the window, in <see cref="Decimals"/> (a carried value does not count);
        /// 0 when <see cref="Count"/> is 0.</summary>
        public long First { get; private set; }

        /// <summary>Latest sample inside the window, in <see cref="Decimals"/>; 0 when <see cref="Count"/> is 0.</summary>
        public long Last { get; private set; }

        /// <summary>Time of <see cref="Last"/> (UTC); meaningful only when <see cref="Count"/> is above 0.</summary>
        public DateTime LastTime { get; private set; }

        /// <summary>Sum of value x milliseconds over the time covered by held values.</summary>
        public long WeightedSum { get; private set; }

        /// <summary>Milliseconds of the window during which a value was held.</summary>
        public long CoveredMs { get; private set; }

        /// <summary>Cumulative registers: consumption in the window (register units), wraps and resets accounted for.</summary>
        public long Delta { get; private set; }

        /// <summary>Register wraps seen in the window.</summary>
        public int Rollovers { get; private set; }

        /// <summary>Register drops seen in the window (meter replaced or reset): the series restarted.</summary>
        public int Resets { get; private set; }

        /// <summary>True when the delta spans a gap: the register was last seen before this window, longer ago than
        /// the hold limit; <see cref="DeltaSince"/> says since when.</summary>
        public bool DeltaSpansGap
        {
            get { return (_flags & DeltaSpansGapFlag) != 0; }
        }

        /// <summary>Time (UTC) of the register sample the delta starts from; valid when <see cref="HasDelta"/>,
        /// and reported when <see cref="DeltaSpansGap"/>.</summary>
        public DateTime DeltaSince { get; private set; }

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
            Count = 0;
            UncertainCount = 0;
            Sum = 0;
            Min = 0;
            Max = 0;
            First = 0;
            Last = 0;
            WeightedSum = 0;
            CoveredMs = 0;
            Delta = 0;
            Rollovers = 0;
            Resets = 0;
            _flags &= ~(HasExtremesFlag | DeltaSpansGapFlag | HasDeltaFlag);
            if ((_flags & HasHeldFlag) != 0)
            {
                if (_heldLimit > windowStart)
                {
                    if (_heldSince < windowStart)
                    {
                        _heldSince = windowStart;
                    }

                    SeedExtremes(_heldValue, windowStart);
                }
                else
                {
                    _flags &= ~HasHeldFlag;
                }
            }
        }

        /// <summary>Extends the held value up to <paramref name="until"/> (the window's end, or the next sample).</summary>
        internal void HoldUntil(DateTime until)
        {
            if ((_flags & HasHeldFlag) == 0)
            {
                return;
            }

            DateTime end = until < _heldLimit ? until : _heldLimit;
            if (end > _heldSince)
            {
                long ms = (end.Ticks - _heldSince.Ticks) / TimeSpan.TicksPerMillisecond;
                WeightedSum += _heldValue * ms;
                CoveredMs += ms;
                _heldSince = end;
            }
        }

        /// <summary>Takes a sample inside the window starting at <paramref name="windowStart"/>; its value holds
        /// for at most <paramref name="maxHoldMs"/> (the aggregator's, the same for every slot).</summary>
        internal void Add(Reading reading, DateTime windowStart, long maxHoldMs)
        {
            if ((_flags & HasDecimalsFlag) == 0)
            {
                Decimals = reading.Decimals;
                _flags |= HasDecimalsFlag;
            }

            // Each property read is a call on the nanoFramework interpreter: Decimals and Count are read once, and
            // a sample at the slot's scale (nearly all) is not rescaled.
            int decimals = Decimals;
            long value = reading.Decimals == decimals ? reading.Value : DecimalMath.Rescale(reading.Value, reading.Decimals, decimals);
            DateTime time = reading.Time;
            HoldUntil(time);

            int count = Count;
            if (count == 0)
            {
                First = value;
            }

            if ((_flags & HasExtremesFlag) == 0)
            {
                SeedExtremes(value, time);
            }
            else
            {
                if (value < Min)
                {
                    Min = value;
                    MinTime = time;
                }

                if (value > Max)
                {
                    Max = value;
                    MaxTime = time;
                }
            }

            if ((_flags & CumulativeFlag) != 0)
            {
                AccumulateDelta(value, windowStart, maxHoldMs);
            }

            Sum += value;
            Last = value;
            LastTime = time;
            Count = count + 1;
            if (reading.Quality != ReadingQuality.Good)
            {
                UncertainCount++;
            }

            _flags |= HasHeldFlag;
            _heldValue = value;
            _heldSince = time;
            _heldLimit = time.AddTicks(maxHoldMs * TimeSpan.TicksPerMillisecond);
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
                DeltaSince = LastTime;
                long gapMs = (windowStart.Ticks - LastTime.Ticks) / TimeSpan.TicksPerMillisecond;
                if (gapMs > maxHoldMs)
                {
                    _flags |= DeltaSpansGapFlag;
                }
            }

            long step = value - _previousValue;
            if (step < 0)
            {
                long modulus = _rule == null ? 0 : _rule.Modulus;
                if (modulus > 0 && _previousValue >= modulus / 2 && value < modulus / 2)
                {
                    step += modulus;
                    Rollovers++;
                }
                else if (-step <= (_rule == null ? 0 : _rule.NoiseTolerance))
                {
                    // Noise: no consumption, and the baseline stays at the higher reading (at this sample's time).
                    return;
                }
                else
                {
                    // A reset or a new meter: what was consumed between the two readings is unknown; restart here.
                    Resets++;
                    step = 0;
                }
            }

            Delta += step;
            _previousValue = value;
        }

        private void SeedExtremes(long value, DateTime time)
        {
            _flags |= HasExtremesFlag;
            Min = value;
            MinTime = time;
            Max = value;
            MaxTime = time;
        }
    }
}
