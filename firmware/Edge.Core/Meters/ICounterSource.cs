#nullable disable
namespace Edge.Core.Meters
{
    /// <summary>
    /// Named counters of a driver (frames, rejected groups by cause...), enumerable without knowing the driver's
    /// type, so that health telemetry can report every driver the same way.
    /// </summary>
    public interface ICounterSource
    {
        /// <summary>Number of counters, indexed from 0.</summary>
        int CounterCount { get; }

        /// <summary>Stable camelCase name of the counter, e.g. "rejectedChecksum".</summary>
        string CounterName(int index);

        /// <summary>Current value of the counter at that index.</summary>
        long CounterValue(int index);
    }
}
