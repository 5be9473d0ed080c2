using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Edge.Core.Setup;
using Edge.Host.Cli;
using Edge.Tests.Tooling;
using Xunit;

namespace Edge.Tests.Host
{
    /// <summary>`edge provision`: the files of a node's folder, what it refuses (and that it then writes nothing),
    /// and --batch.</summary>
    public sealed class ProvisionCommandTests : IDisposable
    {
        private readonly ScratchFolder _scratch = new("edge-provision-tests");

        private string Out => Path.Combine(Work, "out");

        private string Work => _scratch.Path;

        public void Dispose() => _scratch.Dispose();

        [Theory]
        [MemberData(nameof(BoardProfileTests.Profiles), MemberType = typeof(BoardProfileTests))]
        public async Task Writes_config_secrets_board_ca_and_deploy_list_for_each_board(string board)
        {
            string network = BoardNetwork(board);
            var args = new List<string>(NodeArgs("node-7", board)) { "--broker", "mqtts://broker.example", "--username", "node-7", "--password-file", Secret("mqtt.txt", "broker-pass\n"), "--ca", CaFile() };

            (int exit, string output, string error) = await Run(args.ToArray());

            Assert.True(exit == 0, error);
            string folder = Path.Combine(Out, "node-7");
            Assert.Contains($"provisioned node-7 ({board}, main:tic@tic, mqtts://broker.example:8883) in {folder}", output);
            using JsonDocument config = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(folder, "config.json")));
            JsonElement root = config.RootElement;
            Assert.Equal(1, root.GetProperty("schemaVersion").GetInt32());
            Assert.Equal("node-7", root.GetProperty("nodeId").GetString());
            Assert.Equal(board, root.GetProperty("board").GetString());
            Assert.Equal("edge", root.GetProperty("topicPrefix").GetString());
            Assert.Equal(network, root.GetProperty("network").GetProperty("kind").GetString());
            Assert.Equal("pool.ntp.org", root.GetProperty("network").GetProperty("ntp")[0].GetString());
            Assert.Equal("mqtts://broker.example:8883", root.GetProperty("broker").GetProperty("uri").GetString());
            Assert.Equal(@"I:\edge\ca.pem", root.GetProperty("broker").GetProperty("ca").GetString());
            JsonElement meter = Assert.Single(root.GetProperty("meters").EnumerateArray());
            Assert.Equal("{\"id\":\"main\",\"kind\":\"tic\",\"port\":\"tic\",\"ticMode\":\"standard\"}", Compact(meter));

