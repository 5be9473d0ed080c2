using System;
using System.IO;
using System.Text;
using Edge.Core.Commands;
using Edge.Core.Meters;
using Edge.Core.Model;
using Edge.Core.Node;
using Edge.Core.Platform;
using Edge.Tests.Fakes;
using Xunit;

namespace Edge.Tests.Golden
{
    /// <summary>
    /// Every answer a node gives to a corpus of commands, well formed and broken, on its own topics and as the IoT Agent
    /// sends them, compared byte for byte with TestData/commands/answers.txt: the command results are a published
    /// contract too. When an answer is meant to change, rewrite the file with EDGE_WRITE_COMMAND_ANSWERS=1 and review
    /// its diff like code.
    /// </summary>
    public sealed class CommandAnswerTests
    {
        private static readonly string[][] Corpus =
        {
            new[] { "edge/n1/cmd/config/get", "{\"id\":\"a1\"}" },
            new[] { "edge/n1/cmd/config/get", " { \"id\" : \"a\\\"b\\u0041\\n\\t\\/\\\\\" } " },
            new[] { "edge/n1/cmd/config/set", "{\"id\":\"s1\",\"heartbeatSeconds\":120,\"windowSeconds\":900,\"powerQuality\":true,\"nominalVoltage\":230.5,\"format\":\"senml\"}" },
            new[] { "edge/n1/cmd/config/set", "{\"id\":\"s2\",\"heartbeatSeconds\":-5}" },
            new[] { "edge/n1/cmd/config/set", "{\"id\":\"s3\",\"heartbeatSeconds\":5.0}" },
            new[] { "edge/n1/cmd/config/set", "{\"id\":\"s4\",\"heartbeatSeconds\":1e3}" },
            new[] { "edge/n1/cmd/config/set", "{\"id\":\"s5\",\"heartbeatSeconds\":1234567890}" },
            new[] { "edge/n1/cmd/config/set", "{\"id\":\"s6\",\"windowSeconds\":7}" },
            new[] { "edge/n1/cmd/config/set", "{\"id\":\"s7\",\"nominalVoltage\":\"230\"}" },
            new[] { "edge/n1/cmd/config/set", "{\"id\":\"s8\",\"nominalVoltage\":99.9}" },
            new[] { "edge/n1/cmd/config/set", "{\"id\":\"s9\",\"nominalVoltage\":400.00}" },
            new[] { "edge/n1/cmd/config/set", "{\"id\":\"s10\",\"nominalVoltage\":230.55}" },
            new[] { "edge/n1/cmd/config/set", "{\"id\":\"s11\",\"colour\":\"blue\"}" },
            new[] { "edge/n1/cmd/config/set", "{\"id\":\"s12\",\"format\":\"xml\"}" },
            new[] { "edge/n1/cmd/config/set", "{\"id\":\"s13\",\"powerQuality\":1}" },
            new[] { "edge/n1/cmd/config/set", "{\"id\":\"s14\",\"healthSeconds\":null}" },
            new[] { "edge/n1/cmd/config/set", "not json" },
            new[] { "edge/n1/cmd/config/set", "" },
            new[] { "edge/n1/cmd/config/set", "[1]" },
            new[] { "edge/n1/cmd/config/set", "{\"id\":\"x\"," },
            new[] { "edge/n1/cmd/config/set", "{\"id\":\"x\",}" },
            new[] { "edge/n1/cmd/config/set", "{\"id\":\"x\"" },
            new[] { "edge/n1/cmd/config/set", "{\"id\":\"x\" \"a\":1}" },
            new[] { "edge/n1/cmd/config/set", "{\"id\":\"x\",\"a\"}" },
            new[] { "edge/n1/cmd/config/set", "{\"id\":\"x\",\"a\":}" },
            new[] { "edge/n1/cmd/config/set", "{\"id\":\"x\",\"a\":tru}" },
            new[] { "edge/n1/cmd/config/set", "{\"id\":\"x\",\"a\":1x}" },
            new[] { "edge/n1/cmd/config/set", "{\"id\":\"x\"} trailing" },
            new[] { "edge/n1/cmd/config/set", "{\"id\":{\"nested\":1}}" },
            new[] { "edge/n1/cmd/config/set", "{\"id\":\"x\",\"list\":[1,2]}" },
            new[] { "edge/n1/cmd/config/set", "{\"id\":\"x\",\"a\":1,\"a\":2}" },
            new[] { "edge/n1/cmd/config/set", "{\"id\":\"x\",\"a\":\"open" },
            new[] { "edge/n1/cmd/config/set", "{\"id\":\"x\",\"a\":\"bad \\q escape\"}" },
            new[] { "edge/n1/cmd/config/set", "{\"id\":\"x\",\"a\":\"\\u12\"}" },
            new[] { "edge/n1/cmd/config/set", "{\"id\":\"x\",\"a\":\"tab\there\"}" },
            new[] { "edge/n1/cmd/config/set", "{\"id\":\"x\",\"a\":\"end\\" },
            new[] { "edge/n1/cmd/config/set", "{\"id\":\"x\",\"open" },
            new[] { "edge/n1/cmd/config/set", "{\"heartbeatSeconds\":60}" },
            new[] { "edge/n1/cmd/config/set", "{\"id\":5}" },
            new[] { "edge/n1/cmd/config/get", "{\"id\":\"" + new string('8', 129) + "\"}" },
            new[] { "edge/n1/cmd/config/get", "{\"id\":\"" + new string('9', 2000) + "\"}" },
            new[] { "edge/n1/cmd/config/get", "{\"id\":\"caf\u00e9\"}" },
            new[] { "edge/n1/cmd/config/set", "{\"id\":\"f\"," + Fields(33) + "}" },
            new[] { "edge/n1/cmd/relay/set", "{\"id\":\"r1\",\"state\":\"pulse\",\"seconds\":5}" },
            new[] { "edge/n1/cmd/relay/set", "{\"id\":\"r2\",\"state\":\"on\"}" },
            new[] { "edge/n1/cmd/relay/set", "{\"id\":\"r3\",\"state\":\"off\"}" },
            new[] { "edge/n1/cmd/relay/set", "{\"id\":\"r4\",\"state\":\"pulse\"}" },
            new[] { "edge/n1/cmd/relay/set", "{\"id\":\"r5\",\"state\":\"pulse\",\"seconds\":0}" },
            new[] { "edge/n1/cmd/relay/set", "{\"id\":\"r6\",\"state\":\"pulse\",\"seconds\":\"5\"}" },
            new[] { "edge/n1/cmd/relay/set", "{\"id\":\"r7\",\"state\":\"maybe\"}" },
            new[] { "edge/n1/cmd/relay/set", "{\"id\":\"r8\",\"seconds\":}" },
            new[] { "edge/n1/cmd/reboot", "{\"id\":\"b1\"}" },
            new[] { "edge/n1/cmd/selftest", "{\"id\":\"t1\"}" },
            new[] { "edge/n1/cmd/resync", "{\"id\":\"y1\",\"from\":1}" },
            new[] { "edge/n1/cmd/resync", "{\"id\":\"y2\",\"from\":0}" },
            new[] { "edge/n1/cmd/resync", "{\"id\":\"y3\"}" },
            new[] { "edge/n1/cmd/teleport", "{\"id\":\"t\"}" },
            new[] { "edge/n1/cmd/" + new string('n', 80), "{\"id\":\"long\"}" },
            new[] { "edge/n1/cmd/config/get", "{\"id\":\"big\",\"pad\":\"" + new string('p', 1100) + "\"}" },
            new[] { "/k1/n1-main-PT1M/cmd", "{\"selftest\":\"\"}" },
            new[] { "/k1/n1-main-PT1M/cmd", "{\"configGet\":\"\"}" },
            new[] { "/k1/n1-main-PT1M/cmd", " { \"selftest\" : { } } " },
            new[] { "/k1/n1-main-PT1M/cmd", "{\"configSet\":{\"healthSeconds\":60,\"heartbeatSeconds\":120}}" },
            new[] { "/k1/n1-main-PT1M/cmd", "{\"configSet\":{\"healthSeconds\":1,\"healthSeconds\":2}}" },
            new[] { "/k1/n1-main-PT1M/cmd", "{\"configSet\":{\"id\":\"other\"}}" },
            new[] { "/k1/n1-main-PT1M/cmd", "{\"configSet\":{\"healthSeconds\":-1}}" },
            new[] { "/k1/n1-main-PT1M/cmd", "{\"configSet\":{\"format\":\"<x>\"}}" },
            new[] { "/k1/n1-main-PT1M/cmd", "{\"configSet\":\"often\"}" },
            new[] { "/k1/n1-main-PT1M/cmd", "{\"selftest\":5}" },
            new[] { "/k1/n1-main-PT1M/cmd", "{\"resync\":null}" },
            new[] { "/k1/n1-main-PT1M/cmd", "{\"resync\":{\"from\":2}}" },
            new[] { "/k1/n1-main-PT1M/cmd", "{\"reboot\":\"\",\"selftest\":\"\"}" },
            new[] { "/k1/n1-main-PT1M/cmd", "{\"reboot\":\"\"} x" },
            new[] { "/k1/n1-main-PT1M/cmd", "{\"ping\":\"\"}" },
            new[] { "/k1/n1-main-PT1M/cmd", "{\"bad name\":\"\"}" },
            new[] { "/k1/n1-main-PT1M/cmd", "{\"" + new string('c', 33) + "\":\"\"}" },
            new[] { "/k1/n1-main-PT1M/cmd", "{\"reboot\" \"\"}" },
            new[] { "/k1/n1-main-PT1M/cmd", "{}" },
            new[] { "/k1/n1-main-PT1M/cmd", "[1]" },
            new[] { "/k1/n1-main-PT1M/cmd", "{\"relaySet\":{\"state\":\"on\"}}" },
            new[] { "/k1/n1-main-PT1M/cmd", "{\"configSet\":{\"a\":}}" },
            new[] { "/k1/n1-main-PT1M/cmd", "{\"configSet\":{\"healthSeconds\":1,}}" },
            new[] { "/k1/n1-main-PT1M/cmd", "{\"configSet\":{\"healthSeconds\":\"a}\"}}" },
            new[] { "edge/n1/cmd/relay/set", "{\"id\":\"r9\",\"state\":\"on\",\"seconds\":1.2.3}" },
            new[] { "edge/n1/cmd/relay/set", "{\"id\":\"r10\",\"state\":\"on\",\"seconds\":007}" },
            new[] { "edge/n1/cmd/config/set", "{\"id\":\"s15\",\"nominalVoltage\":230.}" },
            new[] { "edge/n1/cmd/config/set", "{\"id\":\"s16\",\"healthSeconds\":-}" },
            new[] { "/k1/n1-main-PT1M/cmd", "{\"selftest\":\"\",\"pad\":\"" + new string('p', 1100) + "\"}" },
        };

