using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Edge.Host.Cli;
using Edge.Host.Platform;
using Edge.Host.Simulation;
using Edge.Tests.Fakes;
using MQTTnet;
using MQTTnet.Protocol;
using Xunit;

namespace Edge.Tests.Integration
{
    /// <summary>
    /// `edge selftest --broker URL --node ID` against a running simulated node through a real broker: the report's
    /// lines as the node's console prints them, the exit code by verdict, and what it says when the node is offline
    /// or refuses.
    /// </summary>
    [Collection(BrokerCollection.Name)]
    public sealed class SelfTestCommandTests
    {
        private readonly BrokerFixture _broker;

        public SelfTestCommandTests(BrokerFixture broker)
        {
            _broker = broker;
        }

        private BrokerAddress Address => new(_broker.Host, _broker.Port);

        [Fact]
        public async Task Prints_a_running_nodes_report_line_by_line_and_exits_0_when_nothing_failed()
        {
            using var link = new MqttNetLink(_broker.Host, _broker.Port);
            var simulation = new NodeSimulation(new SimulationOptions { NodeId = "st-ok", TopicPrefix = "selftest-it", StartUtc = Utc.At("2026-12-03T08:00:00Z") }, link);
            simulation.Run(TimeSpan.FromMinutes(3));
            using var running = new CancellationTokenSource();
            Task node = NodeLoop.RunAsync(simulation, running.Token);

            var output = new StringWriter();
            var error = new StringWriter();
            int exit = await RemoteSelfTestCommand.RunAsync(Address, "st-ok", "selftest-it", TimeSpan.FromSeconds(20), json: false, output, error, CancellationToken.None);
            running.Cancel();
            await node;

            string[] lines = Lines(output);
            Assert.Equal(0, exit);
            Assert.Matches(@"^PASS meter main: \d+ pulses in the \d+ min since start, the last \d+ s ago, 1000 imp/kWh$", lines[0]);
            Assert.Equal(
                [
                    "PASS clock: synchronised",
                    "WARN storage: no store: unsent readings are kept in RAM and lost at a power cut, check the log at start for why the flash file system did not mount; reflash the node if it says it is damaged",
                    "PASS memory: free memory not measured on this platform",
                    "PASS network: up (the broker answers)",
                ],
                lines[1..5]);
            Assert.StartsWith("PASS broker: connected", lines[5]);
            Assert.StartsWith("PASS outbox: ", lines[6]);
            Assert.Equal("SELFTEST WARN: 7 checks, 6 passed, 1 warned, 0 failed", lines[7]);
            Assert.Equal(8, lines.Length);
            Assert.Matches(@"^asked node st-ok for its self-test at mqtt://127\.0\.0\.1:\d+ \(command id selftest-[0-9a-f]{12}\); waiting up to 20 s$", Lines(error).Single());
        }

        [Fact]
        public async Task With_json_prints_the_report_the_node_published_for_this_command()
        {
            using var link = new MqttNetLink(_broker.Host, _broker.Port);
            var simulation = new NodeSimulation(new SimulationOptions { NodeId = "st-json", TopicPrefix = "selftest-it", StartUtc = Utc.At("2026-12-03T08:00:00Z") }, link);
            simulation.Run(TimeSpan.FromMinutes(2));
            using var running = new CancellationTokenSource();
            Task node = NodeLoop.RunAsync(simulation, running.Token);

            var output = new StringWriter();
            var error = new StringWriter();
            int exit = await RemoteSelfTestCommand.RunAsync(Address, "st-json", "selftest-it", TimeSpan.FromSeconds(20), json: true, output, error, CancellationToken.None);
            running.Cancel();
            await node;

            JsonElement report = JsonDocument.Parse(Lines(output).Single()).RootElement;
            string id = Lines(error).Single().Split("command id ")[1].Split(')')[0];
            Assert.Equal(0, exit);
            Assert.Equal(("st-json", "command", id, "warn"), (report.GetProperty("node").GetString(), report.GetProperty("trigger").GetString(), report.GetProperty("id").GetString(), report.GetProperty("verdict").GetString()));
        }

        [Fact]
        public async Task A_node_gone_offline_gets_no_answer_exit_6_with_its_status_and_last_report()
        {
            using (var link = new MqttNetLink(_broker.Host, _broker.Port))
            {
                // Two minutes: the boot self-test ran at one and its report is retained.
                var simulation = new NodeSimulation(new SimulationOptions { NodeId = "st-gone", TopicPrefix = "selftest-it", StartUtc = Utc.At("2026-12-03T08:00:00Z") }, link);
                simulation.Run(TimeSpan.FromMinutes(2));
                simulation.Stop();
            }

            var output = new StringWriter();
            var error = new StringWriter();
            int exit = await RemoteSelfTestCommand.RunAsync(Address, "st-gone", "selftest-it", TimeSpan.FromSeconds(2), json: false, output, error, CancellationToken.None);

            string[] lines = Lines(error);
            Assert.Equal(ExitCodes.NoAnswer, exit);
            Assert.Empty(Lines(output));
            Assert.Equal("node st-gone did not answer within 2 s: its status says offline: the node is not connected", lines[1]);
            Assert.Equal("its last report on the broker, from 2026-12-03T08:01:00Z (boot):", lines[2]);
            Assert.Matches(@"^PASS meter main: \d+ pulses in the 1 min since start", lines[3]);
            Assert.StartsWith("WARN storage: no store", lines[5]);
            Assert.Equal("SELFTEST WARN: 7 checks, 6 passed, 1 warned, 0 failed", lines[^1]);
        }

