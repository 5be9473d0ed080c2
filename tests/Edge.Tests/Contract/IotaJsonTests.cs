using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using Edge.Core.Aggregation;
using Edge.Core.Commands;
using Edge.Core.Meters;
using Edge.Core.Payloads;
using Edge.Core.Model;
using Edge.Core.Node;
using Edge.Core.Platform;
using Edge.Core.Time;
using Edge.Tests.Fakes;
using Xunit;

namespace Edge.Tests.Contract
{
    /// <summary>The iota-json output and the provisioning of docs/fiware go through the FIWARE IoT Agent's rules
    /// and yield ThreePhaseAcMeasurement entities with the values the node aggregated, one per meter and window,
    /// with every command of the node.</summary>
    public class IotaJsonTests
    {
        private static readonly string Vectors = Path.Combine(AppContext.BaseDirectory, "TestData", "fiware");

        [Theory]
        [InlineData("mqtt_topic")]
        [InlineData("mqtt_topic_alt")]
        public void The_agent_emulation_reproduces_the_iot_agents_own_test_case(string topicField)
        {
            JsonElement vector = Vector("iotajson_mqtt_multimeasure_legacy_topic.json");
            var agent = new IotAgentEmulation(group: null, vector.GetProperty("provision_POST_iot_devices"), apiKey: "1234");

            agent.Receive(vector.GetProperty(topicField).GetString()!, vector.GetProperty("mqtt_payload").GetRawText());

            JsonNode expected = JsonNode.Parse(vector.GetProperty("expected_cb_request").GetProperty("body").GetRawText())!;
            JsonObject entity = agent.Entity("MQTT_2");
            Assert.True(JsonNode.DeepEquals(expected, entity), entity.ToJsonString());
        }

        [Fact]
        public void The_agent_emulation_reproduces_the_iot_agents_own_command_test_case()
        {
            JsonElement vector = Vector("iotajson_mqtt_command.json");
            var agent = new IotAgentEmulation(group: null, vector.GetProperty("provision_POST_iot_devices"), vector.GetProperty("apikey").GetString()!);
            JsonElement update = vector.GetProperty("ngsi_command_update");

            var sent = agent.Command(update.GetProperty("entity").GetString()!, update.GetProperty("attribute").GetString()!, JsonNode.Parse(update.GetProperty("value").GetRawText()));

            JsonElement expected = vector.GetProperty("expected_mqtt_command");
            Assert.Equal((expected.GetProperty("topic").GetString()!, expected.GetProperty("payload").GetString()!), sent);
            Assert.Equal("PENDING", (string?)agent.Entity("MQTT_2")["PING_status"]!["value"]);
            JsonElement answer = vector.GetProperty("mqtt_cmdexe");
            JsonObject result = agent.CommandResult(answer.GetProperty("topic").GetString()!, answer.GetProperty("payload").GetString()!);
            Assert.True(JsonNode.DeepEquals(JsonNode.Parse(vector.GetProperty("expected_cb_update").GetRawText()), result), result.ToJsonString());
            Assert.Null(agent.Command("Second MQTT Device", "temperature", "1"));
        }

        [Fact]
        public void A_three_phase_window_becomes_a_three_phase_ac_measurement_entity()
        {
            var link = new FakeMqttLink();
            RunNode(new NodeConfig { NodeId = "sub-7", WindowSeconds = 900, Format = PayloadFormat.IotaJson, IotaApiKey = "edge" }, link, seconds: 901);

            var measure = Assert.Single(link.Published, p => p.Topic.EndsWith("/attrs", StringComparison.Ordinal));
            Assert.Equal("/json/edge/sub-7-main-PT15M/attrs", measure.Topic);
            IotAgentEmulation agent = ProvisionedAgent("sub-7");
            agent.Receive(measure.Topic, measure.Payload);
            JsonObject entity = agent.Entity("sub-7-main-PT15M");

            Assert.Equal("urn:ngsi-ld:ThreePhaseAcMeasurement:sub-7-main-PT15M", (string?)entity["id"]);
            Assert.Equal("ThreePhaseAcMeasurement", (string?)entity["type"]);
            Assert.Equal("2026-11-25T20:15:00Z", (string?)entity["TimeInstant"]!["value"]);
            Assert.Equal(4210.015m, (decimal)entity["totalActiveEnergyImport"]!["value"]!);
            Assert.Equal("KWH", (string?)entity["totalActiveEnergyImport"]!["metadata"]!["unitCode"]!["value"]);
            Assert.Equal(6900m, (decimal)entity["totalActivePower"]!["value"]!);
            Assert.Equal(230.5m, (decimal)entity["phaseVoltage"]!["value"]!["L2"]!);
            Assert.Equal(0.4m, (decimal)entity["current"]!["value"]!["N"]!);
            Assert.Equal("VLT", (string?)entity["phaseVoltage"]!["metadata"]!["unitCode"]!["value"]);
            Assert.Equal("[\"urn:ngsi-ld:Device:sub-7\"]", entity["refDevice"]!["value"]!.ToJsonString());

            // Every measure is provisioned, and every attribute is one of the Smart Data Model's, shaped as in its
            // official example (refDevice an array, per-phase quantities objects keyed as there).
            var provisioned = Group().GetProperty("attributes").EnumerateArray().Select(a => a.GetProperty("object_id").GetString()).ToHashSet();
            Assert.All(JsonDocument.Parse(measure.Payload).RootElement.EnumerateObject(), m => Assert.Contains(m.Name, provisioned));
            JsonElement model = Vector("sdm_ThreePhaseAcMeasurement_example_keyvalues_v2.json");
            foreach (var attribute in entity.Where(a => a.Key is not "id" and not "type" and not "TimeInstant"))
            {
                Assert.True(model.TryGetProperty(attribute.Key, out JsonElement example), $"{attribute.Key} is not a ThreePhaseAcMeasurement attribute");
                JsonNode value = attribute.Value!["value"]!;
                Assert.Equal(example.ValueKind == JsonValueKind.Object, value is JsonObject);
                Assert.Equal(example.ValueKind == JsonValueKind.Array, value is JsonArray);
                if (value is JsonObject phases)
                {
                    Assert.All(phases, p => Assert.True(example.TryGetProperty(p.Key, out _), $"{attribute.Key}.{p.Key}"));
                }
            }
        }

