#nullable disable
using Edge.Core.Model;

namespace Edge.Core.Aggregation
{
    /// <summary>Binds a driver's readings and events to its meter index. One per meter, made at start-up.</summary>
    public sealed class MeterReadingSink : IReadingSink
    {
        private readonly IMeterReadingHandler _handler;
        private readonly int _meter;

        /// <summary>A sink that passes what it is given to <paramref name="handler"/> as coming from meter index
        /// <paramref name="meter"/>.</summary>
        public MeterReadingSink(IMeterReadingHandler handler, int meter)
        {
            _handler = handler;
            _meter = meter;
        }

        /// <summary>Hands the sample to the handler with this sink's meter index.</summary>
        public void Add(Reading reading)
        {
            _handler.OnReading(_meter, reading);
        }

        /// <summary>Hands the event to the handler with this sink's meter index.</summary>
        public void AddEvent(MeterEventKind kind, Reading reading)
        {
            _handler.OnMeterEvent(_meter, kind, reading);
        }
    }
}
