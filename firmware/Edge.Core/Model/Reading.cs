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

        public QuantityId Quantity;
        public long Value;
        public byte Decimals;
        public DateTime Time;
        public ReadingQuality Quality;

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
