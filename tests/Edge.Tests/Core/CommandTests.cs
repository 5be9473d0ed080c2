using System;
using System.Linq;
using System.Text;
using System.Text.Json;
using Edge.Core.Commands;
using Edge.Core.Commissioning;
using Edge.Core.Meters;
using Edge.Core.Model;
using Edge.Core.Node;
using Edge.Core.Payloads;
using Edge.Core.Platform;
using Edge.Tests.Fakes;
using Xunit;

namespace Edge.Tests.Core
{
    public class CommandTests
    {
        [Fact]
        public void Config_get_answers_with_the_settings_and_the_commands_id()
        {
            var rig = new Rig();
            JsonElement result = rig.Command("config/get", "{\"id\":\"a1\"}");

            Assert.Equal(("a1", true, "config/get"), (result.GetProperty("id").GetString(), result.GetProperty("ok").GetBoolean(), result.GetProperty("command").GetString()));
            JsonElement settings = result.GetProperty("result");
            Assert.Equal(900, settings.GetProperty("heartbeatSeconds").GetInt32());
            Assert.Equal(7200, settings.GetProperty("healthSeconds").GetInt32());
            Assert.Equal(230m, settings.GetProperty("nominalVoltage").GetDecimal());
            Assert.Equal("edge-json", settings.GetProperty("format").GetString());
        }

        [Fact]
        public void Config_set_applies_at_once_persists_and_says_what_waits_for_a_reboot()
        {
            var rig = new Rig();
            JsonElement result = rig.Command("config/set", "{\"id\":\"s1\",\"heartbeatSeconds\":120,\"windowSeconds\":900}");

            Assert.True(result.GetProperty("ok").GetBoolean(), result.GetRawText());
            Assert.Equal(["heartbeatSeconds"], result.GetProperty("result").GetProperty("applied").EnumerateArray().Select(e => e.GetString()));
            Assert.Equal(["windowSeconds"], result.GetProperty("result").GetProperty("afterReboot").EnumerateArray().Select(e => e.GetString()));
            Assert.Equal(120, rig.Config.HeartbeatSeconds);

            // After a reboot, a node built with the provisioned settings takes the stored ones.
            var rebooted = new NodeConfig { NodeId = "n1" };
            var node = new EdgeNode(rebooted, new ManualClock(Utc.At("2026-11-25T21:00:00Z"), true), new FakeMqttLink(), rig.Store, null);
            node.AddMeter(new VoltageMeter());
            node.Start();
            Assert.Equal((120, 900), (rebooted.HeartbeatSeconds, rebooted.WindowSeconds));
        }

        [Theory]
        [InlineData("{\"id\":\"x\",\"heartbeatSeconds\":-5}", "heartbeatSeconds: a whole number from 0 to 86400 expected")]
        [InlineData("{\"id\":\"x\",\"windowSeconds\":7}", "windowSeconds: must divide a day")]
        [InlineData("{\"id\":\"x\",\"nominalVoltage\":\"230\"}", "nominalVoltage: a voltage from 100 to 400 V expected")]
        [InlineData("{\"id\":\"x\",\"colour\":\"blue\"}", "unknown field \"colour\"")]
        [InlineData("{\"id\":\"x\",\"heartbeatSeconds\":60,\"format\":\"xml\"}", "format: edge-json, senml or iota-json expected")]
        public void Config_set_rejects_bad_input_naming_the_field_and_changes_nothing(string payload, string error)
        {
            var rig = new Rig();
            JsonElement result = rig.Command("config/set", payload);

            Assert.False(result.GetProperty("ok").GetBoolean());
            Assert.Contains(error, result.GetProperty("error").GetString());
            Assert.Equal(900, rig.Config.HeartbeatSeconds);
            Assert.False(rig.Store.Exists("config"));
        }

