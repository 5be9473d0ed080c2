#nullable disable
using System;

namespace Edge.Core.Time
{
    /// <summary>Windows of a fixed length that divides a day, aligned on UTC midnight (so on :00, :15, :30...).</summary>
    public sealed class FixedWindowCalendar : IWindowCalendar
    {
        private readonly long _lengthTicks;

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

        public string Name { get; private set; }

        public int NominalSeconds { get; private set; }

        public DateTime WindowStart(DateTime utc)
        {
            return UtcTime.AlignDown(utc, NominalSeconds);
        }

        public DateTime WindowEnd(DateTime windowStart)
        {
            return windowStart.AddTicks(_lengthTicks);
        }
    }
}
