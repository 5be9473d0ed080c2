#nullable disable
using System;
using Edge.Core.Model;

namespace Edge.Core.ReportByException
{
    /// <summary>
    /// Report by exception for one quantity: publish a value at once when it moved beyond a deadband since the
    /// value last reported, but not more often than the minimum interval.
    /// </summary>
    public sealed class ChangeRule
    {
        /// <param name="meter">Meter index, or -1 for every meter.</param>
        /// <param name="quantity">The quantity watched.</param>
        /// <param name="deadband">Absolute deadband, as a mantissa with <paramref name="decimals"/> decimals (5 V: 5, 0).</param>
        /// <param name="decimals">Decimals of <paramref name="deadband"/>.</param>
        /// <param name="deadbandPercent">Relative deadband in percent of the last reported value; 0 to use the absolute one.</param>
        /// <param name="minIntervalMs">Shortest time between two reports of this quantity.</param>
        public ChangeRule(int meter, QuantityId quantity, long deadband, int decimals, int deadbandPercent, long minIntervalMs)
        {
            if (deadband < 0 || deadbandPercent < 0 || minIntervalMs < 0)
            {
                throw new ArgumentOutOfRangeException("deadband", "deadbands and intervals cannot be negative");
            }

            if (decimals < 0 || decimals > Reading.MaxDecimals)
            {
                throw new ArgumentOutOfRangeException("decimals");
            }

            Meter = meter;
            Quantity = quantity;
            Deadband = deadband;
            Decimals = decimals;
            DeadbandPercent = deadbandPercent;
            MinIntervalMs = minIntervalMs;
        }

        /// <summary>Meter index, or -1 for every meter.</summary>
        public int Meter { get; private set; }

        /// <summary>The quantity watched.</summary>
        public QuantityId Quantity { get; private set; }

        /// <summary>Absolute deadband, as a mantissa with <see cref="Decimals"/> decimals.</summary>
        public long Deadband { get; private set; }

        /// <summary>Decimals of <see cref="Deadband"/>.</summary>
        public int Decimals { get; private set; }

        /// <summary>Relative deadband in percent of the last reported value; 0 to use the absolute one.</summary>
        public int DeadbandPercent { get; private set; }

        /// <summary>Shortest time between two reports of this quantity, in ms.</summary>
        public long MinIntervalMs { get; private set; }
    }
}
