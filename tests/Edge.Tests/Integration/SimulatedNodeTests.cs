using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Edge.Core.Meters;
using Edge.Core.Payloads;
using Edge.Host.Platform;
using MQTTnet;
using MQTTnet.Protocol;
using Edge.Drivers.Tic;
using Edge.Host.Protocols;
using Edge.Host.Protocols.S0;
using Edge.Host.Protocols.Tic;
using Edge.Host.Simulation;
using Edge.Tests.Fakes;
using Xunit;
using Xunit.Abstractions;

namespace Edge.Tests.Integration
{
    [Collection(BrokerCollection.Name)]
    public class SimulatedNodeTests
    {
        private readonly BrokerFixture _broker;
        private readonly ITestOutputHelper _output;

        public SimulatedNodeTests(BrokerFixture broker, ITestOutputHelper output)
        {
            _broker = broker;
            _output = output;
        }

        [Fact]
        public async Task Every_window_of_a_simulated_hour_arrives_once_in_order_with_the_values_the_meter_produced()
        {
            DateTime boot = Utc.At("2026-11-25T06:59:30Z");
            var options = new SimulationOptions
            {
                NodeId = "it-hour",
                StartUtc = boot,
                Seed = 7,
                WindowSeconds = 60,
                RecordPulses = true,
            };
            await using TopicRecorder recorder = await TopicRecorder.StartAsync(_broker, "edge/it-hour/readings");
            using var link = new MqttNetLink(_broker.Host, _broker.Port);
            var simulation = new NodeSimulation(options, link);

            simulation.Run(TimeSpan.FromHours(1));
            simulation.Flush();

            // Windows 06:59 (from boot at :30), 07:00 .. 07:58, and 07:59 up to 07:59:30, reported by Flush.
            Assert.Equal(61, simulation.Node.ReportsPublished);
            var messages = await recorder.WaitForAsync(61, TimeSpan.FromSeconds(20));
            _output.WriteLine($"broker: {_broker.Kind}; {messages.Count} reports received");
            Assert.Equal(61, messages.Count);

            // The node polled at boot and then every second; the meter's register at a poll is the pulses so far.
            long lastPollMs = 3600 * 1000;
            VirtualPulseMeter meter = ((S0MeterRig)simulation.Meter).Output;
            IReadOnlyList<long> pulses = meter.PulseTimes;
            long RegisterAt(long ms) => options.InitialEnergyWh + (CountUpTo(pulses, ms) * 1000L / options.PulsesPerKwh);

            double reportedWattHours = 0;
            for (int i = 0; i < messages.Count; i++)
            {
                using JsonDocument document = JsonDocument.Parse(messages[i].Payload);
                JsonElement report = document.RootElement;
                DateTime start = Utc.At("2026-11-25T06:59:00Z").AddMinutes(i);
                DateTime end = start.AddMinutes(1);
                Assert.Equal(1, report.GetProperty("v").GetInt32());
                Assert.Equal("it-hour", report.GetProperty("node").GetString());
                Assert.Equal(i + 1, report.GetProperty("seq").GetInt64());
                Assert.Equal(start, report.GetProperty("start").GetDateTime().ToUniversalTime());
                Assert.Equal(end, report.GetProperty("end").GetDateTime().ToUniversalTime());
                Assert.Equal("synced", report.GetProperty("clock").GetString());

                long firstPollMs = Math.Max(0, (long)(start - boot).TotalMilliseconds);
                long lastPollInWindowMs = Math.Min(lastPollMs, (long)(end - boot).TotalMilliseconds - 1000);
                JsonElement values = report.GetProperty("meters")[0].GetProperty("values");
                JsonElement energy = values.GetProperty("totalActiveEnergyImport");
                Assert.Equal("Wh", energy.GetProperty("u").GetString());
                Assert.Equal((lastPollInWindowMs - firstPollMs) / 1000 + 1, energy.GetProperty("n").GetInt64());
                Assert.Equal(RegisterAt(firstPollMs), energy.GetProperty("first").GetInt64());
                Assert.Equal(RegisterAt(lastPollInWindowMs), energy.GetProperty("last").GetInt64());

                JsonElement power = values.GetProperty("totalActivePower");
                Assert.Equal("W", power.GetProperty("u").GetString());
                double mean = power.GetProperty("mean").GetDouble();
                Assert.InRange(mean, power.GetProperty("min").GetDouble(), power.GetProperty("max").GetDouble());
                Assert.True(power.GetProperty("min").GetDouble() >= 0);
                reportedWattHours += mean * (lastPollInWindowMs - firstPollMs + 1000) / 3_600_000.0;
            }

            // Power comes from pulse intervals, energy from pulse counts: over the hour they must agree.
            double meteredWattHours = RegisterAt(lastPollMs) - options.InitialEnergyWh;
            _output.WriteLine($"energy from power means {reportedWattHours:0.0} Wh, from the register {meteredWattHours} Wh, true {meter.EnergyWh:0.0} Wh");
            Assert.InRange(reportedWattHours, meteredWattHours * 0.95, meteredWattHours * 1.05);
            Assert.InRange(meteredWattHours, meter.EnergyWh - 1, meter.EnergyWh);
        }

