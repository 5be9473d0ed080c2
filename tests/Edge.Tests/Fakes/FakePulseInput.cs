using Edge.Core.Platform;

namespace Edge.Tests.Fakes
{
    /// <summary>A pulse input driven by the test: what the device's interrupt counter would hold.</summary>
    internal sealed class FakePulseInput : IPulseInput
    {
        public int Count { get; set; }

        public long LastEdgeMs { get; set; } = -1;

        public void Pulse(long atMs, int pulses = 1)
        {
            Count = unchecked(Count + pulses);
            LastEdgeMs = atMs;
        }
    }
}
