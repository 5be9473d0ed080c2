using System;
using System.IO;
using Edge.Fuzz.Targets;
using SharpFuzz;

namespace Edge.Fuzz
{
    /// <summary>
    /// edge-fuzz TARGET             run under afl-fuzz (the assemblies instrumented by `sharpfuzz` first)
    /// edge-fuzz TARGET --libfuzzer run under libfuzzer-dotnet
    /// edge-fuzz TARGET --replay DIR [--mutations N] [--seed S]
    ///                              no fuzzer: every file of DIR once, then N seeded mutations of them, with figures
    /// edge-fuzz TARGET --file PATH run one input (a crash found by a fuzzer) and print what it threw
    /// </summary>
    public static class Program
    {
        /// <summary>The largest input a target is given: 8 KB, past the P1 line bound (2,080) and the command bound
        /// (1,024) so that both refusals are reached.</summary>
        public const int MaxInput = 8192;

        public static int Main(string[] args)
        {
            if (args.Length == 0 || Array.IndexOf(ParserTargets.Names, args[0]) < 0)
            {
                Console.Error.WriteLine("usage: Edge.Fuzz " + string.Join("|", ParserTargets.Names) + " [--libfuzzer | --replay DIR [--mutations N] [--seed S] | --file PATH]");
                return 2;
            }

            string target = args[0];
            string? mode = args.Length > 1 ? args[1] : null;
            byte[] secrets = Seeds.Secrets();
            byte[] board = Seeds.Board();

            // Under a fuzzer the instrumented parsers may run only inside Fuzzer.*.Run, once the coverage map is
            // set up: the targets are made on the first input, not before.
            ParserTargets? fuzzed = null;
            if (mode == "--libfuzzer")
            {
                byte[] copy = new byte[MaxInput];
                Fuzzer.LibFuzzer.Run(span =>
                {
                    fuzzed ??= new ParserTargets(secrets, board);
                    int length = Math.Min(span.Length, copy.Length);
                    span.Slice(0, length).CopyTo(copy);
                    fuzzed.Run(target, copy, length);
                });
                fuzzed?.Close();
                return 0;
            }

            if (mode == null)
            {
                byte[] buffer = new byte[MaxInput];
                Fuzzer.OutOfProcess.Run(stream =>
                {
                    fuzzed ??= new ParserTargets(secrets, board);
                    int length = 0;
                    int read;
                    while (length < buffer.Length && (read = stream.Read(buffer, length, buffer.Length - length)) > 0)
                    {
                        length += read;
                    }

                    fuzzed.Run(target, buffer, length);
                });
                fuzzed?.Close();
                return 0;
            }

            var targets = new ParserTargets(secrets, board);
            try
            {

                if (mode == "--replay")
                {
                    return Replay.Run(targets, target, args[2], Option(args, "--mutations", 0), Option(args, "--seed", 1));
                }

                if (mode == "--file")
                {
                    byte[] input = File.ReadAllBytes(args[2]);
                    targets.Run(target, input, input.Length);
                    Console.WriteLine(target + ": " + input.Length + " bytes, no finding");
                    return 0;
                }

                Console.Error.WriteLine("unknown mode " + mode);
                return 2;
            }
            finally
            {
                targets.Close();
            }
        }

        private static int Option(string[] args, string name, int fallback)
        {
            int at = Array.IndexOf(args, name);
            return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1]) : fallback;
        }
    }
}
