#nullable disable
using System;

namespace Edge.Core.Platform
{
    /// <summary>
    /// A clock that moves only when told to: the virtual clock of tests and of the simulator, where a day of
    /// node time runs in seconds and every run is deterministic.
    /// </summary>
    public sealed class ManualClock : IClock
    {
        private long _monotonicMs;
        private DateTime _utcNow;
        private bool _synchronised;

        public ManualClock(DateTime utcStart, bool synchronised)
        {
            _utcNow = utcStart;
            _synchronised = synchronised;
        }

        public long MonotonicMs
        {
            get { return _monotonicMs; }
        }

        public DateTime UtcNow
        {
            get { return _utcNow; }
        }

        public bool IsSynchronised
        {
            get { return _synchronised; }
        }

        /// <summary>Moves both wall and monotonic time forward.</summary>
        public void Advance(long milliseconds)
        {
            if (milliseconds < 0)
            {
                throw new ArgumentOutOfRangeException("milliseconds");
            }

            _monotonicMs += milliseconds;
            _utcNow = _utcNow.AddTicks(milliseconds * TimeSpan.TicksPerMillisecond);
        }

        /// <summary>Sets wall time only, as an SNTP correction does; monotonic time is unaffected.</summary>
        public void SetWallTime(DateTime utcNow, bool synchronised)
        {
            _utcNow = utcNow;
            _synchronised = synchronised;
        }
    }
}
