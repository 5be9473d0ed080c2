using BenchmarkDotNet.Attributes;
using Edge.Core.Node;

namespace Edge.Benchmarks
{
    /// <summary>
    /// <see cref="EdgeNode.Tick"/> of a Linky node (<c>linky-household</c> profile, one <see cref="Edge.Drivers.Tic.TicMeter"/>)
    /// that reads one standard frame a tick, a second of its clock apart, connected to a broker that takes every
    /// message at once: decoding, interpretation, the readings' way into the windows, and the rest of the loop. One
    /// tick in 900 closes the 15-minute window and publishes its report, which the mean includes.
    /// </summary>
    [MemoryDiagnoser]
    public class NodeTickBenchmarks
    {
        private TicCostHarness.FrameLink _link = null!;
        private TicCostHarness.SteppedClock _clock = null!;
        private EdgeNode _node = null!;

        [GlobalSetup]
        public void Setup()
        {
            _link = new TicCostHarness.FrameLink(RepoFiles.TicFrame(TicDecodeBenchmarks.StandardFile));
            _node = TicCostHarness.LinkyNode(_link, out _clock);
        }

        [Benchmark(Description = "Node tick with one standard frame (865 B, 38 groups)")]
        public long TickWithFrame()
        {
            _clock.Step(1000);
            _link.Rewind();
            _node.Tick();
            return _node.NextSequence;
        }
    }
}
