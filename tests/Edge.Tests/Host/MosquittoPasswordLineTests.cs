using System;
using Edge.Host.Provisioning;
using Xunit;

namespace Edge.Tests.Host
{
    public sealed class MosquittoPasswordLineTests
    {
        /// <summary>Made by mosquitto's own tool (mosquitto_passwd 2.0.11: `mosquitto_passwd -c -b pw node-1 secret`);
        /// the same salt and iteration count must give the same line, byte for byte.</summary>
        private const string MosquittoPasswdLine =
            "node-1:$7$101$dx0GPt8qKqdScnPY$6PiNjCTzM5pJqyX07q/H53puduqaX4IYEjypXEHD5OzX5OaC+WlNOAOuu9tOJ5ag8e9JJaDG1We2/Egp+4GnjA==";

        [Fact]
        public void Matches_the_line_mosquitto_passwd_wrote_for_the_same_salt()
        {
            byte[] salt = Convert.FromBase64String("dx0GPt8qKqdScnPY");

            Assert.Equal(MosquittoPasswdLine, MosquittoPasswordLine.Create("node-1", "secret", salt, 101));
        }

        [Fact]
        public void Draws_a_fresh_twelve_byte_salt_for_every_line()
        {
            string first = MosquittoPasswordLine.Create("node-1", "secret");
            string second = MosquittoPasswordLine.Create("node-1", "secret");

            Assert.NotEqual(first, second);
            string[] parts = first.Split('$');
            Assert.Equal(new[] { "node-1:", "7", "101" }, parts[..3]);
            Assert.Equal(12, Convert.FromBase64String(parts[3]).Length);
            Assert.Equal(64, Convert.FromBase64String(parts[4]).Length);
        }

        [Theory]
        [InlineData("")]
        [InlineData("a:b")]
        [InlineData("a\nb")]
        public void Refuses_a_user_name_a_password_file_line_cannot_hold(string user)
        {
            Assert.Throws<ArgumentException>(() => MosquittoPasswordLine.Create(user, "secret"));
        }
    }
}