            using JsonDocument secrets = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(folder, "secrets.json")));
            Assert.Equal("broker-pass", secrets.RootElement.GetProperty("mqttPassword").GetString());
            Assert.Equal(network == "wifi", secrets.RootElement.TryGetProperty("wifiPassword", out _));
            Assert.DoesNotContain("broker-pass", File.ReadAllText(Path.Combine(folder, "config.json")), StringComparison.Ordinal);

            Assert.Equal(File.ReadAllBytes(RepoBoards.File(board)), File.ReadAllBytes(Path.Combine(folder, "board.json")));
            Assert.Equal(File.ReadAllBytes(CaFile()), File.ReadAllBytes(Path.Combine(folder, "ca.pem")));

            // The device's own readers take the folder as written: no problem, and the setup it describes.
            byte[] configBytes = File.ReadAllBytes(Path.Combine(folder, "config.json"));
            byte[] secretBytes = File.ReadAllBytes(Path.Combine(folder, "secrets.json"));
            byte[] boardBytes = File.ReadAllBytes(Path.Combine(folder, "board.json"));
            var problems = new SetupProblems();
            NodeSetup setup = NodeSetupReader.Read(configBytes, configBytes.Length, secretBytes, secretBytes.Length, boardBytes, boardBytes.Length, problems);
            Assert.Equal(0, problems.Count);
            Assert.Equal("node-7", setup.Node.NodeId);
            Assert.Equal("broker.example", setup.Broker.Host);
            Assert.Equal(8883, setup.Broker.Port);
            Assert.True(setup.Broker.Tls);
            Assert.Equal("broker-pass", setup.Node.MqttPassword);
            Assert.Equal("tic", Assert.Single(setup.Meters).Port);
            Assert.Equal(
                new[] { @"I:\edge\config.json=config.json", @"I:\edge\secrets.json=secrets.json", @"I:\edge\board.json=board.json", @"I:\edge\ca.pem=ca.pem" },
                DeployList(folder));
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(folder, "secrets.json")));
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(folder));
            }
        }

        [Fact]
        public async Task Wifi_board_takes_the_ssid_and_passphrase_into_config_and_secrets()
        {
            (int exit, _, string error) = await Run(
                "provision", "--node-id", "flat-3", "--board", "esp32-devkitc", "--meter", "tic-historique", "--meter", "s0:pv:s0-2:800",
                "--broker", "mqtt://10.0.0.5:1884", "--wifi-ssid", "Building A", "--wifi-password-file", Secret("wifi.txt", "correct horse\r\n"),
                "--profile", "linky-household", "--format", "senml", "--out", Out);

            Assert.True(exit == 0, error);
            string folder = Path.Combine(Out, "flat-3");
            using JsonDocument config = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(folder, "config.json")));
            JsonElement root = config.RootElement;
            Assert.Equal("{\"kind\":\"wifi\",\"ssid\":\"Building A\",\"ntp\":[\"pool.ntp.org\"]}", Compact(root.GetProperty("network")));
            Assert.Equal("{\"uri\":\"mqtt://10.0.0.5:1884\"}", Compact(root.GetProperty("broker")));
            Assert.Equal("linky-household", root.GetProperty("profile").GetString());
            Assert.Equal("senml", root.GetProperty("format").GetString());
            Assert.Equal(
                "[{\"id\":\"main\",\"kind\":\"tic\",\"port\":\"tic\",\"ticMode\":\"historique\"},{\"id\":\"pv\",\"kind\":\"s0\",\"port\":\"s0-2\",\"pulsesPerKwh\":800}]",
                Compact(root.GetProperty("meters")));
            Assert.Equal("{\"schemaVersion\":1,\"wifiPassword\":\"correct horse\"}", Compact(JsonDocument.Parse(File.ReadAllBytes(Path.Combine(folder, "secrets.json"))).RootElement));
            Assert.Equal(new[] { @"I:\edge\config.json=config.json", @"I:\edge\secrets.json=secrets.json", @"I:\edge\board.json=board.json" }, DeployList(folder));
        }

        [Fact]
        public async Task Wifi_board_without_ssid_is_refused_and_nothing_is_written()
        {
            (int exit, string output, string error) = await Run(NodeArgs("node-1", "esp32-devkitc", wifi: false).Concat(["--broker", "mqtt://b"]).ToArray());

            Assert.Equal(ExitCodes.Failure, exit);
            Assert.Contains("error: config.json $.network.ssid: missing: board esp32-devkitc connects by Wi-Fi; give --wifi-ssid and --wifi-password-file", error);
            Assert.Contains("error: secrets.json $.wifiPassword: missing: board esp32-devkitc connects by Wi-Fi", error);
            Assert.Contains("provision: nothing written for node-1: 2 problems", error);
            Assert.Equal(string.Empty, output);
            Assert.False(Directory.Exists(Out), "nothing is written for a node with a problem");
        }

        [Fact]
        public async Task Ethernet_board_refuses_wifi_options()
        {
            (int exit, _, string error) = await Run(NodeArgs("node-1", "wt32-eth01").Concat(["--broker", "mqtt://b", "--wifi-ssid", "Home"]).ToArray());

            Assert.Equal(ExitCodes.Failure, exit);
            Assert.Contains("error: config.json $.network.ssid: board wt32-eth01 connects by Ethernet: --wifi-ssid and --wifi-password-file do not apply", error);
            Assert.False(Directory.Exists(Out));
        }

        [Theory]
        [InlineData("--password")]
        [InlineData("--wifi-password")]
        public async Task Refuses_a_password_on_the_command_line(string option)
        {
            (int exit, _, string error) = await Run(NodeArgs("node-1", "wt32-eth01").Concat(["--broker", "mqtt://b", option, "hunter22"]).ToArray());

            Assert.Equal(ExitCodes.Usage, exit);
            Assert.StartsWith($"{option} is not accepted: a password on the command line stays in the shell history and shows in the process list; put it in a file and give {option}-file FILE, or {option}-file - to read it from standard input", error, StringComparison.Ordinal);
            Assert.DoesNotContain("hunter22", error, StringComparison.Ordinal);
            Assert.False(Directory.Exists(Out));
        }

        [Fact]
        public async Task Reads_a_password_from_standard_input_and_refuses_to_read_it_twice()
        {
            string[] args = NodeArgs("node-1", "esp32-devkitc", wifi: false).Concat(["--broker", "mqtt://b", "--username", "u", "--password-file", "-", "--wifi-ssid", "Home", "--wifi-password-file", "-"]).ToArray();

            (int twice, _, string error) = await Run(args, "one line\n");

            Assert.Equal(ExitCodes.Failure, twice);
            Assert.Contains("error: secrets.json $.mqttPassword: --password-file - : standard input is already read for --wifi-password-file; give one of them as a file", error);

            string[] once = args.Take(args.Length - 1).Append(Secret("wifi.txt", "12345678")).ToArray(); // the Wi-Fi passphrase from a file
            (int exit, _, string error2) = await Run(once, "from stdin\n");
            Assert.True(exit == 0, error2);
            Assert.Contains("\"mqttPassword\": \"from stdin\"", File.ReadAllText(Path.Combine(Out, "node-1", "secrets.json")));
        }

        [Theory]
        [InlineData("s0:pv:s0-2:1000", "error: config.json $.meters[1].port: 's0-2' is not an S0 input of board olimex-esp32-poe-iso; allowed: s0-1")]
        [InlineData("s0:pv:s0-1:1000 s0:hp:s0-1:500", "error: config.json $.meters[2].port: port 's0-1' is GPIO14, already used by $.meters[1] ('pv'); a pin serves one meter")]
        [InlineData("tic:second", "error: config.json $.meters[1].port: port 'tic' is GPIO32, already used by $.meters[0] ('main'); a pin serves one meter")]
        [InlineData("s0:main:s0-1:1000", "error: config.json $.meters[1].id: meter id 'main' is already the id of $.meters[0]; each meter needs its own")]
        public async Task Refuses_a_meter_the_board_cannot_take(string meters, string expected)
        {
            var args = new List<string>(NodeArgs("node-1", "olimex-esp32-poe-iso")) { "--broker", "mqtt://b" };
            foreach (string meter in meters.Split(' '))
            {
                args.Add("--meter");
                args.Add(meter);
            }

            (int exit, _, string error) = await Run(args.ToArray());

            Assert.Equal(ExitCodes.Failure, exit);
            Assert.Contains(expected, error);
            Assert.False(Directory.Exists(Out));
        }

        [Theory]
        [InlineData(12, "is GPIO12 on board test-board, a strapping pin: fix the board profile")]
        [InlineData(7, "is GPIO7 on board test-board, a pin of the module's SPI flash: fix the board profile")]
        [InlineData(1, "is GPIO1 on board test-board, UART0, the nanoFramework debug and deployment port: fix the board profile")]
        [InlineData(40, "is GPIO40 on board test-board, which the ESP32 lacks (GPIO0-39 without 20, 24, 28-31): fix the board profile")]
        [InlineData(26, "is GPIO26 on board test-board, which the board does not bring out (its \"gpio\" list): fix the board profile")]
        public async Task Refuses_a_meter_on_a_pin_no_interface_may_use(int gpio, string expected)
        {
            string boards = Path.Combine(Work, "boards");
            Directory.CreateDirectory(boards);
            File.WriteAllText(Path.Combine(boards, "test-board.json"), $"{{\"board\":\"test-board\",\"nanoFrameworkTarget\":\"ESP32_PSRAM_REV0\",\"network\":\"ethernet\",\"gpio\":[0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,27,28,29,30,31,32,33,34,35,36,37,38,39,40],\"pins\":{{\"ticRx\":{gpio},\"s0\":[]}}}}");

            (int exit, _, string error) = await Run(NodeArgs("node-1", "test-board").Concat(["--broker", "mqtt://b", "--boards", boards]).ToArray());

            Assert.Equal(ExitCodes.Failure, exit);
            Assert.Contains("error: config.json $.meters[0].port: port 'tic' " + expected, error);
        }

        [Fact]
        public async Task Names_an_unknown_board_with_the_profiles_there_are()
        {
            (int exit, _, string error) = await Run(NodeArgs("node-1", "esp8266").Concat(["--broker", "mqtt://b"]).ToArray());

            Assert.Equal(ExitCodes.Failure, exit);
            Assert.Contains("error: config.json $.board: unknown board 'esp8266': no esp8266.json in ", error);
            Assert.Contains("available: esp32-devkitc, ", error);
        }

        [Theory]
        [InlineData("mqtts://b", null, "error: config.json $.broker.ca: missing: mqtts:// needs --ca ca.pem")]
        [InlineData("mqtt://b", "ca", "error: config.json $.broker.ca: --ca is given but the broker is mqtt://: the CA certificate is used with mqtts:// only")]
        [InlineData("mqtts://b", "not-pem", "is not PEM (no -----BEGIN line)")]
        public async Task Refuses_a_broker_setting_that_cannot_work(string broker, string? ca, string expected)
        {
            var args = new List<string>(NodeArgs("node-1", "wt32-eth01")) { "--broker", broker };
            if (ca is not null)
            {
                args.Add("--ca");
                args.Add(ca == "ca" ? CaFile() : Secret("ca.der", "\u0030\u0082"));
            }

            (int exit, _, string error) = await Run(args.ToArray());

            Assert.Equal(ExitCodes.Failure, exit);
            Assert.Contains(expected, error);
        }

        [Fact]
        public async Task Writes_a_client_certificate_and_key_that_go_together_and_refuses_a_key_of_another()
        {
            (string certificate, string key) = ClientPair("node-1");
            (_, string otherKey) = ClientPair("node-2");
            string[] common = NodeArgs("node-1", "wt32-eth01").Concat(["--broker", "mqtts://b:9883", "--ca", CaFile(), "--cert", certificate]).ToArray();

            (int refused, _, string error) = await Run(common.Concat(["--key", otherKey]).ToArray());
            Assert.Equal(ExitCodes.Failure, refused);
            Assert.Contains("error: secrets.json $.clientKey: the key does not go with the client certificate", error);

            (int exit, _, string error2) = await Run(common.Concat(["--key", key]).ToArray());
            Assert.True(exit == 0, error2);
            string folder = Path.Combine(Out, "node-1");
            Assert.Equal(new[] { @"I:\edge\config.json=config.json", @"I:\edge\secrets.json=secrets.json", @"I:\edge\board.json=board.json", @"I:\edge\ca.pem=ca.pem", @"I:\edge\client.pem=client.pem" }, DeployList(folder));
            using JsonDocument config = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(folder, "config.json")));
            Assert.Equal(@"I:\edge\client.pem", config.RootElement.GetProperty("broker").GetProperty("clientCertificate").GetString());
            Assert.False(config.RootElement.GetProperty("broker").TryGetProperty("clientKey", out _), "the key is a secret: not in config.json");
            Assert.Equal("mqtts://b:9883", config.RootElement.GetProperty("broker").GetProperty("uri").GetString());
            using JsonDocument secrets = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(folder, "secrets.json")));
            Assert.Equal(File.ReadAllText(key), secrets.RootElement.GetProperty("clientKey").GetString());
        }

        [Fact]
        public async Task Replaces_an_existing_node_folder_only_with_force()
        {
            string[] args = NodeArgs("node-1", "wt32-eth01").Concat(["--broker", "mqtt://first"]).ToArray();
            Assert.Equal(0, (await Run(args)).Item1);
            string config = Path.Combine(Out, "node-1", "config.json");

            string[] again = NodeArgs("node-1", "wt32-eth01").Concat(["--broker", "mqtt://second"]).ToArray();
            (int refused, _, string error) = await Run(again);
            Assert.Equal(ExitCodes.Failure, refused);
            Assert.Contains($"error: {Path.Combine(Out, "node-1")} already exists; remove it, or give --force to replace it", error);
            Assert.Contains("mqtt://first:1883", File.ReadAllText(config));

            Assert.Equal(0, (await Run(again.Append("--force").ToArray())).Item1);
            Assert.Contains("mqtt://second:1883", File.ReadAllText(config));
            Assert.Equal(new[] { "node-1" }, Directory.GetFileSystemEntries(Out).Select(Path.GetFileName));
        }

        [Fact]
        public async Task Batch_writes_the_good_rows_reports_the_bad_ones_and_exits_1()
        {
            Secret("wifi.txt", "batchpass1");
            string csv = Secret(
                "nodes.csv",
                "node_id,board,meter,wifi_ssid,wifi_password_file\n" +
                "# delivery 2026-12, building A\n" +
                "flat-1,esp32-devkitc,tic-standard,\"Building A, 2nd floor\",wifi.txt\n" +
                "flat-2,esp32-devkitc,tic-standard s0:pv:s0-1:1000,,\n" +
                "sub-1,wt32-eth01,tic-standard s0:a:s0-1:1000 s0:b:s0-2:1000,,\n" +
                "flat-1,wt32-eth01,tic,,\n");

            (int exit, string output, string error) = await Run("provision", "--batch", csv, "--broker", "mqtt://broker.city", "--out", Out);

            Assert.Equal(ExitCodes.Failure, exit);
            string[] lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(6, lines.Length);
            Assert.Matches(@"^node +board +meters +broker +status$", lines[0]);
            Assert.Matches(@"^flat-1 +esp32-devkitc +main:tic@tic +mqtt://broker\.city:1883 +OK$", lines[1]);
            Assert.Matches(@"^flat-2 +esp32-devkitc +main:tic@tic pv:s0@s0-1 +mqtt://broker\.city:1883 +config\.json \$\.network\.ssid: missing: board esp32-devkitc connects by Wi-Fi; give --wifi-ssid and --wifi-password-file \(\+1 more\)$", lines[2]);
            Assert.Matches(@"^sub-1 +wt32-eth01 +main:tic@tic a:s0@s0-1 b:s0@s0-2 +mqtt://broker\.city:1883 +OK$", lines[3]);
            Assert.Matches(@"^flat-1 +wt32-eth01 +tic +mqtt://broker\.city +node id flat-1 is already the node of line 3$", lines[4]);
            Assert.Equal($"2 of 4 nodes provisioned in {Out}; 2 failed, nothing written for them", lines[5]);
            Assert.Contains("error: line 4 (flat-2): secrets.json $.wifiPassword: missing", error);
            Assert.Equal(new[] { "flat-1", "sub-1" }, Directory.GetDirectories(Out).Select(Path.GetFileName).Order(StringComparer.Ordinal));
            Assert.Contains("\"ssid\": \"Building A, 2nd floor\"", File.ReadAllText(Path.Combine(Out, "flat-1", "config.json")));
            Assert.Contains("\"wifiPassword\": \"batchpass1\"", File.ReadAllText(Path.Combine(Out, "flat-1", "secrets.json")));
        }

        [Fact]
        public async Task Batch_checks_each_row_as_the_command_line_checks_its_options()
        {
            string csv = Secret(
                "nodes.csv",
                "node_id,board,meter,broker\n" +
                "a/b,wt32-eth01,tic,mqtt://b\n" +
                "n2,wt32-eth01,s0:pv:s0-1:0,mqtt://b\n" +
                "n3,wt32-eth01,modbus:x,mqtt://b\n" +
                "n4,wt32-eth01,tic,mqtts://user:pw@b\n");

            (int exit, string output, string error) = await Run("provision", "--batch", csv, "--out", Out);

            Assert.Equal(ExitCodes.Failure, exit);
            Assert.Contains("error: line 2 (a/b): config.json $.nodeId: 'a/b' is not allowed; expected 1 to 23 letters, digits, '-' or '_', starting with a letter or digit", error);
            Assert.Contains("error: line 3 (n2): config.json $.meters[0]: 's0:pv:s0-1:0': '0' is not a meter constant; expected the pulses per kWh printed on the meter, 1 to 100000", error);
            Assert.Contains("error: line 4 (n3): config.json $.meters[0]: 'modbus:x' is not a meter; expected tic, tic-standard or tic-historique (optionally :ID), or s0:ID:PORT:PULSES_PER_KWH such as s0:pv:s0-1:1000", error);
            Assert.Contains("error: line 5 (n4): config.json $.broker.uri: 'mqtts://user:pw@b' has a path, query or user part; expected mqtts://host[:port]", error);
            Assert.EndsWith("0 of 4 nodes provisioned in " + Out + "; 4 failed, nothing written for them\n", output.Replace("\r\n", "\n", StringComparison.Ordinal), StringComparison.Ordinal);
            Assert.False(Directory.Exists(Out));
        }

        [Theory]
        [InlineData("node_id,board,colour\nn1,wt32-eth01,red\n", "line 1: column 'colour' is not one of node_id,board,meter,")]
        [InlineData("board,meter\nwt32-eth01,tic\n", "line 1: no node_id column; every row is a node and needs its id")]
        [InlineData("node_id,board,meter\nn1,wt32-eth01,\"tic\n", "not CSV as RFC 4180 writes it")]
        public async Task Batch_refuses_a_file_that_is_not_a_delivery_list_and_writes_nothing(string content, string expected)
        {
            string csv = Secret("nodes.csv", content);

            (int exit, string output, string error) = await Run("provision", "--batch", csv, "--broker", "mqtt://b", "--out", Out);

            Assert.Equal(ExitCodes.Usage, exit);
            Assert.Contains(expected, error);
            Assert.Contains("nothing written", error);
            Assert.Equal(string.Empty, output);
            Assert.False(Directory.Exists(Out));
        }

        [Fact]
        public async Task Batch_and_node_id_are_exclusive()
        {
            string csv = Secret("nodes.csv", "node_id\nn1\n");

            (int exit, _, string error) = await Run("provision", "--batch", csv, "--node-id", "n2", "--out", Out);

            Assert.Equal(ExitCodes.Usage, exit);
            Assert.StartsWith("--batch and --node-id are exclusive: the batch file gives each node its id", error, StringComparison.Ordinal);
        }

        [Fact]
        public async Task Writes_the_nodes_broker_password_line_and_acl_block_beside_its_files()
        {
            (int exit, string output, string error) = await Run(
                NodeArgs("flat-9", "wt32-eth01").Concat(["--broker", "mqtts://broker.city", "--ca", CaFile(), "--username", "flat-9", "--password-file", Secret("mqtt.txt", "n0de-pass\n")]).ToArray());

            Assert.True(exit == 0, error);
            string folder = Path.Combine(Out, "flat-9");
            string line = File.ReadAllText(Path.Combine(folder, "mosquitto.passwd"));
            Match hash = Regex.Match(line, @"^flat-9:\$7\$101\$([A-Za-z0-9+/=]{16})\$([A-Za-z0-9+/=]{88})\n$");
            Assert.True(hash.Success, line);
            byte[] salt = Convert.FromBase64String(hash.Groups[1].Value);
            Assert.Equal(12, salt.Length);
            Assert.Equal(Convert.ToBase64String(Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes("n0de-pass"), salt, 101, HashAlgorithmName.SHA512, 64)), hash.Groups[2].Value);
            Assert.Equal(
                "# node flat-9: publishes under its own topics only, receives only its own commands\n" +
                "user flat-9\n" +
                "topic write edge/flat-9/#\n" +
                "topic read edge/flat-9/cmd/#\n",
                File.ReadAllText(Path.Combine(folder, "mosquitto.acl")));
            Assert.DoesNotContain("n0de-pass", line, StringComparison.Ordinal);
            Assert.Equal(new[] { @"I:\edge\config.json=config.json", @"I:\edge\secrets.json=secrets.json", @"I:\edge\board.json=board.json", @"I:\edge\ca.pem=ca.pem" }, DeployList(folder));
            Assert.Contains($"  broker: add {Path.Combine(folder, "mosquitto.passwd")} to the broker's password_file and {Path.Combine(folder, "mosquitto.acl")} to its acl_file, then reload it (kill -HUP; docs/mosquitto.conf)", output);
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(folder, "mosquitto.passwd")));
            }
        }

        [Fact]
        public async Task Two_provisionings_of_one_password_never_share_a_salt()
        {
            string password = Secret("mqtt.txt", "same-pass\n");
            await Run(NodeArgs("flat-1", "wt32-eth01").Concat(["--broker", "mqtt://b", "--username", "flat-1", "--password-file", password]).ToArray());
            await Run(NodeArgs("flat-1", "wt32-eth01").Concat(["--broker", "mqtt://b", "--username", "flat-1", "--password-file", password, "--force"]).ToArray());
            string second = File.ReadAllText(Path.Combine(Out, "flat-1", "mosquitto.passwd"));
            await Run(NodeArgs("flat-1", "wt32-eth01").Concat(["--broker", "mqtt://b", "--username", "flat-1", "--password-file", password, "--force"]).ToArray());
            string third = File.ReadAllText(Path.Combine(Out, "flat-1", "mosquitto.passwd"));

            Assert.StartsWith("flat-1:$7$101$", second, StringComparison.Ordinal);
            Assert.NotEqual(second, third);
        }

        [Fact]
        public async Task Iota_node_acl_names_each_of_its_iot_agent_devices()
        {
            (int exit, _, string error) = await Run(
                "provision", "--node-id", "sub-2", "--board", "wt32-eth01", "--meter", "tic-standard", "--meter", "s0:pv:s0-1:1000", "--format", "iota-json",
                "--broker", "mqtt://b", "--username", "sub-2", "--out", Out);

            Assert.True(exit == 0, error);
            Assert.Equal(
                "# node sub-2: publishes under its own topics only, receives only its own commands\n" +
                "user sub-2\n" +
                "topic write edge/sub-2/#\n" +
                "topic read edge/sub-2/cmd/#\n" +
                "topic write /json/edge/sub-2-main-PT1M/attrs\n" +
                "topic write /json/edge/sub-2-main-PT1M/cmdexe\n" +
                "topic read /edge/sub-2-main-PT1M/cmd\n" +
                "topic write /json/edge/sub-2-pv-PT1M/attrs\n" +
                "topic write /json/edge/sub-2-pv-PT1M/cmdexe\n" +
                "topic read /edge/sub-2-pv-PT1M/cmd\n",
                File.ReadAllText(Path.Combine(Out, "sub-2", "mosquitto.acl")));
            Assert.False(File.Exists(Path.Combine(Out, "sub-2", "mosquitto.passwd")), "no password was given: no password line");
        }

        [Fact]
        public async Task Client_certificate_common_name_is_the_acl_user_of_a_node_without_user_name()
        {
            (string certificate, string key) = ClientPair("node-cert-4");

            (int exit, _, string error) = await Run(
                NodeArgs("flat-4", "wt32-eth01").Concat(["--broker", "mqtts://broker.city", "--ca", CaFile(), "--cert", certificate, "--key", key]).ToArray());

            Assert.True(exit == 0, error);
            Assert.StartsWith("# node flat-4: publishes under its own topics only, receives only its own commands\nuser node-cert-4\ntopic write edge/flat-4/#\n", File.ReadAllText(Path.Combine(Out, "flat-4", "mosquitto.acl")), StringComparison.Ordinal);
            Assert.False(File.Exists(Path.Combine(Out, "flat-4", "mosquitto.passwd")));
        }

        [Fact]
        public async Task Node_without_broker_identity_gets_no_broker_entry_and_is_told_why()
        {
            (int exit, string output, string error) = await Run(NodeArgs("flat-5", "wt32-eth01").Concat(["--broker", "mqtt://b"]).ToArray());

            Assert.True(exit == 0, error);
            Assert.False(File.Exists(Path.Combine(Out, "flat-5", "mosquitto.acl")));
            Assert.Contains("  broker: no --username and no client certificate, so the broker cannot tell this node from another and no ACL entry was made", output);
        }

        [Fact]
        public async Task Refuses_a_user_name_the_brokers_password_file_cannot_hold()
        {
            (int exit, _, string error) = await Run(NodeArgs("flat-6", "wt32-eth01").Concat(["--broker", "mqtt://b", "--username", "flat:6", "--password-file", Secret("mqtt.txt", "x\n")]).ToArray());

            Assert.Equal(ExitCodes.Failure, exit);
            Assert.Contains("error: config.json $.broker.username: a broker user name holds no ':' and no line break (the broker's password file is one user:hash per line)", error);
            Assert.False(Directory.Exists(Out));
        }

        [Fact]
        public async Task Batch_gathers_the_broker_entries_of_the_nodes_it_provisioned()
        {
            Secret("a.txt", "pass-a\n");
            Secret("b.txt", "pass-b\n");
            string csv = Secret(
                "nodes.csv",
                "node_id,board,meter,username,password_file\n" +
                "flat-a,wt32-eth01,tic-standard,flat-a,a.txt\n" +
                "flat-b,wt32-eth01,tic-standard,flat-b,b.txt\n" +
                "flat-c,wt32-eth01,no-such-meter,flat-c,b.txt\n");

            (int exit, string output, _) = await Run("provision", "--batch", csv, "--broker", "mqtt://broker.city", "--out", Out);

            Assert.Equal(ExitCodes.Failure, exit);
            string[] passwords = File.ReadAllLines(Path.Combine(Out, "mosquitto.passwd"));
            Assert.Equal(2, passwords.Length);
            Assert.StartsWith("flat-a:$7$101$", passwords[0], StringComparison.Ordinal);
            Assert.StartsWith("flat-b:$7$101$", passwords[1], StringComparison.Ordinal);
            Assert.Equal(File.ReadAllText(Path.Combine(Out, "flat-a", "mosquitto.passwd")), passwords[0] + "\n");
            string acl = File.ReadAllText(Path.Combine(Out, "mosquitto.acl"));
            Assert.Equal(File.ReadAllText(Path.Combine(Out, "flat-a", "mosquitto.acl")) + "\n" + File.ReadAllText(Path.Combine(Out, "flat-b", "mosquitto.acl")) + "\n", acl);
            Assert.DoesNotContain("flat-c", acl, StringComparison.Ordinal);
            Assert.Contains($"broker entries of the nodes provisioned: {Path.Combine(Out, "mosquitto.passwd")}, {Path.Combine(Out, "mosquitto.acl")}; add them to the broker's password_file and acl_file, then reload it (docs/mosquitto.conf)", output);
        }

        // ---------------------------------------------------------------- helpers

        private string[] NodeArgs(string nodeId, string board, bool wifi = true)
        {
            var args = new List<string> { "provision", "--node-id", nodeId, "--board", board, "--meter", "tic-standard", "--out", Out };
            if (wifi && BoardNetwork(board) == "wifi")
            {
                args.AddRange(["--wifi-ssid", "Home", "--wifi-password-file", Secret("wifi.txt", "wifi-passphrase\n")]);
            }

            return args.ToArray();
        }

        private static string BoardNetwork(string board) => File.Exists(RepoBoards.File(board)) ? RepoBoards.Network(board) : "none";

        private string Secret(string name, string content)
        {
            string path = Path.Combine(Work, name);
            File.WriteAllText(path, content);
            return path;
        }

        private string CaFile()
        {
            string path = Path.Combine(Work, "ca.pem");
            if (!File.Exists(path))
            {
                using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
                var request = new CertificateRequest("CN=Edge test CA", key, HashAlgorithmName.SHA256);
                request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
                using X509Certificate2 ca = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
                File.WriteAllText(path, ca.ExportCertificatePem() + "\n");
            }

            return path;
        }

        private (string Certificate, string Key) ClientPair(string name)
        {
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var request = new CertificateRequest("CN=" + name, key, HashAlgorithmName.SHA256);
            using X509Certificate2 certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
            return (Secret(name + ".pem", certificate.ExportCertificatePem() + "\n"), Secret(name + ".key", key.ExportPkcs8PrivateKeyPem() + "\n"));
        }

        private static string[] DeployList(string folder)
        {
            using JsonDocument deploy = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(folder, "deploy.json")));
            Assert.False(deploy.RootElement.TryGetProperty("serialport", out _), "the port is known only when the node is commissioned");
            return deploy.RootElement.GetProperty("files").EnumerateArray()
                .Select(f => f.GetProperty("DestinationFilePath").GetString() + "=" + f.GetProperty("SourceFilePath").GetString())
                .ToArray();
        }

        private static string Compact(JsonElement element) => JsonSerializer.Serialize(element);

        private static Task<(int, string, string)> Run(params string[] args) => Run(args, null);

        private static async Task<(int, string, string)> Run(string[] args, string? stdin)
        {
            var output = new StringWriter();
            var error = new StringWriter();
            Func<Stream>? input = stdin is null ? null : () => new MemoryStream(Encoding.UTF8.GetBytes(stdin));
            int exit = await EdgeCli.RunAsync(args, output, error, interactive: false, standardInput: input ?? (() => new MemoryStream()));
            return (exit, output.ToString(), error.ToString());
        }
    }
}
