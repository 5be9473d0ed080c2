#nullable disable
using System;

namespace Edge.Core.Time
{
    /// <summary>Local days (midnight to midnight in the configured zone): daily totals as a household or a tariff
    /// counts them. 23 hours long on the spring DST day, 25 on the autumn one.</summary>
    public sealed class LocalDayCalendar : IWindowCalendar
    {
        private readonly TimeZoneRule _zone;

        /// <summary>Local days of <paramref name="zone"/> (ArgumentNullException if null).</summary>
        public LocalDayCalendar(TimeZoneRule zone)
        {
            if (zone == null)
            {
                throw new ArgumentNullException("zone");
            }

            _zone = zone;
        }

        /// <summary>"P1D", the ISO 8601 duration of one day, whatever its length in hours.</summary>
        public string Name
        {
            get { return "P1D"; }
        }

        /// <summary>86400; in a zone with summer time the real day is 82800 s on the spring switch day and 90000 s on
        /// the autumn one.</summary>
        public int NominalSeconds
        {
            get { return 86400; }
        }

        /// <summary>UTC instant of the local midnight that began the local day containing <paramref name="utc"/>.</summary>
        public DateTime WindowStart(DateTime utc)
        {
            return _zone.LocalDayStart(utc);
        }

        /// <summary>UTC instant of the next local midnight after <paramref name="windowStart"/>, itself a local
        /// midnight.</summary>
        public DateTime WindowEnd(DateTime windowStart)
        {
            return _zone.NextLocalDayStart(windowStart);
        }
    }
}