        [Fact]
        public async Task Reports_held_during_a_broker_outage_arrive_after_reconnection_in_order()
        {
            var options = new SimulationOptions { NodeId = "it-outage", StartUtc = Utc.At("2026-11-25T12:00:00Z"), Seed = 3 };
            await using TopicRecorder recorder = await TopicRecorder.StartAsync(_broker, "edge/it-outage/readings");

            // The node starts pointed at a port where no broker listens, then the "network" comes back.
            var link = new SwitchableLink(new MqttNetLink(_broker.Host, Edge.Host.Broker.EmbeddedBroker.FreeLoopbackPort()));
            var simulation = new NodeSimulation(options, link);
            simulation.Run(TimeSpan.FromMinutes(10));
            Assert.Equal(0, simulation.Node.ReportsPublished);
            Assert.Equal(10, simulation.Node.OutboxDepth); // ten reports (the first health message comes after two hours)

            link.Target = new MqttNetLink(_broker.Host, _broker.Port);
            simulation.Run(TimeSpan.FromMinutes(6));

            var messages = await recorder.WaitForAsync(16, TimeSpan.FromSeconds(20));
            long[] sequences = messages.Select(m => JsonDocument.Parse(m.Payload).RootElement.GetProperty("seq").GetInt64()).ToArray();
            Assert.Equal(Enumerable.Range(1, 16).Select(i => (long)i), sequences);
        }

        [Theory]
        [InlineData("tic-standard")]
        [InlineData("tic-historique")]
        public async Task A_node_reading_a_linky_meter_reports_its_registers_through_the_broker(string meter)
        {
            string node = meter == "tic-standard" ? "it-tic-std" : "it-tic-hist";
            var options = new SimulationOptions
            {
                NodeId = node,
                Meter = ProtocolRegistry.Meter(meter),
                StartUtc = Utc.At("2026-11-25T18:00:00Z"),
                Seed = 11,
                BitErrorRate = 0.0005,
            };
            await using TopicRecorder recorder = await TopicRecorder.StartAsync(_broker, $"edge/{node}/readings");
            using var link = new MqttNetLink(_broker.Host, _broker.Port);
            var simulation = new NodeSimulation(options, link);

            simulation.Run(TimeSpan.FromMinutes(15));

            var messages = await recorder.WaitForAsync(15, TimeSpan.FromSeconds(20));
            Assert.Equal(15, messages.Count);
            JsonElement[] reports = messages.Select(m => JsonDocument.Parse(m.Payload).RootElement).ToArray();
            Assert.Equal(Enumerable.Range(1, 15).Select(i => (long)i), reports.Select(r => r.GetProperty("seq").GetInt64()));

            // Bit errors must never reach a report. (A flipped bit 6 changes a byte by 64 and leaves the 6-bit
            // checksum intact; in a register a digit then becomes a letter, which the value check rejects.)
            long[] registers = reports.Select(r => r.GetProperty("meters")[0].GetProperty("values").GetProperty("totalActiveEnergyImport").GetProperty("last").GetInt64()).ToArray();
            Assert.Equal(registers.OrderBy(v => v), registers);
            Assert.InRange(registers[^1], simulation.RegisterWh - 10, simulation.RegisterWh);
            TicMeter driver = ((TicMeterRig)simulation.Meter).Meter;
            Assert.True(driver.Counters.FramesValid > 0);
            Assert.True(driver.Counters.RejectedChecksum > 0, "the line was to have bit errors");
            JsonElement values = reports[^1].GetProperty("meters")[0].GetProperty("values");
            Assert.Equal(9000, values.GetProperty("subscribedPower").GetProperty("last").GetInt32());
            Assert.Equal("VA", values.GetProperty("totalApparentPower").GetProperty("u").GetString());
            Assert.False(reports[^1].GetProperty("meters")[0].TryGetProperty("meterId", out _), "the meter identifier is published by default");
        }

