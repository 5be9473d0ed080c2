#nullable disable
using Edge.Core.Model;

namespace Edge.Core.Aggregation
{
    /// <summary>Binds a driver's readings to its meter index in the aggregator; one per meter, made at start-up.</summary>
    public sealed class MeterReadingSink : IReadingSink
    {
        private readonly WindowAggregator _aggregator;
        private readonly int _meter;

        public MeterReadingSink(WindowAggregator aggregator, int meter)
        {
            _aggregator = aggregator;
            _meter = meter;
        }

        public void Add(Reading reading)
        {
            _aggregator.Add(_meter, reading);
        }
    }
}
