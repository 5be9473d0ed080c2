using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Edge.Core.Meters;
using Edge.Core.Node;
using Edge.Core.Platform;
using Edge.Host.Broker;
using Edge.Host.Platform;
using Edge.Host.Simulation;
using Edge.Tests.Fakes;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using Xunit;
using Xunit.Abstractions;

namespace Edge.Tests.Integration
{
    /// <summary>A node and its broker through the faults of a real network: outages, a black hole, a twin.</summary>
    [Collection(BrokerCollection.Name)]
    public class BrokerLinkTests
    {
        private readonly BrokerFixture _broker;
        private readonly ITestOutputHelper _output;

        public BrokerLinkTests(BrokerFixture broker, ITestOutputHelper output)
        {
            _broker = broker;
            _output = output;
        }

        [Theory]
        [InlineData("fixture")]
        [InlineData("embedded")]
        public async Task A_command_queued_while_the_node_was_offline_arrives_after_it_reconnects(string which)
        {
            await using EmbeddedBroker? embedded = which == "embedded" ? await EmbeddedBroker.StartAsync(0) : null;
            string host = embedded?.Host ?? _broker.Host;
            int port = embedded?.Port ?? _broker.Port;
            string node = "it-queued-" + which;
            await using MqttProxy network = MqttProxy.Start(host, port);
            await using TopicRecorder results = await TopicRecorder.StartAsync(host, port, $"edge/{node}/cmd/#");
            using var link = new MqttNetLink(network.Host, network.Port);
            var simulation = new NodeSimulation(new SimulationOptions { NodeId = node, StartUtc = Utc.At("2026-11-25T12:00:00Z") }, link);
            simulation.Run(TimeSpan.FromSeconds(3));
            Assert.True(simulation.Node.Session.IsReady);

            // The network goes away; the node notices and fails to reconnect for a while.
            network.Cut();
            StepUntil(simulation, () => !simulation.Node.Session.IsConnected);
            simulation.Run(TimeSpan.FromSeconds(5));

            // A command sent meanwhile, at QoS 1: the broker keeps it in the node's session.
            IMqttClient operatorClient = new MqttClientFactory().CreateMqttClient();
            await operatorClient.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer(host, port).WithClientId("it-operator-" + which).Build());
            await operatorClient.PublishStringAsync($"edge/{node}/cmd/config/get", "{\"id\":\"while-away\"}", MqttQualityOfServiceLevel.AtLeastOnce);
            await operatorClient.DisconnectAsync();
            operatorClient.Dispose();

            network.Restore();
            StepUntil(simulation, () => results.Messages.Any(m => m.Topic.EndsWith("/result", StringComparison.Ordinal)));
            var messages = await results.WaitForAsync(2, TimeSpan.FromSeconds(10));

            // Command names have levels (config/get): the recorder sees the command and its result.
            JsonElement result = JsonDocument.Parse(Assert.Single(messages, m => m.Topic == $"edge/{node}/cmd/config/get/result").Payload).RootElement;
            Assert.Equal(("while-away", true), (result.GetProperty("id").GetString(), result.GetProperty("ok").GetBoolean()));
            BrokerSession session = simulation.Node.Session;
            Assert.True(session.SessionPresent, "the broker resumed the session");
            Assert.Equal(1, session.Failures(LinkFailure.Lost));
            Assert.True(session.Failures(LinkFailure.Tcp) >= 1, "attempts through the cut network fail at TCP");
            Assert.Equal(1, session.Reconnects);
            simulation.Stop();
        }

        [Fact]
        public async Task The_loop_keeps_its_pace_and_the_reports_their_order_through_a_black_holed_broker()
        {
            await using MqttProxy network = MqttProxy.Start(_broker.Host, _broker.Port);
            await using TopicRecorder recorder = await TopicRecorder.StartAsync(_broker, "edge/it-hole/readings");
            using var link = new MqttNetLink(network.Host, network.Port);
            var options = new SimulationOptions { NodeId = "it-hole", StartUtc = Utc.At("2026-11-25T12:00:00Z"), LinkTimeout = TimeSpan.FromMilliseconds(100) };
            var simulation = new NodeSimulation(options, link);
            simulation.Run(TimeSpan.FromMinutes(2));

            // Five virtual minutes through a network that takes everything and delivers nothing.
            network.BlackHole = true;
            long slowestTickMs = 0;
            for (int i = 0; i < 300; i++)
            {
                simulation.Clock.Advance(options.TickMs);
                simulation.Meter.AdvanceTo(simulation.Clock.MonotonicMs);
                var tick = Stopwatch.StartNew();
                simulation.Node.Tick();
                slowestTickMs = Math.Max(slowestTickMs, tick.ElapsedMilliseconds);
                LinkWait.Settle(simulation.Node, options.LinkTimeout);
            }

            BrokerSession session = simulation.Node.Session;
            _output.WriteLine($"broker {_broker.Kind}; slowest tick {slowestTickMs} ms; ack timeouts {session.AckTimeouts}, connect timeouts {session.Failures(LinkFailure.Timeout)}");
            Assert.True(slowestTickMs < 100, $"a tick took {slowestTickMs} ms");
            Assert.True(session.AckTimeouts >= 1, "the unacknowledged reports were noticed");
            Assert.True(session.Failures(LinkFailure.Timeout) >= 1, "attempts into the black hole timed out");
            Assert.Equal(5, simulation.Node.OutboxDepth); // the five reports of the black-holed minutes (health comes every 2 hours)

            // Back: the node reconnects when its backoff (grown through the failures) expires, and publishes again from
            // the first report the broker did not acknowledge.
            network.Restore();
            StepUntil(simulation, () => simulation.Node.Session.IsReady && simulation.Node.OutboxDepth == 0);
            long last = simulation.Node.NextSequence - 1;
            var messages = await recorder.WaitForAsync((int)last, TimeSpan.FromSeconds(20));
            JsonElement[] reports = [.. messages.Select(m => JsonDocument.Parse(m.Payload).RootElement)];
            Assert.Equal(Enumerable.Range(1, (int)last).Select(i => (long)i), reports.Select(r => r.GetProperty("seq").GetInt64()));

            // The meter was read every second all along: each full window has its 60 samples.
            Assert.All(reports[1..], r => Assert.Equal(60, r.GetProperty("meters")[0].GetProperty("values").GetProperty("totalActiveEnergyImport").GetProperty("n").GetInt32()));
            simulation.Stop();
        }

