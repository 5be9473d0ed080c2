using Edge.Host.Listening;
using Xunit;

namespace Edge.Tests.Host
{
    public class OneLineTests
    {
        [Fact]
        public void Escapes_control_characters_so_a_topic_cannot_drive_the_terminal()
        {
            Assert.Equal("n\\u001b[2J\\u000a\\u0000é", OneLine.Of("n\u001b[2J\n\0é"));
        }

        [Fact]
        public void Cuts_a_long_text_to_its_limit_with_an_ellipsis()
        {
            Assert.Equal("abcdefg...", OneLine.Of("abcdefghijklmnop", 10));
            Assert.Equal("abcdefghij", OneLine.Of("abcdefghij", 10));
            Assert.Equal("\\u000a...", OneLine.Of("\n\n\n\n", 9));
        }
    }
}
