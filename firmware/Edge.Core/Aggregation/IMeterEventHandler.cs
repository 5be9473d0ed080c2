#nullable disable
using Edge.Core.Model;

namespace Edge.Core.Aggregation
{
    /// <summary>Receives meter events, with the index of the meter that raised them.</summary>
    public interface IMeterEventHandler
    {
        void OnMeterEvent(int meter, MeterEventKind kind, Reading reading);
    }
}
