#nullable disable
using System;

namespace Edge.Core.Time
{
    /// <summary>Local days (midnight to midnight in the configured zone): daily totals as a household or a tariff
    /// counts them. 23 hours long on the spring DST day, 25 on the autumn one.</summary>
    public sealed class LocalDayCalendar : IWindowCalendar
    {
        private readonly TimeZoneRule _zone;

        public LocalDayCalendar(TimeZoneRule zone)
        {
            if (zone == null)
            {
                throw new ArgumentNullException("zone");
            }

            _zone = zone;
        }

        public string Name
        {
            get { return "P1D"; }
        }

        public int NominalSeconds
        {
            get { return 86400; }
        }

        public DateTime WindowStart(DateTime utc)
        {
            return _zone.LocalDayStart(utc);
        }

        public DateTime WindowEnd(DateTime windowStart)
        {
            return _zone.NextLocalDayStart(windowStart);
        }
    }
}
