#nullable disable
using System;

namespace Edge.Core.Time
{
    /// <summary>Windows of a fixed length that divides a day, aligned on UTC midnight (so on :00, :15, :30...).</summary>
    public sealed class FixedWindowCalendar : IWindowCalendar
    {
        private readonly long _lengthTicks;

        /// <summary>Windows of <paramref name="seconds"/>, which must divide 86400 (60, 900, 3600...); throws
        /// ArgumentOutOfRangeException otherwise, as such windows could not all start on UTC midnight.</summary>
        public FixedWindowCalendar(int seconds)
        {
            if (seconds <= 0 || 86400 % seconds != 0)
            {
                throw new ArgumentOutOfRangeException("seconds", "a window length must divide a day");
            }

            NominalSeconds = seconds;
            _lengthTicks = seconds * TimeSpan.TicksPerSecond;
            Name = seconds % 3600 == 0 ? "PT" + (seconds / 3600).ToString() + "H"
                : seconds % 60 == 0 ? "PT" + (seconds / 60).ToString() + "M"
                : "PT" + seconds.ToString() + "S";
        }

        /// <summary>ISO 8601 duration in the largest whole unit: "PT1H" for 3600 s, "PT15M" for 900, "PT10S" for 10.</summary>
        public string Name { get; private set; }

        /// <summary>The window length in seconds, exact: UTC has no daylight saving time.</summary>
        public int NominalSeconds { get; private set; }

        /// <summary>Start of the window containing <paramref name="utc"/>, a whole multiple of the length since UTC
        /// midnight.</summary>
        public DateTime WindowStart(DateTime utc)
        {
            return UtcTime.AlignDown(utc, NominalSeconds);
        }

        /// <summary><paramref name="windowStart"/> plus the length: the start of the next window.</summary>
        public DateTime WindowEnd(DateTime windowStart)
        {
            return windowStart.AddTicks(_lengthTicks);
        }
    }
}
