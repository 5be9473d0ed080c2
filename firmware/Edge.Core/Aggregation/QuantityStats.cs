#nullable disable
using System;
using Edge.Core.Model;

namespace Edge.Core.Aggregation
{
    /// <summary>
    /// Statistics of one quantity of one meter over one window: count, sum, min, max (with their times), first
    /// and last, all as exact decimals in the slot's fixed number of decimals. Allocated once at start-up and
    /// reset at every window, so adding a sample allocates nothing.
    /// </summary>
    public sealed class QuantityStats
    {
        private bool _hasDecimals;

        internal QuantityStats()
        {
        }

        public int Meter { get; private set; }

        public QuantityId Quantity { get; private set; }

        /// <summary>Decimals of every value below, fixed by the first sample ever seen in this slot.</summary>
        public int Decimals { get; private set; }

        public int Count { get; private set; }

        /// <summary>Samples marked <see cref="ReadingQuality.Uncertain"/> among <see cref="Count"/>.</summary>
        public int UncertainCount { get; private set; }

        public long Sum { get; private set; }

        public long Min { get; private set; }

        public DateTime MinTime { get; private set; }

        public long Max { get; private set; }

        public DateTime MaxTime { get; private set; }

        public long First { get; private set; }

        public long Last { get; private set; }

        public DateTime LastTime { get; private set; }

        public bool IsAssigned { get; private set; }

        /// <summary>
        /// Arithmetic mean with <paramref name="extraDecimals"/> more decimals than the samples
        /// (the mean of 230 V and 231 V is 230.5 V), rounded half away from zero.
        /// </summary>
        public long Mean(int extraDecimals)
        {
            if (Count == 0)
            {
                throw new InvalidOperationException("no samples");
            }

            return DecimalMath.DivideRounded(Sum * DecimalMath.Pow10(extraDecimals), Count);
        }

        internal void Assign(int meter, QuantityId quantity)
        {
            Meter = meter;
            Quantity = quantity;
            IsAssigned = true;
            _hasDecimals = false;
            Clear();
        }

        internal void Clear()
        {
            Count = 0;
            UncertainCount = 0;
            Sum = 0;
            Min = 0;
            Max = 0;
            First = 0;
            Last = 0;
        }

        internal void Add(Reading reading)
        {
            if (!_hasDecimals)
            {
                Decimals = reading.Decimals;
                _hasDecimals = true;
            }

            long value = DecimalMath.Rescale(reading.Value, reading.Decimals, Decimals);
            if (Count == 0)
            {
                First = value;
                Min = value;
                MinTime = reading.Time;
                Max = value;
                MaxTime = reading.Time;
            }
            else
            {
                if (value < Min)
                {
                    Min = value;
                    MinTime = reading.Time;
                }

                if (value > Max)
                {
                    Max = value;
                    MaxTime = reading.Time;
                }
            }

            Sum += value;
            Last = value;
            LastTime = reading.Time;
            Count++;
            if (reading.Quality != ReadingQuality.Good)
            {
                UncertainCount++;
            }
        }
    }
}
