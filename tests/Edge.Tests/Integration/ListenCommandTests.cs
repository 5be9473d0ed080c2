using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Edge.Host.Broker;
using Edge.Host.Cli;
using Edge.Host.Listening;
using Edge.Host.Platform;
using Edge.Host.Simulation;
using Edge.Tests.Fakes;
using MQTTnet;
using MQTTnet.Protocol;
using MQTTnet.Server;
using Xunit;

namespace Edge.Tests.Integration
{
    [Collection(BrokerCollection.Name)]
    public class ListenCommandTests
    {
        private readonly BrokerFixture _broker;

        public ListenCommandTests(BrokerFixture broker)
        {
            _broker = broker;
        }

        [Fact]
        public async Task Checks_every_message_against_the_contract_and_flags_violations()
        {
            var output = new StringWriter();
            Task<int> listen = ListenCommand.RunAsync(new BrokerAddress(_broker.Host, _broker.Port), "listen-it", json: true, TimeSpan.FromSeconds(4), TextWriter.Synchronized(output), new StringWriter(), CancellationToken.None);
            await Task.Delay(800);

            // A real node (status, reports), then a message that breaks the contract.
            using (var link = new MqttNetLink(_broker.Host, _broker.Port))
            {
                var simulation = new NodeSimulation(new SimulationOptions { NodeId = "good", TopicPrefix = "listen-it", StartUtc = Utc.At("2026-11-25T12:00:30Z") }, link);
                simulation.Run(TimeSpan.FromMinutes(3));
                simulation.Node.DrainOutbox();
            }

            IMqttClient client = new MqttClientFactory().CreateMqttClient();
            await client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer(_broker.Host, _broker.Port).Build());
            await client.PublishStringAsync("listen-it/bad/readings", "{\"v\":1,\"node\":\"bad\"}", MqttQualityOfServiceLevel.AtLeastOnce);
            await client.DisconnectAsync();
            client.Dispose();

            int exit = await listen.WaitAsync(TimeSpan.FromSeconds(20));

            JsonElement[] lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToArray();
            JsonElement[] good = lines.Where(l => l.GetProperty("node").GetString() == "good").ToArray();
            Assert.Contains(good, l => l.GetProperty("channel").GetString() == "status");
            Assert.Equal(3, good.Count(l => l.GetProperty("channel").GetString() == "readings"));
            Assert.All(good, l => Assert.True(l.GetProperty("valid").GetBoolean(), l.GetRawText()));
            JsonElement bad = Assert.Single(lines, l => l.GetProperty("node").GetString() == "bad");
            Assert.False(bad.GetProperty("valid").GetBoolean());
            Assert.Contains(bad.GetProperty("errors").EnumerateArray(), e => e.GetString()!.Contains("seq", StringComparison.Ordinal));
            Assert.Equal(1, exit);
        }

        /// <summary>A row of the table as `edge listen` lays it out: fixed widths, numbers right-aligned.</summary>
        private static string Row(string node, string state, long reports, string window, long events, long health, long commands, long results, long missing, long repeated, long reordered, long violations) =>
            $"{node,-20} {state,-8} {reports,8} {window,-28} {events,7} {health,7} {commands,8} {results,7} {missing,8} {repeated,8} {reordered,9} {violations,10}";

        /// <summary>Runs listen with its table while the messages go through the broker; its output lines and exit code.</summary>
        private async Task<(string[] Lines, int Exit)> TableAfterAsync(string prefix, params (string Topic, byte[] Payload)[] messages)
        {
            ListenRun listen = await ListenRun.StartAsync(_broker.Host, _broker.Port, prefix, json: false);
            await ListenRun.PublishAsync(_broker.Host, _broker.Port, messages);

            // Valid messages print nothing until the table: a settle time for the broker to deliver them all.
            await Task.Delay(1000);
            int exit = await listen.StopAsync();
            return (listen.Output.Replace("\r\n", "\n").Split('\n', StringSplitOptions.RemoveEmptyEntries), exit);
        }