        [Theory]
        [InlineData("uri")]
        [InlineData("broker")]
        [InlineData("clientId")]
        [InlineData("username")]
        [InlineData("password")]
        [InlineData("mqttPassword")]
        [InlineData("ca")]
        [InlineData("clientCertificate")]
        [InlineData("clientKey")]
        [InlineData("ssid")]
        [InlineData("wifiPassword")]
        [InlineData("topicPrefix")]
        [InlineData("nodeId")]
        public void Config_set_never_changes_the_broker_the_credentials_the_network_or_the_identity(string field)
        {
            var rig = new Rig();
            JsonElement result = rig.Command("config/set", "{\"id\":\"x\",\"heartbeatSeconds\":60,\"" + field + "\":\"mqtts://evil.example:8883\"}");

            Assert.False(result.GetProperty("ok").GetBoolean());
            Assert.StartsWith($"unknown field \"{field}\" (settable: ", result.GetProperty("error").GetString());
            Assert.Equal(900, rig.Config.HeartbeatSeconds);
            Assert.False(rig.Store.Exists("config"));
        }

        [Theory]
        [InlineData("not json", "payload: a JSON object is expected")]
        [InlineData("{\"id\":\"x\",", "payload: a field name in quotes is expected")]
        [InlineData("{\"id\":{\"nested\":1}}", "nested objects and arrays are not accepted")]
        [InlineData("{\"heartbeatSeconds\":60}", "id: a string id is required")]
        [InlineData("", "payload: a JSON object is expected")]
        public void Malformed_commands_get_an_error_and_never_crash_the_node(string payload, string error)
        {
            var rig = new Rig();
            JsonElement result = rig.Command("config/set", payload);
            Assert.False(result.GetProperty("ok").GetBoolean());
            Assert.Contains(error, result.GetProperty("error").GetString());
            rig.Tick();
        }

        [Fact]
        public void Unknown_commands_are_named_in_the_error()
        {
            JsonElement result = new Rig().Command("teleport", "{\"id\":\"t\"}");
            Assert.Equal("unknown command \"teleport\" (known: config/get, config/set, relay/set, reboot, selftest, resync)", result.GetProperty("error").GetString());
        }

        [Fact]
        public void A_relay_pulse_switches_off_by_itself_and_on_is_bounded_by_the_safety_limit()
        {
            var relay = new FakeRelay();
            var rig = new Rig(relay: relay, relayMaxSeconds: 600);

            JsonElement pulse = rig.Command("relay/set", "{\"id\":\"r1\",\"state\":\"pulse\",\"seconds\":5}");
            Assert.Equal(("on", 5), (pulse.GetProperty("result").GetProperty("relay").GetString(), pulse.GetProperty("result").GetProperty("offInSeconds").GetInt32()));
            rig.Run(4);
            Assert.True(relay.IsOn);
            rig.Run(2);
            Assert.False(relay.IsOn);

            // Off for a minute at least (relayMinOffSeconds) before it switches on again.
            rig.Run(NodeConfig.DefaultRelayMinOffSeconds);
            rig.Command("relay/set", "{\"id\":\"r2\",\"state\":\"on\"}");
            rig.Run(599);
            Assert.True(relay.IsOn);
            rig.Run(2);
            Assert.False(relay.IsOn);

            JsonElement tooLong = rig.Command("relay/set", "{\"id\":\"r3\",\"state\":\"pulse\",\"seconds\":3600}");
            Assert.Equal("seconds: a whole number from 1 to 600 (the safety limit) expected", tooLong.GetProperty("error").GetString());
            Assert.Equal("state: on, off or pulse expected", rig.Command("relay/set", "{\"id\":\"r4\",\"state\":\"maybe\"}").GetProperty("error").GetString());
            Assert.Equal("no relay on this node", new Rig().Command("relay/set", "{\"id\":\"r5\",\"state\":\"on\"}").GetProperty("error").GetString());
        }

        [Fact]
        public void A_relay_switched_off_stays_off_its_minimum_time_whatever_the_commands_and_off_is_always_obeyed()
        {
            var relay = new FakeOutput();
            var rig = new Rig(relay: relay);
            rig.Command("relay/set", "{\"id\":\"a\",\"state\":\"on\"}");
            rig.Run(10);
            Assert.True(rig.Command("relay/set", "{\"id\":\"b\",\"state\":\"off\"}").GetProperty("ok").GetBoolean());
            Assert.False(relay.IsOn);

            rig.Run(20);
            JsonElement early = rig.Command("relay/set", "{\"id\":\"c\",\"state\":\"pulse\",\"seconds\":5}");
            Assert.Equal("busy: the relay switched off 20 s ago and stays off at least 60 s (relayMinOffSeconds) to protect its load; send it again in 40 s", early.GetProperty("error").GetString());
            Assert.False(relay.IsOn);
            Assert.True(rig.Command("relay/set", "{\"id\":\"d\",\"state\":\"off\"}").GetProperty("ok").GetBoolean());

            rig.Run(40);
            Assert.True(rig.Command("relay/set", "{\"id\":\"e\",\"state\":\"on\"}").GetProperty("ok").GetBoolean());
            Assert.True(relay.IsOn);

            // On already: a second "on" extends it, which is no switch.
            Assert.True(rig.Command("relay/set", "{\"id\":\"f\",\"state\":\"on\",\"seconds\":30}").GetProperty("ok").GetBoolean());
            Assert.Equal(3, relay.Switches);
        }

