using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using Edge.Core.Aggregation;
using Edge.Core.Meters;
using Edge.Core.Model;
using Edge.Core.Node;
using Edge.Core.Payloads;
using Edge.Core.Platform;
using Edge.Tests.Fakes;
using Xunit;

namespace Edge.Tests.Core.Node
{
    public class HealthReporterTests
    {
        private static readonly DateTime Boot = Utc.At("2026-11-25T20:00:00Z");

        [Theory]
        [InlineData(299999, false)]
        [InlineData(300000, true)]
        [InlineData(900000, true)]
        public void A_heartbeat_is_due_once_nothing_was_queued_for_the_heartbeat_period(long nowMs, bool due)
        {
            Assert.Equal(due, HealthReporter.HeartbeatDue(nowMs, 0, 300));
        }

        [Fact]
        public void A_heartbeat_is_never_due_when_heartbeats_are_off()
        {
            Assert.False(HealthReporter.HeartbeatDue(long.MaxValue / 2, 0, 0));
        }

        [Fact]
        public void The_heartbeat_period_counts_from_the_last_activity()
        {
            Assert.False(HealthReporter.HeartbeatDue(400000, 200000, 300));
            Assert.True(HealthReporter.HeartbeatDue(500000, 200000, 300));
        }

        [Fact]
        public void The_first_message_after_a_start_is_full_and_a_delta_carries_only_what_changed()
        {
            var rig = new Rig();
            rig.Run(60);
            rig.Meter.Counters[1] = 7;
            rig.Run(60);
            rig.Run(60);

            JsonElement[] health = rig.Health();
            Assert.Equal(3, health.Length);
            Assert.True(health[0].GetProperty("full").GetBoolean());
            Assert.Equal(
                ["v", "node", "seq", "time", "clock", "full", "uptime", "freeMemory", "rssi", "reconnects", "outbox", "outboxBytes", "outboxOldestAge", "dropped", "droppedTelemetry", "droppedInterval", "droppedTotal", "droppedEvent",
                    "tornTails", "corruptSegments", "storeErrors", "tooLarge", "commandsUnanswered", .. BrokerSession.CounterNames[1..^1], "meters"],
                health[0].EnumerateObject().Select(p => p.Name));
            Assert.Equal(["frames", "rejected", "resets"], health[0].GetProperty("meters")[0].GetProperty("counters").EnumerateObject().Select(p => p.Name));

            // The meter reads a frame a second: "frames" moved, and "rejected" once; the node's fields did not.
            Assert.Equal(
                "{\"v\":1,\"node\":\"n1\",\"seq\":2,\"time\":\"2026-11-25T20:02:00Z\",\"clock\":\"synced\",\"uptime\":120," +
                "\"meters\":[{\"id\":\"main\",\"counters\":{\"frames\":120,\"rejected\":7}}]}",
                health[1].GetRawText());
            Assert.Equal(
                "{\"v\":1,\"node\":\"n1\",\"seq\":3,\"time\":\"2026-11-25T20:03:00Z\",\"clock\":\"synced\",\"uptime\":180," +
                "\"meters\":[{\"id\":\"main\",\"counters\":{\"frames\":180}}]}",
                health[2].GetRawText());
        }

        [Fact]
        public void A_delta_without_any_change_has_no_meters_and_a_changed_node_field_is_sent()
        {
            var rig = new Rig();
            rig.Meter.Reading = false;
            rig.Run(60);
            rig.Run(60);
            rig.System.FreeMemory = 40000;
            rig.Run(60);

            JsonElement[] health = rig.Health();
            Assert.Equal("{\"v\":1,\"node\":\"n1\",\"seq\":2,\"time\":\"2026-11-25T20:02:00Z\",\"clock\":\"synced\",\"uptime\":120}", health[1].GetRawText());
            Assert.Equal("{\"v\":1,\"node\":\"n1\",\"seq\":3,\"time\":\"2026-11-25T20:03:00Z\",\"clock\":\"synced\",\"uptime\":180,\"freeMemory\":40000}", health[2].GetRawText());
        }