        [Fact]
        public async Task Lays_out_the_table_in_fixed_columns()
        {
            (string[] lines, int exit) = await TableAfterAsync(
                "table-it",
                ListenRun.Online("table-it", "n1", "2026-11-25T19:00:00Z"),
                ListenRun.Report("table-it", "n1", 1),
                ListenRun.Event("table-it", "n1", 1),
                ListenRun.Health("table-it", "n1", 1),
                ListenRun.Text("/json/table-key/a-device-with-a-long-name-main/attrs", "{\"TimeInstant\":\"2026-11-25T20:16:00Z\",\"totalActivePower\":312.64}"));

            Assert.True(exit == 0, string.Join("\n", lines));
            Assert.Equal(
                [
                    "node                                     state     reports last window                   events  health commands results  missing repeated reordered violations",
                    "n1                                       online          1 PT1M to 20:01:00Z                  1       1        0       0        0        0         0          0",
                    "table-key/a-device-with-a-long-name-main ?               1 to 20:16:00Z                       0       0        0       0        0        0         0          0",
                ],
                lines[^3..]);
        }

        [Fact]
        public async Task Counts_prints_and_exits_1_for_the_wrong_types_that_used_to_throw()
        {
            ListenRun listen = await ListenRun.StartAsync(_broker.Host, _broker.Port, "types-it", json: false);
            await ListenRun.PublishAsync(
                _broker.Host,
                _broker.Port,
                ListenRun.Text("types-it/n1/status", "{\"state\":1}"),
                ListenRun.Text("types-it/n1/readings", "{\"window\":5}"),
                ListenRun.Text("types-it/n1/events", "{\"seq\":\"x\"}"),
                ListenRun.Text("types-it/n1/health", "{\"seq\":\"x\"}"));
            await listen.WaitUntilAsync(r => r.Output.Split('\n').Count(l => l.StartsWith("VIOLATION types-it/n1/", StringComparison.Ordinal)) >= 4, TimeSpan.FromSeconds(10));
            int exit = await listen.StopAsync();

            string[] lines = listen.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Contains(lines, l => l.StartsWith("VIOLATION types-it/n1/status: ", StringComparison.Ordinal));
            Assert.Contains(lines, l => l.StartsWith("VIOLATION types-it/n1/readings: ", StringComparison.Ordinal) && l.Contains("/window", StringComparison.Ordinal));
            Assert.Contains(lines, l => l.StartsWith("VIOLATION types-it/n1/events: ", StringComparison.Ordinal) && l.Contains("/seq", StringComparison.Ordinal));
            Assert.Contains(lines, l => l.StartsWith("VIOLATION types-it/n1/health: ", StringComparison.Ordinal) && l.Contains("/seq", StringComparison.Ordinal));
            Assert.Equal(Row("n1", "?", 0, "-", 0, 0, 0, 0, 0, 0, 0, 4), lines.Last(l => l.StartsWith("n1 ", StringComparison.Ordinal)));
            Assert.Equal(1, exit);
        }

