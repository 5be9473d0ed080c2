using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Xunit;

namespace Edge.Tests.Tooling
{
    /// <summary>
    /// Runs the bash flashing scripts of flash-scripts/ (mostly with --dry-run, which needs no nanoff) and checks
    /// the exact nanoff command lines, the generated deploy.json and the errors an installer sees.
    /// A fake nanoff (a small bash script named by the NANOFF variable) checks the non-dry-run path.
    /// </summary>
    public sealed class FlashScriptTests : IDisposable
    {
        private const string Port = "/dev/ttyUSB0";
        private const string DestinationJson = "\"DestinationFilePath\":\"I:\\\\edge\\\\config.json\"";

        private readonly string _work;

        public FlashScriptTests()
        {
            _work = Path.Combine(Path.GetTempPath(), "edge-flash-tests-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(_work);
        }

        public void Dispose()
        {
            try
            {
                Directory.Delete(_work, recursive: true);
            }
            catch (IOException)
            {
            }
        }

        // ---------------------------------------------------------------- flash-firmware.sh

        [Fact]
        public void Flash_dry_run_prints_the_update_command_with_the_default_target()
        {
            ScriptResult r = ScriptRunner.Run("flash-firmware.sh", "--port", Port, "--dry-run");

            r.AssertSuccess();
            Assert.Equal("nanoff --update --target ESP32_PSRAM_REV0 --serialport /dev/ttyUSB0", r.SingleStdoutLine());
        }

        [Theory]
        [InlineData("olimex-esp32-poe-iso", "ESP32_OLIMEX")]
        [InlineData("wt32-eth01", "ESP32_WT32_ETH01")]
        [InlineData("esp32-devkitc", "ESP32_PSRAM_REV0")]
        public void Flash_dry_run_takes_the_target_from_the_board_profile_and_adds_masserase(string board, string target)
        {
            ScriptResult r = ScriptRunner.Run("flash-firmware.sh", "--board", board, "--port", Port, "--mass-erase", "--dry-run");

            r.AssertSuccess();
            Assert.Equal($"nanoff --update --target {target} --serialport /dev/ttyUSB0 --masserase", r.SingleStdoutLine());
        }

        [Fact]
        public void Flash_dry_run_uses_an_explicit_target_and_a_windows_port_name()
        {
            ScriptResult r = ScriptRunner.Run("flash-firmware.sh", "--port", "COM3", "--target", "ESP32_REV3", "--dry-run");

            r.AssertSuccess();
            Assert.Equal("nanoff --update --target ESP32_REV3 --serialport COM3", r.SingleStdoutLine());
        }

        [Fact]
        public void Flash_accepts_options_in_equals_form()
        {
            ScriptResult r = ScriptRunner.Run("flash-firmware.sh", "--port=/dev/ttyACM0", "--board=wt32-eth01", "--dry-run");

            r.AssertSuccess();
            Assert.Equal("nanoff --update --target ESP32_WT32_ETH01 --serialport /dev/ttyACM0", r.SingleStdoutLine());
        }

        [Fact]
        public void Flash_rejects_an_unknown_board_naming_it_and_listing_the_available_profiles()
        {
            ScriptResult r = ScriptRunner.Run("flash-firmware.sh", "--port", Port, "--board", "nosuchboard", "--dry-run");

            r.AssertError(2, "error: unknown board 'nosuchboard': no file hardware/boards/nosuchboard.json");
            Assert.Contains("available: ", r.Stderr);
            Assert.Contains("olimex-esp32-poe-iso", r.Stderr);
            Assert.Contains("wt32-eth01", r.Stderr);
            Assert.Contains("esp32-devkitc", r.Stderr);
        }

        [Theory]
        [InlineData("../secrets")]
        [InlineData("a b")]
        [InlineData("-x")]
        public void Flash_rejects_a_board_name_that_is_not_a_plain_name(string board)
        {
            ScriptResult r = ScriptRunner.Run("flash-firmware.sh", "--port", Port, "--board=" + board, "--dry-run");

            r.AssertError(2, $"--board '{board}' is not a board name");
        }

        [Fact]
        public void Flash_rejects_board_and_target_together()
        {
            ScriptResult r = ScriptRunner.Run("flash-firmware.sh", "--port", Port, "--board", "wt32-eth01", "--target", "ESP32_REV3", "--dry-run");

            r.AssertError(2, "--board and --target are exclusive");
        }

        [Fact]
        public void Flash_rejects_a_target_that_is_not_a_target_name()
        {
            ScriptResult r = ScriptRunner.Run("flash-firmware.sh", "--port", Port, "--target=ESP32;rm", "--dry-run");

            r.AssertError(2, "--target 'ESP32;rm' is not a nanoFramework target name");
        }

        [Fact]
        public void Flash_reports_an_option_given_without_its_value()
        {
            ScriptResult r = ScriptRunner.Run("flash-firmware.sh", "--dry-run", "--port");

            r.AssertError(2, "error: option --port needs a value");
        }

        [Fact]
        public void Flash_dry_run_works_without_nanoff_on_the_path()
        {
            Assert.False(File.Exists("/usr/bin/nanoff") || File.Exists("/bin/nanoff"), "this test needs a PATH without nanoff");

            ScriptResult r = ScriptRunner.Run(ScriptRunner.MinimalPath, "flash-firmware.sh", "--port", Port, "--board", "olimex-esp32-poe-iso", "--dry-run");

            r.AssertSuccess();
            Assert.Equal("nanoff --update --target ESP32_OLIMEX --serialport /dev/ttyUSB0", r.SingleStdoutLine());
        }

        [Fact]
        public void Flash_runs_nanoff_with_the_same_arguments_as_the_dry_run()
        {
            FakeNanoff fake = FakeNanoff.Create(_work, exitCode: 0);

            ScriptResult r = ScriptRunner.Run(fake.Environment(), "flash-firmware.sh", "--port", Port, "--board", "olimex-esp32-poe-iso", "--mass-erase");

            r.AssertSuccess();
            Assert.Equal(new[] { "--update", "--target", "ESP32_OLIMEX", "--serialport", Port, "--masserase" }, fake.RecordedArguments());
            Assert.Contains("Firmware ESP32_OLIMEX flashed on /dev/ttyUSB0.", r.Stderr);
        }

        [Fact]
        public void Flash_reports_a_nanoff_failure_with_its_exit_code_and_exits_1()
        {
            FakeNanoff fake = FakeNanoff.Create(_work, exitCode: 5);

            ScriptResult r = ScriptRunner.Run(fake.Environment(), "flash-firmware.sh", "--port", Port);

            r.AssertError(1, "error: nanoff failed with exit code 5");
        }

        // ---------------------------------------------------------------- deploy-app.sh

        [Fact]
        public void Deploy_dry_run_prints_the_nanodevice_deploy_command()
        {
            string image = WriteFile("Edge.Firmware.bin", "pe-images");

            ScriptResult r = ScriptRunner.Run("deploy-app.sh", "--port", Port, "--image", image, "--dry-run");

            r.AssertSuccess();
            Assert.Equal($"nanoff --nanodevice --deploy --serialport /dev/ttyUSB0 --image {image}", r.SingleStdoutLine());
        }

        [Fact]
        public void Deploy_rejects_a_missing_image_naming_its_path()
        {
            string image = Path.Combine(_work, "missing", "Edge.Firmware.bin");

            ScriptResult r = ScriptRunner.Run("deploy-app.sh", "--port", Port, "--image", image, "--dry-run");

            r.AssertError(2, $"error: --image '{image}' does not exist");
        }

        [Fact]
        public void Deploy_rejects_an_empty_image()
        {
            string image = WriteFile("Empty.bin", "");

            ScriptResult r = ScriptRunner.Run("deploy-app.sh", "--port", Port, "--image", image, "--dry-run");

            r.AssertError(2, $"error: --image '{image}' is empty");
        }

        [Fact]
        public void Deploy_requires_an_image()
        {
            ScriptResult r = ScriptRunner.Run("deploy-app.sh", "--port", Port, "--dry-run");

            r.AssertError(2, "error: --image is required");
        }

        [Fact]
        public void Deploy_runs_nanoff_with_the_image()
        {
            string image = WriteFile("Edge.Firmware.bin", "pe-images");
            FakeNanoff fake = FakeNanoff.Create(_work, exitCode: 0);

            ScriptResult r = ScriptRunner.Run(fake.Environment(), "deploy-app.sh", "--port", "COM7", "--image", image);

            r.AssertSuccess();
            Assert.Equal(new[] { "--nanodevice", "--deploy", "--serialport", "COM7", "--image", image }, fake.RecordedArguments());
        }

        // ---------------------------------------------------------------- provision-node.sh

        [Fact]
        public void Provision_dry_run_prints_the_generated_deploy_json_and_the_filedeployment_command()
        {
            string config = WriteFile("node-42.json", "{\"nodeId\":\"node-42\",\"meters\":[]}");

            ScriptResult r = ScriptRunner.Run("provision-node.sh", "--port", Port, "--config", config, "--dry-run");

            r.AssertSuccess();
            string[] lines = r.StdoutLines();
            Assert.Equal(3, lines.Length);
            Assert.StartsWith("# ", lines[0], StringComparison.Ordinal);
            string deployJsonPath = lines[0].Substring(2);
            Assert.EndsWith("/deploy.json", deployJsonPath, StringComparison.Ordinal);
            Assert.Equal(
                "{\"serialport\":\"/dev/ttyUSB0\",\"files\":[{" + DestinationJson + ",\"SourceFilePath\":" + JsonString(config) + "}]}",
                lines[1]);
            Assert.Equal("nanoff --filedeployment " + deployJsonPath, lines[2]);
            Assert.False(File.Exists(deployJsonPath), "the temporary deploy.json is removed after a dry run");
        }

        [Fact]
        public void Provision_deploy_json_is_valid_json_with_the_device_path_and_an_absolute_source_path()
        {
            string config = WriteFile("node.json", "{}");

            ScriptResult r = ScriptRunner.RunIn(_work, "provision-node.sh", "--port", "COM3", "--config", "node.json", "--dry-run");

            r.AssertSuccess();
            using JsonDocument doc = JsonDocument.Parse(r.StdoutLines()[1]);
            JsonElement root = doc.RootElement;
            Assert.Equal("COM3", root.GetProperty("serialport").GetString());
            JsonElement file = Assert.Single(root.GetProperty("files").EnumerateArray());
            Assert.Equal("I:\\edge\\config.json", file.GetProperty("DestinationFilePath").GetString());
            string? source = file.GetProperty("SourceFilePath").GetString();
            Assert.NotNull(source);
            Assert.True(Path.IsPathRooted(source), $"SourceFilePath should be absolute, got '{source}'");
            Assert.EndsWith("node.json", source, StringComparison.Ordinal);
            Assert.Equal("{}", File.ReadAllText(source));
        }

        [Fact]
        public void Provision_escapes_quotes_and_backslashes_of_the_config_path_in_deploy_json()
        {
            string name = OperatingSystem.IsWindows() ? "my node config.json" : "my \"odd\" \\config.json";
            string config = WriteFile(name, "{\"a\":1}");

            ScriptResult r = ScriptRunner.Run("provision-node.sh", "--port", Port, "--config", config, "--dry-run");

            r.AssertSuccess();
            using JsonDocument doc = JsonDocument.Parse(r.StdoutLines()[1]);
            JsonElement file = doc.RootElement.GetProperty("files")[0];
            Assert.Equal(config, file.GetProperty("SourceFilePath").GetString());
        }

        [Fact]
        public void Provision_rejects_a_config_that_is_not_valid_json()
        {
            string config = WriteFile("broken.json", "{\"nodeId\": \"node-42\",");

            ScriptResult r = ScriptRunner.Run("provision-node.sh", "--port", Port, "--config", config, "--dry-run");

            r.AssertError(2, $"error: --config '{config}' is not valid JSON: ");
        }

        [Fact]
        public void Provision_without_a_validator_warns_that_the_config_was_not_checked()
        {
            string config = WriteFile("unchecked.json", "not json at all");

            ScriptResult r = ScriptRunner.Run(
                new Dictionary<string, string?> { ["EDGE_JSON_VALIDATOR"] = "none" },
                "provision-node.sh", "--port", Port, "--config", config, "--dry-run");

            r.AssertSuccess();
            Assert.Contains($"warning: EDGE_JSON_VALIDATOR=none: {config} was NOT checked for valid JSON", r.Stderr);
        }

        [Fact]
        public void Provision_rejects_a_missing_config_naming_its_path()
        {
            string config = Path.Combine(_work, "nope.json");

            ScriptResult r = ScriptRunner.Run("provision-node.sh", "--port", Port, "--config", config, "--dry-run");

            r.AssertError(2, $"error: --config '{config}' does not exist");
        }

        [Fact]
        public void Provision_requires_a_config()
        {
            ScriptResult r = ScriptRunner.Run("provision-node.sh", "--port", Port, "--dry-run");

            r.AssertError(2, "error: --config is required");
        }

        [Fact]
        public void Provision_hands_nanoff_a_deploy_json_identical_to_the_dry_run_one()
        {
            string config = WriteFile("node-7.json", "{\"nodeId\":\"node-7\"}");
            FakeNanoff fake = FakeNanoff.Create(_work, exitCode: 0);

            ScriptResult r = ScriptRunner.Run(fake.Environment(), "provision-node.sh", "--port", Port, "--config", config);

            r.AssertSuccess();
            string[] args = fake.RecordedArguments();
            Assert.Equal(2, args.Length);
            Assert.Equal("--filedeployment", args[0]);
            Assert.EndsWith("/deploy.json", args[1], StringComparison.Ordinal);
            Assert.Equal(
                "{\"serialport\":\"/dev/ttyUSB0\",\"files\":[{" + DestinationJson + ",\"SourceFilePath\":" + JsonString(config) + "}]}",
                fake.CopiedDeployJson().TrimEnd('\n'));
            Assert.False(File.Exists(args[1]), "the temporary deploy.json is removed after nanoff ran");
        }

        // ---------------------------------------------------------------- common behaviour

        [Theory]
        [InlineData("flash-firmware.sh")]
        [InlineData("deploy-app.sh")]
        [InlineData("provision-node.sh")]
        [InlineData("commission-node.sh")]
        public void Every_script_requires_a_port_and_says_so(string script)
        {
            string image = WriteFile("App.bin", "x");
            string config = WriteFile("config.json", "{}");
            string[] args = script switch
            {
                "deploy-app.sh" => new[] { "--image", image, "--dry-run" },
                "provision-node.sh" => new[] { "--config", config, "--dry-run" },
                "commission-node.sh" => new[] { "--board", "esp32-devkitc", "--node-dir", _work, "--dry-run" },
                _ => new[] { "--dry-run" },
            };

            ScriptResult r = ScriptRunner.Run(script, args);

            r.AssertError(2, "error: --port is required (e.g. --port /dev/ttyUSB0 on Linux, --port COM3 on Windows)");
        }

        [Theory]
        [InlineData("flash-firmware.sh")]
        [InlineData("deploy-app.sh")]
        [InlineData("provision-node.sh")]
        [InlineData("commission-node.sh")]
        public void Every_script_rejects_an_unknown_argument_naming_it(string script)
        {
            ScriptResult r = ScriptRunner.Run(script, "--port", Port, "--frobnicate");

            r.AssertError(2, "error: unknown argument '--frobnicate'");
        }

        [Theory]
        [InlineData("flash-firmware.sh")]
        [InlineData("deploy-app.sh")]
        [InlineData("provision-node.sh")]
        public void Every_script_explains_how_to_install_nanoff_when_it_is_missing(string script)
        {
            Assert.False(File.Exists("/usr/bin/nanoff") || File.Exists("/bin/nanoff"), "this test needs a PATH without nanoff");
            string image = WriteFile("App.bin", "x");
            string config = WriteFile("config.json", "{}");
            string[] args = script switch
            {
                "deploy-app.sh" => new[] { "--port", Port, "--image", image },
                "provision-node.sh" => new[] { "--port", Port, "--config", config },
                _ => new[] { "--port", Port },
            };

            ScriptResult r = ScriptRunner.Run(ScriptRunner.MinimalPath, script, args);

            r.AssertError(3, "error: nanoff is not installed");
            Assert.Contains("dotnet tool install -g nanoff", r.Stderr);
        }

        [Theory]
        [InlineData("flash-firmware.sh", "nanoff --update --target TARGET --serialport PORT [--masserase]")]
        [InlineData("deploy-app.sh", "nanoff --nanodevice --deploy --serialport PORT --image IMAGE")]
        [InlineData("provision-node.sh", "nanoff --filedeployment deploy.json")]
        [InlineData("commission-node.sh", "nanoff --update --target TARGET --serialport PORT")]
        public void Every_script_prints_its_usage_with_the_nanoff_command_on_help(string script, string command)
        {
            ScriptResult r = ScriptRunner.Run(script, "--help");

            r.AssertSuccess();
            Assert.StartsWith("Usage: " + script, r.Stdout, StringComparison.Ordinal);
            Assert.Contains(command, r.Stdout);
        }

        [Theory]
        [InlineData("flash-firmware.sh")]
        [InlineData("deploy-app.sh")]
        [InlineData("provision-node.sh")]
        [InlineData("commission-node.sh")]
        public void Every_bash_script_is_executable_and_starts_with_env_bash_and_strict_mode(string script)
        {
            string path = Path.Combine(ScriptRunner.ScriptsDir, script);
            string[] lines = File.ReadAllLines(path);
            Assert.Equal("#!/usr/bin/env bash", lines[0]);
            Assert.Contains("set -euo pipefail", lines);
            if (OperatingSystem.IsWindows())
            {
                // No execute bit on Windows file systems; the scripts are run as "bash script.sh" there.
                Assert.True(OperatingSystem.IsWindows());
                return;
            }

            UnixFileMode mode = File.GetUnixFileMode(path);
            Assert.True((mode & UnixFileMode.UserExecute) != 0, $"{script} should be executable (chmod +x)");
        }

        [Theory]
        [InlineData("flash-firmware.ps1")]
        [InlineData("deploy-app.ps1")]
        [InlineData("provision-node.ps1")]
        [InlineData("commission-node.ps1")]
        public void Every_bash_script_has_a_powershell_twin_with_the_same_nanoff_command(string script)
        {
            string text = File.ReadAllText(Path.Combine(ScriptRunner.ScriptsDir, script));
            string expected = script switch
            {
                "flash-firmware.ps1" => "@('--update', '--target', $Target, '--serialport', $Port)",
                "deploy-app.ps1" => "$arguments = Get-AppDeployArguments $Port $Image",
                "commission-node.ps1" => "Format-NanoffCommand (Get-AppDeployArguments $Port $Image)",
                _ => "@('--filedeployment', $deployJson)",
            };
            Assert.Contains(expected, text);
            Assert.Contains(
                "return @('--nanodevice', '--deploy', '--serialport', $Port, '--image', $Image)",
                File.ReadAllText(Path.Combine(ScriptRunner.ScriptsDir, "lib", "common.ps1")));

            // The shared library tells how to install nanoff; every script must load it.
            Assert.Contains(". (Join-Path (Join-Path $PSScriptRoot 'lib') 'common.ps1')", text);
            Assert.Contains("dotnet tool install -g nanoff", File.ReadAllText(Path.Combine(ScriptRunner.ScriptsDir, "lib", "common.ps1")));
        }

        // ---------------------------------------------------------------- helpers

        private string WriteFile(string name, string content)
        {
            string path = Path.Combine(_work, name);
            File.WriteAllText(path, content);
            return path;
        }

        private static string JsonString(string value) =>
            "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
    }

