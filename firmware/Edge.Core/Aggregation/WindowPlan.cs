#nullable disable
using System;
using Edge.Core.Model;
using Edge.Core.Time;

namespace Edge.Core.Aggregation
{
    /// <summary>
    /// One kind of window a node reports: its calendar, which quantities of which meters it covers (all, or chosen
    /// lists) and which statistics it reports. A node runs several at once (e.g. 15-minute intervals and daily totals).
    /// </summary>
    public sealed class WindowPlan
    {
        /// <summary>By quantity: 0 when not covered, else 1 + its rank among the covered ones; null when every
        /// quantity is covered (the rank is then the quantity's number). A field the aggregator reads for every
        /// sample rather than calling <see cref="RankOf"/>.</summary>
        internal readonly byte[] Ranks;
        private readonly int _quantityCount;
        private readonly int[] _meters;
        private int[] _statisticsByQuantity;

        /// <param name="calendar">Where the windows start and end.</param>
        /// <param name="quantities">Quantities covered, or null for every quantity.</param>
        /// <param name="statistics">Flags of <see cref="StatisticSet"/>.</param>
        public WindowPlan(IWindowCalendar calendar, QuantityId[] quantities, int statistics)
            : this(calendar, quantities, statistics, null)
        {
        }

        /// <param name="calendar">Where the windows start and end.</param>
        /// <param name="quantities">Quantities covered, or null for every quantity.</param>
        /// <param name="statistics">Flags of <see cref="StatisticSet"/>.</param>
        /// <param name="meters">Indexes of the meters covered (in the order they were added to the node), or null for all.</param>
        public WindowPlan(IWindowCalendar calendar, QuantityId[] quantities, int statistics, int[] meters)
        {
            if (calendar == null)
            {
                throw new ArgumentNullException("calendar");
            }

            if (statistics == 0)
            {
                throw new ArgumentException("a window must report at least one statistic", "statistics");
            }

            Calendar = calendar;
            Statistics = statistics;
            _meters = meters;
            if (quantities == null)
            {
                _quantityCount = Quantities.Count;
            }
            else
            {
                Ranks = new byte[Quantities.Count];
                for (int i = 0; i < quantities.Length; i++)
                {
                    Ranks[(int)quantities[i]] = 1;
                }

                for (int q = 0; q < Quantities.Count; q++)
                {
                    if (Ranks[q] != 0)
                    {
                        Ranks[q] = (byte)(1 + _quantityCount++);
                    }
                }
            }
        }

        /// <summary>Where this plan's windows start and end.</summary>
        public IWindowCalendar Calendar { get; private set; }

        /// <summary>Flags of <see cref="StatisticSet"/> reported for every quantity that has no set of its own
        /// (see <see cref="WithStatistics"/>); never 0.</summary>
        public int Statistics { get; private set; }

        /// <summary>True if readings of the quantity go into this window.</summary>
        public bool Covers(QuantityId quantity)
        {
            return Ranks == null || Ranks[(int)quantity] != 0;
        }

        /// <summary>Quantities covered: every one of the vocabulary, or those listed (each counted once).</summary>
        public int QuantityCount
        {
            get { return _quantityCount; }
        }

        /// <summary>Rank of a covered quantity among those covered, 0 to <see cref="QuantityCount"/> - 1, in the
        /// vocabulary's order; -1 for one not covered. An aggregator's lookup table has one entry per rank and
        /// meter.</summary>
        public int RankOf(QuantityId quantity)
        {
            return Ranks == null ? (int)quantity : Ranks[(int)quantity] - 1;
        }


        /// <summary>True if readings of the quantity from the meter go into this window.</summary>
        public bool Covers(int meter, QuantityId quantity)
        {
            return Covers(quantity) && CoversMeter(meter);
        }

        /// <summary>True if readings from the meter go into this window (of the quantities it covers).</summary>
        public bool CoversMeter(int meter)
        {
            if (_meters == null)
            {
                return true;
            }

            for (int i = 0; i < _meters.Length; i++)
            {
                if (_meters[i] == meter)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The (meter, quantity) pairs the plan covers on a node of <paramref name="meterCount"/> meters:
        /// the most statistics slots its windows can ever use.</summary>
        public int Pairs(int meterCount)
        {
            int pairs = 0;
            for (int meter = 0; meter < meterCount; meter++)
            {
                for (int q = 0; q < Quantities.Count; q++)
                {
                    if (Covers(meter, (QuantityId)q))
                    {
                        pairs++;
                    }
                }
            }

            return pairs;
        }

        /// <summary>Whether the plan's common set includes the statistic (a <see cref="StatisticSet"/> flag), whatever
        /// a quantity's own set says.</summary>
        public bool Reports(int statistic)
        {
            return (Statistics & statistic) != 0;
        }

        /// <summary>Whether the window reports the statistic for this quantity (its own set, if it has one).</summary>
        public bool Reports(QuantityId quantity, int statistic)
        {
            int set = _statisticsByQuantity == null || _statisticsByQuantity[(int)quantity] == 0 ? Statistics : _statisticsByQuantity[(int)quantity];
            return (set & statistic) != 0;
        }

        /// <summary>Gives one quantity its own statistics in this window (e.g. only the max of the apparent power
        /// where the energy delta already says the mean). Returns the plan, for chaining at configuration.</summary>
        public WindowPlan WithStatistics(QuantityId quantity, int statistics)
        {
            if (statistics == 0)
            {
                throw new ArgumentException("a quantity must report at least one statistic", "statistics");
            }

            if (_statisticsByQuantity == null)
            {
                _statisticsByQuantity = new int[Quantities.Count];
            }

            _statisticsByQuantity[(int)quantity] = statistics;
            return this;
        }
    }
}
