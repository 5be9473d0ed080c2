using System;
using System.IO;
using System.Linq;
using Edge.Drivers.P1;
using Edge.Drivers.Tic;
using Edge.Fuzz.Targets;
using Xunit;

namespace Edge.Tests.Fuzz
{
    /// <summary>
    /// Every parser that takes outside bytes, over thousands of seeded inputs: random bytes and damaged copies of the
    /// real vectors (tests/Edge.Fuzz/corpus). Each case must end without an exception other than a parser's own
    /// refusal, within the step bound of its target, allocating no more than its bound. A failing case names its seed
    /// and index; EDGE_FUZZ_SEED picks another seed, EDGE_FUZZ_CASES another count.
    /// </summary>
    public class HostileInputProperties
    {
        private const int MaxInput = 8192;

        private static readonly string Corpus = Path.Combine(AppContext.BaseDirectory, "Fuzz", "corpus");

        /// <summary>TIC and P1 decoders, the Modbus check and the JSON reader allocate nothing per input (their
        /// buffers are made once); the config reader and the command loop build strings and answers, bounded by
        /// 256 KB plus 64 bytes per input byte.</summary>
        [Theory]
        [InlineData("tic", 20_000, 0)]
        [InlineData("p1", 20_000, 0)]
        [InlineData("modbus", 50_000, 0)]
        [InlineData("json", 50_000, 0)]
        [InlineData("config", 10_000, 262_144)]
        [InlineData("command", 10_000, 262_144)]
        public void Hostile_input_never_crashes_hangs_or_allocates_past_its_bound(string target, int cases, long allocationBase)
        {
            int seed = Setting("EDGE_FUZZ_SEED", 20261203);
            cases = Setting("EDGE_FUZZ_CASES", cases);
            byte[][] seeds = Directory.GetFiles(Path.Combine(Corpus, target)).OrderBy(f => f, StringComparer.Ordinal).Select(File.ReadAllBytes).ToArray();
            var targets = new ParserTargets(File.ReadAllBytes(Path.Combine(Corpus, "secrets.json")), File.ReadAllBytes(Path.Combine(Corpus, "board.json")));
            var mutator = new ByteMutator(seed);
            try
            {
                // The first inputs warm up what is made once (decoder buffers, the command node).
                foreach (byte[] real in seeds)
                {
                    targets.Run(target, real, real.Length);
                }

                for (int i = 0; i < cases; i++)
                {
                    byte[] input = mutator.Next(seeds, MaxInput);
                    long before = GC.GetAllocatedBytesForCurrentThread();
                    try
                    {
                        targets.Run(target, input, input.Length);
                    }
                    catch (Exception e)
                    {
                        Assert.Fail($"{target}, seed {seed}, case {i} ({input.Length} bytes: {Convert.ToHexString(input, 0, Math.Min(input.Length, 64))}...): {e}");
                    }

                    long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
                    long bound = allocationBase == 0 ? 0 : allocationBase + (64L * input.Length);
                    Assert.True(allocated <= bound, $"{target}, seed {seed}, case {i}: {allocated} bytes allocated for {input.Length} input bytes, bound {bound}");
                }
            }
            finally
            {
                targets.Close();
            }
        }

        [Fact]
        public void A_real_tic_frame_inside_garbage_is_still_decoded_whole()
        {
            byte[] frame = File.ReadAllBytes(Path.Combine(Corpus, "tic", "tic_std_1P_linky_lains_frame1.bin"));
            var random = new Random(7);
            for (int i = 0; i < 2_000; i++)
            {
                byte[] input = Garbage(random, 300).Concat(Slice(frame, 0x02)).Concat(Garbage(random, 300)).ToArray();
                var decoder = new TicFrameDecoder(TicMode.Auto);
                int at = 0;
                int groups = 0;
                while (at < input.Length)
                {
                    TicEvent e = decoder.Decode(input, at, input.Length - at, out int consumed);
                    groups += e == TicEvent.Group ? 1 : 0;
                    at += consumed;
                }

                Assert.Equal(1, decoder.Counters.FramesValid);
                Assert.Equal((long)groups, decoder.Counters.GroupsValid);
                Assert.Equal(0, decoder.Counters.Rejected);
            }
        }

        [Fact]
        public void A_real_p1_telegram_inside_garbage_is_still_decoded_with_its_crc()
        {
            byte[] telegram = File.ReadAllBytes(Path.Combine(Corpus, "p1", "dsmr_p1_v50_ndokter_ISk5_MT382_3phase_gas.txt"));
            var random = new Random(11);
            for (int i = 0; i < 2_000; i++)
            {
                byte[] input = Garbage(random, 300).Concat(telegram).Concat(Garbage(random, 300)).ToArray();
                var decoder = new P1TelegramDecoder(false);
                int at = 0;
                int valid = 0;
                while (at < input.Length)
                {
                    at += decoder.Feed(input, at, input.Length - at);
                    if (decoder.Outcome == P1Outcome.Valid)
                    {
                        valid++;
                        Assert.Equal(0x6EEE, decoder.Telegram.Crc);
                    }
                }

                Assert.Equal(1, valid);
                Assert.Equal(1, decoder.Counters.TelegramsValid);
            }
        }

        /// <summary>The frame from its first STX on: the vector may start mid-frame, as captured.</summary>
        private static byte[] Slice(byte[] bytes, byte start) => bytes.Skip(Array.IndexOf(bytes, start)).ToArray();

        /// <summary>Letters and digits only: no byte that opens or closes a TIC frame or a P1 telegram.</summary>
        private static byte[] Garbage(Random random, int max)
        {
            const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 ";
            return Enumerable.Range(0, random.Next(max)).Select(_ => (byte)Alphabet[random.Next(Alphabet.Length)]).ToArray();
        }

        private static int Setting(string name, int fallback) =>
            int.TryParse(Environment.GetEnvironmentVariable(name), out int value) ? value : fallback;
    }
}