        [Fact]
        public void Every_command_answered_is_recorded_on_the_events_topic_with_its_outcome()
        {
            var rig = new Rig(relay: new FakeRelay());
            rig.Command("relay/set", "{\"id\":\"r1\",\"state\":\"on\"}");
            rig.Command("relay/set", "{\"id\":\"r2\",\"state\":\"maybe\"}");
            rig.Command("teleport", "{\"id\":\"t1\"}");
            rig.Command("config/set", "not json");
            rig.Run(5);

            JsonElement[] events = rig.Link.Events.Select(e => JsonDocument.Parse(e.Payload).RootElement).Where(e => e.GetProperty("event").GetString() == "command").ToArray();
            Assert.Equal(
                [
                    ("relay/set", "r1", true, null),
                    ("relay/set", "r2", false, "state: on, off or pulse expected"),
                    ("teleport", "t1", false, "unknown command \"teleport\" (known: config/get, config/set, relay/set, reboot, selftest, resync)"),
                    ("config/set", null, false, "payload: a JSON object is expected"),
                ],
                events.Select(e => (e.GetProperty("command").GetString(), e.GetProperty("id").GetString(), e.GetProperty("ok").GetBoolean(), e.TryGetProperty("error", out JsonElement error) ? error.GetString() : null)));
            Assert.All(events, e => Assert.Equal("n1", e.GetProperty("node").GetString()));
            var contract = new Edge.Host.Listening.ContractValidator();
            Assert.All(rig.Link.Events, e => Assert.Empty(contract.Check(Edge.Host.Listening.Channel.Events, Encoding.UTF8.GetBytes(e.Payload))));
            Assert.Equal(events.Select(e => e.GetProperty("seq").GetInt64()).Order(), events.Select(e => e.GetProperty("seq").GetInt64()));
        }

        [Fact]
        public void A_message_on_another_nodes_command_topic_never_runs_and_is_counted()
        {
            var relay = new FakeRelay();
            var rig = new Rig(relay: relay);
            rig.Link.Deliver("edge/n2/cmd/relay/set", Encoding.UTF8.GetBytes("{\"id\":\"x\",\"state\":\"on\"}"));
            rig.Link.Deliver("edge/n1/cmd/relay/set/result", Encoding.UTF8.GetBytes("{\"v\":1}"));
            rig.Tick();

            Assert.False(relay.IsOn);
            Assert.DoesNotContain(rig.Link.Published, p => p.Topic.Contains("/cmd/", StringComparison.Ordinal));
            // The node's own results coming back through its cmd/# subscription are not counted.
            Assert.Equal(1, rig.Node.CommandsUnanswered);
        }

        [Fact]
        public void Reboot_answers_first_then_says_goodbye_and_reboots()
        {
            var control = new FakeControl();
            var rig = new Rig(control: control);
            JsonElement result = rig.Command("reboot", "{\"id\":\"b1\"}");
            Assert.True(result.GetProperty("ok").GetBoolean());
            rig.Tick();
            Assert.Equal(1, control.Reboots);
            Assert.Equal("{\"v\":1,\"node\":\"n1\",\"state\":\"offline\"}", rig.Link.Status.Last().Payload);
        }

