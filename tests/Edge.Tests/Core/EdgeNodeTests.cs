using System;
using System.Linq;
using System.Text.Json;
using Edge.Core.Meters;
using Edge.Core.Node;
using Edge.Core.Platform;
using Edge.Drivers.S0;
using Edge.Tests.Fakes;
using Xunit;

namespace Edge.Tests.Core
{
    public class EdgeNodeTests
    {
        private static readonly DateTime Boot = Utc.At("2026-11-25T20:00:30Z");

        [Fact]
        public void Publishes_one_report_per_closed_window_in_sequence_on_the_readings_topic()
        {
            var rig = new Rig();
            rig.Run(seconds: 149, wattsFromPulses: 1000);

            Assert.Equal(2, rig.Link.ReadingsList.Count);
            Assert.All(rig.Link.ReadingsList, p => Assert.Equal(("edge/n1/readings", 1, false), (p.Topic, p.Qos, p.Retain)));
            JsonElement first = Parse(rig.Link.ReadingsList[0].Payload);
            JsonElement second = Parse(rig.Link.ReadingsList[1].Payload);
            Assert.Equal((1, "2026-11-25T20:00:00Z", "2026-11-25T20:01:00Z"), Header(first));
            Assert.Equal((2, "2026-11-25T20:01:00Z", "2026-11-25T20:02:00Z"), Header(second));

            // Boot at :30, polled every second: the first window saw 30 polls, the second 60.
            JsonElement energy = second.GetProperty("meters")[0].GetProperty("values").GetProperty("totalActiveEnergyImport");
            Assert.Equal(60, energy.GetProperty("n").GetInt32());
            Assert.Equal(3, rig.Node.NextSequence);
        }

        [Fact]
        public void Publishes_senml_packs_when_configured()
        {
            var clock = new ManualClock(Boot, true);
            var link = new FakeMqttLink();
            var node = new EdgeNode(new NodeConfig { NodeId = "n1", Format = Edge.Core.Payloads.PayloadFormat.Senml }, clock, link, null, null);
            node.AddMeter(new ScriptedVoltageMeter { Next = 231 });
            node.Start();
            for (int i = 0; i < 40; i++)
            {
                clock.Advance(1000);
                node.Tick();
            }

            JsonElement pack = Parse(Assert.Single(link.Readings).Payload);
            Assert.Equal(JsonValueKind.Array, pack.ValueKind);
            Assert.Equal("urn:edge:n1:", pack[0].GetProperty("bn").GetString());
            Assert.Equal(("scripted:phaseVoltage.L1", "V", 231m), (pack[0].GetProperty("n").GetString(), pack[0].GetProperty("u").GetString(), pack[0].GetProperty("v").GetDecimal()));
        }

        [Fact]
        public void Keeps_reports_through_a_broker_outage_and_delivers_them_in_order()
        {
            var rig = new Rig();
            rig.Run(seconds: 65, wattsFromPulses: 1000);
            Assert.Single(rig.Link.ReadingsList);

            rig.Link.Drop();
            rig.Run(seconds: 300, wattsFromPulses: 1000);
            Assert.Single(rig.Link.ReadingsList);
            Assert.Equal(5 + 1, rig.Node.OutboxDepth); // five reports and the health message of the fifth minute
            Assert.True(rig.Node.ConnectAttempts > 1);

            rig.Link.BrokerReachable = true;
            rig.Run(seconds: 600, wattsFromPulses: 1000);

            long[] sequences = rig.Link.ReadingsList.Select(p => Parse(p.Payload).GetProperty("seq").GetInt64()).ToArray();
            Assert.Equal(Enumerable.Range(1, sequences.Length).Select(i => (long)i), sequences);
            Assert.Equal(16, sequences.Length);
            Assert.Equal(0, rig.Node.OutboxDepth);
            Assert.Equal(0, rig.Node.OutboxDropped);
        }