        [Fact]
        public async Task Emits_every_hostile_payload_on_any_topic_as_a_violation_with_a_one_line_reason()
        {
            string apikey = "hk" + Guid.NewGuid().ToString("N")[..6];
            byte[] deep = Encoding.ASCII.GetBytes(new string('[', 100_000));
            byte[] huge = Encoding.ASCII.GetBytes("{\"v\":1,\"pad\":\"" + new string('a', 2_000_000) + "\"}");
            (string Topic, byte[] Payload)[] hostile =
            [
                ListenRun.Text("hostile-it/n1/status", "{\"v\":1,\"node\":\"n1\",\"state\":\"online\",\"firmware\":\"1\",\"started\":5}"),
                ListenRun.Text("hostile-it/n1/readings", "{\"seq\":1.5}"),
                ListenRun.Text("hostile-it/n1/readings", "{\"v\":1,\"node\":\"n1\",\"seq\":1e30,\"window\":\"PT1M\",\"start\":\"2026-11-25T20:00:00Z\",\"end\":\"2026-11-25T20:01:00Z\",\"clock\":\"synced\",\"meters\":[]}"),
                ListenRun.Text("hostile-it/n1/readings", "{\"v\":1,\"node\":\"someone-else\",\"seq\":1,\"window\":\"PT1M\",\"start\":\"2026-11-25T20:00:00Z\",\"end\":\"2026-11-25T20:01:00Z\",\"clock\":\"synced\",\"meters\":[]}"),
                ("hostile-it/n1/readings", [0xFF, 0xFE, 0x00, 0x01, 0x0A, 0x1B]),
                ("hostile-it/n1/events", []),
                ("hostile-it/n1/events", deep),
                ("hostile-it/n1/health", huge),
                ListenRun.Text("hostile-it/n1/health", "null"),
                ListenRun.Text("hostile-it/n1/status", "\"online\""),
                ListenRun.Text("hostile-it/n1/status", "[{\"state\":\"online\"}]"),
                ListenRun.Text("hostile-it/n1/telemetry", "{}"),
                ListenRun.Text("hostile-it/n1", "{}"),
                ListenRun.Text("hostile-it/n é/readings", "{}"),
                ListenRun.Text("hostile-it/n1/cmd/config/get", "{\"id\":7}"),
                ListenRun.Text("hostile-it/n1/cmd/config/get/result", "{\"ok\":\"yes\"}"),
                ListenRun.Text($"/json/{apikey}/n1-main/attrs", "{\"TimeInstant\":1}"),
                ListenRun.Text($"/json/{apikey}/n1-main/cmdexe", "[]"),
                ListenRun.Text($"/{apikey}/n1-main/cmd", "{\"configSet\":5}"),
            ];

            ListenRun listen = await ListenRun.StartAsync(_broker.Host, _broker.Port, "hostile-it", json: true);
            await ListenRun.PublishAsync(_broker.Host, _broker.Port, hostile);
            await listen.WaitUntilAsync(r => r.JsonLines("hostile-it").Length + r.JsonLines(apikey).Length >= hostile.Length, TimeSpan.FromSeconds(15));
            int exit = await listen.StopAsync();

            JsonElement[] lines = [.. listen.JsonLines("hostile-it"), .. listen.JsonLines(apikey)];
            Assert.Equal(hostile.Select(h => h.Topic).OrderBy(t => t, StringComparer.Ordinal), lines.Select(l => l.GetProperty("topic").GetString()!).OrderBy(t => t, StringComparer.Ordinal));
            Assert.All(lines, l =>
            {
                Assert.False(l.GetProperty("valid").GetBoolean(), l.GetRawText());
                string[] errors = l.GetProperty("errors").EnumerateArray().Select(e => e.GetString()!).ToArray();
                Assert.NotEmpty(errors);
                Assert.All(errors, e => Assert.True(e.Length is > 0 and <= 200 && !e.Any(char.IsControl), e));
            });
            string Reason(string topic, int index = 0) => lines.Where(l => l.GetProperty("topic").GetString() == topic).ElementAt(index).GetProperty("errors")[0].GetString()!;
            Assert.StartsWith("not JSON: ", Reason("hostile-it/n1/readings", 3));
            Assert.Equal($"payload of {huge.Length} bytes: more than the 1048576 that listen checks", Reason("hostile-it/n1/health"));
            Assert.StartsWith("not JSON: ", Reason("hostile-it/n1/events", 1));
            Assert.Equal("/seq: 1e30 is not a 64-bit sequence number", Reason("hostile-it/n1/readings", 1));
            Assert.Equal("/node: \"someone-else\" in a message on the topic of node \"n1\"", Reason("hostile-it/n1/readings", 2));
            Assert.Equal("topic: not a channel of the contract (readings, events, status, health, selftest, cmd/<command>, cmd/<command>/result)", Reason("hostile-it/n1/telemetry"));
            Assert.Equal(1, exit);
        }

