#nullable disable
using Edge.Core.Model;

namespace Edge.Core.Aggregation
{
    /// <summary>Binds a driver's readings to its meter index: samples to the aggregator, events to the handler.
    /// One per meter, made at start-up.</summary>
    public sealed class MeterReadingSink : IReadingSink
    {
        private readonly WindowAggregator _aggregator;
        private readonly IMeterEventHandler _events;
        private readonly int _meter;

        public MeterReadingSink(WindowAggregator aggregator, int meter, IMeterEventHandler events)
        {
            _aggregator = aggregator;
            _meter = meter;
            _events = events;
        }

        public void Add(Reading reading)
        {
            _aggregator.Add(_meter, reading);
        }

        public void AddEvent(MeterEventKind kind, Reading reading)
        {
            if (_events != null)
            {
                _events.OnMeterEvent(_meter, kind, reading);
            }
        }
    }
}
