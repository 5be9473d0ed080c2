#nullable disable
using Edge.Core.Model;

namespace Edge.Core.Aggregation
{
    /// <summary>Receives what the drivers deliver, with the index of the meter it came from.</summary>
    public interface IMeterReadingHandler
    {
        /// <summary>A sample from meter <paramref name="meter"/> (its index in the order the node added them), for
        /// the current windows.</summary>
        void OnReading(int meter, Reading reading);

        /// <summary>An event of meter <paramref name="meter"/>, to publish at once; <paramref name="reading"/>
        /// carries the value that goes with it and its time.</summary>
        void OnMeterEvent(int meter, MeterEventKind kind, Reading reading);
    }
}