        [Fact]
        public void Waits_for_the_backoff_delay_between_connection_attempts()
        {
            var rig = new Rig();
            rig.Link.BrokerReachable = false;
            rig.Run(seconds: 10, wattsFromPulses: 0);

            // Attempts at the first tick, then after delays drawn in [0.5, 1] s, [0.5, 2] s, [0.5, 4] s, [0.5, 8] s (full
            // jitter, from this node's seed): not one every tick, 3 to 5 in 10 s.
            Assert.InRange(rig.Link.ConnectCalls, 3, 5);
            Assert.Equal("edge-n1", rig.Link.LastConnectOptions!.ClientId);
        }

        [Fact]
        public void Skips_windows_without_any_sample()
        {
            var clock = new ManualClock(Boot, true);
            var link = new FakeMqttLink();
            var node = new EdgeNode(new NodeConfig { NodeId = "n1" }, clock, link, null, null);
            node.AddMeter(new SilentMeter());
            node.Start();
            for (int i = 0; i < 180; i++)
            {
                node.Tick();
                clock.Advance(1000);
            }

            Assert.Empty(link.Readings);
            Assert.Equal(3, node.EmptyWindows);

            // A meter that says nothing at all is reported once, after the silence limit.
            var silent = JsonDocument.Parse(Assert.Single(link.Events).Payload).RootElement;
            Assert.Equal(("meterSilent", 30, "s"), (silent.GetProperty("event").GetString(), silent.GetProperty("value").GetInt32(), silent.GetProperty("u").GetString()));
            Assert.False(silent.TryGetProperty("quantity", out _));
        }

        [Fact]
        public void Closes_the_window_early_when_the_clock_goes_back()
        {
            var rig = new Rig();
            rig.Run(seconds: 10, wattsFromPulses: 1000);
            rig.Clock.SetWallTime(Utc.At("2026-11-25T19:00:00Z"), true);
            rig.Run(seconds: 2, wattsFromPulses: 1000);

            JsonElement report = Parse(Assert.Single(rig.Link.ReadingsList).Payload);
            Assert.Equal((1, "2026-11-25T20:00:00Z", "2026-11-25T20:01:00Z"), Header(report));
        }

        [Fact]
        public void Flush_reports_the_open_window()
        {
            var rig = new Rig();
            rig.Run(seconds: 10, wattsFromPulses: 1000);
            rig.Node.Flush();
            Assert.Single(rig.Link.ReadingsList);
        }

        [Fact]
        public void Rejects_an_invalid_configuration_naming_the_field()
        {
            var clock = new ManualClock(Boot, true);
            var error = Assert.Throws<ArgumentException>(() => new EdgeNode(new NodeConfig { NodeId = "a/b" }, clock, new FakeMqttLink(), null, null));
            Assert.Equal("NodeId", error.ParamName);
            error = Assert.Throws<ArgumentException>(() => new EdgeNode(new NodeConfig { WindowSeconds = 7 }, clock, new FakeMqttLink(), null, null));
            Assert.Equal("WindowSeconds", error.ParamName);
            error = Assert.Throws<ArgumentException>(() => new EdgeNode(new NodeConfig { HeartbeatSeconds = -1 }, clock, new FakeMqttLink(), null, null));
            Assert.Equal("HeartbeatSeconds", error.ParamName);
            error = Assert.Throws<ArgumentException>(() => new EdgeNode(new NodeConfig { Zone = null! }, clock, new FakeMqttLink(), null, null));
            Assert.Equal("Zone", error.ParamName);
        }

        [Fact]
        public void Ticks_allocate_nothing_in_steady_state_including_window_closes()
        {
            var rig = new Rig();
            rig.Link.Record = false;
            rig.Run(seconds: 120, wattsFromPulses: 2000);
            long before = GC.GetAllocatedBytesForCurrentThread();
            rig.Run(seconds: 600, wattsFromPulses: 2000);
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

            Assert.Equal(1 + 12 + 2, rig.Link.PublishCount); // the birth at connection, a report a minute, health every 5 minutes
            Assert.Equal(0, allocated);
        }

