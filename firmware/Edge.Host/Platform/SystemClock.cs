using System;
using System.Diagnostics;
using Edge.Core.Platform;

namespace Edge.Host.Platform
{
    /// <summary>The host's real clock. A Linux gateway keeps its time with NTP, so wall time counts as synchronised.</summary>
    public sealed class SystemClock : IClock
    {
        private readonly Stopwatch _monotonic = Stopwatch.StartNew();

        public long MonotonicMs => _monotonic.ElapsedMilliseconds;

        public DateTime UtcNow => DateTime.UtcNow;

        public bool IsSynchronised => true;
    }
}
