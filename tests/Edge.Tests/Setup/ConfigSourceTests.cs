using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using Edge.Core.Meters;
using Edge.Core.Node;
using Edge.Core.Platform;
using Edge.Core.Security;
using Edge.Core.Setup;
using Edge.Drivers;
using Edge.Tests.Fakes;
using Xunit;
using static Edge.Tests.Setup.SetupTexts;

namespace Edge.Tests.Setup
{
    public class ConfigSourceTests
    {
        private const string WifiSecret = "correct horse battery staple";
        private const string MqttSecret = "change-me-0042";

        [Fact]
        public void A_good_setup_is_used_and_kept_as_the_last_good_one()
        {
            MemoryStore store = Provisioned(LinkyConfig);
            var log = new AllLines();
            var source = new ConfigSource(store, log);

            NodeSetup? setup = source.Load();

            Assert.Equal(SetupStatus.Current, source.Status);
            Assert.Equal("linky-0042", setup!.Node.NodeId);
            Assert.Equal(0, source.Problems.Count);
            Assert.True(store.Files.ContainsKey(SetupFiles.LastGood));
            Assert.Equal(new[] { "Info setup: setup read: node linky-0042 on esp32-devkitc, 2 meter(s)", "Info setup: setup kept as the last good one" }, log.Lines);
        }

        [Fact]
        public void An_unchanged_good_setup_is_not_written_again()
        {
            MemoryStore store = Provisioned(LinkyConfig);
            new ConfigSource(store, null).Load();
            int writes = store.Writes;

            new ConfigSource(store, null).Load();

            Assert.Equal(writes, store.Writes);
        }

        [Fact]
        public void A_bad_config_is_logged_problem_by_problem_and_the_last_good_one_used()
        {
            MemoryStore store = Provisioned(LinkyConfig);
            new ConfigSource(store, null).Load();
            byte[] lastGood = store.Files[SetupFiles.LastGood];
            store.Files[SetupFiles.Config] = Encoding.UTF8.GetBytes(With(With(LinkyConfig, "nodeId", "\"linky-0043\""), "meters[1].pulsesPerKwh", "0").Replace("\"ticMode\"", "\"ticMod\""));
            var log = new AllLines();
            var source = new ConfigSource(store, log);

            NodeSetup? setup = source.Load();

            Assert.Equal(SetupStatus.LastGood, source.Status);
            Assert.Equal("linky-0042", setup!.Node.NodeId);
            Assert.Equal(
                new[]
                {
                    "Error setup: $.meters[0].ticMod: unknown field (allowed: id, kind, port, address, ticMode, pulsesPerKwh, initialEnergyWh, maxPowerW, pollIntervalMs, modbusModel, modbusTable, baud, parity, stopBits, p1Line, p1InvertRx, shuntOhms, maxCurrentA, measures, pulsesPerM3, initialVolumeL, minPulseMs, activeEdge, persistEveryPulses)",
                    "Error setup: $.meters[1].pulsesPerKwh: out of range or not a whole number (allowed: a whole number from 1 to 100000)",
                    "Warning setup: 2 problem(s) in the setup files: running on the last good setup (node linky-0042)",
                },
                log.Lines);
            Assert.Equal(lastGood, store.Files[SetupFiles.LastGood]);
        }

        [Fact]
        public void A_bad_setup_without_a_last_good_one_is_unusable_and_no_setup_is_missing()
        {
            MemoryStore store = Provisioned("{\"schemaVersion\": 1");
            var bad = new ConfigSource(store, null);
            Assert.Null(bad.Load());
            Assert.Equal(SetupStatus.Unusable, bad.Status);
            Assert.Equal("$: not JSON: ',' or a closing bracket is expected at line 1, column 20 (allowed: a JSON text (RFC 8259))", bad.Problems.At(0).ToString());

            var none = new ConfigSource(new MemoryStore(), null);
            Assert.Null(none.Load());
            Assert.Equal(SetupStatus.Missing, none.Status);
            Assert.Equal(new[] { "$: missing from the node's storage (allowed: a node configuration (docs/configuration.md))", "board.json $: missing from the node's storage (allowed: the board profile of hardware/boards)" },
                Enumerable.Range(0, none.Problems.Count).Select(i => none.Problems.At(i).ToString()));
        }

