using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using Edge.Core.Meters;
using Edge.Core.Payloads;
using Edge.Core.Model;
using Edge.Core.Node;
using Edge.Core.Platform;
using Edge.Host.Protocols.Tic;
using Edge.Host.Simulation;
using Edge.Tests.Fakes;
using Json.Schema;
using Xunit;
using YamlDotNet.RepresentationModel;

namespace Edge.Tests.Contract
{
    /// <summary>Every payload a node produces is valid against the published schema of its channel
    /// (docs/schemas, JSON Schema 2020-12, checked with JsonSchema.Net), and the AsyncAPI document holds together.</summary>
    public class ContractTests
    {
        private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Contract");

        [Fact]
        public void Reports_health_and_status_of_a_linky_node_match_their_schemas()
        {
            var link = new FakeMqttLink();
            var simulation = new NodeSimulation(
                new SimulationOptions { NodeId = "contract-tic", Meter = TicProtocol.Standard, StartUtc = Utc.At("2026-11-25T18:00:00Z"), WindowSeconds = 300, HealthSeconds = 120 },
                link);
            simulation.Run(TimeSpan.FromMinutes(20));
            simulation.Node.Stop();

            AssertValid("readings.edge-json.schema.json", link.Readings.Select(p => p.Payload), expectAtLeast: 3);
            AssertValid("health.schema.json", link.Health.Select(p => p.Payload).Where(p => p.Contains("\"full\":true", StringComparison.Ordinal)), expectAtLeast: 1);
            AssertValid("health.schema.json", link.Health.Select(p => p.Payload).Where(p => !p.Contains("\"full\":true", StringComparison.Ordinal)), expectAtLeast: 8);
            AssertValid("status.schema.json", link.Status.Select(p => p.Payload), expectAtLeast: 2);
            AssertValid("status.schema.json", [System.Text.Encoding.UTF8.GetString(link.LastConnectOptions!.WillPayload)], expectAtLeast: 1);
        }

        [Fact]
        public void Full_health_and_every_kind_of_delta_match_the_health_schema()
        {
            // A meter without counters: deltas without meters; an outage: a delta with the outbox, a full message after
            // the reconnection; every third message full.
            var clock = new ManualClock(Utc.At("2026-11-25T20:00:00Z"), true);
            var link = new FakeMqttLink();
            var node = new EdgeNode(new NodeConfig { NodeId = "contract-health", WindowSeconds = 60, HealthSeconds = 30, HealthFullEvery = 3, MeterSilenceSeconds = 0 }, clock, link, null, null);
            node.AddMeter(new ScriptedMeter { Volts = 230 });
            node.Start();
            for (int s = 0; s < 400; s++)
            {
                if (s == 100)
                {
                    link.Drop();
                }

                if (s == 160)
                {
                    link.BrokerReachable = true;
                }
                clock.Advance(1000);
                node.Tick();
            }

            string[] health = link.Health.Select(p => p.Payload).ToArray();
            Assert.Contains(health, h => h.Contains("\"outbox\":", StringComparison.Ordinal) && !h.Contains("\"full\"", StringComparison.Ordinal));
            Assert.Contains(health, h => h.Contains("\"reconnects\":1", StringComparison.Ordinal) && h.Contains("\"full\":true", StringComparison.Ordinal));
            Assert.Contains(health, h => !h.Contains("\"meters\"", StringComparison.Ordinal));
            AssertValid("health.schema.json", health, expectAtLeast: 10);
        }

