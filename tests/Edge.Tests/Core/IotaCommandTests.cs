using System;
using System.Linq;
using System.Text;
using System.Text.Json;
using Edge.Core.Commands;
using Edge.Core.Meters;
using Edge.Core.Model;
using Edge.Core.Node;
using Edge.Core.Platform;
using Edge.Tests.Fakes;
using Xunit;

namespace Edge.Tests.Core
{
    /// <summary>Commands as the FIWARE IoT Agent JSON sends them, <c>{"&lt;command&gt;": &lt;value&gt;}</c>, answered on cmdexe
    /// under the command's name whatever happens.</summary>
    public class IotaCommandTests
    {
        private const string CommandTopic = "/k1/n1-main-PT1M/cmd";
        private const string ResultTopic = "/json/k1/n1-main-PT1M/cmdexe";

        [Theory]
        [InlineData("{\"selftest\":\"\"}", "selftest", "selftest")]
        [InlineData("{\"configGet\":\"\"}", "configGet", "config/get")]
        [InlineData("{\"reboot\":\"\"}", "reboot", "reboot")]
        [InlineData(" { \"selftest\" : { } } ", "selftest", "selftest")]
        public void Runs_a_command_whose_value_is_an_empty_string_as_one_without_parameters(string payload, string name, string command)
        {
            var control = new CountingControl();
            var rig = new Rig(control);

            JsonElement answer = rig.Send(payload);

            JsonElement result = Assert.Single(answer.EnumerateObject(), m => m.Name == name).Value;
            Assert.Equal((name, command, true), (result.GetProperty("id").GetString(), result.GetProperty("command").GetString(), result.GetProperty("ok").GetBoolean()));
            Assert.Equal(0, rig.Node.Commands.Failed);
            rig.Node.Tick();
            Assert.Equal(name == "reboot" ? 1 : 0, control.Reboots);
        }

        [Fact]
        public void Takes_the_parameters_of_an_object_value()
        {
            var rig = new Rig();

            JsonElement result = rig.Send("{\"configSet\":{\"healthSeconds\":60,\"heartbeatSeconds\":120}}").GetProperty("configSet");

            Assert.True(result.GetProperty("ok").GetBoolean(), result.GetRawText());
            Assert.Equal(["healthSeconds", "heartbeatSeconds"], result.GetProperty("result").GetProperty("applied").EnumerateArray().Select(e => e.GetString()));
            Assert.Equal((60, 120), (rig.Config.HealthSeconds, rig.Config.HeartbeatSeconds));
        }

        [Theory]
        [InlineData("{\"configSet\":\"often\"}", "configSet", "payload: the value of configSet must be an object of parameters, or an empty string for none")]
        [InlineData("{\"selftest\":5}", "selftest", "payload: the value of selftest must be an object of parameters, or an empty string for none")]
        [InlineData("{\"resync\":null}", "resync", "payload: the value of resync must be an object of parameters, or an empty string for none")]
        [InlineData("{\"reboot\":\"\",\"selftest\":\"\"}", "reboot", "payload: one command per message expected")]
        [InlineData("{\"ping\":\"\"}", "ping", "unknown command ping, known: configGet, configSet, relaySet, reboot, selftest, resync")]
        [InlineData("{\"configSet\":{\"healthSeconds\":-1}}", "configSet", "healthSeconds: a whole number from 0 to 86400 expected")]
        [InlineData("[1]", "command", "payload: an object with one command expected")]
        public void Refuses_under_the_commands_name_and_counts_the_refusal(string payload, string name, string error)
        {
            var rig = new Rig();

            JsonElement answer = rig.Send(payload);

            JsonElement result = Assert.Single(answer.EnumerateObject(), m => m.Name == name).Value;
            Assert.Equal((false, error), (result.GetProperty("ok").GetBoolean(), result.GetProperty("error").GetString()));
            Assert.Equal(1, rig.Node.Commands.Failed);
        }

        [Fact]
        public void Writes_no_character_the_context_broker_refuses_into_an_answer()
        {
            var rig = new Rig();

            JsonElement result = rig.Send("{\"configSet\":{\"healthSeconds\":1,\"healthSeconds\":2}}").GetProperty("configSet");

            // The node's own message is: payload: field "healthSeconds" appears twice.
            Assert.Equal("payload: field `healthSeconds` appears twice", result.GetProperty("error").GetString());
        }

        [Theory]
        [InlineData("unknown command \"x\" (known: a; b=c) <d> 'e'", "unknown command `x` [known: a, b:c] [d] `e`")]
        [InlineData("back\\slash \"quoted\\\"\" end", "back\\slash `quoted\\`` end")]
        public void The_answers_strings_keep_their_meaning_with_accepted_characters(string message, string expected)
        {
            var writer = new Edge.Core.Payloads.JsonWriter(new byte[256]);
            writer.BeginObject();
            writer.Name("error");
            writer.String(message);
            writer.EndObject();

            byte[] wrapped = IotaCommandResult.Wrap("selftest", writer.Buffer, writer.Length);

            JsonElement answer = JsonDocument.Parse(wrapped).RootElement;
            Assert.Equal(expected, answer.GetProperty("selftest").GetProperty("error").GetString());
        }

        private sealed class Rig
        {
            private readonly FakeMqttLink _link = new();

            public Rig(INodeControl? control = null)
            {
                Config = new NodeConfig { NodeId = "n1", Format = Edge.Core.Payloads.PayloadFormat.IotaJson, IotaApiKey = "k1" };
                Node = new EdgeNode(Config, new ManualClock(Utc.At("2026-11-25T20:00:00Z"), true), _link, new MemoryStore(), null) { Control = control };
                Node.AddMeter(new VoltageMeter());
                Node.Start();
                Node.Tick();
            }

            public NodeConfig Config { get; }

            public EdgeNode Node { get; }

            /// <summary>Delivers a command as the IoT Agent publishes it; returns the one answer on cmdexe.</summary>
            public JsonElement Send(string payload)
            {
                int before = _link.Published.Count;
                _link.Deliver(CommandTopic, Encoding.UTF8.GetBytes(payload));
                Node.Tick();
                var answer = Assert.Single(_link.Published.Skip(before), p => p.Topic == ResultTopic);
                return JsonDocument.Parse(answer.Payload).RootElement;
            }
        }

        private sealed class CountingControl : INodeControl
        {
            public int Reboots { get; private set; }

            public void Reboot() => Reboots++;
        }

        private sealed class VoltageMeter : IMeterDriver
        {
            public string MeterId => "main";

            public string? PublishedMeterId => null;

            public void Poll(DateTime utcNow, long monotonicMs, IReadingSink sink) =>
                sink.Add(new Reading(QuantityId.PhaseVoltageL1, 230, 0, utcNow, ReadingQuality.Good));
        }
    }
}
