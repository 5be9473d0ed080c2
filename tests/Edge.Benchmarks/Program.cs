using BenchmarkDotNet.Running;

namespace Edge.Benchmarks
{
    /// <summary>
    /// Entry point: BenchmarkDotNet's switcher, so every standard BDN option works, for instance
    /// <c>--filter '*'</c> (all), <c>--filter '*Tic*'</c>, <c>--list flat</c>, and <c>--job short</c> (ShortRun:
    /// 1 launch, 3 warm-up and 3 measured iterations) for a quick CI smoke run. See docs/benchmarks.md.
    /// <c>tic-cost ...</c> runs <see cref="TicCostHarness"/> instead, a plain loop for instruction counting, and
    /// <c>tic-il ...</c> counts the IL it executes (<see cref="IlCounter"/>), and <c>tic-diff ...</c> compares the TIC decoder and
    /// reader with those of an older build (<see cref="TicDiff"/>).
    /// </summary>
    public static class Program
    {
        public static int Main(string[] args)
        {
            if (args.Length > 0 && args[0] == TicCostHarness.Command)
            {
                return TicCostHarness.Run(args);
            }

            if (args.Length > 0 && args[0] == IlCounter.Command)
            {
                return IlCounter.Run(args);
            }

            if (args.Length > 0 && args[0] == TicDiff.Command)
            {
                return TicDiff.Run(args);
            }

            BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
            return 0;
        }
    }
}
