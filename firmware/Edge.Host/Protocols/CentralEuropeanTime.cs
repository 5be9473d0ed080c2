using System;

namespace Edge.Host.Protocols
{
    /// <summary>
    /// Legal time where the simulated meters hang (France, the Netherlands, Belgium): CET, UTC+1, and CEST, UTC+2,
    /// from the last Sunday of March 01:00 UTC to the last Sunday of October 01:00 UTC (Directive 2000/84/EC). The
    /// meters stamp their telegrams in it: TIC horodates with E/H, DSMR timestamps with S/W.
    /// </summary>
    public static class CentralEuropeanTime
    {
        /// <summary>Whether summer time is in force at <paramref name="utc"/>.</summary>
        public static bool IsSummerTime(DateTime utc)
        {
            DateTime start = LastSunday(utc.Year, 3).AddHours(1);
            DateTime end = LastSunday(utc.Year, 10).AddHours(1);
            return utc >= start && utc < end;
        }

        /// <summary>The legal time at <paramref name="utc"/>.</summary>
        public static DateTime ToLocal(DateTime utc) => DateTime.SpecifyKind(utc.AddHours(IsSummerTime(utc) ? 2 : 1), DateTimeKind.Unspecified);

        private static DateTime LastSunday(int year, int month)
        {
            var last = new DateTime(year, month, DateTime.DaysInMonth(year, month), 0, 0, 0, DateTimeKind.Utc);
            return last.AddDays(-(int)last.DayOfWeek);
        }
    }
}
