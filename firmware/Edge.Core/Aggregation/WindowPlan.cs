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
        private readonly bool[] _quantities;
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
            if (quantities != null)
            {
                _quantities = new bool[Quantities.Count];
                for (int i = 0; i < quantities.Length; i++)
                {
                    _quantities[(int)quantities[i]] = true;
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
            return _quantities == null || _quantities[(int)quantity];
        }

        /// <summary>True if readings of the quantity from the meter go into this window.</summary>
        public bool Covers(int meter, QuantityId quantity)
        {
            if (!Covers(quantity))
            {
                return false;
            }

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