        [Fact]
        public async Task Resynchronises_after_a_jump_a_stray_number_a_repeat_and_a_late_one()
        {
            const string P = "seq-it";
            (string[] lines, int exit) = await TableAfterAsync(
                P,
                [
                    .. new long[] { 1, 2, 99, 3, 4, 5, 6 }.Select(s => ListenRun.Report(P, "stray", s)),
                    .. new long[] { 1, 2, 50, 51, 52 }.Select(s => ListenRun.Report(P, "jump", s)),
                    .. new long[] { 1, 2, 2, 3, 1 }.Select(s => ListenRun.Report(P, "dup", s)),
                    .. new long[] { 1, 2, 4, 5, 3, 6 }.Select(s => ListenRun.Report(P, "late", s)),
                    .. new long[] { 1, 2, 3 }.Select(s => ListenRun.Event(P, "late", s)),
                ]);

            string Last(string node) => lines.Last(l => l.StartsWith(node + " ", StringComparison.Ordinal));
            Assert.Equal(Row("stray", "?", 7, "PT1M to 20:01:00Z", 0, 0, 0, 0, 0, 0, 1, 0), Last("stray"));
            Assert.Equal(Row("jump", "?", 5, "PT1M to 20:01:00Z", 0, 0, 0, 0, 47, 0, 0, 0), Last("jump"));
            Assert.Equal(Row("dup", "?", 5, "PT1M to 20:01:00Z", 0, 0, 0, 0, 0, 2, 0, 0), Last("dup"));
            Assert.Equal(Row("late", "?", 6, "PT1M to 20:01:00Z", 3, 0, 0, 0, 0, 0, 1, 0), Last("late"));
            Assert.Contains("SEQUENCE  seq-it/stray/readings: seq 3..98 missing", lines);
            Assert.Contains("SEQUENCE  seq-it/stray/readings: seq 99 was out of line: following 3 after 2", lines);
            Assert.Contains("SEQUENCE  seq-it/jump/readings: seq 3..49 missing", lines);
            Assert.Contains("SEQUENCE  seq-it/dup/readings: seq 2 again: repeated", lines);
            Assert.Contains("SEQUENCE  seq-it/late/readings: seq 3 arrived late, after 5", lines);
            Assert.Equal(0, exit);
        }

        [Fact]
        public async Task Follows_a_new_boot_from_the_status_started_without_flagging_it()
        {
            const string P = "boot-it";
            (string[] lines, int exit) = await TableAfterAsync(
                P,
                ListenRun.Online(P, "b1", "2026-11-25T19:00:00Z"),
                ListenRun.Report(P, "b1", 40),
                ListenRun.Report(P, "b1", 41),
                ListenRun.Event(P, "b1", 7),
                ListenRun.Health(P, "b1", 12),
                ListenRun.Online(P, "b1", "2026-11-25T19:00:00Z"),
                ListenRun.Report(P, "b1", 42),
                ListenRun.Online(P, "b1", "2026-11-25T19:30:00Z"),
                ListenRun.Report(P, "b1", 1),
                ListenRun.Report(P, "b1", 2),
                ListenRun.Event(P, "b1", 1),
                ListenRun.Health(P, "b1", 1),
                ListenRun.Health(P, "b1", 2));

            Assert.Equal(Row("b1", "online", 5, "PT1M to 20:01:00Z", 2, 3, 0, 0, 0, 0, 0, 0), lines.Last(l => l.StartsWith("b1 ", StringComparison.Ordinal)));
            Assert.Equal(["SEQUENCE  boot-it/b1/status: new boot (started 2026-11-25T19:30:00Z): sequence numbers followed afresh"], lines.Where(l => l.StartsWith("SEQUENCE", StringComparison.Ordinal)));
            Assert.Equal(0, exit);
        }

