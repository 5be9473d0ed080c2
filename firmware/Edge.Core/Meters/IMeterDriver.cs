#nullable disable
using System;
using Edge.Core.Model;

namespace Edge.Core.Meters
{
    /// <summary>
    /// What the node loop sees of a meter or sensor driver: its names and its poll. Drivers derive from
    /// <see cref="MeterDriver"/>, which adds the lifecycle (setup, poll interval, failed and warning states). A driver reads what its input has buffered since the
    /// last poll (pulses counted in an interrupt, serial bytes, registers) and delivers readings to the sink.
    /// Poll must return quickly and never throw for bad input: bad input is counted, not propagated.
    /// </summary>
    public interface IMeterDriver
    {
        /// <summary>Stable name of this meter on the node, used in payloads (e.g. "main").</summary>
        string MeterId { get; }

        /// <summary>The meter's own identifier in the form the node may publish it (see MeterIdPolicy), or null:
        /// not configured for publication, not known yet, or a meter without one (S0).</summary>
        string PublishedMeterId { get; }

        /// <summary>Reads pending input and adds readings stamped <paramref name="utcNow"/> (or the meter's own time).</summary>
        void Poll(DateTime utcNow, long monotonicMs, IReadingSink sink);
    }
}