    internal sealed class ScriptResult
    {
        public ScriptResult(string script, int exitCode, string stdout, string stderr)
        {
            Script = script;
            ExitCode = exitCode;
            Stdout = stdout;
            Stderr = stderr;
        }

        public string Script { get; }

        public int ExitCode { get; }

        public string Stdout { get; }

        public string Stderr { get; }

        public string[] StdoutLines() =>
            Stdout.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        public string SingleStdoutLine()
        {
            string[] lines = StdoutLines();
            Assert.True(lines.Length == 1, $"{Script}: expected one line on stdout, got:\n{Stdout}\nstderr:\n{Stderr}");
            return lines[0];
        }

        public void AssertSuccess() =>
            Assert.True(ExitCode == 0, $"{Script} exited {ExitCode}\nstdout:\n{Stdout}\nstderr:\n{Stderr}");

        public void AssertError(int exitCode, string messagePart)
        {
            Assert.True(ExitCode == exitCode, $"{Script}: expected exit code {exitCode}, got {ExitCode}\nstdout:\n{Stdout}\nstderr:\n{Stderr}");
            Assert.Contains(messagePart, Stderr);
            Assert.True(Stdout.Length == 0, $"{Script}: nothing should be printed on stdout on error, got:\n{Stdout}");
        }
    }

