using Edge.Core.Model;
using Xunit;

namespace Edge.Tests.Core
{
    public class DecimalMathTests
    {
        [Theory]
        [InlineData(10, 4, 3)]
        [InlineData(10, 3, 3)]
        [InlineData(-10, 4, -3)]
        [InlineData(5, 2, 3)]
        [InlineData(-5, 2, -3)]
        [InlineData(7, 2, 4)]
        [InlineData(0, 7, 0)]
        [InlineData(9, -2, -5)]
        public void Divides_rounding_half_away_from_zero(long numerator, long denominator, long expected)
        {
            Assert.Equal(expected, DecimalMath.DivideRounded(numerator, denominator));
        }

        [Theory]
        [InlineData(2302, 1, 3, 230200)]
        [InlineData(230250, 3, 1, 2303)]
        [InlineData(-230250, 3, 1, -2303)]
        [InlineData(230249, 3, 1, 2302)]
        [InlineData(42, 2, 2, 42)]
        public void Rescales_exactly(long mantissa, int from, int to, long expected)
        {
            Assert.Equal(expected, DecimalMath.Rescale(mantissa, from, to));
        }

        [Fact]
        public void Rejects_division_by_zero()
        {
            Assert.Throws<System.ArgumentOutOfRangeException>(() => DecimalMath.DivideRounded(1, 0));
        }
    }
}
