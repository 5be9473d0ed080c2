#nullable disable
using System;
using Edge.Core.Platform;

namespace Edge.Core.Node
{
    /// <summary>
    /// Sees steps of the wall clock: a change of (wall time - monotonic time) beyond the tolerance between two checks
    /// (an SNTP correction), or the clock becoming synchronised. The node cuts the windows the new time leaves and
    /// flags them "stepped"; smaller corrections are absorbed.
    /// </summary>
    public sealed class ClockStepDetector
    {
        private readonly IClock _clock;
        private readonly NodeConfig _config;
        private long _lastOffsetTicks;
        private bool _lastSynchronised;

        /// <summary>A detector of steps of <paramref name="clock"/>, with the tolerance ClockStepToleranceMs of <paramref name="config"/>.</summary>
        public ClockStepDetector(IClock clock, NodeConfig config)
        {
            _clock = clock;
            _config = config;
            _lastOffsetTicks = OffsetTicks();
            _lastSynchronised = clock.IsSynchronised;
        }

        /// <summary>Steps seen so far.</summary>
        public long Steps { get; private set; }

        /// <summary>The size of the last step seen, in milliseconds: positive when the wall clock went forward
        /// against the monotonic clock, negative when it went back (0 before any step, and for a first
        /// synchronisation that did not change the time).</summary>
        public long LastStepMs { get; private set; }

        /// <summary>True when the clock stepped since the last check.</summary>
        public bool Check()
        {
            long offset = OffsetTicks();
            long change = offset - _lastOffsetTicks;
            long tolerance = _config.ClockStepToleranceMs * TimeSpan.TicksPerMillisecond;
            bool synchronised = _clock.IsSynchronised;
            bool stepped = change > tolerance || -change > tolerance || (synchronised && !_lastSynchronised);
            _lastOffsetTicks = offset;
            _lastSynchronised = synchronised;
            if (stepped)
            {
                Steps++;
                LastStepMs = change / TimeSpan.TicksPerMillisecond;
            }

            return stepped;
        }

        private long OffsetTicks()
        {
            return _clock.UtcNow.Ticks - (_clock.MonotonicMs * TimeSpan.TicksPerMillisecond);
        }
    }
}
