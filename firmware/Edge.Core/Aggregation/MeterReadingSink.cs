#nullable disable
using Edge.Core.Model;

namespace Edge.Core.Aggregation
{
    /// <summary>Binds a driver's readings and events to its meter index. One per meter, made at start-up.</summary>
    public sealed class MeterReadingSink : IReadingSink
    {
        private readonly IMeterReadingHandler _handler;
        private readonly int _meter;

        public MeterReadingSink(IMeterReadingHandler handler, int meter)
        {
            _handler = handler;
            _meter = meter;
        }

        public void Add(Reading reading)
        {
            _handler.OnReading(_meter, reading);
        }

        public void AddEvent(MeterEventKind kind, Reading reading)
        {
            _handler.OnMeterEvent(_meter, kind, reading);
        }
    }
}
