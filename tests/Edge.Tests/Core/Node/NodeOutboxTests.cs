using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using Edge.Core.Node;
using Edge.Core.Platform;
using Edge.Drivers.S0;
using Edge.Host.Cli;
using Edge.Tests.Fakes;
using Xunit;

namespace Edge.Tests.Core.Node
{
    /// <summary>The node over its durable outbox: long outages, the replay pace, restarts over the same store.</summary>
    public class NodeOutboxTests
    {
        // Local midnight in Paris in November: the quarter hours and the local day line up with the run.
        private static readonly DateTime Start = Utc.At("2026-11-25T23:00:00Z");

        [Fact]
        public void After_a_day_long_outage_every_quarter_hour_report_arrives_in_order_at_the_replay_pace()
        {
            var rig = new Rig(new MemoryStore());
            rig.Run(60);
            Assert.True(rig.Node.Session.IsReady);

            rig.Link.Drop();
            rig.Run(24 * 3600);
            Assert.DoesNotContain(rig.Link.Readings, p => Window(p.Payload) == "PT15M");
            Assert.True(rig.Node.OutboxDepth >= 96, "queued: " + rig.Node.OutboxDepth);

            // The broker is back: one tick a second, never more than ReplayPerSecond messages published in one.
            rig.Link.BrokerReachable = true;
            int mostInASecond = 0;
            for (int s = 0; s < 600 && rig.Node.OutboxDepth > 0; s++)
            {
                int before = rig.Link.Published.Count(p => !p.Topic.EndsWith("/status", StringComparison.Ordinal));
                rig.Run(1);
                int after = rig.Link.Published.Count(p => !p.Topic.EndsWith("/status", StringComparison.Ordinal));
                mostInASecond = Math.Max(mostInASecond, after - before);
            }

            Assert.Equal(0, rig.Node.OutboxDepth);
            Assert.InRange(mostInASecond, 1, rig.Config.ReplayPerSecond);
            long[] quarters = [.. rig.Link.Readings.Where(p => Window(p.Payload) == "PT15M").Select(p => Sequence(p.Payload))];
            Assert.Equal(96, quarters.Length);
            Assert.Equal([.. quarters.Order()], quarters);
            Assert.Equal(quarters.Length, quarters.Distinct().Count());
            Assert.Equal(0, rig.Node.OutboxDropped);
        }

        [Fact]
        public void A_node_killed_during_an_outage_leaves_its_reports_to_the_next_one_which_publishes_them_unchanged()
        {
            var store = new MemoryStore();
            var first = new Rig(store);
            first.Run(60);
            first.Link.Drop();
            first.Run(3 * 3600);
            int queued = first.Node.OutboxDepth;
            Assert.True(queued >= 12, "queued: " + queued);
            Assert.DoesNotContain(first.Link.Readings, p => Window(p.Payload) == "PT15M");

            // What the first node would have published, byte for byte: the outbox's records, read back.
            var held = new List<string>();
            var buffer = new byte[8192];
            for (long i = first.Node.Outbox.FirstUnacknowledged; i < first.Node.Outbox.End; i++)
            {
                if (first.Node.Outbox.Read(i, buffer, out byte topic, out _, out _, out int length) && topic == TopicMap.Readings)
                {
                    held.Add(System.Text.Encoding.UTF8.GetString(buffer, 0, length));
                }
            }

            long highest = held.Max(Sequence);

            // Killed: never stopped, never flushed again; the report counter's files are lost too, so only what the
            // outbox holds keeps the numbering above the held reports. A new node over the same store, the broker back.
            Assert.True(store.Files.Remove("seq.a") | store.Files.Remove("seq.b"));
            var second = new Rig(store, first.Clock);
            second.Run(120);
            string[] published = [.. second.Link.Readings.Select(p => p.Payload)];
            Assert.Equal(held, published.Take(held.Count));
            second.Run(15 * 60);
            long[] fresh = [.. second.Link.Readings.Skip(held.Count).Select(p => Sequence(p.Payload))];
            Assert.NotEmpty(fresh);
            Assert.All(fresh, seq => Assert.True(seq > highest, seq + " reissued, at most " + highest + " held"));
            Assert.Equal(0, second.Node.OutboxDepth);
        }

        private static string Window(string payload) => JsonDocument.Parse(payload).RootElement.GetProperty("window").GetString()!;

        private static long Sequence(string payload) => JsonDocument.Parse(payload).RootElement.GetProperty("seq").GetInt64();

        private sealed class Rig
        {
            private readonly FakePulseInput _input = new();
            private long _nextPulseMs;

            public Rig(IStore store, ManualClock? clock = null)
            {
                Clock = clock ?? new ManualClock(Start, true);
                _nextPulseMs = Clock.MonotonicMs;
                Config = new NodeConfig { NodeId = "n1", Profile = ProfileText.Create("linky-household", 900) };
                Node = new EdgeNode(Config, Clock, Link, store, null);
                Node.AddMeter(new S0PulseMeter("main", _input, 1000, 0, 0));
                Node.Start();
            }

            public ManualClock Clock { get; }

            public FakeMqttLink Link { get; } = new();

            public NodeConfig Config { get; }

            public EdgeNode Node { get; }

            /// <summary>Ticks once a virtual second, a meter drawing 1 kW (a pulse every 3.6 s at 1000 imp/kWh).</summary>
            public void Run(int seconds)
            {
                for (int i = 0; i < seconds; i++)
                {
                    Clock.Advance(1000);
                    while (_nextPulseMs + 3600 <= Clock.MonotonicMs)
                    {
                        _nextPulseMs += 3600;
                        _input.Pulse(_nextPulseMs);
                    }

                    Node.Tick();
                }
            }
        }
    }
}
