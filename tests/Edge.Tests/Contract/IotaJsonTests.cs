using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using Edge.Core.Encoding;
using Edge.Core.Model;
using Edge.Core.Node;
using Edge.Core.Platform;
using Edge.Tests.Fakes;
using Xunit;

namespace Edge.Tests.Contract
{
    /// <summary>The iota-json output goes through the FIWARE IoT Agent's measure rules and yields a
    /// ThreePhaseAcMeasurement entity with the values the node aggregated.</summary>
    public class IotaJsonTests
    {
        private static readonly string Vectors = Path.Combine(AppContext.BaseDirectory, "TestData", "fiware");
        private static readonly string Provisioning = Path.Combine(AppContext.BaseDirectory, "Contract", "fiware");

        [Theory]
        [InlineData("mqtt_topic")]
        [InlineData("mqtt_topic_alt")]
        public void The_agent_emulation_reproduces_the_iot_agents_own_test_case(string topicField)
        {
            JsonElement vector = JsonDocument.Parse(File.ReadAllText(Path.Combine(Vectors, "iotajson_mqtt_multimeasure_legacy_topic.json"))).RootElement;
            var agent = new IotAgentEmulation(group: null, vector.GetProperty("provision_POST_iot_devices"), apiKey: "1234");

            JsonObject entity = agent.Receive(vector.GetProperty(topicField).GetString()!, vector.GetProperty("mqtt_payload").GetRawText());

            JsonNode expected = JsonNode.Parse(vector.GetProperty("expected_cb_request").GetProperty("body").GetRawText())!;
            Assert.True(JsonNode.DeepEquals(expected, entity), entity.ToJsonString());
        }

        [Fact]
        public void A_three_phase_window_becomes_a_three_phase_ac_measurement_entity()
        {
            var clock = new ManualClock(Utc.At("2026-11-25T20:00:00Z"), true);
            var link = new FakeMqttLink();
            var node = new EdgeNode(new NodeConfig { NodeId = "sub-7", WindowSeconds = 900, Format = PayloadFormat.IotaJson, IotaApiKey = "edge" }, clock, link, null, null);
            node.AddMeter(new ThreePhaseMeter());
            node.Start();
            for (int i = 0; i < 901; i++)
            {
                node.Tick();
                clock.Advance(1000);
            }

            var measure = Assert.Single(link.Published, p => p.Topic.EndsWith("/attrs", StringComparison.Ordinal));
            Assert.Equal("/json/edge/sub-7-main/attrs", measure.Topic);

            JsonElement group = JsonDocument.Parse(File.ReadAllText(Path.Combine(Provisioning, "iota-service-group.json"))).RootElement;
            JsonElement devices = JsonDocument.Parse(File.ReadAllText(Path.Combine(Provisioning, "iota-device.json"))).RootElement;
            string devicesForThisNode = devices.GetRawText().Replace("sim-0001", "sub-7", StringComparison.Ordinal);
            var agent = new IotAgentEmulation(group.GetProperty("groups")[0], JsonDocument.Parse(devicesForThisNode).RootElement, apiKey: "edge");
            JsonObject entity = agent.Receive(measure.Topic, measure.Payload);

            Assert.Equal("urn:ngsi-ld:ThreePhaseAcMeasurement:sub-7-main", (string?)entity["id"]);
            Assert.Equal("ThreePhaseAcMeasurement", (string?)entity["type"]);
            Assert.Equal("2026-11-25T20:15:00Z", (string?)entity["TimeInstant"]!["value"]);
            Assert.Equal(4210.015m, (decimal)entity["totalActiveEnergyImport"]!["value"]!);
            Assert.Equal("KWH", (string?)entity["totalActiveEnergyImport"]!["metadata"]!["unitCode"]!["value"]);
            Assert.Equal(6900m, (decimal)entity["totalActivePower"]!["value"]!);
            Assert.Equal(230.5m, (decimal)entity["phaseVoltage"]!["value"]!["L2"]!);
            Assert.Equal(0.4m, (decimal)entity["current"]!["value"]!["N"]!);
            Assert.Equal("VLT", (string?)entity["phaseVoltage"]!["metadata"]!["unitCode"]!["value"]);

            // Every attribute the node sent is one of the Smart Data Model's, shaped as in its official example.
            JsonElement model = JsonDocument.Parse(File.ReadAllText(Path.Combine(Vectors, "sdm_ThreePhaseAcMeasurement_example_keyvalues_v2.json"))).RootElement;
            foreach (var attribute in entity.Where(a => a.Key is not "id" and not "type" and not "TimeInstant"))
            {
                Assert.True(model.TryGetProperty(attribute.Key, out JsonElement example), $"{attribute.Key} is not a ThreePhaseAcMeasurement attribute");
                JsonNode value = attribute.Value!["value"]!;
                Assert.Equal(example.ValueKind == JsonValueKind.Object, value is JsonObject);
                if (value is JsonObject phases)
                {
                    Assert.All(phases, p => Assert.True(example.TryGetProperty(p.Key, out _), $"{attribute.Key}.{p.Key}"));
                }
            }
        }