        [Fact]
        public async Task Checks_the_iot_agent_topics_commands_and_command_results()
        {
            string apikey = "ik" + Guid.NewGuid().ToString("N")[..6];
            (string Topic, byte[] Payload)[] messages =
            [
                ListenRun.Text($"/json/{apikey}/n1-main/attrs", "{\"TimeInstant\":\"2026-11-25T20:16:00Z\",\"totalActivePower\":312.64}"),
                ListenRun.Text($"/json/{apikey}/n1-main/attrs", "{\"TimeInstant\":\"yesterday\",\"totalActivePower\":312.64}"),
                ListenRun.Text($"/{apikey}/n1-main/cmd", "{\"configSet\":{\"healthSeconds\":60}}"),
                ListenRun.Text($"/{apikey}/n1-main/cmd", "{\"configSet\":{\"healthSeconds\":60},\"reboot\":{}}"),
                ListenRun.Text($"/json/{apikey}/n1-main/cmdexe", "{\"configSet\":{\"v\":1,\"node\":\"n1\",\"command\":\"config/set\",\"id\":\"configSet\",\"ok\":true,\"result\":{}}}"),
                ListenRun.Text($"/json/{apikey}/n1-main/cmdexe", "{\"configSet\":{\"ok\":\"yes\"}}"),
                ListenRun.Text("iota-it/n1/cmd/config/get", "{\"id\":\"1\"}"),
                ListenRun.Text("iota-it/n1/cmd/config/get", "{\"id\":1}"),
                ListenRun.Text("iota-it/n1/cmd/config/get/result", "{\"v\":1,\"node\":\"n1\",\"command\":\"config/get\",\"id\":\"1\",\"ok\":true,\"result\":{}}"),
                ListenRun.Text("iota-it/n1/cmd/config/get/result", "{\"v\":1,\"node\":\"n1\",\"command\":\"config/get\",\"id\":\"1\",\"ok\":false}"),
            ];

            ListenRun listen = await ListenRun.StartAsync(_broker.Host, _broker.Port, "iota-it", json: true);
            await ListenRun.PublishAsync(_broker.Host, _broker.Port, messages);
            await listen.WaitUntilAsync(r => r.JsonLines("iota-it").Length + r.JsonLines(apikey).Length >= messages.Length, TimeSpan.FromSeconds(10));
            int exit = await listen.StopAsync();

            JsonElement[] lines = [.. listen.JsonLines(apikey), .. listen.JsonLines("iota-it")];
            Assert.Equal(
                [
                    ("iotaMeasures", $"{apikey}/n1-main", true), ("iotaMeasures", $"{apikey}/n1-main", false),
                    ("iotaCommands", $"{apikey}/n1-main", true), ("iotaCommands", $"{apikey}/n1-main", false),
                    ("iotaCommandResults", $"{apikey}/n1-main", true), ("iotaCommandResults", $"{apikey}/n1-main", false),
                    ("commands", "n1", true), ("commands", "n1", false),
                    ("commandResults", "n1", true), ("commandResults", "n1", false),
                ],
                lines.Select(l => (l.GetProperty("channel").GetString(), l.GetProperty("node").GetString(), l.GetProperty("valid").GetBoolean())));
            Assert.Equal(1, exit);
        }

        [Fact]
        public async Task Reconnects_and_resubscribes_after_the_broker_restarts()
        {
            int port = EmbeddedBroker.FreeLoopbackPort();
            EmbeddedBroker broker = await EmbeddedBroker.StartAsync(port);
            ListenRun listen = await ListenRun.StartAsync(broker.Host, port, "restart-it", json: true);
            try
            {
                await ListenRun.PublishAsync(broker.Host, port, ListenRun.Report("restart-it", "r1", 1));
                Assert.True(await listen.WaitUntilAsync(r => r.JsonLines("restart-it").Length == 1, TimeSpan.FromSeconds(10)), listen.Error);

                await broker.DisposeAsync();
                await Task.Delay(300);
                broker = await EmbeddedBroker.StartAsync(port);
                Assert.True(await listen.WaitUntilAsync(r => r.Error.Contains("reconnected", StringComparison.Ordinal), TimeSpan.FromSeconds(20)), listen.Error);
                await ListenRun.PublishAsync(broker.Host, port, ListenRun.Report("restart-it", "r1", 2));
                Assert.True(await listen.WaitUntilAsync(r => r.JsonLines("restart-it").Length == 2, TimeSpan.FromSeconds(10)), listen.Error);
            }
            finally
            {
                int exit = await listen.StopAsync();
                await broker.DisposeAsync();
                Assert.Equal(0, exit);
            }

            JsonElement[] lines = listen.JsonLines("restart-it");
            Assert.Equal([true, true], lines.Select(l => l.GetProperty("valid").GetBoolean()));
            Assert.Equal(JsonValueKind.Null, lines[1].GetProperty("sequence").ValueKind);
            Assert.Contains($"lost the broker at mqtt://127.0.0.1:{port}", listen.Error);
        }