        [Fact]
        public void Selftest_publishes_its_report_retained_and_answers_with_the_summary()
        {
            var rig = new Rig(meter: new BrokenMeter());
            JsonElement result = rig.Command("selftest", "{\"id\":\"t1\"}").GetProperty("result");

            Assert.Equal(("fail", 1, "edge/n1/selftest"), (result.GetProperty("verdict").GetString(), result.GetProperty("failed").GetInt32(), result.GetProperty("report").GetString()));
            var published = rig.Link.Published.Single(p => p.Topic == "edge/n1/selftest");
            Assert.Equal((1, true), (published.Qos, published.Retain));
            JsonElement report = JsonDocument.Parse(published.Payload).RootElement;
            Assert.Equal(("n1", "command", "t1", "fail"), (report.GetProperty("node").GetString(), report.GetProperty("trigger").GetString(), report.GetProperty("id").GetString(), report.GetProperty("verdict").GetString()));
            JsonElement meter = report.GetProperty("checks")[0];
            Assert.Equal(("fail", "meter broken", "no data", "check the wires"),
                (meter.GetProperty("verdict").GetString(), meter.GetProperty("item").GetString(), meter.GetProperty("reason").GetString(), meter.GetProperty("action").GetString()));
            Assert.Equal(result.GetProperty("passed").GetInt32() + result.GetProperty("warned").GetInt32() + 1, report.GetProperty("checks").GetArrayLength());
        }

        [Fact]
        public void Resync_publishes_held_reports_again_with_their_own_sequence_numbers()
        {
            var rig = new Rig();
            rig.Run(6 * 60);
            long[] before = rig.Link.Readings.Select(p => JsonDocument.Parse(p.Payload).RootElement.GetProperty("seq").GetInt64()).ToArray();
            Assert.Equal([1L, 2, 3, 4, 5, 6], before);

            JsonElement result = rig.Command("resync", "{\"id\":\"y1\",\"from\":2}").GetProperty("result");
            rig.Run(3);

            // The outbox holds all six, acknowledged: 2 to 6 are asked for, and go out at ReplayPerSecond (2 a second).
            Assert.Equal((5, 1L), (result.GetProperty("republished").GetInt32(), result.GetProperty("oldestHeld").GetInt64()));
            long[] after = rig.Link.Readings.Select(p => JsonDocument.Parse(p.Payload).RootElement.GetProperty("seq").GetInt64()).ToArray();
            Assert.Equal([1L, 2, 3, 4, 5, 6, 2, 3, 4, 5, 6], after);
            Assert.Contains("from: the first sequence number", rig.Command("resync", "{\"id\":\"y2\"}").GetProperty("error").GetString());
        }

        [Fact]
        public void Takes_fiware_iot_agent_commands_and_answers_on_cmdexe()
        {
            var link = new FakeMqttLink();
            var config = new NodeConfig { NodeId = "n1", Format = Edge.Core.Payloads.PayloadFormat.IotaJson, IotaApiKey = "k1" };
            var node = new EdgeNode(config, new ManualClock(Utc.At("2026-11-25T20:00:00Z"), true), link, new MemoryStore(), null);
            node.AddMeter(new VoltageMeter());
            node.Start();
            node.Tick();

            link.Deliver("/k1/n1-main-PT1M/cmd", Encoding.UTF8.GetBytes("{\"configSet\":{\"healthSeconds\":60}}"));
            link.Deliver("/k1/n1-main-PT1M/cmd", Encoding.UTF8.GetBytes("{\"selftest\":{}}"));
            link.Deliver("/k1/n1-main-PT1M/cmd", Encoding.UTF8.GetBytes("{\"configSet\":{\"healthSeconds\":-1}}"));
            node.Tick();

            var answers = link.Published.Where(p => p.Topic == "/json/k1/n1-main-PT1M/cmdexe").Select(p => JsonDocument.Parse(p.Payload).RootElement).ToArray();
            Assert.Equal(3, answers.Length);
            Assert.True(answers[0].GetProperty("configSet").GetProperty("ok").GetBoolean());
            Assert.Equal(60, config.HealthSeconds);
            Assert.True(answers[1].GetProperty("selftest").GetProperty("ok").GetBoolean());
            Assert.Equal("healthSeconds: a whole number from 0 to 86400 expected", answers[2].GetProperty("configSet").GetProperty("error").GetString());
        }

