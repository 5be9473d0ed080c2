#nullable disable
using System;

namespace Edge.Drivers.Tic
{
    /// <summary>
    /// Standard-mode horodate <c>SAAMMJJhhmmss</c> (Enedis-NOI-CPT_54E section 6.2.1.1): S is the season,
    /// 'E' summer (local time = UTC+2) or 'H' winter (UTC+1), in lower case when the meter's clock is degraded
    /// (it lost its time after a power cut and has not been set again), or a space when the meter does not
    /// manage seasons; then AAMMJJ the date and hhmmss the local time.
    /// </summary>
    public struct TicHorodate
    {
        /// <summary>Characters of a horodate: the season, then twelve digits AAMMJJhhmmss (Enedis-NOI-CPT_54E section 6.2.1.1).</summary>
        public const int Length = 13;

        /// <summary>The instant in UTC.</summary>
        public DateTime Utc;

        /// <summary>Summer time ('E'/'e').</summary>
        public bool Summer;

        /// <summary>The meter's clock is degraded (lower-case season, or no season): treat the time as approximate.</summary>
        public bool Degraded;

        /// <summary>Parses a horodate; false if its shape or any field is out of range.</summary>
        public static bool TryParse(byte[] buffer, int start, int length, out TicHorodate horodate)
        {
            horodate = new TicHorodate();
            if (length != Length)
            {
                return false;
            }

            int offsetHours;
            switch ((char)buffer[start])
            {
                case 'E':
                    offsetHours = 2;
                    horodate.Summer = true;
                    break;
                case 'e':
                    offsetHours = 2;
                    horodate.Summer = true;
                    horodate.Degraded = true;
                    break;
                case 'H':
                    offsetHours = 1;
                    break;
                case 'h':
                case ' ':
                    // Without a season the offset is unknown: winter time is the meter's default.
                    offsetHours = 1;
                    horodate.Degraded = true;
                    break;
                default:
                    return false;
            }

            int year = Two(buffer, start + 1);
            int month = Two(buffer, start + 3);
            int day = Two(buffer, start + 5);
            int hour = Two(buffer, start + 7);
            int minute = Two(buffer, start + 9);
            int second = Two(buffer, start + 11);
            if (year < 0 || month < 1 || month > 12 || day < 1 || day > DateTime.DaysInMonth(2000 + year, month)
                || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59)
            {
                return false;
            }

            // nanoFramework's DateTime has no (y, m, d, h, m, s, kind) constructor; go through ticks to mark it UTC.
            DateTime local = new DateTime(new DateTime(2000 + year, month, day, hour, minute, second).Ticks, DateTimeKind.Utc);
            horodate.Utc = local.AddHours(-offsetHours);
            return true;
        }

        private static int Two(byte[] buffer, int at)
        {
            int tens = buffer[at] - '0';
            int units = buffer[at + 1] - '0';
            if (tens < 0 || tens > 9 || units < 0 || units > 9)
            {
                return -1;
            }

            return (tens * 10) + units;
        }
    }
}
