using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Edge.Host.Cli;
using Xunit;

namespace Edge.Tests.Tooling
{
    /// <summary>
    /// flash-scripts/commission-node.sh over node folders that `edge provision` wrote: the exact commands of its
    /// dry run for every board profile, the same commands run through a fake nanoff, and what it refuses before
    /// touching a board. Also provision-node.sh --node-dir, and shellcheck over every bash script.
    /// </summary>
    public sealed class CommissionScriptTests : IDisposable
    {
        private const string Port = "/dev/ttyUSB0";

        private readonly ScratchFolder _scratch = new("edge-commission-tests");

        private string Work => _scratch.Path;

        public void Dispose() => _scratch.Dispose();

        [Theory]
        [MemberData(nameof(BoardProfileTests.Profiles), MemberType = typeof(BoardProfileTests))]
        public async Task Dry_run_prints_the_exact_commands_for_each_board(string board)
        {
            string nodeDir = await Provision("node-9", board);
            string image = Image();

            ScriptResult r = ScriptRunner.Run(ScriptRunner.MinimalPath, "commission-node.sh", "--port", Port, "--board", board, "--node-dir", nodeDir, "--image", image, "--dry-run");

            r.AssertSuccess();
            string[] commands = Commands(r);
            string deployJson = DeployJsonPath(r);
            Assert.Equal(
                new[]
                {
                    "dotnet tool install -g nanoff",
                    $"nanoff --update --target {RepoBoards.Target(board)} --serialport {Port}",
                    $"nanoff --nanodevice --deploy --serialport {Port} --image {image}",
                    $"nanoff --filedeployment {deployJson}",
                },
                commands);
            AssertDeployJson(r, nodeDir, Port);
            Assert.False(File.Exists(deployJson), "the temporary deploy.json is removed after a dry run");
            Assert.Contains("# Then the node announces itself on the broker, retained on edge/node-9/status: {\"v\":1,\"node\":\"node-9\",\"state\":\"online\",...}", r.Stdout);
            Assert.Contains("# See it with: dotnet run --project firmware/Edge.Host -- listen --broker mqtt://broker.example:1883 --prefix edge", r.Stdout);
        }

        [Fact]
        public async Task Runs_the_same_three_nanoff_commands_as_its_dry_run_with_a_mass_erase()
        {
            string nodeDir = await Provision("node-9", "wt32-eth01");
            string image = Image();
            FakeNanoff fake = FakeNanoff.Create(Work, exitCode: 0);

            ScriptResult r = ScriptRunner.Run(fake.Environment(), "commission-node.sh", "--port", Port, "--board", "wt32-eth01", "--node-dir", nodeDir, "--image", image, "--mass-erase");

            r.AssertSuccess();
            string[] calls = fake.RecordedCalls();
            Assert.Equal(3, calls.Length);
            Assert.Equal($"--update --target ESP32_WT32_ETH01 --serialport {Port} --masserase", calls[0]);
            Assert.Equal($"--nanodevice --deploy --serialport {Port} --image {image}", calls[1]);
            Assert.StartsWith("--filedeployment ", calls[2], StringComparison.Ordinal);
            using JsonDocument deploy = JsonDocument.Parse(fake.CopiedDeployJson());
            Assert.Equal(Port, deploy.RootElement.GetProperty("serialport").GetString());
            Assert.Equal(3, deploy.RootElement.GetProperty("files").GetArrayLength()); // config, secrets, board
            Assert.Contains("Node node-9 is commissioned.", r.Stdout);
            Assert.Contains("Next: press RESET/EN (or power-cycle) and watch the status LED", r.Stdout);
        }

        [Fact]
        public async Task Stops_at_the_step_that_failed_and_says_which()
        {
            string nodeDir = await Provision("node-9", "wt32-eth01");
            FakeNanoff fake = FakeNanoff.Create(Work, exitCode: 4);

            ScriptResult r = ScriptRunner.Run(fake.Environment(), "commission-node.sh", "--port", Port, "--board", "wt32-eth01", "--node-dir", nodeDir, "--image", Image());

            Assert.Equal(1, r.ExitCode);
            Assert.Contains("error: nanoff failed with exit code 4", r.Stderr);
            Assert.Contains("error: commissioning stopped at step 3 (flash the nanoFramework firmware)", r.Stderr);
            Assert.Single(fake.RecordedCalls());
        }