        [Fact]
        public async Task The_broker_marks_the_node_offline_when_its_connection_is_cut()
        {
            await using TopicRecorder recorder = await TopicRecorder.StartAsync(_broker, "edge/it-lwt/status");
            var link = new MqttNetLink(_broker.Host, _broker.Port);
            var simulation = new NodeSimulation(new SimulationOptions { NodeId = "it-lwt", StartUtc = Utc.At("2026-11-25T12:00:00Z") }, link);
            simulation.Run(TimeSpan.FromSeconds(5));

            var online = await recorder.WaitForAsync(1, TimeSpan.FromSeconds(10));
            Assert.Equal("online", JsonDocument.Parse(online[0].Payload).RootElement.GetProperty("state").GetString());

            // No DISCONNECT: the broker publishes the Last Will.
            link.Abort();
            var messages = await recorder.WaitForAsync(2, TimeSpan.FromSeconds(20));
            Assert.Equal(2, messages.Count);
            Assert.Equal("{\"v\":1,\"node\":\"it-lwt\",\"state\":\"offline\"}", messages[1].Payload);

            // Retained: a consumer arriving later learns the node is offline.
            await using TopicRecorder late = await TopicRecorder.StartAsync(_broker, "edge/it-lwt/status");
            var retained = await late.WaitForAsync(1, TimeSpan.FromSeconds(10));
            Assert.Equal("offline", JsonDocument.Parse(Assert.Single(retained).Payload).RootElement.GetProperty("state").GetString());
        }

        [Theory]
        [InlineData(PayloadFormat.Senml, "edge/it-senml/readings", "it-senml")]
        [InlineData(PayloadFormat.IotaJson, "/json/edge/it-iota-main-PT1M/attrs", "it-iota")]
        public async Task Every_format_goes_through_the_broker_on_its_topic(PayloadFormat format, string topic, string node)
        {
            await using TopicRecorder recorder = await TopicRecorder.StartAsync(_broker, topic);
            using var link = new MqttNetLink(_broker.Host, _broker.Port);
            var simulation = new NodeSimulation(new SimulationOptions { NodeId = node, Format = format, StartUtc = Utc.At("2026-11-25T12:00:00Z") }, link);
            simulation.Run(TimeSpan.FromMinutes(5));

            var messages = await recorder.WaitForAsync(5, TimeSpan.FromSeconds(10));
            Assert.Equal(5, messages.Count);
            JsonElement first = JsonDocument.Parse(messages[0].Payload).RootElement;
            if (format == PayloadFormat.Senml)
            {
                Assert.Equal("urn:edge:it-senml:", first[0].GetProperty("bn").GetString());
            }
            else
            {
                Assert.Equal("2026-11-25T12:01:00Z", first.GetProperty("TimeInstant").GetString());
            }
        }