        [Fact]
        public void A_burst_of_20_commands_between_two_ticks_gets_exactly_20_results()
        {
            var rig = new Rig();
            int before = rig.Link.Published.Count;
            for (int i = 0; i < 20; i++)
            {
                rig.Link.Deliver("edge/n1/cmd/config/get", Encoding.UTF8.GetBytes($"{{\"id\":\"b{i}\"}}"));
            }

            rig.Tick();
            rig.Tick();

            JsonElement[] results = rig.Link.Published.Skip(before).Where(p => p.Topic == "edge/n1/cmd/config/get/result")
                .Select(p => JsonDocument.Parse(p.Payload).RootElement).ToArray();
            Assert.Equal(Enumerable.Range(0, 20).Select(i => $"b{i}"), results.Select(r => r.GetProperty("id").GetString()));

            // The first MaxPending run; each of the others is answered once, busy, naming the limit.
            Assert.Equal(CommandDispatcher.MaxPending, results.Count(r => r.GetProperty("ok").GetBoolean()));
            JsonElement[] busy = results.Where(r => !r.GetProperty("ok").GetBoolean()).ToArray();
            Assert.Equal(20 - CommandDispatcher.MaxPending, busy.Length);
            Assert.All(busy, r => Assert.Equal(
                "busy: more than 8 commands arrived between two passes of the node loop; send it again",
                r.GetProperty("error").GetString()));
            Assert.Equal((8L, 12L, 0L), (rig.Node.Commands.Executed, rig.Node.Commands.Refused, rig.Node.Commands.Unanswered));
        }

        [Fact]
        public void A_command_with_a_1500_character_id_gets_one_result_naming_the_limit()
        {
            var rig = new Rig();
            string id = new string('x', 1500);
            JsonElement result = rig.Command("config/get", $"{{\"id\":\"{id}\"}}");

            Assert.False(result.GetProperty("ok").GetBoolean());
            Assert.Equal(JsonValueKind.Null, result.GetProperty("id").ValueKind);
            Assert.Equal("payload: 1509 bytes, more than the 1024 a command may have", result.GetProperty("error").GetString());
        }

        [Fact]
        public void An_id_too_long_to_echo_is_refused_saying_so()
        {
            var rig = new Rig();
            JsonElement result = rig.Command("config/get", $"{{\"id\":\"{new string('y', 200)}\"}}");

            Assert.False(result.GetProperty("ok").GetBoolean());
            Assert.Equal(JsonValueKind.Null, result.GetProperty("id").ValueKind);
            Assert.Equal("id: 200 characters, more than the 128 a result echoes (not echoed)", result.GetProperty("error").GetString());
        }

        [Fact]
        public void A_malformed_command_echoes_its_id_when_it_could_be_read()
        {
            var rig = new Rig();
            JsonElement result = rig.Command("relay/set", "{\"id\":\"m1\",\"seconds\":}");

            Assert.Equal(("m1", false), (result.GetProperty("id").GetString(), result.GetProperty("ok").GetBoolean()));
            Assert.Equal("payload: field \"seconds\": a value is expected", result.GetProperty("error").GetString());
        }

        [Fact]
        public void A_command_whose_result_would_not_fit_still_gets_one_answer()
        {
            // An unknown command with a long name would echo it twice: the echo is cut, the result still goes out.
            var rig = new Rig();
            string name = new string('n', 3000);
            JsonElement result = rig.Command(name, "{\"id\":\"L1\"}");

            Assert.Equal(("L1", false), (result.GetProperty("id").GetString(), result.GetProperty("ok").GetBoolean()));
            Assert.Equal(new string('n', 64) + "...", result.GetProperty("command").GetString());
            Assert.StartsWith("unknown command \"" + new string('n', 64) + "...\"", result.GetProperty("error").GetString());
        }

        [Fact]
        public void A_burst_of_iot_agent_commands_gets_one_answer_each_on_cmdexe()
        {
            var link = new FakeMqttLink();
            var config = new NodeConfig { NodeId = "n1", Format = Edge.Core.Payloads.PayloadFormat.IotaJson, IotaApiKey = "k1" };
            var node = new EdgeNode(config, new ManualClock(Utc.At("2026-11-25T20:00:00Z"), true), link, new MemoryStore(), null);
            node.AddMeter(new VoltageMeter());
            node.Start();
            node.Tick();

            for (int i = 0; i < 12; i++)
            {
                link.Deliver("/k1/n1-main/cmd", Encoding.UTF8.GetBytes("{\"selftest\":{}}"));
            }

            node.Tick();

            JsonElement[] answers = link.Published.Where(p => p.Topic == "/json/k1/n1-main/cmdexe").Select(p => JsonDocument.Parse(p.Payload).RootElement.GetProperty("selftest")).ToArray();
            Assert.Equal(12, answers.Length);
            Assert.Equal(8, answers.Count(a => a.GetProperty("ok").GetBoolean()));
            Assert.All(answers.Where(a => !a.GetProperty("ok").GetBoolean()), a => Assert.Equal(("selftest", "busy"), (a.GetProperty("id").GetString(), a.GetProperty("error").GetString()![..4])));
        }

