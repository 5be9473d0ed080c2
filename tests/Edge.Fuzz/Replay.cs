using System;
using System.Diagnostics;
using System.IO;
using Edge.Fuzz.Targets;

namespace Edge.Fuzz
{
    /// <summary>The harness without a fuzzer: the corpus, then seeded mutations of it, with the figures of the run.
    /// No coverage feedback: it finds what blind damage to real inputs finds, not what afl-fuzz finds.</summary>
    public static class Replay
    {
        public static int Run(ParserTargets targets, string target, string directory, int mutations, int seed)
        {
            byte[][] seeds = Seeds.Corpus(directory);
            var mutator = new ByteMutator(seed);
            var clock = Stopwatch.StartNew();
            int findings = 0;
            long bytes = 0;
            for (int i = 0; i < seeds.Length + mutations; i++)
            {
                byte[] input = i < seeds.Length ? seeds[i] : mutator.Next(seeds, Program.MaxInput);
                bytes += input.Length;
                try
                {
                    targets.Run(target, input, input.Length);
                }
                catch (Exception e)
                {
                    findings++;
                    string saved = Path.Combine(Directory.GetCurrentDirectory(), "finding-" + target + "-" + seed + "-" + i + ".bin");
                    File.WriteAllBytes(saved, input);
                    Console.WriteLine("finding at case " + i + " (seed " + seed + "): " + e.GetType().Name + ": " + e.Message + " -> " + saved);
                }
            }

            double seconds = clock.Elapsed.TotalSeconds;
            Console.WriteLine(target + ": " + (seeds.Length + mutations) + " inputs (" + seeds.Length + " seeds, " + mutations + " mutations, seed " + seed + "), "
                + bytes + " bytes, " + seconds.ToString("F1") + " s, " + ((seeds.Length + mutations) / Math.Max(seconds, 0.001)).ToString("F0") + " inputs/s, "
                + findings + " findings");
            return findings == 0 ? 0 : 1;
        }
    }
}
