using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Edge.Host.Cli;
using Edge.Tests.Setup;
using Xunit;

namespace Edge.Tests.Host
{
    public sealed class ConfigCommandTests : IDisposable
    {
        private readonly string _folder = Path.Combine(Path.GetTempPath(), "edge-config-" + Guid.NewGuid().ToString("N"));

        public ConfigCommandTests() => Directory.CreateDirectory(_folder);

        public void Dispose() => Directory.Delete(_folder, true);

        private static string Example(string name) => Path.Combine(SetupTexts.Folder, "examples", name);

        [Fact]
        public async Task A_valid_setup_prints_the_node_its_meters_and_their_pins()
        {
            (int exit, string output, string error) = await Run("config", "validate", Example("linky-household.config.json"), "--secrets", Example("linky-household.secrets.json"));

            Assert.Equal(ExitCodes.Success, exit);
            Assert.Equal(
                string.Join(Environment.NewLine,
                    "node linky-0042 on esp32-devkitc (ESP32_PSRAM_REV0), topics edge/linky-0042/..., profile linky-household",
                    "network wifi \"maison-42\", DHCP, time from pool.ntp.org, time.google.com",
                    "broker mqtts://broker.example:8883, client id linky-0042, user linky-0042",
                    "meter main: tic on tic, GPIO35",
                    "meter pv: s0 on s0-1, GPIO32",
                    "status LED GPIO23, relays GPIO18, GPIO19",
                    string.Empty),
                output);
            Assert.StartsWith("config validate: valid (", error, StringComparison.Ordinal);
            Assert.DoesNotContain("correct horse", output + error);
        }

        [Fact]
        public async Task The_modbus_example_validates_with_each_meter_s_address_table_and_line()
        {
            (int exit, string output, _) = await Run("config", "validate", Example("modbus-substation.config.json"), "--secrets", Example("modbus-substation.secrets.json"));

            Assert.Equal(ExitCodes.Success, exit);
            Assert.Equal(
                new[]
                {
                    "meter feeder-a: modbus on rs485, GPIO17, GPIO35, GPIO33, address 1, sdm630, 9600 8N1",
                    "meter feeder-b: modbus on rs485, GPIO17, GPIO35, GPIO33, address 2, sdm72, 9600 8N1",
                    "meter transformer: modbus on rs485, GPIO17, GPIO35, GPIO33, address 17, table transformer-monitor of 5 registers, 9600 8N1",
                },
                output.Split(Environment.NewLine).Where(line => line.StartsWith("meter ", StringComparison.Ordinal)));
        }

        [Fact]
        public async Task The_p1_example_validates_with_its_line_and_inversion()
        {
            (int exit, string output, string error) = await Run("config", "validate", Example("p1-household.config.json"), "--secrets", Example("p1-household.secrets.json"));

            Assert.Equal(ExitCodes.Success, exit);
            Assert.Contains("meter main: p1 on p1, GPIO34, GPIO14, 115200-8N1, RX inverted by the UART" + Environment.NewLine, output);
            Assert.StartsWith("config validate: valid (", error, StringComparison.Ordinal);
        }

        [Fact]
        public async Task A_setup_with_problems_prints_each_with_its_path_and_exits_with_4()
        {
            string config = Path.Combine(_folder, "config.json");
            File.WriteAllText(config, SetupTexts.With(SetupTexts.With(SetupTexts.EthernetConfig, "meters[1].port", "\"s0-3\""), "broker.keepAliveSeconds", "-1"));
            File.WriteAllText(Path.Combine(_folder, "secrets.json"), SetupTexts.EthernetSecrets);

            (int exit, string output, string error) = await Run("config", "validate", config);

            Assert.Equal(ExitCodes.InvalidSetup, exit);
            Assert.Equal(
                string.Join(Environment.NewLine,
                    "$.broker.keepAliveSeconds: out of range or not a whole number (allowed: a whole number from 0 to 65535)",
                    "$.meters[1].port: board wt32-eth01 has 2 S0 input(s) (allowed: the ports board wt32-eth01 wires: tic, rs485, i2c, s0-1, s0-2)",
                    string.Empty),
                output);
            Assert.StartsWith($"config validate: 2 problems in {config}, {Path.Combine(_folder, "secrets.json")}, ", error, StringComparison.Ordinal);
        }

        [Fact]
        public async Task Takes_the_board_profile_by_name_or_file_and_says_which_names_exist()
        {
            string config = Example("ethernet-s0.config.json");
            string secrets = Example("ethernet-s0.secrets.json");
            string boardFile = Path.Combine(SetupTexts.Folder, "boards", "wt32-eth01.json");

            (int byFile, _, _) = await Run("config", "validate", config, "--secrets", secrets, "--board", boardFile);
            (int other, string otherOutput, _) = await Run("config", "validate", config, "--secrets", secrets, "--board", "esp32-devkitc");
            (int unknown, _, string unknownError) = await Run("config", "validate", config, "--secrets", secrets, "--board", "esp32-nosuch");

            Assert.Equal(ExitCodes.Success, byFile);
            Assert.Equal(ExitCodes.InvalidSetup, other);
            Assert.Contains("$.board: \"wt32-eth01\" but board.json is the profile of \"esp32-devkitc\"", otherOutput);
            Assert.Equal(ExitCodes.Usage, unknown);
            Assert.StartsWith("--board: no board profile 'esp32-nosuch' in ", unknownError, StringComparison.Ordinal);
            Assert.Contains("expected one of esp32-devkitc, ", unknownError);
        }

        [Fact]
        public async Task A_missing_file_is_a_usage_error()
        {
            (int exit, _, string error) = await Run("config", "validate", "/nonexistent/config.json");

            Assert.Equal(ExitCodes.Usage, exit);
            Assert.Equal("FILE '/nonexistent/config.json' does not exist; expected a node's config.json" + Environment.NewLine, error);
        }

        private static async Task<(int, string, string)> Run(params string[] args)
        {
            var output = new StringWriter();
            var error = new StringWriter();
            int exit = await EdgeCli.RunAsync(args, output, error, interactive: false);
            return (exit, output.ToString(), error.ToString());
        }
    }
}
