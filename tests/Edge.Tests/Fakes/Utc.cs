using System;
using System.Globalization;

namespace Edge.Tests.Fakes
{
    internal static class Utc
    {
        /// <summary>Parses "2026-11-25T20:13:27Z" (or with milliseconds) as a UTC DateTime.</summary>
        public static DateTime At(string text) =>
            DateTime.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
    }
}
