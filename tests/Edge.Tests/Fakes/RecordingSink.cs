using System.Collections.Generic;
using Edge.Core.Model;

namespace Edge.Tests.Fakes
{
    internal sealed class RecordingSink : IReadingSink
    {
        public List<Reading> Readings { get; } = new();

        public List<(MeterEventKind Kind, Reading Reading)> Events { get; } = new();

        public void Add(Reading reading) => Readings.Add(reading);

        public void AddEvent(MeterEventKind kind, Reading reading) => Events.Add((kind, reading));
    }
}
