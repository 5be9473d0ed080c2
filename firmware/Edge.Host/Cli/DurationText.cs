using System;
using System.Globalization;

namespace Edge.Host.Cli
{
    /// <summary>Durations on the command line: "90" or "90s" (seconds), "15m", "1h", "2d".</summary>
    public static class DurationText
    {
        public static bool TryParseSeconds(string text, out int seconds)
        {
            seconds = 0;
            if (string.IsNullOrWhiteSpace(text))
            {
                return false;
            }

            text = text.Trim();
            int multiplier = char.ToLowerInvariant(text[^1]) switch
            {
                's' => 1,
                'm' => 60,
                'h' => 3600,
                'd' => 86400,
                _ => 0,
            };
            string number = multiplier == 0 ? text : text[..^1];
            if (multiplier == 0)
            {
                multiplier = 1;
            }

            if (!int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out int value) || value <= 0)
            {
                return false;
            }

            long total = (long)value * multiplier;
            if (total > int.MaxValue)
            {
                return false;
            }

            seconds = (int)total;
            return true;
        }
    }
}
