using System;
using System.Linq;
using System.Text;
using CsCheck;
using Edge.Drivers.P1;
using Edge.Tests.Fakes;
using Xunit;

namespace Edge.Tests.Drivers.P1
{
    /// <summary>Random and damaged input: the decoder never crashes or hangs, and never takes a telegram whose CRC
    /// does not hold.</summary>
    public class P1PropertyTests
    {
        private static readonly byte[] Isk5 = P1CrcAndFieldTests.Vector(P1VectorTests.Isk5);

        private static readonly byte[] Framing = Encoding.ASCII.GetBytes("/!()*.:-\r\n0123456789ABCDEFkWhm3");

        private static readonly Gen<byte[]> Noise = Gen.Byte.Array[0, 64];

        private static readonly Gen<byte[]> FramingNoise = Gen.Int[0, Framing.Length - 1].Select(i => Framing[i]).Array[0, 64];

        private static readonly Gen<byte[]> TelegramPiece =
            Gen.Select(Gen.Int[0, Isk5.Length - 1], Gen.Int[1, Isk5.Length]).Select((start, length) => Isk5.Skip(start).Take(length).ToArray());

        private static readonly Gen<byte[]> FlippedTelegram =
            Gen.Int[0, (Isk5.Length * 8) - 1].Select(bit => Flip(Isk5, bit));

        private static readonly Gen<byte[]> Stream =
            Gen.OneOf(Noise, FramingNoise, TelegramPiece, FlippedTelegram).Array[1, 12].Select(parts => parts.SelectMany(p => p).ToArray());

        private static byte[] Flip(byte[] bytes, int bit)
        {
            byte[] copy = (byte[])bytes.Clone();
            copy[bit / 8] ^= (byte)(1 << (bit % 8));
            return copy;
        }

        [Fact]
        public void Random_streams_never_crash_and_never_yield_a_telegram_whose_crc_does_not_hold()
        {
            Stream.Sample(bytes =>
            {
                var decoder = new P1TelegramDecoder(false);
                int at = 0;
                while (at < bytes.Length)
                {
                    int used = decoder.Feed(bytes, at, bytes.Length - at);
                    Assert.True(used > 0 || decoder.Outcome != P1Outcome.None, "no progress");
                    at += used;
                    if (decoder.Outcome == P1Outcome.Valid)
                    {
                        Assert.True(decoder.Telegram.HadCrc);
                        int bang = Array.LastIndexOf(bytes, (byte)'!', at - 1);
                        int slash = Array.LastIndexOf(bytes, (byte)'/', bang);
                        string printed = Encoding.ASCII.GetString(bytes, bang + 1, at - bang - 2);
                        Assert.Equal(Convert.ToInt32(printed, 16), P1Crc.Compute(bytes, slash, bang - slash + 1));
                        Assert.Equal(decoder.Telegram.Crc, Convert.ToInt32(printed, 16));
                    }
                }

                Assert.True(decoder.Counters.TelegramsValid + decoder.Counters.Rejected <= decoder.Counters.Telegrams);
            }, iter: 2000);
        }

        [Fact]
        public void Every_single_bit_flip_of_a_real_telegram_gives_its_true_values_or_no_reading()
        {
            string truth = P1DecoderTests.Summary(P1VectorTests.Decode(Isk5).Sink);
            int kept = 0;
            for (int bit = 0; bit < Isk5.Length * 8; bit++)
            {
                var (_, sink, _) = P1VectorTests.Decode(Flip(Isk5, bit));
                string got = P1DecoderTests.Summary(sink);
                Assert.True(got.Length == 0 || got == truth, $"bit {bit}: {got}");
                kept += got.Length == 0 ? 0 : 1;
            }

            // Only the flips that change nothing the standard reads leave the telegram whole: the 8 of the final LF
            // (the CRC line ends at its CR) and the 3 that turn an 'E' of the CRC 6EEE into 'e', the same hex digit.
            Assert.Equal(11, kept);
        }

        [Fact]
        public void Random_bytes_between_two_telegrams_never_cost_the_second_one()
        {
            Noise.Where(n => !n.Contains((byte)'/')).Sample(noise =>
            {
                var (decoder, sink, _) = P1VectorTests.Decode([.. Isk5, .. noise, .. Isk5]);
                Assert.True(decoder.Counters.TelegramsValid >= 1);
                Assert.Equal(P1DecoderTests.Summary(P1VectorTests.Decode(Isk5).Sink), string.Join(";", P1DecoderTests.Summary(sink).Split(';').TakeLast(18)));
            }, iter: 500);
        }
    }
}