        [Fact]
        public void Each_window_of_a_substation_is_an_entity_of_its_own()
        {
            var link = new FakeMqttLink();
            var config = new NodeConfig { NodeId = "sub-7", Format = PayloadFormat.IotaJson, IotaApiKey = "edge", Profile = AggregationProfile.ThreePhaseSubstation(TimeZoneRule.CentralEurope) };

            // 20:00 to 23:00 UTC, local midnight in Paris in November: minutes, quarters and the local day all close.
            RunNode(config, link, seconds: (3 * 3600) + 1);

            IotAgentEmulation agent = ProvisionedAgent("sub-7");
            foreach (var measure in link.Published.Where(p => p.Topic.EndsWith("/attrs", StringComparison.Ordinal)))
            {
                agent.Receive(measure.Topic, measure.Payload);
            }

            Assert.Equal(180, link.Published.Count(p => p.Topic == "/json/edge/sub-7-main-PT1M/attrs"));
            Assert.Equal(12, link.Published.Count(p => p.Topic == "/json/edge/sub-7-main-PT15M/attrs"));
            Assert.Equal(1, link.Published.Count(p => p.Topic == "/json/edge/sub-7-main-P1D/attrs"));
            JsonObject minute = agent.Entity("sub-7-main-PT1M");
            JsonObject quarter = agent.Entity("sub-7-main-PT15M");
            JsonObject day = agent.Entity("sub-7-main-P1D");
            Assert.Equal(
                ("urn:ngsi-ld:ThreePhaseAcMeasurement:sub-7-main-PT1M", "urn:ngsi-ld:ThreePhaseAcMeasurement:sub-7-main-PT15M", "urn:ngsi-ld:ThreePhaseAcMeasurement:sub-7-main-P1D"),
                ((string?)minute["id"], (string?)quarter["id"], (string?)day["id"]));
            Assert.Equal(("2026-11-25T23:00:00Z", "2026-11-25T23:00:00Z", "2026-11-25T23:00:00Z"), ((string?)minute["TimeInstant"]!["value"], (string?)quarter["TimeInstant"]!["value"], (string?)day["TimeInstant"]!["value"]));

            // The minutes carry everything; quarters and days only the energy registers, which no minute overwrites.
            Assert.Equal(6900m, (decimal)minute["totalActivePower"]!["value"]!);
            Assert.Equal(4210.015m, (decimal)quarter["totalActiveEnergyImport"]!["value"]!);
            Assert.Equal(4210.015m, (decimal)day["totalActiveEnergyImport"]!["value"]!);
            Assert.False(quarter.ContainsKey("totalActivePower"));
            Assert.False(day.ContainsKey("phaseVoltage"));
        }

        [Theory]
        [InlineData("single")]
        [InlineData("linky-household")]
        [InlineData("substation")]
        public void The_provisioned_devices_are_those_the_simulated_node_publishes_to(string profile)
        {
            // As edge simulate --format iota-json --profile <profile> builds it, with its default 60 s window.
            AggregationProfile windows = Edge.Host.Cli.ProfileText.Create(profile, 60);
            var config = new NodeConfig { NodeId = "sim-0001", Format = PayloadFormat.IotaJson, Profile = windows };
            var node = new EdgeNode(config, new ManualClock(Utc.At("2026-11-25T20:00:00Z"), true), new FakeMqttLink(), null, null);
            node.AddMeter(new ThreePhaseMeter());
            node.Start();

            var provisioned = Devices().GetProperty("devices").EnumerateArray().Select(d => d.GetProperty("device_id").GetString()).ToHashSet();
            for (int w = 0; w < windows!.Windows.Length; w++)
            {
                Assert.Contains(node.IotaDeviceId(w, 0), provisioned);
            }
        }