    internal static class ScriptRunner
    {
        /// <summary>A PATH with the system tools the scripts need and no nanoff (nor ~/.dotnet/tools).</summary>
        public static readonly IReadOnlyDictionary<string, string?> MinimalPath =
            new Dictionary<string, string?> { ["PATH"] = "/usr/bin:/bin" };

        private static readonly Lazy<string> Root = new Lazy<string>(FindRepoRoot);

        public static string RepoRoot => Root.Value;

        public static string ScriptsDir => Path.Combine(RepoRoot, "flash-scripts");

        public static ScriptResult Run(string script, params string[] args) => Start(null, null, script, args);

        public static ScriptResult Run(IReadOnlyDictionary<string, string?> env, string script, params string[] args) =>
            Start(null, env, script, args);

        public static ScriptResult RunIn(string workingDirectory, string script, params string[] args) =>
            Start(workingDirectory, null, script, args);

        /// <summary>Runs <paramref name="code"/> with `bash -c` in <paramref name="workingDirectory"/>, as a reader
        /// pastes it into a shell (the README's commands).</summary>
        public static ScriptResult RunCode(string workingDirectory, IReadOnlyDictionary<string, string?> env, string code) =>
            Bash(workingDirectory, env, "bash -c", ["-c", code]);

        private static ScriptResult Start(string? workingDirectory, IReadOnlyDictionary<string, string?>? env, string script, string[] args) =>
            Bash(workingDirectory, env, script, [Path.Combine(ScriptsDir, script), .. args]);

