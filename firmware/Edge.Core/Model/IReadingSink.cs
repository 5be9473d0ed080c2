#nullable disable
namespace Edge.Core.Model
{
    /// <summary>Where a driver delivers its readings. Implementations must not allocate per reading.</summary>
    public interface IReadingSink
    {
        /// <summary>A sample, aggregated into the current window.</summary>
        void Add(Reading reading);

        /// <summary>An event to publish at once; the reading carries the value that goes with it and its time.</summary>
        void AddEvent(MeterEventKind kind, Reading reading);
    }
}
