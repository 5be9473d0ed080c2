#nullable disable
namespace Edge.Core.Meters
{
    /// <summary>
    /// Named counters of a driver (frames, rejected groups by cause...), enumerable without knowing the driver's
    /// type, so that health telemetry can report every driver the same way.
    /// </summary>
    public interface ICounterSource
    {
        int CounterCount { get; }

        /// <summary>Stable camelCase name of the counter, e.g. "rejectedChecksum".</summary>
        string CounterName(int index);

        long CounterValue(int index);
    }
}
