#nullable disable
using Edge.Core.Model;

namespace Edge.Core.Aggregation
{
    /// <summary>Receives what the drivers deliver, with the index of the meter it came from.</summary>
    public interface IMeterReadingHandler
    {
        void OnReading(int meter, Reading reading);

        void OnMeterEvent(int meter, MeterEventKind kind, Reading reading);
    }
}