        [Fact]
        public async Task Without_an_image_prints_the_build_and_says_plainly_it_cannot_be_built_here()
        {
            Assert.False(OnPath("msbuild") || OnPath("nuget"), "this test needs a machine without the nanoFramework build tools");
            string nodeDir = await Provision("node-9", "esp32-devkitc");
            string project = Path.Combine(ScriptRunner.RepoRoot, "firmware", "Edge.Firmware");
            string image = Path.Combine(project, "bin", "Release", "Edge.Firmware.bin");
            Assert.False(File.Exists(image), "this test needs the default image not built");
            FakeNanoff fake = FakeNanoff.Create(Work, exitCode: 0);

            ScriptResult dry = ScriptRunner.Run(fake.Environment(), "commission-node.sh", "--port", Port, "--board", "esp32-devkitc", "--node-dir", nodeDir, "--dry-run");

            dry.AssertSuccess();
            string[] commands = Commands(dry);
            Assert.Equal($"nuget restore {Path.Combine(project, "packages.config")} -PackagesDirectory {Path.Combine(ScriptRunner.RepoRoot, "packages")}", commands[0]);
            Assert.Equal($"msbuild {Path.Combine(project, "Edge.Firmware.nfproj")} -p:Configuration=Release", commands[1]);
            Assert.Equal($"{fake.Path} --nanodevice --deploy --serialport {Port} --image {image}", commands[3]);
            Assert.Contains("cannot be built here: nuget and msbuild not found", dry.Stderr);

            ScriptResult run = ScriptRunner.Run(fake.Environment(), "commission-node.sh", "--port", Port, "--board", "esp32-devkitc", "--node-dir", nodeDir);

            run.AssertError(2, $"error: the image {image} is not built, and it cannot be built here: nuget and msbuild not found. The nanoFramework build needs msbuild with the nanoFramework MSBuild components");
            Assert.False(File.Exists(Path.Combine(Work, "fake-nanoff", "calls.txt")), "nothing is flashed when the image cannot be had");
        }

        [Fact]
        public async Task Refuses_a_board_other_than_the_one_the_node_was_provisioned_for()
        {
            string nodeDir = await Provision("node-9", "wt32-eth01");

            ScriptResult r = ScriptRunner.Run("commission-node.sh", "--port", Port, "--board", "esp32-devkitc", "--node-dir", nodeDir, "--image", Image(), "--dry-run");

            r.AssertError(2, $"error: --board 'esp32-devkitc' is not the board node folder '{nodeDir}' was provisioned for ('wt32-eth01')");
        }

        [Fact]
        public void Refuses_a_folder_that_edge_provision_did_not_write()
        {
            ScriptResult r = ScriptRunner.Run("commission-node.sh", "--port", Port, "--board", "wt32-eth01", "--node-dir", Work, "--dry-run");

            r.AssertError(2, $"error: --node-dir '{Work}' has no config.json and deploy.json: it is not a folder of edge provision");
        }

        [Fact]
        public async Task Says_how_to_install_nanoff_when_the_one_named_is_missing()
        {
            string nodeDir = await Provision("node-9", "wt32-eth01");

            ScriptResult r = ScriptRunner.Run(
                new Dictionary<string, string?> { ["NANOFF"] = Path.Combine(Work, "no-such-nanoff") },
                "commission-node.sh", "--port", Port, "--board", "wt32-eth01", "--node-dir", nodeDir, "--image", Image());

            r.AssertError(3, "error: nanoff is not installed");
            Assert.Contains("dotnet tool install -g nanoff", r.Stderr);
        }

        [Fact]
        public async Task Upload_of_a_node_folder_gives_nanoff_the_port_and_every_file_by_its_absolute_path()
        {
            string nodeDir = await Provision("node-9", "esp32-devkitc");

            ScriptResult r = ScriptRunner.Run("provision-node.sh", "--port", "COM3", "--node-dir", nodeDir, "--dry-run");

            r.AssertSuccess();
            Assert.Equal(new[] { "nanoff --filedeployment " + DeployJsonPath(r) }, Commands(r));
            AssertDeployJson(r, nodeDir, "COM3");
        }

