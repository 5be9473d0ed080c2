#nullable disable
using System;

namespace Edge.Core.Model
{
    /// <summary>
    /// One measured value of a canonical quantity. The value is an exact decimal: <see cref="Value"/> scaled by
    /// 10^-<see cref="Decimals"/> (230.2 V is Value 2302, Decimals 1). Integers keep energy sums exact and keep
    /// floating point off the per-sample path (the ESP32 has a single-precision FPU only).
    /// A struct, so that passing readings from drivers to the aggregator allocates nothing.
    /// </summary>
    public struct Reading
    {
        /// <summary>Largest supported number of decimals; 10^9 still fits comfortably in a long.</summary>
        public const int MaxDecimals = 9;

        /// <summary>What was measured; its unit is the quantity's (<see cref="Unit"/>).</summary>
        public QuantityId Quantity;

        /// <summary>The mantissa: the measured value is Value x 10^-<see cref="Decimals"/>.</summary>
        public long Value;

        /// <summary>Number of decimal places in <see cref="Value"/>, 0 to <see cref="MaxDecimals"/>.</summary>
        public byte Decimals;

        /// <summary>UTC instant the value belongs to: the node's clock when the driver read it (for a mean, the start
        /// of the interval it covers). The aggregator keeps a sample only inside its window.</summary>
        public DateTime Time;

        /// <summary>Whether the value is verified or carries a caveat (a bound, an unsynchronised clock).</summary>
        public ReadingQuality Quality;

        /// <summary>A reading of <paramref name="value"/> x 10^-<paramref name="decimals"/> in the quantity's unit;
        /// throws ArgumentOutOfRangeException if <paramref name="decimals"/> is outside 0 to <see cref="MaxDecimals"/>.</summary>
        public Reading(QuantityId quantity, long value, int decimals, DateTime time, ReadingQuality quality)
        {
            if (decimals < 0 || decimals > MaxDecimals)
            {
                throw new ArgumentOutOfRangeException("decimals");
            }

            Quantity = quantity;
            Value = value;
            Decimals = (byte)decimals;
            Time = time;
            Quality = quality;
        }

        /// <summary>The SenML / UCUM unit of the quantity.</summary>
        public string Unit
        {
            get { return Quantities.UnitOf(Quantity); }
        }
    }
}