        [Fact]
        public async Task A_failed_check_exits_5_and_a_refusal_exits_1_with_the_nodes_reason()
        {
            // A node of its own: answers the first command with a failing report, the second with a refusal.
            using IMqttClient node = new MqttClientFactory().CreateMqttClient();
            await node.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer(_broker.Host, _broker.Port).WithClientId("st-fake-" + Guid.NewGuid().ToString("N")[..6]).Build());
            int asked = 0;
            node.ApplicationMessageReceivedAsync += async e =>
            {
                string id = JsonDocument.Parse(System.Buffers.BuffersExtensions.ToArray(e.ApplicationMessage.Payload)).RootElement.GetProperty("id").GetString()!;
                if (Interlocked.Increment(ref asked) == 1)
                {
                    string report = "{\"v\":1,\"node\":\"st-fake\",\"at\":\"2026-12-03T08:05:00Z\",\"trigger\":\"command\",\"id\":\"" + id + "\",\"verdict\":\"fail\",\"passed\":1,\"warned\":0,\"failed\":1,"
                        + "\"checks\":[{\"verdict\":\"fail\",\"item\":\"meter main\",\"reason\":\"the meter sends TIC historique (1200 baud) but the node is configured standard\",\"action\":\"set ticMode to historique (or auto) in the node's configuration\"},"
                        + "{\"verdict\":\"pass\",\"item\":\"clock\",\"reason\":\"synchronised\"}]}";
                    await node.PublishAsync(new MqttApplicationMessageBuilder().WithTopic("selftest-it/st-fake/selftest").WithPayload(report).WithRetainFlag().WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());
                }
                else
                {
                    string result = "{\"v\":1,\"node\":\"st-fake\",\"command\":\"selftest\",\"id\":\"" + id + "\",\"ok\":false,\"error\":\"busy: a self-test is already running\"}";
                    await node.PublishAsync(new MqttApplicationMessageBuilder().WithTopic("selftest-it/st-fake/cmd/selftest/result").WithPayload(result).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());
                }
            };
            await node.SubscribeAsync("selftest-it/st-fake/cmd/selftest", MqttQualityOfServiceLevel.AtLeastOnce);

            var output = new StringWriter();
            int failed = await RemoteSelfTestCommand.RunAsync(Address, "st-fake", "selftest-it", TimeSpan.FromSeconds(10), json: false, output, new StringWriter(), CancellationToken.None);
            Assert.Equal(ExitCodes.SelfTestFailed, failed);
            Assert.Equal(
                [
                    "FAIL meter main: the meter sends TIC historique (1200 baud) but the node is configured standard, set ticMode to historique (or auto) in the node's configuration",
                    "PASS clock: synchronised",
                    "SELFTEST FAIL: 2 checks, 1 passed, 0 warned, 1 failed",
                ],
                Lines(output));

            // The retained report of the first run is not the answer to the second.
            var error = new StringWriter();
            output = new StringWriter();
            int refused = await RemoteSelfTestCommand.RunAsync(Address, "st-fake", "selftest-it", TimeSpan.FromSeconds(10), json: false, output, error, CancellationToken.None);
            Assert.Equal(ExitCodes.Failure, refused);
            Assert.Empty(Lines(output));
            Assert.Equal("node st-fake refused the self-test: busy: a self-test is already running", Lines(error)[^1]);
            await node.DisconnectAsync();
        }

        [Fact]
        public async Task An_unreachable_broker_exits_1_and_a_missing_node_option_is_a_usage_error()
        {
            var error = new StringWriter();
            int unreachable = await RemoteSelfTestCommand.RunAsync(new BrokerAddress("127.0.0.1", 1), "n1", "edge", TimeSpan.FromSeconds(2), json: false, new StringWriter(), error, CancellationToken.None);
            Assert.Equal(ExitCodes.Failure, unreachable);
            Assert.StartsWith("cannot connect to the broker at mqtt://127.0.0.1:1: ", error.ToString());

            var usage = new StringWriter();
            int exit = await EdgeCli.RunAsync(["selftest", "--broker", "mqtt://127.0.0.1:1883"], new StringWriter(), usage, interactive: false);
            Assert.Equal(ExitCodes.Usage, exit);
            Assert.Contains("--node", usage.ToString());
        }

        private static string[] Lines(StringWriter writer) => writer.ToString().Replace("\r\n", "\n").Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }
}