        [Theory]
        [InlineData("\"SourceFilePath\": \"../secrets.json\"", "is not as edge provision writes it")]
        [InlineData("\"SourceFilePath\": \"gone.json\"", "lists gone.json, which is not a file in")]
        public async Task Upload_of_a_node_folder_refuses_a_file_list_it_did_not_write(string source, string expected)
        {
            string nodeDir = await Provision("node-9", "wt32-eth01");
            string list = Path.Combine(nodeDir, "deploy.json");
            File.WriteAllText(list, File.ReadAllText(list).Replace("\"SourceFilePath\": \"board.json\"", source, StringComparison.Ordinal));

            ScriptResult r = ScriptRunner.Run("provision-node.sh", "--port", Port, "--node-dir", nodeDir, "--dry-run");

            r.AssertError(2, expected);
        }

        [Fact]
        public void Shellcheck_passes_on_every_bash_script()
        {
            // Required wherever the tests run: .ci/run installs it (apt-get install shellcheck), as it does mosquitto.
            Assert.True(OnPath("shellcheck"), "shellcheck is not installed: apt-get install shellcheck (or brew install shellcheck)");
            string[] scripts = Directory.GetFiles(ScriptRunner.ScriptsDir, "*.sh")
                .Concat(Directory.GetFiles(Path.Combine(ScriptRunner.ScriptsDir, "lib"), "*.sh"))
                .Select(f => Path.GetRelativePath(ScriptRunner.RepoRoot, f))
                .Order(StringComparer.Ordinal)
                .ToArray();
            Assert.Contains(Path.Combine("flash-scripts", "commission-node.sh"), scripts);

            var psi = new ProcessStartInfo("shellcheck") { WorkingDirectory = ScriptRunner.RepoRoot, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (string script in scripts)
            {
                psi.ArgumentList.Add(script);
            }

            using Process process = Process.Start(psi)!;
            string output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
            process.WaitForExit();
            Assert.True(process.ExitCode == 0, "shellcheck " + string.Join(" ", scripts) + ":\n" + output);
        }

        // ---------------------------------------------------------------- helpers

        /// <summary>A node folder as the installer gets it: written by `edge provision`.</summary>
        private async Task<string> Provision(string nodeId, string board)
        {
            string outDir = Path.Combine(Work, "nodes");
            var args = new List<string> { "provision", "--node-id", nodeId, "--board", board, "--meter", "tic-standard", "--broker", "mqtt://broker.example", "--out", outDir };
            if (RepoBoards.Network(board) == "wifi")
            {
                string passphrase = Path.Combine(Work, "wifi.txt");
                File.WriteAllText(passphrase, "wifi-passphrase\n");
                args.AddRange(["--wifi-ssid", "Home", "--wifi-password-file", passphrase]);
            }

            var output = new StringWriter();
            var error = new StringWriter();
            int exit = await EdgeCli.RunAsync(args.ToArray(), output, error, interactive: false);
            Assert.True(exit == 0, error.ToString());
            return Path.Combine(outDir, nodeId);
        }

        private string Image()
        {
            string path = Path.Combine(Work, "Edge.Firmware.bin");
            File.WriteAllText(path, "pe-images");
            return path;
        }

        /// <summary>The command lines of a dry run: what is neither a comment nor the generated deploy.json.</summary>
        private static string[] Commands(ScriptResult r) =>
            r.StdoutLines().Where(l => !l.StartsWith('#') && !l.StartsWith('{')).ToArray();

        private static string DeployJsonPath(ScriptResult r)
        {
            string line = Assert.Single(r.StdoutLines(), l => l.StartsWith("# ", StringComparison.Ordinal) && l.EndsWith("/deploy.json", StringComparison.Ordinal));
            return line[2..];
        }

        private static void AssertDeployJson(ScriptResult r, string nodeDir, string port)
        {
            using JsonDocument deploy = JsonDocument.Parse(Assert.Single(r.StdoutLines(), l => l.StartsWith('{')));
            Assert.Equal(port, deploy.RootElement.GetProperty("serialport").GetString());
            string[] files = deploy.RootElement.GetProperty("files").EnumerateArray()
                .Select(f => f.GetProperty("DestinationFilePath").GetString() + "=" + f.GetProperty("SourceFilePath").GetString())
                .ToArray();
            Assert.Equal(
                new[] { "config.json", "secrets.json", "board.json" }.Select(n => $@"I:\edge\{n}={Path.Combine(nodeDir, n)}"),
                files);
        }

        private static bool OnPath(string tool) =>
            (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator)
                .Any(dir => dir.Length > 0 && File.Exists(Path.Combine(dir, tool)));
    }
}
