using System;
using System.Linq;
using System.Text.Json;
using Edge.Core.Node;
using Edge.Core.Platform;
using Edge.Tests.Fakes;
using Xunit;

namespace Edge.Tests.Core.Node
{
    /// <summary>What a node keeps in its store across restarts: its boot number and every sequence it numbers with.</summary>
    public class BootAndSequenceTests
    {
        private static readonly DateTime Start = Utc.At("2026-11-25T20:00:30Z");

        [Fact]
        public void Counts_its_starts_in_the_store_and_announces_the_number_in_the_birth_message()
        {
            var store = new MemoryStore();
            long[] boots = new long[3];
            for (int run = 0; run < 3; run++)
            {
                (EdgeNode node, FakeMqttLink link, _) = Run(store, seconds: 5);
                boots[run] = node.Boot;
                JsonElement birth = JsonDocument.Parse(link.Status.First().Payload).RootElement;
                Assert.Equal("online", birth.GetProperty("state").GetString());
                Assert.Equal(node.Boot, birth.GetProperty("boot").GetInt64());
            }

            Assert.Equal(new long[] { 1, 2, 3 }, boots);
        }

        [Fact]
        public void Leaves_the_boot_number_out_without_a_store()
        {
            (EdgeNode node, FakeMqttLink link, _) = Run(null, seconds: 5);

            Assert.Equal(0, node.Boot);
            Assert.False(JsonDocument.Parse(link.Status.First().Payload).RootElement.TryGetProperty("boot", out _));
        }

        [Fact]
        public void Health_sequence_numbers_are_never_reused_across_restarts()
        {
            var store = new MemoryStore();
            var seen = new System.Collections.Generic.HashSet<long>();
            for (int run = 0; run < 3; run++)
            {
                (_, FakeMqttLink link, _) = Run(store, seconds: 700);
                long[] sequences = link.Health.Select(h => JsonDocument.Parse(h.Payload).RootElement.GetProperty("seq").GetInt64()).ToArray();
                Assert.NotEmpty(sequences);
                foreach (long seq in sequences)
                {
                    Assert.True(seen.Add(seq), "health seq " + seq + " reused in run " + run);
                }
            }
        }

        private static (EdgeNode Node, FakeMqttLink Link, ManualClock Clock) Run(IStore? store, int seconds)
        {
            var clock = new ManualClock(Start, true);
            var link = new FakeMqttLink();
            var node = new EdgeNode(new NodeConfig { NodeId = "n1", HealthSeconds = 300 }, clock, link, store, null);
            node.AddMeter(new SteadyVoltageMeter());
            node.Start();
            for (int i = 0; i < seconds; i++)
            {
                clock.Advance(1000);
                node.Tick();
            }

            return (node, link, clock);
        }
    
        /// <summary>A meter reading 231 V at every poll.</summary>
        private sealed class SteadyVoltageMeter : Edge.Core.Meters.IMeterDriver
        {
            public string MeterId => "steady";

            public string? PublishedMeterId => null;

            public void Poll(DateTime utcNow, long monotonicMs, Edge.Core.Model.IReadingSink sink)
            {
                sink.Add(new Edge.Core.Model.Reading(Edge.Core.Model.QuantityId.PhaseVoltageL1, 231, 0, utcNow, Edge.Core.Model.ReadingQuality.Good));
            }
        }
}
}
