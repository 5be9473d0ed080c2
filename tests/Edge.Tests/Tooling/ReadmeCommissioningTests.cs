using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Xunit;

namespace Edge.Tests.Tooling
{
    /// <summary>
    /// Follows README.md's "Flash and commission a node" step by step, down to the dry run: its ```sh blocks run in
    /// order in a fresh folder that holds what the section says to have (the secrets files, ca.pem, the image, and
    /// the nodes.csv of its ```csv block), with the repository's flash-scripts and hardware beside them; the block with
    /// the dry run is the last (the next one needs a board). `dotnet run --project firmware/Edge.Host --` runs the
    /// edge built with these tests.
    /// </summary>
    public sealed class ReadmeCommissioningTests : IDisposable
    {
        private const string SectionTitle = "## Flash and commission a node";
        private const string EdgeRun = "dotnet run --project firmware/Edge.Host --";

        private readonly ScratchFolder _scratch = new("edge-readme-commission");

        private string Work => _scratch.Path;

        public void Dispose() => _scratch.Dispose();

        [Fact]
        public void The_section_provisions_a_node_and_a_delivery_and_dry_runs_the_commissioning()
        {
            List<(string Language, string Code)> blocks = Blocks(Section());
            // The last two need a board on the cable and a node on a broker (the self-test; its command is tested
            // in SelfTestCommandTests).
            Assert.Equal(new[] { "sh", "csv", "sh", "sh", "sh", "sh" }, blocks.Select(b => b.Language));
            Assert.StartsWith(EdgeRun + " selftest --broker ", blocks[^1].Code.Trim());
            Prepare(blocks.Single(b => b.Language == "csv").Code);

            string[] sh = blocks.Where(b => b.Language == "sh").Select(b => b.Code).ToArray();

            // Step 1: one node.
            (int exit, string output, string error) = RunBlock(sh[0]);
            Assert.True(exit == 0, error);
            Assert.Contains($"provisioned flat-12 (esp32-devkitc, main:tic@tic pv:s0@s0-1, mqtts://broker.example.org:8883) in {Path.Combine(Work, "nodes", "flat-12")}", output);
            using (JsonDocument config = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(Work, "nodes", "flat-12", "config.json"))))
            {
                Assert.Equal("Building A", config.RootElement.GetProperty("network").GetProperty("ssid").GetString());
                Assert.Equal("flat-12", config.RootElement.GetProperty("broker").GetProperty("username").GetString());
                Assert.Equal("linky-household", config.RootElement.GetProperty("profile").GetString());
            }

            Assert.Contains("\"mqttPassword\": \"mqtt-secret\"", File.ReadAllText(Path.Combine(Work, "nodes", "flat-12", "secrets.json")));

            // Step 1, a delivery.
            (exit, output, error) = RunBlock(sh[1]);
            Assert.True(exit == 0, error);
            Assert.Matches(new Regex(@"^flat-13 +esp32-devkitc +main:tic@tic +mqtts://broker\.example\.org:8883 +OK$", RegexOptions.Multiline), output);
            Assert.Matches(new Regex(@"^sub-1 +wt32-eth01 +main:tic@tic pv:s0@s0-1 +mqtts://broker\.example\.org:8883 +OK$", RegexOptions.Multiline), output);
            Assert.True(File.Exists(Path.Combine(Work, "nodes", "sub-1", "ca.pem")));

            // Step 2, the dry run: the exact commands, in order.
            Assert.Contains("--dry-run", sh[2]);
            (exit, output, error) = RunBlock(sh[2]);
            Assert.True(exit == 0, error);
            string[] lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            string deployJson = lines.Single(l => l.StartsWith("# ", StringComparison.Ordinal) && l.EndsWith("/deploy.json", StringComparison.Ordinal))[2..];
            Assert.Equal(
                new[]
                {
                    "dotnet tool install -g nanoff",
                    "nanoff --update --target ESP32_PSRAM_REV0 --serialport /dev/ttyUSB0",
                    "nanoff --nanodevice --deploy --serialport /dev/ttyUSB0 --image Edge.Firmware.bin",
                    "nanoff --filedeployment " + deployJson,
                },
                lines.Where(l => !l.StartsWith('#') && !l.StartsWith('{')));
            using (JsonDocument deploy = JsonDocument.Parse(lines.Single(l => l.StartsWith('{'))))
            {
                Assert.Equal("/dev/ttyUSB0", deploy.RootElement.GetProperty("serialport").GetString());
                Assert.Equal(
                    new[] { "config.json", "secrets.json", "board.json", "ca.pem" }.Select(n => Path.Combine(Work, "nodes", "flat-12", n)),
                    deploy.RootElement.GetProperty("files").EnumerateArray().Select(f => f.GetProperty("SourceFilePath").GetString()));
            }

            Assert.Contains($"# See it with: mosquitto_sub -h broker.example.org -p 8883 --cafile {Path.Combine(Work, "nodes", "flat-12", "ca.pem")} -u flat-12 -P PASSWORD -t 'edge/flat-12/#' -v", output);

