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
        [InlineData("mqtts://broker.example.org", "broker.example.org", 8883, "mqtts://broker.example.org:8883")]
        [InlineData("mqtts://127.0.0.1:8884", "127.0.0.1", 8884, "mqtts://127.0.0.1:8884")]
        [InlineData("mqtts://[::1]", "::1", 8883, "mqtts://[::1]:8883")]
        public void Parses_tls_broker_addresses_with_port_8883_by_default(string text, string host, int port, string shown)
        {
            Assert.True(BrokerAddress.TryParse(text, out BrokerAddress? address, out _));
            Assert.Equal(new BrokerAddress(host, port, Tls: true), address);
            Assert.Equal(shown, address!.ToString());
        }

        [Theory]
        [InlineData("mqtt://meter:s3cret@127.0.0.1:1883", "'mqtt://***@127.0.0.1:1883' carries credentials")]
        [InlineData("mqtts://meter@broker.example.org", "'mqtts://***@broker.example.org' carries credentials")]
        public void Refuses_credentials_in_the_broker_url_without_echoing_them(string text, string start)
        {
            Assert.False(BrokerAddress.TryParse(text, out BrokerAddress? address, out string error));
            Assert.Null(address);
            Assert.StartsWith(start, error);
            Assert.Contains("--username and --password-file", error);
            Assert.DoesNotContain("s3cret", error);
            Assert.DoesNotContain("meter", error);
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