        [Fact]
        public async Task Every_channel_arrives_through_the_broker_and_keeps_the_contract()
        {
            await using TopicRecorder recorder = await TopicRecorder.StartAsync(_broker, "edge/it-all/#");
            var clock = new Edge.Core.Platform.ManualClock(Utc.At("2026-11-25T12:00:00Z"), true);
            using var link = new MqttNetLink(_broker.Host, _broker.Port);
            var meter = new VoltageScript();
            var node = new Edge.Core.Node.EdgeNode(new Edge.Core.Node.NodeConfig { NodeId = "it-all", HealthSeconds = 30, HeartbeatSeconds = 45, WindowSeconds = 60 }, clock, link, null, null);
            node.AddMeter(meter);
            node.Start();
            foreach ((int seconds, long? volts) in new[] { (70, (long?)230), (10, 260), (10, 230), (80, null) })
            {
                meter.Volts = volts;
                for (int i = 0; i < seconds; i++)
                {
                    clock.Advance(1000);
                    node.Tick();
                    LinkWait.Settle(node, LinkWait.DefaultTimeout);
                }
            }

            LinkWait.Stop(node, LinkWait.DefaultTimeout);
            var messages = await recorder.WaitForAsync(8, TimeSpan.FromSeconds(10));
            var validator = new Edge.Host.Listening.ContractValidator();
            var channels = messages.Select(m => m.Topic.Split('/')[2]).Distinct().OrderBy(c => c, StringComparer.Ordinal).ToArray();
            Assert.Equal(["events", "health", "readings", "status"], channels);
            foreach (var message in messages)
            {
                Enum.TryParse(message.Topic.Split('/')[2], ignoreCase: true, out Edge.Host.Listening.Channel channel);
                Assert.Empty(validator.Check(channel, System.Text.Encoding.UTF8.GetBytes(message.Payload)));
            }

            string[] events = messages.Where(m => m.Topic.EndsWith("/events", StringComparison.Ordinal))
                .Select(m => JsonDocument.Parse(m.Payload).RootElement.GetProperty("event").GetString()!).ToArray();
            Assert.Contains("overvoltage", events);
            Assert.Contains("voltageNormal", events);
            Assert.Contains("meterSilent", events);
        }

        [Fact]
        public async Task Answers_good_and_bad_commands_sent_through_the_broker()
        {
            // Command names have levels (config/set): results are under cmd/#, beside the commands themselves.
            await using TopicRecorder recorder = await TopicRecorder.StartAsync(_broker, "edge/it-cmd/cmd/#");
            using var link = new MqttNetLink(_broker.Host, _broker.Port);
            var simulation = new NodeSimulation(new SimulationOptions { NodeId = "it-cmd", StartUtc = Utc.At("2026-11-25T12:00:00Z") }, link);
            simulation.Run(TimeSpan.FromSeconds(2));

            IMqttClient client = new MqttClientFactory().CreateMqttClient();
            await client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer(_broker.Host, _broker.Port).Build());
            await client.PublishStringAsync("edge/it-cmd/cmd/config/set", "{\"id\":\"42\",\"healthSeconds\":60}", MqttQualityOfServiceLevel.AtLeastOnce);
            await client.PublishStringAsync("edge/it-cmd/cmd/config/set", "{\"id\":\"43\",\"healthSeconds\":\"often\"}", MqttQualityOfServiceLevel.AtLeastOnce);
            await client.PublishStringAsync("edge/it-cmd/cmd/relay/set", "{oops", MqttQualityOfServiceLevel.AtLeastOnce);
            await client.DisconnectAsync();
            client.Dispose();

            // The command waits for the node loop.
            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (simulation.Node.Commands.Executed < 3 && DateTime.UtcNow < deadline)
            {
                simulation.Step();
                await Task.Delay(10);
            }

            var messages = await recorder.WaitForAsync(6, TimeSpan.FromSeconds(10));
            var results = messages.Where(m => m.Topic.EndsWith("/result", StringComparison.Ordinal)).ToArray();
            Assert.Equal(3, results.Length);
            Assert.Equal("edge/it-cmd/cmd/config/set/result", results[0].Topic);
            JsonElement[] answers = results.Select(r => JsonDocument.Parse(r.Payload).RootElement).ToArray();
            Assert.Equal(("42", true), (answers[0].GetProperty("id").GetString(), answers[0].GetProperty("ok").GetBoolean()));
            Assert.Equal(("43", "healthSeconds: a whole number from 0 to 86400 expected"), (answers[1].GetProperty("id").GetString(), answers[1].GetProperty("error").GetString()));
            Assert.Equal(("edge/it-cmd/cmd/relay/set/result", false), (results[2].Topic, answers[2].GetProperty("ok").GetBoolean()));
            Assert.Equal(3, simulation.Node.Commands.Executed);
        }