            // The next block is the real run: the same command without --dry-run.
            Assert.Equal(Normalized(sh[2]).Replace(" --dry-run", string.Empty, StringComparison.Ordinal), Normalized(sh[3]));
        }

        [Fact]
        public async Task The_refusals_the_section_shows_are_what_edge_provision_prints()
        {
            Match shown = Regex.Match(Section(), "^```\n(error: .*?)^```$", RegexOptions.Multiline | RegexOptions.Singleline);
            Assert.True(shown.Success, "the section shows what a refused node prints");
            var output = new StringWriter();
            var error = new StringWriter();

            int exit = await Edge.Host.Cli.EdgeCli.RunAsync(
                ["provision", "--node-id", "sub-3", "--board", "olimex-esp32-poe-iso", "--meter", "tic", "--meter", "s0:pv:s0-2:1000", "--broker", "mqtts://broker.example.org", "--out", Work],
                output,
                error,
                interactive: false);

            Assert.Equal(1, exit);
            Assert.Equal(shown.Groups[1].Value, error.ToString().Replace("\r\n", "\n", StringComparison.Ordinal));
        }

        [Fact]
        public void The_section_names_every_board_profile_and_has_each_part_the_installer_needs()
        {
            string section = Section();
            foreach (string board in Directory.GetFiles(RepoBoards.Directory, "*.json").Select(f => Path.GetFileNameWithoutExtension(f)))
            {
                Assert.Contains($"`{board}`", section);
            }

            foreach (string heading in new[] { "**Prerequisites.**", "**1. Provision**", "**2. Commission**", "**When it works.**", "**Troubleshooting.**" })
            {
                Assert.Contains(heading, section);
            }

            foreach (string trouble in new[] { "*Port not found*", "*Wrong target*", "*No Wi-Fi*", "*Broker refused*", "*Bad config*" })
            {
                Assert.Contains(trouble, section);
            }
        }

        // ---------------------------------------------------------------- helpers

        private static string Section()
        {
            string readme = File.ReadAllText(Path.Combine(ScriptRunner.RepoRoot, "README.md")).Replace("\r\n", "\n", StringComparison.Ordinal);
            int start = readme.IndexOf(SectionTitle + "\n", StringComparison.Ordinal);
            Assert.True(start >= 0, $"README.md has no section '{SectionTitle}'");
            int end = readme.IndexOf("\n## ", start + SectionTitle.Length, StringComparison.Ordinal);
            return end < 0 ? readme[start..] : readme[start..end];
        }

        private static List<(string Language, string Code)> Blocks(string section)
        {
            var blocks = new List<(string, string)>();
            foreach (Match m in Regex.Matches(section, "^```([a-z]*)\n(.*?)^```$", RegexOptions.Multiline | RegexOptions.Singleline))
            {
                if (m.Groups[1].Value.Length > 0)
                {
                    blocks.Add((m.Groups[1].Value, m.Groups[2].Value));
                }
            }

            return blocks;
        }

        /// <summary>The folder the section's commands run in: what it tells the reader to have, and the repository's
        /// scripts and board profiles (linked, so the scripts find hardware/boards beside them as in a clone).</summary>
        private void Prepare(string nodesCsv)
        {
            Directory.CreateSymbolicLink(Path.Combine(Work, "flash-scripts"), ScriptRunner.ScriptsDir);
            Directory.CreateSymbolicLink(Path.Combine(Work, "hardware"), Path.GetDirectoryName(RepoBoards.Directory)!);
            File.WriteAllText(Path.Combine(Work, "mqtt-password.txt"), "mqtt-secret\n");
            File.WriteAllText(Path.Combine(Work, "wifi-password.txt"), "wifi-secret\n");
            File.WriteAllText(Path.Combine(Work, "Edge.Firmware.bin"), "pe-images");
            File.WriteAllText(Path.Combine(Work, "nodes.csv"), nodesCsv);
            using var key = System.Security.Cryptography.ECDsa.Create();
            var request = new System.Security.Cryptography.X509Certificates.CertificateRequest("CN=broker CA", key, System.Security.Cryptography.HashAlgorithmName.SHA256);
            using var ca = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
            File.WriteAllText(Path.Combine(Work, "ca.pem"), ca.ExportCertificatePem() + "\n");
        }

        private (int, string, string) RunBlock(string code)
        {
            string edge = Path.Combine(AppContext.BaseDirectory, "edge.dll");
            Assert.Contains(code.Contains("provision", StringComparison.Ordinal) && !code.Contains("commission", StringComparison.Ordinal) ? EdgeRun : "./flash-scripts/", code);
            string script = "set -euo pipefail\n" + code.Replace(EdgeRun, $"dotnet \"{edge}\"", StringComparison.Ordinal);

            // No nanoff, as on a fresh laptop: the dry run shows its installation.
            ScriptResult r = ScriptRunner.RunCode(Work, ScriptRunner.MinimalPath, script);
            return (r.ExitCode, r.Stdout, r.Stderr);
        }

        private static string Normalized(string command) => Regex.Replace(command.Replace("\\\n", " ", StringComparison.Ordinal), @"\s+", " ").Trim();
    }
}