        [Fact]
        public void The_parser_reads_strings_with_escapes_numbers_and_literals()
        {
            var fields = new CommandFields();
            byte[] text = Encoding.UTF8.GetBytes(" {\"id\" : \"a\\\"b\\u0041\\n\", \"n\": -12.5e3, \"t\":true, \"f\":false, \"z\":null, \"m\":-12.5} ");
            Assert.True(fields.TryParse(text, 0, text.Length), fields.Error);
            Assert.Equal(6, fields.Count);
            Assert.Equal("a\"bA\n", fields.Text(0));
            Assert.Equal((JsonToken.Number, false), (fields.Kind(1), fields.TryScaled(1, 1, out _)));
            Assert.Equal([JsonToken.True, JsonToken.False, JsonToken.Null], new[] { fields.Kind(2), fields.Kind(3), fields.Kind(4) });
            Assert.Equal((true, -125L), (fields.TryScaled(5, 1, out long tenths), tenths));
            byte[] twice = Encoding.UTF8.GetBytes("{\"a\":1,\"a\":2}");
            Assert.False(fields.TryParse(twice, 0, twice.Length));
            Assert.Equal("field \"a\" appears twice", fields.Error);
        }

        private sealed class Rig
        {
            private readonly ManualClock _clock = new(Utc.At("2026-11-25T20:00:00Z"), true);

            public Rig(IDigitalOutput? relay = null, INodeControl? control = null, int relayMaxSeconds = 3600, IMeterDriver? meter = null)
            {
                Config = new NodeConfig { NodeId = "n1", RelayMaxSeconds = relayMaxSeconds };
                Node = new EdgeNode(Config, _clock, Link, Store, null) { Relay = relay, Control = control };
                Node.AddMeter(meter ?? new VoltageMeter());
                Node.Start();
                Node.Tick();
            }

            public NodeConfig Config { get; }

            public FakeMqttLink Link { get; } = new();

            public MemoryStore Store { get; } = new();

            public EdgeNode Node { get; }

            public JsonElement Command(string name, string payload)
            {
                int before = Link.Published.Count;
                Link.Deliver($"edge/n1/cmd/{name}", Encoding.UTF8.GetBytes(payload));
                Tick();
                var result = Link.Published.Skip(before).Single(p => p.Topic == $"edge/n1/cmd/{name}/result");
                return JsonDocument.Parse(result.Payload).RootElement;
            }

            public void Tick() => Node.Tick();

            public void Run(int seconds)
            {
                for (int i = 0; i < seconds; i++)
                {
                    _clock.Advance(1000);
                    Node.Tick();
                }
            }
        }

        private sealed class VoltageMeter : IMeterDriver
        {
            public string MeterId => "main";

            public string? PublishedMeterId => null;

            public void Poll(DateTime utcNow, long monotonicMs, IReadingSink sink) =>
                sink.Add(new Reading(QuantityId.PhaseVoltageL1, 230, 0, utcNow, ReadingQuality.Good));
        }

        private sealed class BrokenMeter : IMeterDriver, ISelfTest
        {
            public string MeterId => "broken";

            public string? PublishedMeterId => null;

            public void Poll(DateTime utcNow, long monotonicMs, IReadingSink sink)
            {
            }

            public void SelfTest(SelfTestReport report, long monotonicMs) => report.Fail("meter broken", "no data", "check the wires");
        }

        private sealed class FakeRelay : IDigitalOutput
        {
            public bool IsOn { get; private set; }

            public void Set(bool on) => IsOn = on;
        }

        private sealed class FakeControl : INodeControl
        {
            public int Reboots { get; private set; }

            public void Reboot() => Reboots++;
        }
    }
}