        /// <summary>
        /// The IoT Agent JSON measure path, from its documentation and test cases: the topic names the API key and
        /// the device (/json/&lt;apikey&gt;/&lt;device&gt;/attrs, or the legacy /&lt;apikey&gt;/&lt;device&gt;/attrs); each
        /// payload attribute is matched to a provisioned one (by object_id, then name) and becomes an NGSI attribute
        /// with the provisioned name, type and metadata; null values are dropped; with explicitAttrs, attributes
        /// not provisioned are dropped too.
        /// </summary>
        private sealed class IotAgentEmulation
        {
            private readonly List<JsonElement> _attributes = new();
            private readonly Dictionary<string, JsonElement> _devices = new();
            private readonly string _apiKey;
            private readonly bool _explicit;
            private readonly string? _groupType;

            public IotAgentEmulation(JsonElement? group, JsonElement devices, string apiKey)
            {
                _apiKey = apiKey;
                if (group is JsonElement g)
                {
                    _attributes.AddRange(g.GetProperty("attributes").EnumerateArray());
                    _explicit = g.TryGetProperty("explicitAttrs", out JsonElement e) && e.GetBoolean();
                    _groupType = g.TryGetProperty("entity_type", out JsonElement t) ? t.GetString() : null;
                }

                foreach (JsonElement device in devices.GetProperty("devices").EnumerateArray())
                {
                    _devices[device.GetProperty("device_id").GetString()!] = device;
                }
            }

            public JsonObject Receive(string topic, string payload)
            {
                string[] levels = topic.Trim('/').Split('/');
                if (levels[0] == "json")
                {
                    levels = levels[1..];
                }

                Assert.Equal(3, levels.Length);
                Assert.Equal(_apiKey, levels[0]);
                Assert.Equal("attrs", levels[2]);
                JsonElement device = _devices[levels[1]];
                var attributes = new List<JsonElement>(_attributes);
                if (device.TryGetProperty("attributes", out JsonElement own))
                {
                    attributes.AddRange(own.EnumerateArray());
                }

                var entity = new JsonObject
                {
                    ["id"] = device.GetProperty("entity_name").GetString(),
                    ["type"] = device.TryGetProperty("entity_type", out JsonElement type) ? type.GetString() : _groupType,
                };
                foreach (JsonProperty measure in JsonDocument.Parse(payload).RootElement.EnumerateObject())
                {
                    if (measure.Value.ValueKind == JsonValueKind.Null)
                    {
                        continue;
                    }

                    JsonElement? provisioned = attributes.Cast<JsonElement?>().FirstOrDefault(a =>
                        (a!.Value.TryGetProperty("object_id", out JsonElement id) && id.GetString() == measure.Name)
                        || a.Value.GetProperty("name").GetString() == measure.Name);
                    if (provisioned is null && _explicit)
                    {
                        continue;
                    }

                    var attribute = new JsonObject
                    {
                        ["type"] = provisioned?.GetProperty("type").GetString() ?? "Text",
                        ["value"] = JsonNode.Parse(measure.Value.GetRawText()),
                    };
                    if (provisioned is JsonElement p && p.TryGetProperty("metadata", out JsonElement metadata))
                    {
                        attribute["metadata"] = JsonNode.Parse(metadata.GetRawText());
                    }

                    entity[provisioned?.GetProperty("name").GetString() ?? measure.Name] = attribute;
                }

                return entity;
            }
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