        [Fact]
        public void Publishes_meter_events_at_once_on_the_events_topic_with_their_own_sequence()
        {
            var clock = new ManualClock(Boot, true);
            var link = new FakeMqttLink();
            var meter = new AlertingMeter();
            var node = new EdgeNode(new NodeConfig { NodeId = "n1" }, clock, link, null, null);
            node.AddMeter(meter);
            node.Start();
            node.Tick();
            clock.Advance(1000);
            meter.RaiseNext = true;
            node.Tick();

            var published = Assert.Single(link.Events);
            Assert.Equal("edge/n1/events", published.Topic);
            Assert.Equal(1, published.Qos);
            Assert.Equal(
                "{\"v\":1,\"node\":\"n1\",\"seq\":1,\"time\":\"2026-11-25T20:00:31Z\",\"clock\":\"synced\",\"meter\":\"linky\"," +
                "\"event\":\"overloadStarted\",\"quantity\":\"current.L1\",\"value\":47,\"u\":\"A\"}",
                published.Payload);
            Assert.Equal(1, node.EventsPublished);

            // The window report that follows still starts the readings' own sequence at 1.
            for (int i = 0; i < 60; i++)
            {
                clock.Advance(1000);
                node.Tick();
            }

            var report = link.Readings.Single();
            Assert.Equal(1, Parse(report.Payload).GetProperty("seq").GetInt64());
        }

        [Fact]
        public void Reports_carry_the_meter_identifier_only_when_the_driver_publishes_one()
        {
            var clock = new ManualClock(Boot, true);
            var link = new FakeMqttLink();
            var node = new EdgeNode(new NodeConfig { NodeId = "n1" }, clock, link, null, null);
            node.AddMeter(new AlertingMeter { Published = "5f1c0a" });
            node.AddMeter(new AlertingMeter());
            node.Start();
            for (int i = 0; i < 40; i++)
            {
                node.Tick();
                clock.Advance(1000);
            }

            JsonElement meters = Parse(link.Readings.Single().Payload).GetProperty("meters");
            Assert.Equal("5f1c0a", meters[0].GetProperty("meterId").GetString());
            Assert.False(meters[1].TryGetProperty("meterId", out _));
        }

        [Fact]
        public void Reports_a_value_by_exception_beyond_its_deadband_and_not_more_often_than_the_minimum_interval()
        {
            var clock = new ManualClock(Boot, true);
            var link = new FakeMqttLink();
            var meter = new ScriptedVoltageMeter();
            var config = new NodeConfig
            {
                NodeId = "n1",
                WindowSeconds = 900,
                ChangeRules = [new Edge.Core.ReportByException.ChangeRule(-1, Edge.Core.Model.QuantityId.PhaseVoltageL1, 5, 0, 0, 3_000)],
            };
            var node = new EdgeNode(config, clock, link, null, null);
            node.AddMeter(meter);
            node.Start();

            // The meter is polled every second and repeats its value. 230 at 0 s (first value: reported), 233 at 1 s
            // (within 5 V), 238 at 4 s (beyond, 4 s after the last report: reported), 244 at 5 s (beyond, but only 1 s
            // after: held until 7 s, 3 s after the last report: reported), 243 at 9 s (within 5 V of 244).
            foreach ((int seconds, long volts) in new[] { (0, 230L), (1, 233L), (4, 238L), (5, 244L), (9, 243L) })
            {
                while (clock.MonotonicMs < seconds * 1000L)
                {
                    clock.Advance(1000);
                    node.Tick();
                }

                meter.Next = volts;
                node.Tick();
            }

            long[] changes = link.Events.Select(e => Parse(e.Payload)).Where(e => e.GetProperty("event").GetString() == "valueChanged")
                .Select(e => e.GetProperty("value").GetInt64()).ToArray();
            Assert.Equal([230L, 238L, 244L], changes);
        }

