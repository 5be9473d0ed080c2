#nullable disable
using System;

namespace Edge.Core.Time
{
    /// <summary>
    /// A time zone as a rule, not a database (the device knows only UTC): a standard offset and, optionally, the
    /// European Union's summer time, which starts on the last Sunday of March at 01:00 UTC and ends on the last
    /// Sunday of October at 01:00 UTC in every EU zone at once (Directive 2000/84/EC, articles 2 and 3).
    /// Local times are only used for boundaries (local days for daily totals); everything else stays in UTC.
    /// </summary>
    public sealed class TimeZoneRule
    {
        /// <summary>Europe/Paris (and Berlin, Madrid, Rome, Brussels...): UTC+1, UTC+2 in summer.</summary>
        public static readonly TimeZoneRule CentralEurope = new TimeZoneRule(60, true);

        /// <summary>A zone <paramref name="standardOffsetMinutes"/> from UTC in standard time (-720 to 840: UTC-12 to
        /// UTC+14), one hour more during EU summer time if <paramref name="europeanSummerTime"/>.</summary>
        public TimeZoneRule(int standardOffsetMinutes, bool europeanSummerTime)
        {
            if (standardOffsetMinutes < -720 || standardOffsetMinutes > 840)
            {
                throw new ArgumentOutOfRangeException("standardOffsetMinutes");
            }

            StandardOffsetMinutes = standardOffsetMinutes;
            EuropeanSummerTime = europeanSummerTime;
        }

        /// <summary>Offset from UTC outside summer time, in minutes, positive east of Greenwich (60 for Paris).</summary>
        public int StandardOffsetMinutes { get; private set; }

        /// <summary>True if the zone keeps EU summer time (one hour more from the last Sunday of March to the last
        /// Sunday of October, switching at 01:00 UTC).</summary>
        public bool EuropeanSummerTime { get; private set; }

        /// <summary>True if summer time is in force at this instant.</summary>
        public bool IsSummerTime(DateTime utc)
        {
            if (!EuropeanSummerTime)
            {
                return false;
            }

            return utc >= SwitchInstant(utc.Year, 3) && utc < SwitchInstant(utc.Year, 10);
        }

        /// <summary>Offset from UTC in minutes at this instant.</summary>
        public int OffsetMinutes(DateTime utc)
        {
            return StandardOffsetMinutes + (IsSummerTime(utc) ? 60 : 0);
        }

        /// <summary>The local wall-clock time at this instant (a DateTime whose fields are local).</summary>
        public DateTime ToLocal(DateTime utc)
        {
            return utc.AddMinutes(OffsetMinutes(utc));
        }

        /// <summary>UTC instant of the local midnight that starts the local day containing <paramref name="utc"/>.</summary>
        public DateTime LocalDayStart(DateTime utc)
        {
            DateTime local = ToLocal(utc);
            DateTime localMidnight = new DateTime(local.Ticks - (local.Ticks % TimeSpan.TicksPerDay), DateTimeKind.Utc);
            return FromLocal(localMidnight);
        }

        /// <summary>UTC instant of the next local midnight: 23 h after the start on the spring day, 25 h on the autumn day.</summary>
        public DateTime NextLocalDayStart(DateTime localDayStartUtc)
        {
            DateTime local = ToLocal(localDayStartUtc).AddDays(1);
            DateTime localMidnight = new DateTime(local.Ticks - (local.Ticks % TimeSpan.TicksPerDay), DateTimeKind.Utc);
            return FromLocal(localMidnight);
        }

        /// <summary>
        /// UTC of a local wall time. Only used for midnights: EU switches happen at 01:00 UTC, i.e. in the small
        /// hours, so a local midnight is never skipped nor repeated and has exactly one UTC instant.
        /// </summary>
        private DateTime FromLocal(DateTime local)
        {
            DateTime guess = local.AddMinutes(-StandardOffsetMinutes);
            return local.AddMinutes(-OffsetMinutes(guess));
        }

        /// <summary>Last Sunday of the month, 01:00 UTC.</summary>
        private static DateTime SwitchInstant(int year, int month)
        {
            DateTime last = new DateTime(new DateTime(year, month, DateTime.DaysInMonth(year, month)).Ticks, DateTimeKind.Utc);
            int back = (int)last.DayOfWeek; // Sunday is 0
            return last.AddDays(-back).AddHours(1);
        }
    }
}