        [Fact]
        public void Health_of_a_node_whose_link_failed_every_way_matches_its_schema()
        {
            var link = new FakeMqttLink { FailConnectWith = LinkFailure.Dns };
            var simulation = new NodeSimulation(new SimulationOptions { NodeId = "contract-link", StartUtc = Utc.At("2026-11-25T18:00:00Z"), LinkTimeout = TimeSpan.Zero }, link);
            foreach (Edge.Core.Platform.LinkFailure kind in new[] { LinkFailure.Tcp, LinkFailure.Tls, LinkFailure.Refused, LinkFailure.Timeout })
            {
                simulation.Run(TimeSpan.FromSeconds(40));
                link.FailConnectWith = kind;
            }

            simulation.Run(TimeSpan.FromMinutes(2));
            link.FailConnectWith = LinkFailure.None;
            simulation.Run(TimeSpan.FromMinutes(2));
            link.Acks = FakeAcks.Never;
            simulation.Run(TimeSpan.FromMinutes(12));
            link.Acks = FakeAcks.Immediate;
            simulation.Run(TimeSpan.FromMinutes(10));

            string[] health = [.. link.Health.Select(p => p.Payload).Distinct()];
            Assert.Contains(health, h => JsonDocument.Parse(h).RootElement.TryGetProperty("linkAckTimeouts", out JsonElement t) && t.GetInt64() > 0);
            AssertValid("health.schema.json", health, expectAtLeast: 3);
        }

        [Fact]
        public void Senml_packs_match_their_schema()
        {
            var link = new FakeMqttLink();
            var simulation = new NodeSimulation(
                new SimulationOptions { NodeId = "contract-senml", Format = PayloadFormat.Senml, StartUtc = Utc.At("2026-11-25T18:00:30Z") },
                link);
            simulation.Run(TimeSpan.FromMinutes(5));

            AssertValid("readings.senml.schema.json", link.Readings.Select(p => p.Payload), expectAtLeast: 4);
        }

        [Fact]
        public void Every_kind_of_event_matches_the_event_schema()
        {
            var clock = new ManualClock(Utc.At("2026-11-25T20:00:00Z"), true);
            var link = new FakeMqttLink();
            var meter = new ScriptedMeter();
            var config = new NodeConfig
            {
                NodeId = "contract-events",
                WindowSeconds = 3600,
                HeartbeatSeconds = 60,
                MeterSilenceSeconds = 20,
                ChangeRules = [new Edge.Core.ReportByException.ChangeRule(-1, QuantityId.PhaseVoltageL1, 5, 0, 0, 0)],
            };
            var node = new EdgeNode(config, clock, link, null, null);
            node.AddMeter(meter);
            node.Start();

            // Normal, over, normal again, under, absent (interruption), back, then silence and a heartbeat.
            foreach ((int seconds, long? volts) in new[] { (30, (long?)230), (30, 260), (30, 231), (30, 200), (30, 0), (30, 231), (200, null) })
            {
                meter.Volts = volts;
                for (int s = 0; s < seconds; s++)
                {
                    clock.Advance(1000);
                    node.Tick();
                }
            }

            meter.Overload = true;
            meter.Volts = 230;
            clock.Advance(1000);
            node.Tick();

            string[] events = link.Events.Select(e => e.Payload).ToArray();
            string[] kinds = events.Select(e => JsonDocument.Parse(e).RootElement.GetProperty("event").GetString()!).Distinct().ToArray();
            string[] expected = ["valueChanged", "overvoltage", "undervoltage", "supplyInterrupted", "supplyRestored", "voltageNormal", "meterSilent", "meterResumed", "heartbeat", "overloadStarted"];
            Assert.Empty(expected.Except(kinds));
            AssertValid("events.schema.json", events, expectAtLeast: 10);
        }

        [Fact]
        public void A_report_refused_for_its_size_is_announced_by_an_event_that_matches_the_schema()
        {
            var clock = new ManualClock(Utc.At("2026-11-25T20:00:00Z"), true);
            var link = new FakeMqttLink();
            var node = new EdgeNode(new NodeConfig { NodeId = "contract-large", MeterSilenceSeconds = 0 }, clock, link, null, null);

            // An identifier far beyond the 96 characters the node sizes for.
            node.AddMeter(new ScriptedMeter { Volts = 230, Published = new string('9', 9000) });
            node.Start();
            for (int s = 0; s < 61; s++)
            {
                clock.Advance(1000);
                node.Tick();
            }

            string[] events = link.Events.Select(e => e.Payload).ToArray();
            Assert.Equal("reportTooLarge", JsonDocument.Parse(Assert.Single(events)).RootElement.GetProperty("event").GetString());
            AssertValid("events.schema.json", events, expectAtLeast: 1);
        }