        [Fact]
        public void A_meter_that_fails_shows_failed_in_the_next_delta_then_nothing_while_it_stays_so_then_ready_again()
        {
            var meter = new BreakableMeter();
            var rig = new Rig(meter: meter);
            rig.Run(60);
            meter.Broken = true;
            rig.Run(60);
            rig.Run(60);
            meter.Broken = false;
            rig.Run(60);

            JsonElement[] health = rig.Health();
            Assert.Equal("{\"id\":\"pv\",\"state\":\"ready\"}", health[0].GetProperty("meters")[0].GetRawText());
            Assert.Equal("{\"v\":1,\"node\":\"n1\",\"seq\":2,\"time\":\"2026-11-25T20:02:00Z\",\"clock\":\"synced\",\"uptime\":120,\"meters\":[{\"id\":\"pv\",\"state\":\"failed\"}]}", health[1].GetRawText());
            Assert.Equal("{\"v\":1,\"node\":\"n1\",\"seq\":3,\"time\":\"2026-11-25T20:03:00Z\",\"clock\":\"synced\",\"uptime\":180}", health[2].GetRawText());
            // Set up again after its retry delay, the meter reads and is ready.
            Assert.Equal("{\"v\":1,\"node\":\"n1\",\"seq\":4,\"time\":\"2026-11-25T20:04:00Z\",\"clock\":\"synced\",\"uptime\":240,\"meters\":[{\"id\":\"pv\",\"state\":\"ready\"}]}", health[3].GetRawText());
            // Failed at the first poll after the break (61 s), then at each retry while broken (91, 121, 151 s).
            Assert.Equal(4, meter.Failures);
        }

        [Fact]
        public void Every_nth_message_is_full()
        {
            var rig = new Rig(fullEvery: 4);
            rig.Run(60 * 9);

            bool[] full = rig.Health().Select(h => h.TryGetProperty("full", out _)).ToArray();
            Assert.Equal([true, false, false, false, true, false, false, false, true], full);
            Assert.Equal(3, rig.Node.Health.FullHealthQueued);
        }

        [Fact]
        public void A_full_message_follows_each_reconnection_at_once()
        {
            var rig = new Rig();
            rig.Run(90);
            rig.Link.Drop();
            rig.Run(60);
            rig.Link.BrokerReachable = true;
            while (!rig.Link.IsConnected)
            {
                rig.Run(1);
            }

            long connectedAt = rig.Clock.MonotonicMs / 1000;
            rig.Run(1);

            // 60 s: the first (full); 120 s: a delta, queued during the outage; then a full one the tick after the
            // reconnection, which the deltas' schedule starts again from.
            JsonElement[] health = rig.Health();
            Assert.Equal(3, health.Length);
            Assert.False(health[1].TryGetProperty("full", out _));
            Assert.True(health[2].GetProperty("full").GetBoolean());
            Assert.Equal((1L, 0L, connectedAt + 1), (health[2].GetProperty("reconnects").GetInt64(), health[2].GetProperty("outbox").GetInt64(), health[2].GetProperty("uptime").GetInt64()));
            rig.Run(59);
            Assert.Equal(3, rig.Health().Length);
            rig.Run(1);
            JsonElement next = rig.Health()[3];
            Assert.Equal((false, connectedAt + 61), (next.TryGetProperty("full", out _), next.GetProperty("uptime").GetInt64()));
        }

        [Fact]
        public void A_value_that_becomes_unknown_makes_the_message_full_without_it()
        {
            var rig = new Rig();
            rig.Run(60);
            rig.System.FreeMemory = -1;
            rig.Run(60);

            JsonElement second = rig.Health()[1];
            Assert.True(second.GetProperty("full").GetBoolean());
            Assert.False(second.TryGetProperty("freeMemory", out _));
            Assert.Equal(-60, second.GetProperty("rssi").GetInt32());
        }

