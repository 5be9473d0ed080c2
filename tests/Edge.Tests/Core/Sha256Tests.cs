using System;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using Edge.Core.Security;
using Xunit;

namespace Edge.Tests.Core
{
    public class Sha256Tests
    {
        [Theory]
        [InlineData("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")]
        [InlineData("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")]
        [InlineData("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")]
        public void Matches_the_fips_180_examples(string message, string digest)
        {
            Assert.Equal(digest, Hash(Encoding.ASCII.GetBytes(message)));
        }

        [Fact]
        public void Matches_the_platform_implementation_for_every_length_across_block_boundaries()
        {
            var random = new Random(42);
            for (int length = 0; length < 300; length++)
            {
                byte[] data = new byte[length];
                random.NextBytes(data);
                Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(data)), Hash(data));
            }
        }

        [Fact]
        public void Hashes_data_given_in_pieces_like_data_given_at_once()
        {
            byte[] data = Encoding.ASCII.GetBytes(new string('x', 200));
            var sha = new Sha256();
            sha.Update(data, 0, 63);
            sha.Update(data, 63, 1);
            sha.Update(data, 64, 136);
            byte[] digest = new byte[32];
            sha.Final(digest, 0);
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(data)), Convert.ToHexStringLower(digest));
        }

        [Theory]
        // RFC 4231 test cases 1 and 2.
        [InlineData("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b", "4869205468657265", "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7")]
        [InlineData("4a656665", "7768617420646f2079612077616e7420666f72206e6f7468696e673f", "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")]
        public void Hmac_matches_rfc_4231(string keyHex, string dataHex, string mac)
        {
            byte[] key = Convert.FromHexString(keyHex);
            byte[] data = Convert.FromHexString(dataHex);
            byte[] output = new byte[32];
            new HmacSha256(key).Compute(data, 0, data.Length, output, 0);
            Assert.Equal(mac, Convert.ToHexStringLower(output));
        }

        [Fact]
        public void Hmac_hashes_a_key_longer_than_a_block_first()
        {
            // RFC 4231 test case 6: a 131-byte key of 0xaa.
            byte[] key = Enumerable.Repeat((byte)0xaa, 131).ToArray();
            byte[] data = Encoding.ASCII.GetBytes("Test Using Larger Than Block-Size Key - Hash Key First");
            byte[] output = new byte[32];
            new HmacSha256(key).Compute(data, 0, data.Length, output, 0);
            Assert.Equal("60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54", Convert.ToHexStringLower(output));
        }

        [Fact]
        public void Meter_identity_refuses_a_short_pseudonymisation_key()
        {
            var error = Assert.Throws<ArgumentException>(() => new MeterIdentity(MeterIdPolicy.Pseudonymise, new byte[8]));
            Assert.Equal("key", error.ParamName);
        }

        [Fact]
        public void Meter_identity_makes_its_string_only_when_the_identifier_changes()
        {
            var identity = new MeterIdentity(MeterIdPolicy.Clear, null!);
            byte[] id = Encoding.ASCII.GetBytes("021861348497");
            Assert.True(identity.Update(id, 0, id.Length));
            string first = identity.Published!;
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 100; i++)
            {
                Assert.False(identity.Update(id, 0, id.Length));
            }

            Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
            Assert.Same(first, identity.Published);
            byte[] replaced = Encoding.ASCII.GetBytes("021861348498");
            Assert.True(identity.Update(replaced, 0, replaced.Length));
            Assert.Equal("021861348498", identity.Published);
        }

        private static string Hash(byte[] data)
        {
            var sha = new Sha256();
            sha.Update(data, 0, data.Length);
            byte[] digest = new byte[32];
            sha.Final(digest, 0);
            return Convert.ToHexStringLower(digest);
        }
    }
}
