using System;
using System.Collections.Generic;
using System.Linq;
using CsCheck;
using Edge.Drivers.Tic;
using Edge.Host.Protocols.Tic;
using Xunit;

namespace Edge.Tests.Drivers.Tic
{
    /// <summary>Random byte streams, with and without real groups mixed in: the decoder never throws, never stalls,
    /// and every group it accepts has the checksum of its mode, recomputed here from the raw bytes, and the digits
    /// of its value judged as a plain reading of the value finds them.</summary>
    public class TicPropertyTests
    {
        private static readonly byte[] ControlBytes = [0x02, 0x03, 0x04, 0x0A, 0x0D, 0x09, 0x20, (byte)'A', (byte)'5'];

        // Any label but one of the specs' (BASE, EAST...): those must also carry the data their label table prescribes
        // (TicLabel.Fits), which random text does not, so a drawn "BASE" would be rightly rejected.
        private static readonly Gen<byte[]> ValidGroup =
            Gen.Select(
                Gen.Bool,
                Gen.String[Gen.Char['A', 'Z'], 1, 8].Where(label => !IsSpecLabel(label)),
                Gen.String[Gen.Char[' ', '~'], 1, 20],
                (standard, label, value) => TicFrameWriter.Group(standard ? TicMode.Standard : TicMode.Historique, new TicField(label, value.Replace('\t', ' '))));

        private static bool IsSpecLabel(string label)
        {
            byte[] bytes = System.Text.Encoding.ASCII.GetBytes(label);
            return TicLabels.Find(bytes, 0, bytes.Length) != null;
        }

        private static readonly Gen<byte[]> DigitGroup =
            Gen.Select(
                Gen.Bool,
                Gen.String[Gen.Char['A', 'Z'], 1, 8],
                Gen.String[Gen.Char['0', '9'], 1, 12],
                (standard, label, value) => TicFrameWriter.Group(standard ? TicMode.Standard : TicMode.Historique, new TicField(label, value)));

        private static readonly Gen<byte[]> Noise = Gen.Byte.Array[0, 64];

        private static readonly Gen<byte[]> ControlHeavyNoise = Gen.Int[0, 8].Select(i => ControlBytes[i]).Array[0, 32];

        private static readonly Gen<byte[]> Stream =
            Gen.OneOf(ValidGroup, DigitGroup, Noise, ControlHeavyNoise, ValidGroup.Select(FlipOneBit), DigitGroup.Select(FlipOneBit)).Array[1, 40].Select(parts => parts.SelectMany(p => p).ToArray());

        [Fact]
        public void Random_streams_never_crash_and_never_yield_a_group_with_a_wrong_checksum()
        {
            Stream.Sample(bytes =>
            {
                var decoder = new TicFrameDecoder(TicMode.Auto);
                var window = new List<byte>();
                foreach (byte received in bytes)
                {
                    TicEvent e = decoder.Push(received);
                    if (e == TicEvent.Group)
                    {
                        TicGroup g = decoder.Group;
                        Assert.True(ChecksumHolds(g), $"accepted a group whose checksum does not hold: {Printable(g)}");
                        string value = g.ValueText();
                        Assert.True(g.ValueIsDecimal == (value.Length > 0 && value.All(char.IsAsciiDigit)), $"digits of the value misjudged: {Printable(g)}");
                    }
                }

                Assert.True(decoder.Counters.GroupsValid + decoder.Counters.Rejected <= bytes.Count(b => (b & 0x7F) == 0x0A || (b & 0x7F) == 0x0D) + 1);
            }, iter: 3000);
        }

        [Fact]
        public void Every_valid_group_survives_any_surrounding_noise()
        {
            Gen.Select(ValidGroup, Noise, Noise).Sample((group, before, after) =>
            {
                var decoder = new TicFrameDecoder(TicMode.Auto);
                foreach (byte b in before)
                {
                    decoder.Push(b);
                }

                // A group starts at its LF whatever came before: resynchronisation takes no more than that.
                int accepted = 0;
                foreach (byte b in group.Concat(after))
                {
                    if (decoder.Push(b) == TicEvent.Group && decoder.Group.Length == group.Length - 2)
                    {
                        accepted++;
                    }
                }

                Assert.True(accepted >= 1, "a valid group was lost to the noise before it");
            }, iter: 2000);
        }

        [Fact]
        public void Decoding_in_blocks_of_any_size_gives_what_decoding_byte_by_byte_gives()
        {
            Gen.Select(Stream, Gen.Int[1, 300]).Sample((bytes, block) =>
            {
                Assert.Equal(Trace(bytes, 1), Trace(bytes, block));
            }, iter: 1000);
        }

        /// <summary>Every event with what it carries, decoding in blocks of the given size.</summary>
        private static string Trace(byte[] bytes, int block)
        {
            var decoder = new TicFrameDecoder(TicMode.Auto);
            var trace = new System.Text.StringBuilder();
            for (int start = 0; start < bytes.Length; start += block)
            {
                int end = Math.Min(bytes.Length, start + block);
                int at = start;
                while (at < end)
                {
                    int consumed = 1;
                    TicEvent e = block == 1 ? decoder.Push(bytes[at]) : decoder.Decode(bytes, at, end - at, out consumed);
                    at += consumed;
                    trace.Append(e switch
                    {
                        TicEvent.Group => "G:" + Printable(decoder.Group) + ";",
                        TicEvent.GroupRejected => "R:" + decoder.LastReject + ";",
                        TicEvent.FrameEnd => "E:" + decoder.FrameValid + ";",
                        TicEvent.None => string.Empty,
                        _ => e + ";",
                    });
                }
            }

            return trace.ToString();
        }

        private static byte[] FlipOneBit(byte[] group)
        {
            byte[] copy = (byte[])group.Clone();
            int at = 1 + (copy.Length * 7 % (copy.Length - 2));
            copy[at] ^= 0x01;
            return copy;
        }

        /// <summary>The checksum rule of Enedis-NOI-CPT_54E, written again here from the group's raw bytes.</summary>
        private static bool ChecksumHolds(TicGroup g)
        {
            byte[] b = g.Buffer;
            int n = g.Length;
            int covered = b[n - 2] == 0x09 ? n - 1 : n - 2;
            int sum = 0;
            for (int i = 0; i < covered; i++)
            {
                sum += b[i];
            }

            return ((sum & 0x3F) + 0x20) == b[n - 1];
        }

        private static string Printable(TicGroup g) => string.Concat(g.Buffer.Take(g.Length).Select(c => c < 0x20 ? $"<{c:X2}>" : ((char)c).ToString()));
    }
}