        [Fact]
        public void Sends_a_heartbeat_when_nothing_else_was_sent_for_the_heartbeat_interval()
        {
            var clock = new ManualClock(Boot, true);
            var link = new FakeMqttLink();
            var node = new EdgeNode(new NodeConfig { NodeId = "n1", WindowSeconds = 3600, HeartbeatSeconds = 120, MeterSilenceSeconds = 0 }, clock, link, null, null);
            node.AddMeter(new ScriptedVoltageMeter { Next = 230 });
            node.Start();
            for (int i = 0; i < 600; i++)
            {
                clock.Advance(1000);
                node.Tick();
            }

            JsonElement[] beats = link.Events.Select(e => Parse(e.Payload)).ToArray();
            Assert.Equal(5, beats.Length);
            Assert.All(beats, b => Assert.Equal("heartbeat", b.GetProperty("event").GetString()));
            Assert.Equal(Enumerable.Range(1, 5).Select(i => (long)i), beats.Select(b => b.GetProperty("seq").GetInt64()));
        }

        [Fact]
        public void Says_when_a_silent_meter_speaks_again_and_how_long_it_was_silent()
        {
            var clock = new ManualClock(Boot, true);
            var link = new FakeMqttLink();
            var meter = new ScriptedVoltageMeter { Next = 230 };
            var node = new EdgeNode(new NodeConfig { NodeId = "n1", MeterSilenceSeconds = 30 }, clock, link, null, null);
            node.AddMeter(meter);
            node.Start();
            node.Tick();
            meter.Next = null;
            for (int i = 0; i < 100; i++)
            {
                clock.Advance(1000);
                node.Tick();
            }

            meter.Next = 229;
            clock.Advance(1000);
            node.Tick();

            var events = link.Events.Select(e => Parse(e.Payload)).Select(e => (e.GetProperty("event").GetString(), e.GetProperty("value").GetInt64())).ToArray();
            Assert.Equal([("meterSilent", 30L), ("meterResumed", 101L)], events);
        }

        [Fact]
        public void A_three_window_node_with_change_rules_and_power_quality_allocates_nothing_per_tick()
        {
            var clock = new ManualClock(Boot, true);
            var link = new FakeMqttLink { Record = false };
            var meter = new ScriptedVoltageMeter { Next = 230 };
            var config = new NodeConfig
            {
                NodeId = "n1",
                Profile = Edge.Core.Aggregation.AggregationProfile.ThreePhaseSubstation(Edge.Core.Time.TimeZoneRule.CentralEurope),
                ChangeRules = [new Edge.Core.ReportByException.ChangeRule(-1, Edge.Core.Model.QuantityId.PhaseVoltageL1, 5, 0, 0, 1000)],
            };
            var node = new EdgeNode(config, clock, link, null, null);
            node.AddMeter(meter);
            node.Start();
            for (int i = 0; i < 1200; i++)
            {
                clock.Advance(1000);
                node.Tick();
            }

            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 3600; i++)
            {
                meter.Next = i % 100 == 0 ? 200 : 230;
                clock.Advance(1000);
                node.Tick();
            }

            Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
            Assert.True(link.PublishCount > 60 + 4 + 70, $"{link.PublishCount} messages");
        }

        [Fact]
        public void Announces_itself_retained_at_connection_with_a_last_will_that_says_offline()
        {
            var clock = new ManualClock(Boot, true);
            var link = new FakeMqttLink();
            var config = new NodeConfig { NodeId = "n1", FirmwareVersion = "1.2.3", Board = "esp32-devkitc", ConfigHash = "9c41e07a" };
            var node = new EdgeNode(config, clock, link, null, null);
            node.AddMeter(new ScriptedVoltageMeter { Next = 230 });
            node.Start();
            node.Tick();

            MqttConnectOptions options = link.LastConnectOptions!;
            Assert.Equal(("edge/n1/status", true), (options.WillTopic, options.WillRetain));
            Assert.Equal("{\"v\":1,\"node\":\"n1\",\"state\":\"offline\"}", System.Text.Encoding.UTF8.GetString(options.WillPayload));
            var birth = link.Published[0];
            Assert.Equal(("edge/n1/status", 1, true), (birth.Topic, birth.Qos, birth.Retain));
            Assert.Equal(
                "{\"v\":1,\"node\":\"n1\",\"state\":\"online\",\"firmware\":\"1.2.3\",\"board\":\"esp32-devkitc\",\"config\":\"9c41e07a\",\"started\":\"2026-11-25T20:00:30Z\"}",
                birth.Payload);

            node.Stop();
            var goodbye = link.Published[^1];
            Assert.Equal(("edge/n1/status", "{\"v\":1,\"node\":\"n1\",\"state\":\"offline\"}", true), (goodbye.Topic, goodbye.Payload, goodbye.Retain));
            Assert.False(link.IsConnected);
        }