        [Fact]
        public void Every_command_gets_the_answer_it_always_got()
        {
            var text = new StringBuilder();
            foreach (string[] command in Corpus)
            {
                var link = new FakeMqttLink();
                var config = new NodeConfig { NodeId = "n1", IotaApiKey = "k1", RelayMaxSeconds = 600, Format = command[0].StartsWith('/') ? Edge.Core.Payloads.PayloadFormat.IotaJson : Edge.Core.Payloads.PayloadFormat.EdgeJson };
                var node = new EdgeNode(config, new ManualClock(Utc.At("2026-11-25T20:00:00Z"), true), link, new MemoryStore(), null) { Relay = new Relay(), Control = new Control() };
                node.AddMeter(new Meter());
                node.Start();
                node.Tick();
                int before = link.Published.Count;
                link.Deliver(command[0], Encoding.UTF8.GetBytes(command[1]));
                node.Tick();
                text.Append("> ").Append(command[0]).Append(' ').Append(command[1].Length > 200 ? command[1][..200] + "..." : command[1]).Append('\n');
                for (int i = before; i < link.Published.Count; i++)
                {
                    if (link.Published[i].Topic.EndsWith("/result", StringComparison.Ordinal) || link.Published[i].Topic.EndsWith("/cmdexe", StringComparison.Ordinal))
                    {
                        text.Append(link.Published[i].Topic).Append('\n').Append(link.Published[i].Payload).Append('\n');
                    }
                }

                text.Append(FormattableString.Invariant($"counters executed={node.Commands.Executed} refused={node.Commands.Refused} failed={node.Commands.Failed} unanswered={node.Commands.Unanswered}\n"));
            }

            string actual = text.ToString();
            if (Environment.GetEnvironmentVariable("EDGE_WRITE_COMMAND_ANSWERS") == "1")
            {
                File.WriteAllText(Path.Combine(SourceFolder(), "answers.txt"), actual, new UTF8Encoding(false));
            }

            string[] want = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "commands", "answers.txt")).Split('\n');
            string[] got = actual.Split('\n');
            for (int line = 0; line < Math.Max(want.Length, got.Length); line++)
            {
                Assert.True(line < want.Length && line < got.Length && want[line] == got[line], $"answers.txt differs from line {line + 1}:\n  expected {(line < want.Length ? want[line] : "(end)")}\n  actual   {(line < got.Length ? got[line] : "(end)")}");
            }
        }

        private static string Fields(int count)
        {
            var fields = new StringBuilder();
            for (int i = 0; i < count; i++)
            {
                fields.Append(i == 0 ? string.Empty : ",").Append("\"f").Append(i).Append("\":").Append(i);
            }

            return fields.ToString();
        }

        private static string SourceFolder()
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory != null && !File.Exists(Path.Combine(directory.FullName, "Edge.sln")))
            {
                directory = directory.Parent;
            }

            Assert.NotNull(directory);
            return Path.Combine(directory!.FullName, "tests", "Edge.Tests", "TestData", "commands");
        }

        private sealed class Meter : IMeterDriver
        {
            public string MeterId => "main";

            public string? PublishedMeterId => null;

            public void Poll(DateTime utcNow, long monotonicMs, IReadingSink sink) =>
                sink.Add(new Reading(QuantityId.PhaseVoltageL1, 230, 0, utcNow, ReadingQuality.Good));
        }

        private sealed class Relay : IDigitalOutput
        {
            public bool IsOn { get; private set; }

            public void Set(bool on) => IsOn = on;
        }

        private sealed class Control : INodeControl
        {
            public void Reboot()
            {
            }
        }
    }
}