        [Fact]
        public void A_new_good_setup_replaces_the_last_good_one()
        {
            MemoryStore store = Provisioned(LinkyConfig);
            new ConfigSource(store, null).Load();
            store.Files[SetupFiles.Config] = Encoding.UTF8.GetBytes(With(LinkyConfig, "nodeId", "\"linky-0043\""));
            Assert.Equal("linky-0043", new ConfigSource(store, null).Load()!.Node.NodeId);

            store.Files[SetupFiles.Config] = Encoding.UTF8.GetBytes("not json");
            var source = new ConfigSource(store, null);

            Assert.Equal("linky-0043", source.Load()!.Node.NodeId);
            Assert.Equal(SetupStatus.LastGood, source.Status);
        }

        [Fact]
        public void Secrets_never_reach_the_log_whatever_is_wrong()
        {
            // A config with problems everywhere, secrets with problems of their own: nothing logged names a secret.
            MemoryStore store = Provisioned(With(With(LinkyConfig, "broker.username", "null"), "network.ssid", "\"" + new string('s', 40) + "\""));
            store.Files[SetupFiles.Secrets] = Encoding.UTF8.GetBytes("{\"schemaVersion\":1,\"wifiPassword\":\"" + WifiSecret + "\\t\",\"mqttPassword\":\"" + MqttSecret + "\",\"clientKey\":\"" + MqttSecret + "-key\",\"extra\":\"" + WifiSecret + "\"}");
            var log = new AllLines();

            new ConfigSource(store, log).Load();
            store.Files[SetupFiles.Secrets] = Encoding.UTF8.GetBytes(LinkySecrets);
            store.Files[SetupFiles.Config] = Encoding.UTF8.GetBytes(LinkyConfig);
            new ConfigSource(store, log).Load();

            Assert.True(log.Lines.Count >= 6, string.Join("\n", log.Lines));
            Assert.All(log.Lines, line => Assert.DoesNotContain(WifiSecret, line));
            Assert.All(log.Lines, line => Assert.DoesNotContain(MqttSecret, line));
        }

        [Fact]
        public void Config_get_answers_without_any_secret()
        {
            MemoryStore store = Provisioned(LinkyConfig);
            NodeSetup setup = new ConfigSource(store, null).Load()!;
            Assert.Equal(MqttSecret, setup.Node.MqttPassword);
            var link = new FakeMqttLink();
            var node = new EdgeNode(setup.Node, new ManualClock(Utc.At("2026-12-01T10:00:00Z"), true), link, new MemoryStore(), null);
            var input = new FakePulseInput();
            node.AddMeter(MeterFactory.Build(setup.Meters[1], new MeterPorts().AddPulseInput("s0-1", input), new MeterIdentity(MeterIdPolicy.Omit, null!)));
            node.Start();
            node.Tick();

            link.Deliver("edge/linky-0042/cmd/config/get", Encoding.UTF8.GetBytes("{\"id\":\"g1\"}"));
            node.Tick();

            string answer = link.Published.Single(p => p.Topic == "edge/linky-0042/cmd/config/get/result").Payload;
            JsonElement result = JsonDocument.Parse(answer).RootElement.GetProperty("result");
            Assert.Equal(900, result.GetProperty("heartbeatSeconds").GetInt32());
            Assert.All(link.Published, p => Assert.DoesNotContain(MqttSecret, p.Payload));
            Assert.All(link.Published, p => Assert.DoesNotContain(WifiSecret, p.Payload));
            Assert.DoesNotContain("assword", answer);
        }

        private static MemoryStore Provisioned(string config)
        {
            var store = new MemoryStore();
            store.Files[SetupFiles.Config] = Encoding.UTF8.GetBytes(config);
            store.Files[SetupFiles.Secrets] = Encoding.UTF8.GetBytes(LinkySecrets);
            store.Files[SetupFiles.Board] = Encoding.UTF8.GetBytes(Board("esp32-devkitc"));
            return store;
        }

        /// <summary>Every line at every level, as the device's serial console shows them.</summary>
        private sealed class AllLines : ILog
        {
            public List<string> Lines { get; } = new();

            public bool IsEnabled(LogLevel level) => true;

            public void Write(LogLevel level, string tag, string message) => Lines.Add($"{level} {tag}: {message}");
        }
    }
}
