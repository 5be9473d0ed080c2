using System;
using Edge.Core.Setup;
using Edge.Drivers.Startup;
using Xunit;

namespace Edge.Tests.Drivers.Startup
{
    /// <summary>The device platform's book of which GPIO has which use.</summary>
    public sealed class PinClaimsTests
    {
        [Fact]
        public void A_pin_claimed_again_for_the_same_use_gives_back_the_adapter_kept()
        {
            var claims = new PinClaims();
            Assert.Null(claims.Claim(23, "output"));
            var led = new object();
            claims.Keep(23, led);

            Assert.Same(led, claims.Claim(23, "output"));
            Assert.Equal("output", claims.UseOf(23));
        }

        [Fact]
        public void Rejects_a_pin_used_twice_for_different_uses_naming_the_first()
        {
            var claims = new PinClaims();
            claims.Claim(35, "UART RX");

            var refused = Assert.Throws<InvalidOperationException>(() => claims.Claim(35, "pulse input"));

            Assert.Equal("GPIO35 is already the UART RX", refused.Message);
            Assert.Equal("UART RX", claims.UseOf(35));
        }

        [Theory]
        [InlineData(40)]
        [InlineData(-2)]
        public void Rejects_a_pin_the_esp32_does_not_have(int pin)
        {
            var refused = Assert.Throws<ArgumentOutOfRangeException>(() => new PinClaims().Claim(pin, "output"));

            Assert.StartsWith($"GPIO{pin} does not exist on the ESP32 (0 to 39)", refused.Message);
        }

        [Fact]
        public void No_pin_claims_nothing()
        {
            var claims = new PinClaims();

            Assert.Null(claims.Claim(PinMap.None, "UART TX"));
            Assert.Null(claims.UseOf(PinMap.None));
        }
    }
}
