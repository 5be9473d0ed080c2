#nullable disable
using System;

namespace Edge.Core.Time
{
    /// <summary>Calendar arithmetic on UTC DateTime values without time-zone support (nanoFramework has none).</summary>
    public static class UtcTime
    {
        /// <summary>
        /// Start of the window of <paramref name="windowSeconds"/> that contains <paramref name="utc"/>, aligned
        /// to the wall clock (a 15-minute window starts at :00, :15, :30, :45), not to boot time.
        /// Aligning on DateTime's year-1 origin is the same as aligning on the Unix epoch for every length that
        /// divides a day: 1970-01-01 is exactly 719,162 days after 0001-01-01.
        /// </summary>
        public static DateTime AlignDown(DateTime utc, int windowSeconds)
        {
            if (windowSeconds <= 0)
            {
                throw new ArgumentOutOfRangeException("windowSeconds");
            }

            long length = windowSeconds * TimeSpan.TicksPerSecond;
            long ticks = utc.Ticks;
            return new DateTime(ticks - (ticks % length), DateTimeKind.Utc);
        }

        /// <summary>Whole seconds since the Unix epoch (1970-01-01T00:00:00Z is 621,355,968,000,000,000 ticks).</summary>
        public static long UnixSeconds(DateTime utc)
        {
            return (utc.Ticks - 621355968000000000L) / TimeSpan.TicksPerSecond;
        }
    }
}
