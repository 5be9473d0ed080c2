#nullable disable
using System;
using Edge.Core.Model;
using Edge.Core.Time;

namespace Edge.Core.Aggregation
{
    /// <summary>
    /// One kind of window a node reports: its calendar, which quantities it covers (all, or a chosen list) and
    /// which statistics it reports. A node runs several at once (e.g. 15-minute intervals and daily totals).
    /// </summary>
    public sealed class WindowPlan
    {
        private readonly bool[] _quantities;

        /// <param name="calendar">Where the windows start and end.</param>
        /// <param name="quantities">Quantities covered, or null for every quantity.</param>
        /// <param name="statistics">Flags of <see cref="StatisticSet"/>.</param>
        public WindowPlan(IWindowCalendar calendar, QuantityId[] quantities, int statistics)
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
            if (quantities != null)
            {
                _quantities = new bool[Quantities.Count];
                for (int i = 0; i < quantities.Length; i++)
                {
                    _quantities[(int)quantities[i]] = true;
                }
            }
        }

        public IWindowCalendar Calendar { get; private set; }

        public int Statistics { get; private set; }

        /// <summary>True if readings of the quantity go into this window.</summary>
        public bool Covers(QuantityId quantity)
        {
            return _quantities == null || _quantities[(int)quantity];
        }

        public bool Reports(int statistic)
        {
            return (Statistics & statistic) != 0;
        }
    }
}