        [Fact]
        public void Iota_measures_and_command_results_match_their_schemas()
        {
            var link = new FakeMqttLink();
            var simulation = new NodeSimulation(
                new SimulationOptions { NodeId = "contract-iota", Meter = TicProtocol.Standard, Format = PayloadFormat.IotaJson, StartUtc = Utc.At("2026-11-25T18:00:30Z") },
                link);
            simulation.Run(TimeSpan.FromMinutes(4));
            string[] commands = ["{\"configGet\":\"\"}", "{\"selftest\":{}}", "{\"configSet\":{\"format\":\"xml\"}}"];
            foreach (string command in commands)
            {
                link.Deliver("/edge/contract-iota-main-PT1M/cmd", System.Text.Encoding.UTF8.GetBytes(command));
            }

            link.Deliver("/edge/contract-iota-main-PT1M/cmd", System.Text.Encoding.UTF8.GetBytes("{\"resync\":\"(now)\"}"));
            simulation.Step();

            AssertValid("iota-command.schema.json", commands, expectAtLeast: 3);
            AssertValid("iota-measure.schema.json", link.Published.Where(p => p.Topic.EndsWith("/attrs", StringComparison.Ordinal)).Select(p => p.Payload), expectAtLeast: 3);
            Schema("command-result.schema.json"); // iota-cmdexe refers to it by its URI
            AssertValid("iota-cmdexe.schema.json", link.Published.Where(p => p.Topic == "/json/edge/contract-iota-main-PT1M/cmdexe").Select(p => p.Payload), expectAtLeast: 4);
        }

        [Fact]
        public void Command_results_match_their_schema()
        {
            var link = new FakeMqttLink();
            var node = new EdgeNode(new NodeConfig { NodeId = "contract-cmd" }, new ManualClock(Utc.At("2026-11-25T20:00:00Z"), true), link, new MemoryStore(), null);
            node.AddMeter(new ScriptedMeter { Volts = 230 });
            node.Start();
            node.Tick();
            foreach ((string name, string payload) in new[]
            {
                ("config/get", "{\"id\":\"1\"}"), ("config/set", "{\"id\":\"2\",\"healthSeconds\":60}"), ("config/set", "{\"id\":\"3\",\"healthSeconds\":-1}"),
                ("selftest", "{\"id\":\"4\"}"), ("resync", "{\"id\":\"5\",\"from\":1}"), ("reboot", "{\"id\":\"6\"}"), ("nope", "not json"),
                ("relay/set", "{\"id\":\"7\",\"seconds\":}"), ("config/get", "{\"id\":\"" + new string('8', 200) + "\"}"), ("config/get", "{\"id\":\"" + new string('9', 2000) + "\"}"),
            })
            {
                link.Deliver("edge/contract-cmd/cmd/" + name, System.Text.Encoding.UTF8.GetBytes(payload));
                node.Tick();
            }

            // A burst: the commands beyond the queue are answered busy.
            for (int i = 0; i < 12; i++)
            {
                link.Deliver("edge/contract-cmd/cmd/config/get", System.Text.Encoding.UTF8.GetBytes($"{{\"id\":\"burst-{i}\"}}"));
            }

            node.Tick();
            AssertValid("command-result.schema.json", link.Published.Where(p => p.Topic.EndsWith("/result", StringComparison.Ordinal)).Select(p => p.Payload), expectAtLeast: 22);
            AssertValid("command.schema.json", ["{\"id\":\"2\",\"healthSeconds\":60}", "{\"id\":\"r\",\"state\":\"pulse\",\"seconds\":5}"], expectAtLeast: 2);
        }