        [Fact]
        public async Task A_burst_of_commands_through_the_broker_gets_one_result_each()
        {
            await using TopicRecorder recorder = await TopicRecorder.StartAsync(_broker, "edge/it-burst/cmd/#");
            using var link = new MqttNetLink(_broker.Host, _broker.Port);
            var simulation = new NodeSimulation(new SimulationOptions { NodeId = "it-burst", StartUtc = Utc.At("2026-11-25T12:00:00Z") }, link);
            simulation.Run(TimeSpan.FromSeconds(2));

            // Sent while the node loop does not run: more than it holds, so some are answered busy.
            IMqttClient client = new MqttClientFactory().CreateMqttClient();
            await client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer(_broker.Host, _broker.Port).Build());
            for (int i = 0; i < 20; i++)
            {
                await client.PublishStringAsync("edge/it-burst/cmd/config/get", $"{{\"id\":\"q{i}\"}}", MqttQualityOfServiceLevel.AtLeastOnce);
            }

            await client.DisconnectAsync();
            client.Dispose();
            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (simulation.Node.Commands.Executed + simulation.Node.Commands.Refused < 20 && DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
                simulation.Step();
            }

            var messages = await recorder.WaitForAsync(40, TimeSpan.FromSeconds(10));
            string?[] ids = messages.Where(m => m.Topic == "edge/it-burst/cmd/config/get/result")
                .Select(m => JsonDocument.Parse(m.Payload).RootElement.GetProperty("id").GetString()).ToArray();
            Assert.Equal(Enumerable.Range(0, 20).Select(i => $"q{i}").Order(StringComparer.Ordinal), ids.Order(StringComparer.Ordinal));
            Assert.Equal((20L, 0L), (simulation.Node.Commands.Executed + simulation.Node.Commands.Refused, simulation.Node.Commands.Unanswered));
        }

        private static long CountUpTo(IReadOnlyList<long> sortedTimes, long ms)
        {
            int low = 0;
            int high = sortedTimes.Count;
            while (low < high)
            {
                int mid = (low + high) / 2;
                if (sortedTimes[mid] <= ms)
                {
                    low = mid + 1;
                }
                else
                {
                    high = mid;
                }
            }

            return low;
        }

        private sealed class VoltageScript : IMeterDriver
        {
            public long? Volts { get; set; }

            public string MeterId => "main";

            public string? PublishedMeterId => null;

            public void Poll(DateTime utcNow, long monotonicMs, Edge.Core.Model.IReadingSink sink)
            {
                if (Volts is long v)
                {
                    sink.Add(new Edge.Core.Model.Reading(Edge.Core.Model.QuantityId.PhaseVoltageL1, v, 0, utcNow, Edge.Core.Model.ReadingQuality.Good));
                }
            }
        }

        /// <summary>A link whose underlying connection the test can swap, as a network coming back would.</summary>
        private sealed class SwitchableLink : Edge.Core.Platform.IMqttLink
        {
            public SwitchableLink(MqttNetLink target)
            {
                Target = target;
            }

            public MqttNetLink Target { get; set; }

            public event Edge.Core.Platform.MqttMessageHandler? MessageReceived
            {
                add { }
                remove { }
            }

            public Edge.Core.Platform.LinkState State => Target.State;

            public Edge.Core.Platform.LinkFailure Failure => Target.Failure;

            public int RefusedCode => Target.RefusedCode;

            public bool SessionPresent => Target.SessionPresent;

            public void BeginConnect(Edge.Core.Platform.MqttConnectOptions options) => Target.BeginConnect(options);

            public void Disconnect() => Target.Disconnect();

            public int Publish(string topic, byte[] payload, int length, int qos, bool retain) => Target.Publish(topic, payload, length, qos, retain);

            public bool TryTakeCompletion(out int ticket, out bool delivered) => Target.TryTakeCompletion(out ticket, out delivered);

            public bool Subscribe(string topicFilter, int qos) => Target.Subscribe(topicFilter, qos);
        }
    }
}