        [Fact]
        public async Task Listens_to_a_broker_of_mqtt_3_1_1_only_without_a_session()
        {
            int port = EmbeddedBroker.FreeLoopbackPort();
            var options = new MqttServerOptionsBuilder().WithDefaultEndpoint().WithDefaultEndpointBoundIPAddress(IPAddress.Loopback).WithDefaultEndpointPort(port).Build();
            using MqttServer server = new MqttServerFactory().CreateMqttServer(options);
            server.ValidatingConnectionAsync += e =>
            {
                if (e.ProtocolVersion == MQTTnet.Formatter.MqttProtocolVersion.V500)
                {
                    e.ReasonCode = MqttConnectReasonCode.UnsupportedProtocolVersion;
                }

                return Task.CompletedTask;
            };
            await server.StartAsync();
            try
            {
                ListenRun listen = await ListenRun.StartAsync("127.0.0.1", port, "v311-it", json: true);
                await ListenRun.PublishAsync("127.0.0.1", port, ListenRun.Report("v311-it", "n1", 1));
                await listen.WaitUntilAsync(r => r.JsonLines("v311-it").Length == 1, TimeSpan.FromSeconds(10));
                int exit = await listen.StopAsync();

                Assert.True(exit == 0, listen.Error);
                Assert.True(Assert.Single(listen.JsonLines("v311-it")).GetProperty("valid").GetBoolean());
                Assert.Contains($"the broker at mqtt://127.0.0.1:{port} speaks MQTT 3.1.1, not 5: no session is kept for this subscriber across outages", listen.Error);
            }
            finally
            {
                await server.StopAsync(new MqttServerStopOptionsBuilder().Build());
            }
        }

        [Fact]
        public void Follows_sequence_numbers_per_node_and_channel()
        {
            var node = new NodeTracker("n1");
            string? Observe(long seq) => node.Observe(Channel.Readings, JsonDocument.Parse($"{{\"seq\":{seq},\"window\":\"PT1M\",\"end\":\"2026-11-25T20:01:00Z\"}}").RootElement);

            Assert.Null(Observe(1));
            Assert.Null(Observe(2));
            Assert.Equal("seq 3..4 missing", Observe(5));
            Assert.Equal("seq 5 again: repeated", Observe(5));
            Assert.Null(Observe(6));
            Assert.Equal((2L, 1L, 5L), (node.Missing, node.Repeated, node.Reports));
            Assert.Null(node.Observe(Channel.Events, JsonDocument.Parse("{\"seq\":1}").RootElement));
            Assert.Equal("PT1M", node.LastWindow);
        }

        [Fact]
        public void Tells_which_rule_a_payload_breaks()
        {
            var validator = new ContractValidator();
            Assert.Empty(validator.Check(Channel.Status, Encoding.UTF8.GetBytes("{\"v\":1,\"node\":\"n\",\"state\":\"offline\"}")));
            Assert.NotEmpty(validator.Check(Channel.Status, Encoding.UTF8.GetBytes("{\"v\":1,\"node\":\"n\",\"state\":\"sleeping\"}")));
            Assert.Equal(["not JSON: 'x' is an invalid start of a value. LineNumber: 0 | BytePositionInLine: 0."], validator.Check(Channel.Events, Encoding.UTF8.GetBytes("x")));
        }
    }
}