        [Fact]
        public void Publishes_health_with_the_node_and_meter_counters()
        {
            var rig = new Rig();
            var info = new FixedSystemInfo();
            rig.Node.SystemInfo = info;
            rig.Run(seconds: 301, wattsFromPulses: 1000);

            JsonElement health = Parse(Assert.Single(rig.Link.Health).Payload);
            Assert.Equal(1, health.GetProperty("seq").GetInt64());
            Assert.Equal(300, health.GetProperty("uptime").GetInt64());
            Assert.Equal(41232, health.GetProperty("freeMemory").GetInt64());
            Assert.Equal(-67, health.GetProperty("rssi").GetInt32());
            Assert.Equal(0, health.GetProperty("reconnects").GetInt64());
            JsonElement meter = health.GetProperty("meters")[0];
            Assert.Equal("main", meter.GetProperty("id").GetString());
            Assert.Equal(rig.Input.Count, meter.GetProperty("counters").GetProperty("pulses").GetInt64() + 0);
            Assert.Equal(0, meter.GetProperty("counters").GetProperty("implausibleIntervals").GetInt64());
        }

        [Fact]
        public void Refuses_at_start_a_configuration_whose_largest_report_exceeds_the_ceiling_naming_it()
        {
            var clock = new ManualClock(Boot, true);
            int largest = Edge.Core.Payloads.MessageSizeBound.EdgeJson("n1", ["linky"], Edge.Core.Aggregation.AggregationProfile.Single(60).Windows[0], 32);

            var node = new EdgeNode(new NodeConfig { NodeId = "n1", MaxMessageBytes = 4096 }, clock, new FakeMqttLink(), null, null);
            node.AddMeter(new AlertingMeter());
            var error = Assert.Throws<ArgumentException>(node.Start);
            Assert.Equal("MaxMessageBytes", error.ParamName);
            Assert.StartsWith($"the PT1M report of 1 meter(s) in edge-json can take {largest} bytes, more than MaxMessageBytes (4096)", error.Message);

            node = new EdgeNode(new NodeConfig { NodeId = "n1", OutboxSegmentBytes = 1024 }, clock, new FakeMqttLink(), null, null);
            node.AddMeter(new AlertingMeter());
            Assert.Equal("OutboxSegmentBytes", Assert.Throws<ArgumentException>(node.Start).ParamName);

            node = new EdgeNode(new NodeConfig { NodeId = "n1", OutboxBytes = 4096 }, clock, new FakeMqttLink(), null, null);
            node.AddMeter(new AlertingMeter());
            Assert.Equal("OutboxBytes", Assert.Throws<ArgumentException>(node.Start).ParamName);
        }

        [Fact]
        public void Sizes_its_buffers_from_the_largest_report_of_its_configuration()
        {
            var clock = new ManualClock(Boot, true);
            var node = new EdgeNode(new NodeConfig { NodeId = "n1" }, clock, new FakeMqttLink(), null, null);
            node.AddMeter(new AlertingMeter());
            node.Start();

            Assert.Equal(Edge.Core.Payloads.MessageSizeBound.EdgeJson("n1", ["linky"], Edge.Core.Aggregation.AggregationProfile.Single(60).Windows[0], 32), node.LargestMessageBytes);
        }