        [Theory]
        [InlineData("readings.edge-json.schema.json", "{\"v\":1,\"node\":\"n\",\"window\":\"PT1M\",\"start\":\"2026-11-25T20:00:00Z\",\"end\":\"2026-11-25T20:01:00Z\",\"clock\":\"synced\",\"meters\":[]}")]
        [InlineData("readings.edge-json.schema.json", "{\"v\":2,\"node\":\"n\",\"seq\":1,\"window\":\"PT1M\",\"start\":\"2026-11-25T20:00:00Z\",\"end\":\"2026-11-25T20:01:00Z\",\"clock\":\"synced\",\"meters\":[]}")]
        [InlineData("readings.edge-json.schema.json", "{\"v\":1,\"node\":\"n\",\"seq\":1,\"window\":\"PT1M\",\"start\":\"2026-11-25T20:00:00Z\",\"end\":\"2026-11-25T20:01:00Z\",\"clock\":\"synced\",\"meters\":[{\"id\":\"m\",\"values\":{\"voltage\":{\"last\":1}}}]}")]
        [InlineData("events.schema.json", "{\"v\":1,\"node\":\"n\",\"seq\":1,\"time\":\"2026-11-25T20:00:00Z\",\"clock\":\"synced\",\"event\":\"meteorStrike\",\"meter\":\"m\",\"value\":1,\"u\":\"V\"}")]
        [InlineData("events.schema.json", "{\"v\":1,\"node\":\"n\",\"seq\":1,\"time\":\"2026-11-25T20:00:00Z\",\"clock\":\"synced\",\"event\":\"overvoltage\"}")]
        [InlineData("events.schema.json", "{\"v\":1,\"node\":\"n\",\"seq\":1,\"time\":\"2026-11-25T20:00:00Z\",\"clock\":\"synced\",\"event\":\"reportTooLarge\",\"window\":\"PT1M\"}")]
        [InlineData("events.schema.json", "{\"v\":1,\"node\":\"n\",\"seq\":1,\"time\":\"2026-11-25T20:00:00Z\",\"clock\":\"synced\",\"event\":\"overvoltage\",\"meter\":\"m\",\"value\":1,\"u\":\"V\",\"size\":3}")]
        [InlineData("status.schema.json", "{\"v\":1,\"node\":\"n\",\"state\":\"online\"}")]
        [InlineData("health.schema.json", "{\"v\":1,\"node\":\"n\",\"seq\":1,\"time\":\"2026-11-25T20:00:00Z\",\"clock\":\"synced\",\"full\":true,\"uptime\":60,\"reconnects\":0,\"outbox\":0,\"dropped\":0,\"tooLarge\":0,\"commandsUnanswered\":0}")]
        [InlineData("health.schema.json", "{\"v\":1,\"node\":\"n\",\"seq\":2,\"time\":\"2026-11-25T20:00:00Z\",\"clock\":\"synced\",\"full\":false,\"uptime\":60}")]
        [InlineData("health.schema.json", "{\"v\":1,\"node\":\"n\",\"seq\":2,\"time\":\"2026-11-25T20:00:00Z\",\"clock\":\"synced\",\"outbox\":1}")]
        [InlineData("readings.senml.schema.json", "[{\"n\":\"main:totalActivePower\",\"v\":1}]")]
        [InlineData("iota-command.schema.json", "{\"configSet\":{\"healthSeconds\":60},\"reboot\":{}}")]
        [InlineData("iota-command.schema.json", "{\"launch\":{}}")]
        public void The_schemas_reject_what_breaks_the_contract(string schema, string payload)
        {
            EvaluationResults results = Schema(schema).Evaluate(JsonDocument.Parse(payload).RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
            Assert.False(results.IsValid);
        }

        [Fact]
        public void The_report_schema_names_exactly_the_quantity_vocabulary()
        {
            using JsonDocument schema = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, "schemas", "readings.edge-json.schema.json")));
            string[] names = schema.RootElement.GetProperty("$defs").GetProperty("quantity").GetProperty("enum").EnumerateArray().Select(e => e.GetString()!).ToArray();
            Assert.Equal(Edge.Tests.Core.QuantitiesTests.Real().Select(Quantities.NameOf), names);
        }

        [Fact]
        public void The_asyncapi_document_describes_every_channel_with_a_schema_that_exists()
        {
            var yaml = new YamlStream();
            using (var reader = new StreamReader(Path.Combine(Folder, "asyncapi.yaml")))
            {
                yaml.Load(reader);
            }

            var root = (YamlMappingNode)yaml.Documents[0].RootNode;
            Assert.Equal("3.0.0", root["asyncapi"].ToString());
            var channels = (YamlMappingNode)root["channels"];
            Assert.Equal(
                new Dictionary<string, string>
                {
                    ["readings"] = "{prefix}/{nodeId}/readings",
                    ["events"] = "{prefix}/{nodeId}/events",
                    ["status"] = "{prefix}/{nodeId}/status",
                    ["health"] = "{prefix}/{nodeId}/health",
                    ["selfTest"] = "{prefix}/{nodeId}/selftest",
                    ["commands"] = "{prefix}/{nodeId}/cmd/{command}",
                    ["commandResults"] = "{prefix}/{nodeId}/cmd/{command}/result",
                    ["iotaMeasures"] = "/json/{apikey}/{deviceId}/attrs",
                    ["iotaCommands"] = "/{apikey}/{deviceId}/cmd",
                    ["iotaCommandResults"] = "/json/{apikey}/{deviceId}/cmdexe",
                },
                channels.Children.ToDictionary(c => c.Key.ToString(), c => ((YamlMappingNode)c.Value)["address"].ToString()));

            var messages = (YamlMappingNode)((YamlMappingNode)root["components"])["messages"];
            foreach (var message in messages.Children.Values.Cast<YamlMappingNode>())
            {
                string reference = ((YamlMappingNode)((YamlMappingNode)message["payload"])["schema"])["$ref"].ToString();
                Assert.StartsWith("./schemas/", reference);
                Assert.True(File.Exists(Path.Combine(Folder, reference)), reference);
                Schema(Path.GetFileName(reference));
            }

            var status = (YamlMappingNode)((YamlMappingNode)((YamlMappingNode)root["operations"])["publishStatus"])["bindings"];
            Assert.Equal("true", ((YamlMappingNode)status["mqtt"])["retain"].ToString());
            var selfTest = (YamlMappingNode)((YamlMappingNode)((YamlMappingNode)root["operations"])["publishSelfTest"])["bindings"];
            Assert.Equal("true", ((YamlMappingNode)selfTest["mqtt"])["retain"].ToString());
        }

        private static readonly Dictionary<string, JsonSchema> Schemas = new();

        /// <summary>Each schema built once: JsonSchema.Net registers a schema globally under its base URI.</summary>
        private static JsonSchema Schema(string file)
        {
            lock (Schemas)
            {
                if (!Schemas.TryGetValue(file, out JsonSchema? schema))
                {
                    schema = JsonSchema.FromText(File.ReadAllText(Path.Combine(Folder, "schemas", file)), baseUri: new Uri("https://edge.invalid/schemas/" + file));
                    Schemas[file] = schema;
                }

                return schema;
            }
        }

        private static void AssertValid(string schemaFile, IEnumerable<string> payloads, int expectAtLeast)
        {
            JsonSchema schema = Schema(schemaFile);
            int count = 0;
            foreach (string payload in payloads)
            {
                count++;
                EvaluationResults results = schema.Evaluate(JsonDocument.Parse(payload).RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
                string errors = string.Join("; ", (results.Details ?? []).Where(d => d.Errors is not null).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}")));
                Assert.True(results.IsValid, $"{schemaFile} rejects {payload}: {errors}");
            }

            Assert.True(count >= expectAtLeast, $"only {count} payloads for {schemaFile}");
        }

        /// <summary>A meter whose voltage the test sets (none: silent), and which can raise an overload.</summary>
        private sealed class ScriptedMeter : IMeterDriver
        {
            public long? Volts { get; set; }

            public bool Overload { get; set; }

            public string? Published { get; set; }

            public string MeterId => "main";

            public string? PublishedMeterId => Published;

            public void Poll(DateTime utcNow, long monotonicMs, IReadingSink sink)
            {
                if (Volts is long v)
                {
                    sink.Add(new Reading(QuantityId.PhaseVoltageL1, v, 0, utcNow, ReadingQuality.Good));
                }

                if (Overload)
                {
                    Overload = false;
                    sink.AddEvent(MeterEventKind.OverloadStarted, new Reading(QuantityId.CurrentL1, 47, 0, utcNow, ReadingQuality.Good));
                }
            }
        }
    }
}
