using System.Text;
using Edge.Core.Platform;
using Xunit;

namespace Edge.Tests.Core.Platform
{
    public class Utf8TextTests
    {
        [Theory]
        [InlineData("{\"status\":\"offline\"}")]
        [InlineData("compteur-cuisine-é")]
        [InlineData("€ 12,5 kWh")]
        [InlineData("relevé 🔌 ok")]
        [InlineData("")]
        public void Decodes_well_formed_text_as_dotnet_does(string text)
        {
            byte[] bytes = Encoding.UTF8.GetBytes("xx" + text + "yy");

            Assert.Equal(text, Utf8Text.Decode(bytes, 2, bytes.Length - 4));
        }

        [Theory]
        [InlineData(new byte[] { 0x41, 0xC3 }, "A\uFFFD")]
        [InlineData(new byte[] { 0xC0, 0xAF }, "\uFFFD\uFFFD")]
        [InlineData(new byte[] { 0xED, 0xA0, 0x80 }, "\uFFFD\uFFFD\uFFFD")]
        [InlineData(new byte[] { 0xFF, 0x42 }, "\uFFFDB")]
        public void Replaces_each_byte_starting_a_malformed_sequence(byte[] bytes, string expected)
        {
            Assert.Equal(expected, Utf8Text.Decode(bytes, 0, bytes.Length));
        }
    }
}