        [Theory]
        [InlineData(MqttProtocolVersion.V311)]
        [InlineData(MqttProtocolVersion.V500)]
        public async Task Two_nodes_sharing_an_id_stop_taking_the_session_from_each_other_and_say_so(MqttProtocolVersion protocol)
        {
            await using EmbeddedBroker broker = await EmbeddedBroker.StartAsync(0);
            var clock = new SystemClock();
            NodeConfig Config() => new()
            {
                NodeId = "it-twin",
                ReconnectFloorMs = 50,
                ReconnectMinDelayMs = 100,
                ReconnectMaxDelayMs = 60000,
                TakeoverConnectionMs = 3000,
                HealthSeconds = 0,
                HeartbeatSeconds = 0,
                MeterSilenceSeconds = 0,
            };
            using var firstLink = new MqttNetLink(broker.Host, broker.Port, protocol);
            using var secondLink = new MqttNetLink(broker.Host, broker.Port, protocol);
            var firstLog = new LineLog();
            var secondLog = new LineLog();
            var first = new EdgeNode(Config(), clock, firstLink, null, firstLog);
            var second = new EdgeNode(Config(), clock, secondLink, null, secondLog);
            foreach (EdgeNode node in new[] { first, second })
            {
                node.AddMeter(new IdleMeter());
                node.Start();
            }

            var watch = Stopwatch.StartNew();
            while (first.Session.Takeovers + second.Session.Takeovers == 0 && watch.Elapsed < TimeSpan.FromSeconds(20))
            {
                first.Tick();
                second.Tick();
                Thread.Sleep(5);
            }

            long attempts = first.ConnectAttempts + second.ConnectAttempts;
            _output.WriteLine($"{protocol}: takeover seen after {watch.ElapsedMilliseconds} ms and {attempts} attempts");
            Assert.True(first.Session.Takeovers + second.Session.Takeovers >= 1, "the takeover was detected");

            // From then on the flapping stops: one node keeps the session, the other waits the backoff's cap.
            var quiet = Stopwatch.StartNew();
            while (quiet.Elapsed < TimeSpan.FromSeconds(3))
            {
                first.Tick();
                second.Tick();
                Thread.Sleep(5);
            }

            Assert.Equal(attempts, first.ConnectAttempts + second.ConnectAttempts);
            Assert.NotEqual(first.Session.IsConnected, second.Session.IsConnected);
            EdgeNode waiting = first.Session.IsConnected ? second : first;
            LineLog log = waiting == first ? firstLog : secondLog;
            Assert.Contains(log.Lines, l => l.Contains("session taken over", StringComparison.Ordinal) && l.Contains("edge-it-twin", StringComparison.Ordinal));
            ICounterSource counters = waiting.Session.Counters;
            Assert.Contains(Enumerable.Range(0, counters.CounterCount), c => counters.CounterName(c) == "linkTakeovers" && counters.CounterValue(c) >= 1);
        }

        /// <summary>Steps the simulation in virtual time, pausing a little in real time, until the condition holds.</summary>
        private static void StepUntil(NodeSimulation simulation, Func<bool> condition)
        {
            var deadline = DateTime.UtcNow.AddSeconds(20);
            while (!condition() && DateTime.UtcNow < deadline)
            {
                simulation.Step();
                Thread.Sleep(10);
            }

            Assert.True(condition(), "the condition did not come true within 20 s");
        }

        private sealed class IdleMeter : IMeterDriver
        {
            public string MeterId => "main";

            public string? PublishedMeterId => null;

            public void Poll(DateTime utcNow, long monotonicMs, Edge.Core.Model.IReadingSink sink)
            {
            }
        }

        private sealed class LineLog : ILog
        {
            private readonly List<string> _lines = new();

            public string[] Lines
            {
                get
                {
                    lock (_lines)
                    {
                        return [.. _lines];
                    }
                }
            }

            public bool IsEnabled(LogLevel level) => level >= LogLevel.Warning;

            public void Write(LogLevel level, string tag, string message)
            {
                lock (_lines)
                {
                    _lines.Add($"{level} {tag} {message}");
                }
            }
        }
    }
}
