#nullable disable
namespace Edge.Core.Platform
{
    /// <summary>
    /// A pulse input (S0 output of an energy meter, a water or gas meter reed contact). The platform counts
    /// debounced edges in its interrupt handler; drivers read the counters, so no pulse is lost between polls.
    /// </summary>
    public interface IPulseInput
    {
        /// <summary>Number of pulses since start. Wraps at int overflow: compare counts with unchecked subtraction.</summary>
        int Count { get; }

        /// <summary>Monotonic time (ms, same base as <see cref="IClock.MonotonicMs"/>) of the last counted edge; -1 before the first.</summary>
        long LastEdgeMs { get; }
    }
}