        [Fact]
        public void Every_provisioned_device_declares_every_command_the_node_takes()
        {
            string[] commands = Enumerable.Range(0, IotaCommands.Count).Select(IotaCommands.Name).ToArray();
            JsonElement[] devices = Devices().GetProperty("devices").EnumerateArray().ToArray();

            Assert.Equal(3, devices.Length);
            foreach (JsonElement device in devices)
            {
                // Declared on the device: the agent dispatches only the commands stored with a device.
                JsonElement[] declared = device.GetProperty("commands").EnumerateArray().ToArray();
                Assert.Equal(commands, declared.Select(c => c.GetProperty("name").GetString()));
                Assert.All(declared, c => Assert.Equal("command", c.GetProperty("type").GetString()));
                Assert.Equal("edge", device.GetProperty("apikey").GetString());
                Assert.Equal("MQTT", device.GetProperty("transport").GetString());
            }
        }

        [Fact]
        public void The_provisioning_lets_command_results_reach_the_context_broker()
        {
            // explicitAttrs true keeps only provisioned attributes and drops every <command>_status and _info.
            JsonElement group = Group();
            Assert.False(group.TryGetProperty("explicitAttrs", out JsonElement groups) && groups.ValueKind != JsonValueKind.False, groups.ToString());
            foreach (JsonElement device in Devices().GetProperty("devices").EnumerateArray())
            {
                Assert.False(device.TryGetProperty("explicitAttrs", out JsonElement own) && own.ValueKind != JsonValueKind.False, own.ToString());
            }

            IotAgentEmulation agent = ProvisionedAgent("sim-0001");
            Assert.NotNull(agent.Command("urn:ngsi-ld:ThreePhaseAcMeasurement:sim-0001-main-PT1M", "reboot", ""));
            JsonObject result = agent.CommandResult("/json/edge/sim-0001-main-PT1M/cmdexe", "{\"reboot\":{\"ok\":true}}");
            Assert.Equal(["reboot_status", "reboot_info"], result.Select(a => a.Key));
        }

        /// <summary>The agent with the group and devices of docs/fiware, for a node of this id.</summary>
        internal static IotAgentEmulation ProvisionedAgent(string nodeId)
        {
            string devices = Devices().GetRawText().Replace("sim-0001", nodeId, StringComparison.Ordinal);
            return new IotAgentEmulation(Group(), JsonDocument.Parse(devices).RootElement, apiKey: Group().GetProperty("apikey").GetString()!);
        }

        internal static JsonElement Devices() => Provisioning("iota-device.json");

        private static JsonElement Group() => Assert.Single(Provisioning("iota-service-group.json").GetProperty("groups").EnumerateArray());

        private static JsonElement Provisioning(string file) =>
            JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Contract", "fiware", file))).RootElement;

        private static JsonElement Vector(string file) => JsonDocument.Parse(File.ReadAllText(Path.Combine(Vectors, file))).RootElement;

        private static void RunNode(NodeConfig config, FakeMqttLink link, int seconds)
        {
            var clock = new ManualClock(Utc.At("2026-11-25T20:00:00Z"), true);
            var node = new EdgeNode(config, clock, link, null, null);
            node.AddMeter(new ThreePhaseMeter());
            node.Start();
            for (int i = 0; i < seconds; i++)
            {
                node.Tick();
                clock.Advance(1000);
            }

            // What the last ticks queued, at the publishing pace, goes out too.
            node.DrainOutbox();
        }

        /// <summary>A three-phase meter with constant values, so the window's means are known.</summary>
        private sealed class ThreePhaseMeter : IMeterDriver
        {
            public string MeterId => "main";

            public string? PublishedMeterId => null;

            public void Poll(DateTime utcNow, long monotonicMs, IReadingSink sink)
            {
                sink.Add(new Reading(QuantityId.TotalActiveEnergyImport, 4_210_015, 0, utcNow, ReadingQuality.Good));
                sink.Add(new Reading(QuantityId.TotalActivePower, 6900, 0, utcNow, ReadingQuality.Good));
                sink.Add(new Reading(QuantityId.PhaseVoltageL1, 2301, 1, utcNow, ReadingQuality.Good));
                sink.Add(new Reading(QuantityId.PhaseVoltageL2, 2305, 1, utcNow, ReadingQuality.Good));
                sink.Add(new Reading(QuantityId.PhaseVoltageL3, 2298, 1, utcNow, ReadingQuality.Good));
                sink.Add(new Reading(QuantityId.CurrentL1, 101, 1, utcNow, ReadingQuality.Good));
                sink.Add(new Reading(QuantityId.CurrentN, 4, 1, utcNow, ReadingQuality.Good));
                sink.Add(new Reading(QuantityId.Frequency, 5001, 2, utcNow, ReadingQuality.Good));
                sink.Add(new Reading(QuantityId.ActiveEnergyImportT1, 100, 0, utcNow, ReadingQuality.Good));
            }
        }
    }
}
