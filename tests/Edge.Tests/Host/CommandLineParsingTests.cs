using Edge.Host.Cli;
using Xunit;

namespace Edge.Tests.Host
{
    public class CommandLineParsingTests
    {
        [Theory]
        [InlineData("mqtt://127.0.0.1:1884", "127.0.0.1", 1884)]
        [InlineData("mqtt://broker.example.org", "broker.example.org", 1883)]
        [InlineData("mqtt://localhost:1883/", "localhost", 1883)]
        public void Parses_broker_addresses(string text, string host, int port)
        {
            Assert.True(BrokerAddress.TryParse(text, out BrokerAddress? address, out _));
            Assert.Equal(new BrokerAddress(host, port), address);
        }

        [Theory]
        [InlineData("127.0.0.1:1883")]
        [InlineData("http://127.0.0.1:1883")]
        [InlineData("mqtt://host:1883/topic")]
        [InlineData("")]
        public void Rejects_what_is_not_a_broker_address_with_the_expected_form_in_the_message(string text)
        {
            Assert.False(BrokerAddress.TryParse(text, out _, out string error));
            Assert.Contains("mqtt://host[:port]", error);
        }

        [Theory]
        [InlineData("60", 60)]
        [InlineData("90s", 90)]
        [InlineData("15m", 900)]
        [InlineData("1h", 3600)]
        [InlineData("1d", 86400)]
        [InlineData(" 5M ", 300)]
        public void Parses_durations(string text, int seconds)
        {
            Assert.True(DurationText.TryParseSeconds(text, out int parsed));
            Assert.Equal(seconds, parsed);
        }

        [Theory]
        [InlineData("")]
        [InlineData("0")]
        [InlineData("-5m")]
        [InlineData("1.5h")]
        [InlineData("m")]
        [InlineData("15x")]
        [InlineData("99999999d")]
        public void Rejects_malformed_durations(string text)
        {
            Assert.False(DurationText.TryParseSeconds(text, out _));
        }
    }
}
