#nullable disable
using System;

namespace Edge.Core.Model
{
    /// <summary>
    /// Exact arithmetic on scaled decimals (mantissa x 10^-decimals), in integers only. nanoFramework's mscorlib
    /// has no System.Math, and the ESP32's FPU is single precision, so the hot path stays in long.
    /// </summary>
    public static class DecimalMath
    {
        private static readonly long[] PowersOfTen =
        {
            1L, 10L, 100L, 1000L, 10000L, 100000L, 1000000L, 10000000L, 100000000L, 1000000000L,
            10000000000L, 100000000000L, 1000000000000L,
        };

        /// <summary>10^exponent for 0..12.</summary>
        public static long Pow10(int exponent)
        {
            if (exponent < 0 || exponent >= PowersOfTen.Length)
            {
                throw new ArgumentOutOfRangeException("exponent");
            }

            return PowersOfTen[exponent];
        }

        /// <summary>Integer division rounded half away from zero (230.25 -> 230.3, -230.25 -> -230.3).</summary>
        public static long DivideRounded(long numerator, long denominator)
        {
            if (denominator == 0)
            {
                // nanoFramework mscorlib has no DivideByZeroException.
                throw new ArgumentOutOfRangeException("denominator");
            }

            if (denominator < 0)
            {
                numerator = -numerator;
                denominator = -denominator;
            }

            long half = denominator / 2;
            return numerator >= 0 ? (numerator + half) / denominator : -((-numerator + half) / denominator);
        }

        /// <summary>Re-expresses a mantissa given with <paramref name="fromDecimals"/> decimals with
        /// <paramref name="toDecimals"/> decimals, rounding half away from zero when precision is dropped.</summary>
        public static long Rescale(long mantissa, int fromDecimals, int toDecimals)
        {
            if (fromDecimals == toDecimals)
            {
                return mantissa;
            }

            if (toDecimals > fromDecimals)
            {
                return mantissa * Pow10(toDecimals - fromDecimals);
            }

            return DivideRounded(mantissa, Pow10(fromDecimals - toDecimals));
        }
    }
}