        [Fact]
        public void A_platform_rebuilds_every_value_from_the_last_full_message_and_the_deltas_after_it()
        {
            var rig = new Rig(fullEvery: 5);
            var random = new Random(3);
            var truth = new List<(long[] Counters, long FreeMemory, int Rssi)>();
            for (int message = 0; message < 40; message++)
            {
                for (int c = 1; c < rig.Meter.Counters.Length; c++)
                {
                    if (random.Next(3) == 0)
                    {
                        rig.Meter.Counters[c] += random.Next(1, 4);
                    }
                }

                rig.System.FreeMemory = random.Next(2) == 0 ? rig.System.FreeMemory : 30000 + random.Next(1000);
                rig.System.Rssi = random.Next(4) == 0 ? -50 - random.Next(30) : rig.System.Rssi;
                rig.Run(59);
                truth.Add(((long[])rig.Meter.Counters.Clone(), rig.System.FreeMemory, rig.System.Rssi));
                truth[^1].Counters[0] += 1; // the frame of the health message's own second
                rig.Run(1);
            }

            JsonElement[] health = rig.Health();
            Assert.Equal(40, health.Length);
            JsonObject? state = null;
            for (int i = 0; i < health.Length; i++)
            {
                state = Apply(state, health[i]);
                JsonObject counters = state["meters"]![0]!["counters"]!.AsObject();
                Assert.Equal(truth[i].Counters, new[] { "frames", "rejected", "resets" }.Select(n => (long)counters[n]!));
                Assert.Equal((truth[i].FreeMemory, truth[i].Rssi), ((long)state["freeMemory"]!, (int)state["rssi"]!));
                Assert.Equal(i * 60 + 60, (long)state["uptime"]!);
            }

            Assert.True(health.Count(h => !h.TryGetProperty("full", out _)) >= 30, "mostly deltas");
            Assert.True(health.Skip(1).Where(h => !h.TryGetProperty("full", out _)).Average(h => h.GetRawText().Length) < health[0].GetRawText().Length * 0.7);
        }

        [Fact]
        public void Health_is_a_sign_of_life_so_a_node_without_reports_sends_heartbeats_only_between_health_messages()
        {
            // Daily reports only: nothing else to say for a day but health (every 2 hours) and heartbeats.
            var clock = new ManualClock(Boot, true);
            var link = new FakeMqttLink();
            var profile = new AggregationProfile([new WindowPlan(new Edge.Core.Time.LocalDayCalendar(Edge.Core.Time.TimeZoneRule.CentralEurope), null, StatisticSet.Last)], 60000);
            var node = new EdgeNode(new NodeConfig { NodeId = "n1", Profile = profile, MeterSilenceSeconds = 0 }, clock, link, null, null);
            node.AddMeter(new CountingMeter());
            node.Start();
            for (int s = 0; s < 8100; s++)
            {
                clock.Advance(1000);
                node.Tick();
            }

            // 900 s without anything queued: a heartbeat; the health message at 7200 s counts, so none comes then.
            long[] beats = link.Events.Select(e => Uptime(e.Payload)).ToArray();
            Assert.Equal([900, 1800, 2700, 3600, 4500, 5400, 6300, 8100], beats);
            Assert.Equal([7200L], link.Health.Select(h => JsonDocument.Parse(h.Payload).RootElement.GetProperty("uptime").GetInt64()));
        }

        [Fact]
        public void A_node_reporting_every_15_minutes_sends_no_heartbeat_with_the_default_period()
        {
            var (link, _) = Quarters(heartbeatSeconds: null, hours: 6);

            Assert.Equal(6 * 4, link.Readings.Count());
            Assert.Empty(link.Events);
        }

        [Fact]
        public void A_heartbeat_period_shorter_than_the_reports_fills_the_silence_between_them()
        {
            var (link, start) = Quarters(heartbeatSeconds: 300, hours: 1);

            // Reports at :15, :30, :45, :00 (the node booted on the hour); heartbeats 5 and 10 minutes after each.
            Assert.Equal(4, link.Readings.Count());
            DateTime[] beats = link.Events.Select(e => JsonDocument.Parse(e.Payload).RootElement.GetProperty("time").GetDateTime().ToUniversalTime()).ToArray();
            Assert.Equal(new[] { 5, 10, 20, 25, 35, 40, 50, 55 }.Select(m => start.AddMinutes(m)), beats);
        }

        private static (FakeMqttLink Link, DateTime Start) Quarters(int? heartbeatSeconds, int hours)
        {
            var clock = new ManualClock(Boot, true);
            var link = new FakeMqttLink();
            var config = new NodeConfig { NodeId = "n1", WindowSeconds = 900, MeterSilenceSeconds = 0, HealthSeconds = 0 };
            if (heartbeatSeconds is int seconds)
            {
                config.HeartbeatSeconds = seconds;
            }

            var node = new EdgeNode(config, clock, link, null, null);
            node.AddMeter(new CountingMeter());
            node.Start();
            for (int s = 0; s < hours * 3600; s++)
            {
                clock.Advance(1000);
                node.Tick();
            }

            return (link, Boot);
        }

