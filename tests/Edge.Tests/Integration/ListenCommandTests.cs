using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Edge.Host.Cli;
using Edge.Host.Listening;
using Edge.Host.Platform;
using Edge.Host.Simulation;
using Edge.Tests.Fakes;
using MQTTnet;
using MQTTnet.Protocol;
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

        [Fact]
        public void Follows_sequence_numbers_per_node_and_channel()
        {
            var node = new NodeTracker("n1");
            string? Observe(long seq) => node.Observe(Channel.Readings, JsonDocument.Parse($"{{\"seq\":{seq},\"window\":\"PT1M\",\"end\":\"2026-11-25T20:01:00Z\"}}").RootElement, valid: true);

            Assert.Null(Observe(1));
            Assert.Null(Observe(2));
            Assert.Equal("seq 3..4 missing", Observe(5));
            Assert.Equal("seq 5 after 5: repeated or out of order", Observe(5));
            Assert.Null(Observe(6));
            Assert.Equal((2L, 1L, 5L), (node.Missing, node.Repeated, node.Reports));
            Assert.Null(node.Observe(Channel.Events, JsonDocument.Parse("{\"seq\":1}").RootElement, valid: true));
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