        [Fact]
        public void A_report_still_too_large_at_run_time_is_counted_logged_and_announced()
        {
            // A driver whose identifier is far beyond what MeterIdentity keeps, so beyond what the node sized for.
            var clock = new ManualClock(Boot, true);
            var link = new FakeMqttLink();
            var log = new RecordingLog();
            var node = new EdgeNode(new NodeConfig { NodeId = "n1", HealthSeconds = 60, MeterSilenceSeconds = 0 }, clock, link, null, log);
            node.AddMeter(new AlertingMeter { Published = new string('p', 9000) });
            node.Start();
            for (int i = 0; i < 61; i++)
            {
                node.Tick();
                clock.Advance(1000);
            }

            Assert.Empty(link.Readings);
            Assert.Equal(1, node.MessagesTooLarge);
            JsonElement e = Parse(Assert.Single(link.Events).Payload);
            Assert.Equal(("reportTooLarge", "PT1M", node.LargestMessageBytes), (e.GetProperty("event").GetString(), e.GetProperty("window").GetString(), e.GetProperty("limit").GetInt32()));
            Assert.InRange(e.GetProperty("size").GetInt32(), 9000, 9300);
            Assert.Equal(1, Parse(Assert.Single(link.Health).Payload).GetProperty("tooLarge").GetInt64());
            Assert.Equal((LogLevel.Error, "node"), (log.Lines.Single().Level, log.Lines.Single().Tag));
            Assert.StartsWith("PT1M message of ", log.Lines.Single().Message);

            // The refused report kept its sequence number: the next one says there is a gap.
            Assert.Equal(2, node.NextSequence);
        }

        [Fact]
        public void Keeps_polling_and_aggregating_while_the_broker_black_holes_publishes_then_delivers_in_order()
        {
            var rig = new Rig();
            rig.Run(seconds: 65, wattsFromPulses: 1000);
            Assert.Single(rig.Link.Delivered, p => p.Topic == "edge/n1/readings");

            // Ten minutes of a broker that takes every publish and acknowledges none, the connection looking up.
            rig.Link.Acks = FakeAcks.Never;
            long healthBefore = rig.Node.Health.HealthQueued;
            long slowestTickMs = 0;
            int mostOutstanding = 0;
            for (int i = 0; i < 600; i++)
            {
                var tick = System.Diagnostics.Stopwatch.StartNew();
                rig.Run(seconds: 1, wattsFromPulses: 1000);
                slowestTickMs = Math.Max(slowestTickMs, tick.ElapsedMilliseconds);
                mostOutstanding = Math.Max(mostOutstanding, rig.Link.Outstanding);
            }

            Assert.True(slowestTickMs < 200, $"a tick took {slowestTickMs} ms");
            // Ten reports and every health message: those of minutes 5 and 10, and a full one after each reconnection.
            Assert.Equal(10 + rig.Node.Health.HealthQueued, rig.Node.OutboxDepth);
            Assert.InRange(mostOutstanding, 1, 4 + 1); // the in-flight window, and the birth of the connection
            Assert.InRange(rig.Node.Session.AckTimeouts, 10, 20); // one every 30 s, then a reconnection

            // The meter was read at every tick all along: each full window has its 60 samples.
            long[] windows = [.. rig.Link.ReadingsList.Select(p => Parse(p.Payload)).Where(r => r.GetProperty("seq").GetInt64() > 1)
                .Select(r => r.GetProperty("meters")[0].GetProperty("values").GetProperty("totalActiveEnergyImport").GetProperty("n").GetInt64()).Distinct()];
            Assert.Equal([60L], windows);

            // The broker answers again: everything arrives once, in order.
            rig.Link.Acks = FakeAcks.Immediate;
            rig.Run(seconds: 120, wattsFromPulses: 1000);
            long[] delivered = [.. rig.Link.Delivered.Where(p => p.Topic == "edge/n1/readings").Select(p => Parse(p.Payload).GetProperty("seq").GetInt64())];
            Assert.Equal(Enumerable.Range(1, 13).Select(i => (long)i), delivered);
            Assert.Equal((0, 0), (rig.Node.OutboxDepth, rig.Node.OutboxDropped));
            Assert.Equal(13, rig.Node.ReportsPublished);
        }

