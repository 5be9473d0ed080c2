using System.Collections.Generic;
using Edge.Core.Aggregation;
using Edge.Core.Model;

namespace Edge.Tests.Fakes
{
    /// <summary>Feeds a driver's readings to one aggregator, as the node does, and keeps its events.</summary>
    internal sealed class WindowHandler : IMeterReadingHandler
    {
        private readonly WindowAggregator _window;

        public WindowHandler(WindowAggregator window) => _window = window;

        public List<(MeterEventKind Kind, Reading Reading)> Events { get; } = new();

        public void OnReading(int meter, Reading reading) => _window.Add(meter, reading);

        public void OnMeterEvent(int meter, MeterEventKind kind, Reading reading) => Events.Add((kind, reading));
    }
}
