using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Edge.Core.Aggregation;
using Edge.Core.Commands;
using Edge.Core.Payloads;
using Edge.Host.Cli;
using Edge.Host.Platform;
using Edge.Host.Simulation;
using Edge.Tests.Contract;
using Edge.Tests.Fakes;
using MQTTnet;
using MQTTnet.Protocol;
using Xunit;

namespace Edge.Tests.Integration
{
    /// <summary>
    /// The command round trip of a FIWARE platform provisioned as docs/fiware says, through the broker: the test
    /// plays the IoT Agent JSON (IotAgentEmulation: what the agent publishes on a device's cmd topic for an NGSI
    /// update of a command attribute, and what it writes to the context broker for each answer on cmdexe) against a
    /// simulated node built as <c>edge simulate --format iota-json --profile substation</c> builds it.
    /// </summary>
    [Collection(BrokerCollection.Name)]
    public class IotAgentCommandTests
    {
        /// <summary>Command attribute values an operator writes, and whether the node can carry them out here (the
        /// simulated node has no relay and cannot be rebooted remotely: those are answered with an error).</summary>
        private static readonly (string Command, JsonNode Value, bool Ok)[] Updates =
        [
            ("selftest", "", true),
            ("configGet", "", true),
            ("configSet", new JsonObject { ["healthSeconds"] = 60 }, true),
            ("resync", new JsonObject { ["from"] = 1 }, true),
            ("relaySet", new JsonObject { ["state"] = "on" }, false),
            ("reboot", "", false),
            ("configSet", "often", false),
        ];

        private readonly BrokerFixture _broker;

        public IotAgentCommandTests(BrokerFixture broker)
        {
            _broker = broker;
        }

        [Fact]
        public async Task Every_command_of_every_provisioned_device_comes_back_as_status_ok_and_info()
        {
            IotAgentEmulation agent = IotaJsonTests.ProvisionedAgent("sim-0001");
            string[] entities = IotaJsonTests.Devices().GetProperty("devices").EnumerateArray().Select(d => d.GetProperty("entity_name").GetString()!).ToArray();
            await using TopicRecorder answers = await TopicRecorder.StartAsync(_broker, "/json/edge/+/cmdexe");
            using var link = new MqttNetLink(_broker.Host, _broker.Port);
            AggregationProfile substation = ProfileText.Create("substation", 60);
            var simulation = new NodeSimulation(new SimulationOptions { NodeId = "sim-0001", Format = PayloadFormat.IotaJson, Profile = substation, StartUtc = Utc.At("2026-11-25T12:00:00Z") }, link);
            simulation.Run(TimeSpan.FromSeconds(2));

            IMqttClient agentClient = new MqttClientFactory().CreateMqttClient();
            await agentClient.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer(_broker.Host, _broker.Port).WithClientId("iotagent-json").Build());
            var written = new List<JsonObject>();
            foreach (string entity in entities)
            {
                string device = entity["urn:ngsi-ld:ThreePhaseAcMeasurement:".Length..];
                foreach ((string command, JsonNode value, _) in Updates)
                {
                    var message = agent.Command(entity, command, value);
                    Assert.NotNull(message);
                    int answered = answers.Messages.Count;
                    await agentClient.PublishStringAsync(message.Value.Topic, message.Value.Payload, MqttQualityOfServiceLevel.AtLeastOnce);

                    // The command waits for the node's loop; one at a time, as the node queues only a few.
                    var deadline = DateTime.UtcNow.AddSeconds(10);
                    while (answers.Messages.Count == answered && DateTime.UtcNow < deadline)
                    {
                        simulation.Step();
                        await Task.Delay(10);
                    }

                    var reply = Assert.Single(answers.Messages.Skip(answered));
                    Assert.Equal($"/json/edge/{device}/cmdexe", reply.Topic);
                    written.Add(agent.CommandResult(reply.Topic, reply.Payload));
                }
            }

            await agentClient.DisconnectAsync();
            agentClient.Dispose();

            // What the context broker received for each answer: the command's status OK and the node's result.
            Assert.Equal(entities.Length * Updates.Length, written.Count);
            for (int i = 0; i < written.Count; i++)
            {
                (string command, _, bool ok) = Updates[i % Updates.Length];
                Assert.Equal([command + "_status", command + "_info"], written[i].Select(a => a.Key));
                Assert.Equal("OK", (string?)written[i][command + "_status"]!["value"]);
                JsonNode info = written[i][command + "_info"]!["value"]!;
                Assert.Equal((command, ok), ((string?)info["id"], (bool)info["ok"]!));
            }

            Assert.Equal(["healthSeconds"], written[2]["configSet_info"]!["value"]!["result"]!["applied"]!.AsArray().Select(n => (string?)n));
            Assert.Equal("payload: the value of configSet must be an object of parameters, or an empty string for none", (string?)written[6]["configSet_info"]!["value"]!["error"]);
            Assert.Equal(entities.Length * Updates.Length, simulation.Node.Commands.Executed);
            Assert.Equal(entities.Length * 3, simulation.Node.Commands.Failed);

            // Every entity now shows every command of the node answered.
            foreach (string entity in entities)
            {
                JsonObject state = agent.Entity(entity["urn:ngsi-ld:ThreePhaseAcMeasurement:".Length..]);
                Assert.All(Enumerable.Range(0, IotaCommands.Count).Select(IotaCommands.Name), c => Assert.Equal("OK", (string?)state[c + "_status"]!["value"]));
            }
        }
    }
}