        private static ScriptResult Bash(string? workingDirectory, IReadOnlyDictionary<string, string?>? env, string name, List<string> bashArguments)
        {
            // "/usr/bin/env bash" as in the scripts' shebang; Git for Windows puts bash on PATH instead.
            bool useEnv = !OperatingSystem.IsWindows() && File.Exists("/usr/bin/env");
            var psi = new ProcessStartInfo(useEnv ? "/usr/bin/env" : "bash")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                WorkingDirectory = workingDirectory ?? RepoRoot,
            };
            if (useEnv)
            {
                psi.ArgumentList.Add("bash");
            }

            foreach (string a in bashArguments)
            {
                psi.ArgumentList.Add(a);
            }

            // The scripts' own knobs must not leak in from the developer's shell.
            psi.Environment.Remove("NANOFF");
            psi.Environment.Remove("EDGE_BOARDS_DIR");
            psi.Environment.Remove("EDGE_JSON_VALIDATOR");
            psi.Environment.Remove("CDPATH");
            if (env != null)
            {
                foreach (KeyValuePair<string, string?> kv in env)
                {
                    psi.Environment[kv.Key] = kv.Value;
                }
            }

            using Process process = Process.Start(psi) ?? throw new InvalidOperationException("could not start bash");
            Task<string> stdout = process.StandardOutput.ReadToEndAsync();
            Task<string> stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(60_000))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"{name} did not finish within 60 s");
            }

            process.WaitForExit();
            return new ScriptResult(name, process.ExitCode, stdout.GetAwaiter().GetResult(), stderr.GetAwaiter().GetResult());
        }

        private static string FindRepoRoot()
        {
            DirectoryInfo? dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir != null && !File.Exists(Path.Combine(dir.FullName, "Edge.sln")))
            {
                dir = dir.Parent;
            }

            return dir?.FullName ?? throw new InvalidOperationException("Edge.sln not found above " + AppContext.BaseDirectory);
        }
    }

    /// <summary>
    /// A stand-in for nanoff: a bash script that records its arguments (one per line), copies the deploy.json it
    /// is given (which the caller deletes afterwards), and exits with a chosen code.
    /// </summary>
    internal sealed class FakeNanoff
    {
        private readonly string _dir;

        private FakeNanoff(string dir, string path)
        {
            _dir = dir;
            Path = path;
        }

        public string Path { get; }

        public static FakeNanoff Create(string work, int exitCode)
        {
            string dir = System.IO.Path.Combine(work, "fake-nanoff");
            Directory.CreateDirectory(dir);
            string path = System.IO.Path.Combine(dir, "nanoff");
            string script =
                "#!/usr/bin/env bash\n" +
                "here=\"$(dirname \"$0\")\"\n" +
                "printf '%s\\n' \"$@\" > \"$here/args.txt\"\n" +
                "printf '%s\\n' \"$*\" >> \"$here/calls.txt\"\n" +
                "if [[ \"${1:-}\" == --filedeployment ]]; then cp \"$2\" \"$here/deploy.json\"; fi\n" +
                $"exit {exitCode}\n";
            File.WriteAllText(path, script);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }

            return new FakeNanoff(dir, path);
        }

        public IReadOnlyDictionary<string, string?> Environment() =>
            new Dictionary<string, string?> { ["NANOFF"] = Path };

        public string[] RecordedArguments() =>
            File.ReadAllText(System.IO.Path.Combine(_dir, "args.txt")).TrimEnd('\n').Split('\n');

        public string CopiedDeployJson() => File.ReadAllText(System.IO.Path.Combine(_dir, "deploy.json"));

        /// <summary>Every call, in order: its arguments joined by spaces.</summary>
        public string[] RecordedCalls() =>
            File.ReadAllText(System.IO.Path.Combine(_dir, "calls.txt")).TrimEnd('\n').Split('\n');
    }
}
