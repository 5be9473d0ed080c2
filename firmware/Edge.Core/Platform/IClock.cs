#nullable disable
using System;

namespace Edge.Core.Platform
{
    /// <summary>
    /// Time as the node sees it. Wall time is UTC only (nanoFramework has no time zones); it may jump when SNTP
    /// corrects it, so durations are measured on the monotonic counter instead.
    /// </summary>
    public interface IClock
    {
        /// <summary>Milliseconds since an arbitrary start; never goes backwards.</summary>
        long MonotonicMs { get; }

        /// <summary>Wall time, UTC.</summary>
        DateTime UtcNow { get; }

        /// <summary>True once wall time has been set from a trusted source (SNTP, a meter clock).</summary>
        bool IsSynchronised { get; }
    }
}