        [Fact]
        public void Never_has_more_than_the_in_flight_window_unacknowledged()
        {
            var rig = new Rig(new NodeConfig { NodeId = "n1", InFlightWindow = 2 });
            rig.Link.BrokerReachable = false;
            rig.Run(seconds: 400, wattsFromPulses: 1000);
            Assert.True(rig.Node.OutboxDepth >= 7);

            rig.Link.BrokerReachable = true;
            rig.Link.Acks = FakeAcks.Held;
            while (!rig.Node.Session.IsReady)
            {
                rig.Run(seconds: 1, wattsFromPulses: 1000);
            }

            // The birth, then two of the queued messages; one acknowledgement lets one more go.
            Assert.Equal(1 + 2, rig.Link.Outstanding);
            rig.Node.ServiceLink();
            Assert.Equal(1 + 2, rig.Link.Outstanding);
            int[] held = rig.Link.HeldTickets();
            rig.Link.Acknowledge(held[0]);
            rig.Link.Acknowledge(held[1]);
            rig.Node.ServiceLink();
            Assert.Equal(2, rig.Link.Outstanding);

            while (rig.Node.OutboxDepth > 0)
            {
                Assert.InRange(rig.Link.Outstanding, 1, 2);
                rig.Link.Acknowledge(rig.Link.HeldTickets()[^1]);
                rig.Node.ServiceLink();
            }

            // Published in order, each acknowledged once (the acknowledgements came out of order).
            long[] published = [.. rig.Link.ReadingsList.Select(p => Parse(p.Payload).GetProperty("seq").GetInt64())];
            long[] delivered = [.. rig.Link.Delivered.Where(p => p.Topic == "edge/n1/readings").Select(p => Parse(p.Payload).GetProperty("seq").GetInt64())];
            Assert.Equal([.. published.Order()], published);
            Assert.Equal(published, delivered.Order());
            Assert.NotEqual(published, delivered);
        }

        [Fact]
        public void Health_tells_the_link_failures_apart_and_says_nothing_of_a_link_that_never_failed()
        {
            var rig = new Rig(new NodeConfig { NodeId = "n1", HealthSeconds = 60 });
            rig.Link.FailConnectWith = LinkFailure.Dns;
            rig.Run(seconds: 20, wattsFromPulses: 1000);
            rig.Link.FailConnectWith = LinkFailure.Refused;
            rig.Link.RefuseCode = 5;
            rig.Run(seconds: 20, wattsFromPulses: 1000);
            rig.Link.FailConnectWith = LinkFailure.None;
            rig.Run(seconds: 120, wattsFromPulses: 1000);

            // The first health message (full, queued once connected) gives the failures by kind, as the session counted them.
            BrokerSession session = rig.Node.Session;
            JsonElement first = Parse(rig.Link.Health.First().Payload);
            Assert.True(first.GetProperty("full").GetBoolean());
            // It may be queued during the backoff before the attempt that succeeds: that one is not counted in it yet.
            Assert.Equal(
                (session.Failures(LinkFailure.Dns), session.Failures(LinkFailure.Refused), 5L, 0L),
                (first.GetProperty("linkDns").GetInt64(), first.GetProperty("linkRefused").GetInt64(),
                    first.GetProperty("linkRefusedCode").GetInt64(), first.GetProperty("linkTls").GetInt64()));
            Assert.True(session.Failures(LinkFailure.Dns) > 0 && session.Failures(LinkFailure.Refused) > 0);

            // A link that never failed: its counters are 0 in the full message, and no delta mentions them.
            var healthy = new Rig(new NodeConfig { NodeId = "n1", HealthSeconds = 60 });
            healthy.Run(seconds: 240, wattsFromPulses: 1000);
            JsonElement[] health = [.. healthy.Link.Health.Select(h => Parse(h.Payload))];
            Assert.True(health.Length >= 3);
            Assert.Equal(0, health[0].GetProperty("linkTcp").GetInt64());
            Assert.All(health.Skip(1), h => Assert.DoesNotContain(h.EnumerateObject(), p => p.Name.StartsWith("link", StringComparison.Ordinal)));
        }

        private static JsonElement Parse(string json) => JsonDocument.Parse(json).RootElement;

