#nullable disable
using System;

namespace Edge.DeviceTests.Support
{
    /// <summary>Times on the test day, 2026-11-25, in UTC (the only kind of DateTime nanoFramework has).</summary>
    public static class Day
    {
        /// <summary>2026-11-25 at <paramref name="hour"/>:<paramref name="minute"/>:<paramref name="second"/> UTC.</summary>
        public static DateTime At(int hour, int minute, int second)
        {
            return new DateTime(2026, 11, 25, hour, minute, second);
        }
    }
}
