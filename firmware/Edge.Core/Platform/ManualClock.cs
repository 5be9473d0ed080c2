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

        /// <summary>A clock showing <paramref name="utcStart"/> as wall time and 0 ms monotonic; <paramref name="synchronised"/>
        /// says whether that wall time counts as set from a trusted source.</summary>
        public ManualClock(DateTime utcStart, bool synchronised)
        {
            _utcNow = utcStart;
            _synchronised = synchronised;
        }

        /// <summary>Milliseconds advanced since construction; only <see cref="Advance"/> moves it.</summary>
        public long MonotonicMs
        {
            get { return _monotonicMs; }
        }

        /// <summary>Wall time, UTC: the start, moved by <see cref="Advance"/> and replaced by <see cref="SetWallTime"/>.</summary>
        public DateTime UtcNow
        {
            get { return _utcNow; }
        }

        /// <summary>As given at construction or by the last <see cref="SetWallTime"/>.</summary>
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