        private static (long, string, string) Header(JsonElement report) =>
            (report.GetProperty("seq").GetInt64(), report.GetProperty("start").GetString()!, report.GetProperty("end").GetString()!);

        /// <summary>A node with one S0 meter whose pulses the test generates at a constant power.</summary>
        private sealed class Rig
        {
            private long _nextPulseMs;

            public Rig(NodeConfig? config = null)
            {
                Clock = new ManualClock(Boot, true);
                Link = new FakeMqttLink();
                // Health every 5 minutes, so that a few minutes of virtual time hold some.
                config ??= new NodeConfig { NodeId = "n1", HealthSeconds = 300 };

                // These tests follow the in-flight window and the outbox; the publishing pace has tests of its own.
                config.ReplayPerSecond = 1000;
                Node = new EdgeNode(config, Clock, Link, null, null);
                Node.AddMeter(new S0PulseMeter("main", Input, 1000, 0, 0));
                Node.Start();
            }

            public ManualClock Clock { get; }

            public FakeMqttLink Link { get; }

            public EdgeNode Node { get; }

            public FakePulseInput Input { get; } = new();

            public void Run(int seconds, int wattsFromPulses)
            {
                for (int i = 0; i < seconds; i++)
                {
                    Clock.Advance(1000);
                    if (wattsFromPulses > 0)
                    {
                        // 1000 imp/kWh: one pulse every 3,600,000 / W ms.
                        long interval = 3_600_000 / wattsFromPulses;
                        while (_nextPulseMs + interval <= Clock.MonotonicMs)
                        {
                            _nextPulseMs += interval;
                            Input.Pulse(_nextPulseMs);
                        }
                    }

                    Node.Tick();
                }
            }
        }

        private sealed class RecordingLog : ILog
        {
            public System.Collections.Generic.List<(LogLevel Level, string Tag, string Message)> Lines { get; } = new();

            public bool IsEnabled(LogLevel level) => level >= LogLevel.Warning;

            public void Write(LogLevel level, string tag, string message) => Lines.Add((level, tag, message));
        }

        private sealed class FixedSystemInfo : ISystemInfo
        {
            public long FreeMemoryBytes => 41232;

            public int SignalStrengthDbm => -67;
        }

        /// <summary>A meter that reports the voltage it is given, once per poll, or nothing when given none.</summary>
        private sealed class ScriptedVoltageMeter : IMeterDriver
        {
            public long? Next { get; set; }

            public string MeterId => "scripted";

            public string? PublishedMeterId => null;

            public void Poll(DateTime utcNow, long monotonicMs, Edge.Core.Model.IReadingSink sink)
            {
                if (Next is long volts)
                {
                    sink.Add(new Edge.Core.Model.Reading(Edge.Core.Model.QuantityId.PhaseVoltageL1, volts, 0, utcNow, Edge.Core.Model.ReadingQuality.Good));
                }
            }
        }

        /// <summary>A meter with a voltage reading each poll, and an overload event when asked.</summary>
        private sealed class AlertingMeter : IMeterDriver
        {
            public bool RaiseNext { get; set; }

            public string? Published { get; set; }

            public string MeterId => "linky";

            public string? PublishedMeterId => Published;

            public void Poll(DateTime utcNow, long monotonicMs, Edge.Core.Model.IReadingSink sink)
            {
                sink.Add(new Edge.Core.Model.Reading(Edge.Core.Model.QuantityId.PhaseVoltageL1, 231, 0, utcNow, Edge.Core.Model.ReadingQuality.Good));
                if (RaiseNext)
                {
                    RaiseNext = false;
                    sink.AddEvent(Edge.Core.Model.MeterEventKind.OverloadStarted, new Edge.Core.Model.Reading(Edge.Core.Model.QuantityId.CurrentL1, 47, 0, utcNow, Edge.Core.Model.ReadingQuality.Good));
                }
            }
        }

        private sealed class SilentMeter : IMeterDriver
        {
            public string MeterId => "silent";

            public string? PublishedMeterId => null;

            public void Poll(DateTime utcNow, long monotonicMs, Edge.Core.Model.IReadingSink sink)
            {
            }
        }
    }
}
