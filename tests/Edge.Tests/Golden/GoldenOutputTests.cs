using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using Edge.Core.Payloads;
using Edge.Core.Node;
using Edge.Drivers.Tic;
using Edge.Host.Cli;
using Edge.Host.Protocols;
using Edge.Host.Protocols.Tic;
using Edge.Host.Simulation;
using Edge.Tests.Fakes;
using Xunit;

namespace Edge.Tests.Golden
{
    /// <summary>
    /// Everything a node publishes (topic, QoS, retain flag and payload, in order) for the simulator's meters and the
    /// real TIC captures, in every profile and format, compared byte for byte with files kept in the repository.
    /// They pin the published contract across restructuring: a change that alters a single byte of a payload fails
    /// here. When a payload is meant to change, rewrite the files with EDGE_WRITE_GOLDEN=1 (see
    /// TestData/golden/README.md) and review their diff like code.
    /// </summary>
    public sealed class GoldenOutputTests
    {
        private static readonly DateTime Start = Utc.At("2026-11-25T22:30:00Z");

        public static TheoryData<string, string, string> Simulations()
        {
            var data = new TheoryData<string, string, string>();
            foreach (string meter in new[] { "s0", "tic-standard", "tic-historique" })
            {
                foreach (string profile in new[] { "single", "linky-household", "substation" })
                {
                    foreach (string format in new[] { "edge-json", "senml", "iota-json" })
                    {
                        data.Add(meter, profile, format);
                    }
                }
            }

            return data;
        }

        public static TheoryData<string, string, string> Replays()
        {
            var data = new TheoryData<string, string, string>();
            foreach (string capture in new[]
            {
                "tic_std_1P_linky_lains_frame1.bin",
                "tic_hist_1P_HC_pyteleinfo_VALID_FRAME.bin",
                "tic_hist_1P_tempo_BBR_pyteleinfo_frame1.bin",
                "tic_hist_3P_linky_lains_capture_rx_errors.bin",
            })
            {
                foreach (string profile in new[] { "single", "substation" })
                {
                    foreach (string format in new[] { "edge-json", "senml", "iota-json" })
                    {
                        data.Add(capture, profile, format);
                    }
                }
            }

            return data;
        }

        /// <summary>Two virtual hours across local midnight (23:00Z in November), so daily windows close too.</summary>
        [Theory]
        [MemberData(nameof(Simulations))]
        public void Simulated_node_publishes_exactly_the_recorded_messages(string meter, string profile, string format)
        {
            var link = new FakeMqttLink();
            var simulation = new NodeSimulation(
                new SimulationOptions
                {
                    Meter = ProtocolRegistry.Meter(meter),
                    Profile = ProfileText.Create(profile, 60),
                    Format = Format(format),
                    StartUtc = Start,
                    Seed = 7,
                },
                link);
            simulation.Run(TimeSpan.FromHours(2));
            simulation.Node.Stop();

            Compare($"simulate-{meter}-{profile}-{format}.txt", Transcript(link));
        }

        /// <summary>Each real capture replayed as <c>edge replay</c> does (its default 15-minute window for single).</summary>
        [Theory]
        [MemberData(nameof(Replays))]
        public void Replayed_capture_publishes_exactly_the_recorded_messages(string capture, string profile, string format)
        {
            byte[] bytes = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "TestData", "tic", capture));
            var replay = new TicCaptureReplay(bytes, TicMode.Auto);
            var config = new NodeConfig
            {
                NodeId = "replay",
                TopicPrefix = "edge",
                Profile = ProfileText.Create(profile, 900),
                Format = Format(format),
            };
            var link = new FakeMqttLink();
            EdgeNode node = replay.Run(config, link, Utc.At("2026-11-25T20:00:00Z"));
            Assert.Equal(0, node.DrainOutbox());

            Compare($"replay-{Path.GetFileNameWithoutExtension(capture)}-{profile}-{format}.txt", Transcript(link));
        }

        private static PayloadFormat Format(string name) => name switch
        {
            "edge-json" => PayloadFormat.EdgeJson,
            "senml" => PayloadFormat.Senml,
            _ => PayloadFormat.IotaJson,
        };

        private static string Transcript(FakeMqttLink link)
        {
            var text = new StringBuilder();
            foreach ((string topic, string payload, int qos, bool retain) in link.Published)
            {
                text.Append(topic).Append(" qos=").Append(qos).Append(retain ? " retain" : string.Empty).Append('\n');
                text.Append(payload).Append('\n');
            }

            return text.ToString();
        }

        private static void Compare(string name, string actual)
        {
            if (Environment.GetEnvironmentVariable("EDGE_WRITE_GOLDEN") == "1")
            {
                File.WriteAllText(Path.Combine(SourceFolder(), name), actual, new UTF8Encoding(false));
            }

            string expected = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "golden", name));
            if (expected == actual)
            {
                return;
            }

            string[] want = expected.Split('\n');
            string[] got = actual.Split('\n');
            int line = 0;
            while (line < want.Length && line < got.Length && want[line] == got[line])
            {
                line++;
            }

            Assert.Fail(
                $"{name} differs from line {line + 1}:\n  expected {(line < want.Length ? want[line] : "(end)")}\n" +
                $"  actual   {(line < got.Length ? got[line] : "(end)")}");
        }

        /// <summary>The repository's TestData/golden, found by walking up from the test binary to Edge.sln.</summary>
        private static string SourceFolder()
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory != null && !File.Exists(Path.Combine(directory.FullName, "Edge.sln")))
            {
                directory = directory.Parent;
            }

            Assert.NotNull(directory);
            return Path.Combine(directory!.FullName, "tests", "Edge.Tests", "TestData", "golden");
        }
    }
}