        private static long Uptime(string heartbeat) =>
            (long)(JsonDocument.Parse(heartbeat).RootElement.GetProperty("time").GetDateTime().ToUniversalTime() - Boot).TotalSeconds;

        /// <summary>What a platform keeps: a full message replaces the state, a delta writes its fields over it
        /// (and, meter by meter, its counters over the meter's).</summary>
        private static JsonObject Apply(JsonObject? state, JsonElement message)
        {
            var incoming = JsonNode.Parse(message.GetRawText())!.AsObject();
            if (incoming.ContainsKey("full"))
            {
                return incoming;
            }

            Assert.NotNull(state);
            foreach ((string name, JsonNode? value) in incoming.ToArray())
            {
                if (name != "meters")
                {
                    state![name] = value!.DeepClone();
                    continue;
                }

                foreach (JsonNode? meter in value!.AsArray())
                {
                    JsonObject known = state!["meters"]!.AsArray().Single(m => (string)m!["id"]! == (string)meter!["id"]!)!.AsObject();
                    foreach ((string counter, JsonNode? count) in meter!["counters"]!.AsObject())
                    {
                        known["counters"]![counter] = count!.DeepClone();
                    }
                }
            }

            return state!;
        }

        /// <summary>A node with one counting meter, health every minute, no heartbeat, a device's memory and signal.</summary>
        private sealed class Rig
        {
            public Rig(int fullEvery = 12, IMeterDriver? meter = null)
            {
                Node = new EdgeNode(
                    new NodeConfig { NodeId = "n1", WindowSeconds = 3600, HealthSeconds = 60, HealthFullEvery = fullEvery, HeartbeatSeconds = 0, MeterSilenceSeconds = 0 },
                    Clock,
                    Link,
                    null,
                    null);
                Node.AddMeter(meter ?? Meter);
                Node.SystemInfo = System;
                Node.Start();
            }

            public ManualClock Clock { get; } = new(Boot, true);

            public FakeMqttLink Link { get; } = new();

            public CountingMeter Meter { get; } = new();

            public SettableSystemInfo System { get; } = new();

            public EdgeNode Node { get; }

            public void Run(int seconds)
            {
                for (int s = 0; s < seconds; s++)
                {
                    Clock.Advance(1000);
                    Node.Tick();
                }
            }

            public JsonElement[] Health() => Link.Health.Select(h => JsonDocument.Parse(h.Payload).RootElement).ToArray();
        }

        /// <summary>A meter that reads a voltage (and counts a frame) at every poll while <see cref="Reading"/>, with
        /// counters the test sets.</summary>
        private sealed class CountingMeter : IMeterDriver, ICounterSource
        {
            private static readonly string[] Names = ["frames", "rejected", "resets"];

            public long[] Counters { get; } = new long[3];

            public bool Reading { get; set; } = true;

            public string MeterId => "main";

            public string? PublishedMeterId => null;

            public int CounterCount => Names.Length;

            public string CounterName(int index) => Names[index];

            public long CounterValue(int index) => Counters[index];

            public void Poll(DateTime utcNow, long monotonicMs, IReadingSink sink)
            {
                if (Reading)
                {
                    Counters[0]++;
                    sink.Add(new Reading(QuantityId.PhaseVoltageL1, 230, 0, utcNow, ReadingQuality.Good));
                }
            }
        }

        /// <summary>A meter with a lifecycle that fails (no answer) while <see cref="Broken"/>, set up again after 30 s.</summary>
        private sealed class BreakableMeter : MeterDriver
        {
            public BreakableMeter()
                : base("pv", 0)
            {
                RetryMs = 30000;
            }

            public bool Broken { get; set; }

            public override string Describe() => "a meter whose line the test breaks";

            protected override void Setup(long monotonicMs)
            {
                if (Broken)
                {
                    MarkFailed("no answer");
                }
            }

            protected override void Update(DateTime utcNow, long monotonicMs, IReadingSink sink)
            {
                if (Broken)
                {
                    MarkFailed("no answer");
                    return;
                }

                sink.Add(new Reading(QuantityId.PhaseVoltageL1, 230, 0, utcNow, ReadingQuality.Good));
            }
        }

        private sealed class SettableSystemInfo : ISystemInfo
        {
            public long FreeMemory { get; set; } = 41232;

            public int Rssi { get; set; } = -60;

            public long FreeMemoryBytes => FreeMemory;

            public int SignalStrengthDbm => Rssi;
        }
    }
}
