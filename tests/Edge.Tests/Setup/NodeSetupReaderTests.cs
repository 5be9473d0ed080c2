using System;
using System.Linq;
using System.Text;
using Edge.Core.Payloads;
using Edge.Core.Setup;
using Xunit;
using Xunit.Abstractions;
using static Edge.Tests.Setup.SetupTexts;

namespace Edge.Tests.Setup
{
    // Not in parallel with other tests: the retained figure is process-wide (GC.GetTotalMemory).
    [Collection(Edge.Tests.Core.Node.MemoryMeasurementCollection.Name)]
    public class NodeSetupReaderTests(ITestOutputHelper output)
    {
        [Fact]
        public void Reads_the_linky_household_example_into_its_setup()
        {
            (NodeSetup setup, string[] problems) = Read(LinkyConfig, LinkySecrets, Board("esp32-devkitc"));

            Assert.Empty(problems);
            Assert.Equal("linky-0042", setup.Node.NodeId);
            Assert.Equal("esp32-devkitc", setup.Board);
            Assert.Equal("esp32-devkitc", setup.Node.Board);
            Assert.Equal("linky-household", setup.ProfileName);
            Assert.Equal(2, setup.Node.Profile.Windows.Length);
            Assert.Equal(PayloadFormat.EdgeJson, setup.Node.Format);
            Assert.Equal(("wifi", "maison-42", "correct horse battery staple"), (setup.Network.Kind, setup.Network.Ssid, setup.Network.WifiPassword));
            Assert.Equal(new[] { "pool.ntp.org", "time.google.com" }, setup.Network.NtpServers);
            Assert.Equal(("broker.example", 8883, true, "I:\\edge\\ca.pem"), (setup.Broker.Host, setup.Broker.Port, setup.Broker.Tls, setup.Broker.CaFile));
            Assert.Equal(("linky-0042", "change-me-0042", 60), (setup.Node.MqttUserName, setup.Node.MqttPassword, setup.Node.KeepAliveSeconds));
            Assert.Equal(new[] { ("main", "tic", "tic"), ("pv", "s0", "s0-1") }, setup.Meters.Select(m => (m.Id, m.Kind, m.Port)));
            Assert.Equal("auto", setup.Meters[0].TicMode);
            Assert.Equal(1000, setup.Meters[1].PulsesPerKwh);
            Assert.Equal((7200, 900, 2300L), (setup.Node.HealthSeconds, setup.Node.HeartbeatSeconds, setup.Node.NominalVoltageDeciVolts));
            Assert.Equal((35, 32, 23), (setup.Pins.TicRx, setup.Pins.S0[0], setup.Pins.StatusLed));
        }

        [Fact]
        public void Reads_the_ethernet_example_with_its_fixed_address_and_client_certificate()
        {
            (NodeSetup setup, string[] problems) = Read(EthernetConfig, EthernetSecrets, Board("wt32-eth01"));

            Assert.Empty(problems);
            Assert.Equal(("ethernet", "192.168.10.27", "255.255.255.0", "192.168.10.1"), (setup.Network.Kind, setup.Network.Address, setup.Network.SubnetMask, setup.Network.Gateway));
            Assert.Null(setup.Node.Profile);
            Assert.Equal(900, setup.Node.WindowSeconds);
            Assert.Equal(PayloadFormat.Senml, setup.Node.Format);
            Assert.Equal(("feeder-0007", "I:\\edge\\client.pem", "I:\\edge\\client.key"), (setup.Broker.ClientId, setup.Broker.ClientCertificateFile, setup.Broker.ClientKeyFile));
            Assert.Equal((0, false, 106496), (setup.Node.HeartbeatSeconds, setup.Node.WatchVoltageQuality, setup.Node.OutboxBytes));
            Assert.Equal(new[] { (1000, 0L, 12000), (800, 1520000L, 23000) }, setup.Meters.Select(m => (m.PulsesPerKwh, m.InitialEnergyWh, m.MaxPowerW)));
            Assert.Equal(new[] { 32, 39 }, setup.Pins.S0);
            Assert.Equal(PinMap.None, setup.Pins.StatusLed);
        }

        public static TheoryData<string, string?, string, string> Rejections => new()
        {
            // edit of the Linky example, new value (null: removed), problem line expected (prefix), why
            { "schemaVersion", "2", "$.schemaVersion: out of range or not a whole number (allowed: a whole number from 1 to 1)", "another format version" },
            { "nodeId", "\"linky/42\"", "$.nodeId: \"linky/42\" is not a topic level", "a topic separator in the node id" },
            { "nodeId", null, "$.nodeId: missing", "required field" },
            { "profil", "\"single\"", "$.profil: unknown field (allowed: schemaVersion, nodeId, board,", "a typo" },
            { "profile", "\"hourly\"", "$.profile: \"hourly\" is not one of them (allowed: single, linky-household, substation)", "unknown profile" },
            { "format", "\"cbor\"", "$.format: \"cbor\" is not one of them (allowed: edge-json, senml, iota-json)", "unknown format" },
            { "network", "\"wifi\"", "$.network: expected an object, found a string", "wrong type" },
            { "network.kind", "\"lte\"", "$.network.kind: \"lte\" is not one of them (allowed: wifi, ethernet)", "unknown network" },
            { "network.ssid", null, "$.network.ssid: missing", "Wi-Fi without a network name" },
            { "network.ssid", "\"" + new string('s', 33) + "\"", "$.network.ssid: too long (33 characters)", "an SSID is 32 octets at most" },
            { "network.address", "\"10.0.0.300\"", "$.network.address: \"10.0.0.300\" is not an IPv4 address", "bad address" },
            { "network.address", "\"10.0.0.3\"", "$.network.subnetMask: missing with a fixed address", "fixed address without mask" },
            { "network.ntp", "[]", "$.network.ntp: empty", "no time server" },
            { "broker.uri", "\"http://broker\"", "$.broker.uri: \"http://broker\" is not a broker address", "not MQTT" },
            { "broker.uri", "\"mqtts://broker:99999\"", "$.broker.uri: \"mqtts://broker:99999\" is not a broker address", "port beyond 16 bits" },
            { "broker.ca", "null", "$.broker.ca: missing for mqtts://", "TLS without a CA" },
            { "broker.keepAliveSeconds", "70000", "$.broker.keepAliveSeconds: out of range or not a whole number (allowed: a whole number from 0 to 65535)", "keep-alive beyond 16 bits" },
            { "broker.clientId", "\"a-client-id-longer-than-23\"", "$.broker.clientId: too long (26 characters)", "MQTT 3.1.1 client id" },
            { "broker.clientCertificate", "\"I:\\\\edge\\\\client.pem\"", "secrets.json $.clientKey: missing while config.json gives broker.clientCertificate", "certificate without key" },
            { "meters", "[]", "$.meters: empty: a node reads at least one meter", "no meter" },
            { "meters[1].pulsesPerKwh", "0", "$.meters[1].pulsesPerKwh: out of range or not a whole number (allowed: a whole number from 1 to 100000)", "meter constant" },
            { "meters[1].pulsesPerKwh", null, "$.meters[1].pulsesPerKwh: missing", "S0 without its constant" },
            { "meters[0].pulsesPerKwh", "1000", "$.meters[0].pulsesPerKwh: not a field of a tic meter (allowed: id, kind, port, ticMode)", "a field of another kind" },
            { "meters[0].ticMode", "\"fast\"", "$.meters[0].ticMode: \"fast\" is not one of them (allowed: auto, historique, standard)", "TIC mode" },
            { "meters[0].kind", "\"p2\"", "$.meters[0].kind: \"p2\" is not one of them (allowed: tic, s0, modbus, p1, ina219, ina226, bme280, sht3x)", "unknown kind" },
            { "meters[0].kind", "\"modbus\"", "$.meters[0].port: \"tic\" is not the RS-485 line (allowed: rs485)", "a Modbus meter on the TIC line" },
            { "meters[0].port", "\"s0-1\"", "$.meters[0].port: \"s0-1\" is not the TIC line (allowed: tic)", "TIC on a pulse input" },
            { "meters[1].port", "\"uart1\"", "$.meters[1].port: \"uart1\" is not an S0 input (allowed: s0-1, s0-2, ...)", "S0 on no input" },
            { "meters[1].id", "\"main\"", "$.meters[1].id: \"main\" is the id of another meter", "two meters, one id" },
            { "meters[1].id", "\"pv/roof\"", "$.meters[1].id: \"pv/roof\" holds '/', '+', '#', '\"', ':' or '\\'", "an id that would split its topics" },
            { "meters[1].id", "\"pv:roof\"", "$.meters[1].id: \"pv:roof\" holds '/', '+', '#', '\"', ':' or '\\'", "an id no store file can be named after" },
            { "meters[1].initialEnergyWh", "-5", "$.meters[1].initialEnergyWh: out of range", "negative register" },
            { "pins.ticRx", "40", "$.pins.ticRx: out of range or not a whole number (allowed: a whole number from 0 to 39)", "beyond the chip" },
            { "pins.led", "2", "$.pins.led: unknown field", "a typo in the pins" },
            { "node.windowSeconds", "900", "$.node.windowSeconds: the profile \"linky-household\" has its own windows", "window with a profile" },
            { "node.heartbeatSeconds", "86401", "$.node.heartbeatSeconds: out of range or not a whole number (allowed: a whole number from 0 to 86400)", "ConfigFields' range" },
            { "node.nominalVoltage", "500", "$.node.nominalVoltage: out of range or not a whole number (allowed: a voltage from 100 to 400 V)", "ConfigFields' range" },
            { "node.powerQuality", "\"yes\"", "$.node.powerQuality: expected true or false, found a string", "not a boolean" },
            { "node.outboxBytes", "1000", "$.node: OutboxBytes", "NodeConfig's own rule between fields" },
        };

        [Theory]
        [MemberData(nameof(Rejections))]
        public void Refuses_each_wrong_value_with_its_path_and_what_is_allowed(string path, string? value, string expected, string why)
        {
            string config = path == "node.outboxBytes"
                ? With(With(LinkyConfig, path, value), "node.outboxSegmentBytes", "4096")
                : With(LinkyConfig, path, value);
            (_, string[] problems) = Read(config, LinkySecrets, Board("esp32-devkitc"));

            Assert.True(problems.Any(p => p.StartsWith(expected, StringComparison.Ordinal)), $"{why}: expected '{expected}' among {string.Join(" | ", problems)}");
        }

        [Fact]
        public void Refuses_a_field_given_twice()
        {
            string config = LinkyConfig.Replace("\"topicPrefix\": \"edge\",", "\"topicPrefix\": \"edge\", \"topicPrefix\": \"grid\",", StringComparison.Ordinal);
            (NodeSetup setup, string[] problems) = Read(config, LinkySecrets, Board("esp32-devkitc"));

            Assert.Equal(new[] { "$.topicPrefix: given twice (allowed: each field once)" }, problems);
            Assert.Equal("edge", setup.Node.TopicPrefix);
        }

        [Fact]
        public void Reports_every_problem_of_the_files_in_one_pass()
        {
            string config = With(With(With(LinkyConfig, "format", "\"cbor\""), "meters[1].pulsesPerKwh", "0"), "network.kind", "\"lte\"");
            string secrets = With(LinkySecrets, "wifiPassword", "\"short\"");
            (_, string[] problems) = Read(config, secrets, Board("esp32-devkitc"));

            Assert.Equal(
                new[]
                {
                    "$.format: \"cbor\" is not one of them (allowed: edge-json, senml, iota-json)",
                    "$.network.kind: \"lte\" is not one of them (allowed: wifi, ethernet)",
                    "$.meters[1].pulsesPerKwh: out of range or not a whole number (allowed: a whole number from 1 to 100000)",
                    "secrets.json $.wifiPassword: too short (5 characters) (allowed: a WPA2 passphrase of 8 to 63 printable ASCII characters, or 64 hexadecimal digits (IEEE 802.11 annex J.4.1))",
                },
                problems);
        }

        [Fact]
        public void A_text_that_is_not_json_is_one_problem_with_its_line_and_column()
        {
            (_, string[] problems) = Read("{\"schemaVersion\": 1,\n  \"nodeId\": linky}", LinkySecrets, Board("esp32-devkitc"));

            Assert.Equal(new[] { "$: not JSON: a value is expected at line 2, column 13 (allowed: a JSON text (RFC 8259))" }, problems);
        }

        public static TheoryData<string, string?, string> SecretRejections => new()
        {
            { "wifiPassword", "\"sesame7\"", "secrets.json $.wifiPassword: too short (7 characters)" },
            { "wifiPassword", "\"" + new string('x', 64) + "\"", "secrets.json $.wifiPassword: holds a character that is not allowed" },
            { "wifiPassword", "\"tab\\there-in-it\"", "secrets.json $.wifiPassword: holds a character that is not allowed" },
            { "wifiPassword", null, "secrets.json $.wifiPassword: missing for a Wi-Fi node" },
            { "mqttPassword", "\"" + new string('p', 257) + "\"", "secrets.json $.mqttPassword: too long (257 characters)" },
            { "mqttPasword", "\"x\"", "secrets.json $.mqttPasword: unknown field (allowed: schemaVersion, wifiPassword, mqttPassword, clientKey)" },
            { "schemaVersion", null, "secrets.json $.schemaVersion: missing" },
        };

        [Theory]
        [MemberData(nameof(SecretRejections))]
        public void Refuses_each_wrong_secret_without_showing_it(string field, string? value, string expected)
        {
            (_, string[] problems) = Read(LinkyConfig, With(LinkySecrets, field, value), Board("esp32-devkitc"));

            Assert.Contains(problems, p => p.StartsWith(expected, StringComparison.Ordinal));
            string? secret = value?.Trim('"');
            Assert.All(problems, p => Assert.True(secret is null || secret.Length < 4 || !p.Contains(secret, StringComparison.Ordinal), p));
        }

        [Fact]
        public void A_password_without_a_user_name_is_refused()
        {
            (_, string[] problems) = Read(With(LinkyConfig, "broker.username", "null"), LinkySecrets, Board("esp32-devkitc"));

            Assert.Equal(new[] { "secrets.json $.mqttPassword: given without broker.username in config.json (allowed: a user name with the password)" }, problems);
        }

        [Fact]
        public void Takes_a_client_key_given_as_pem_text()
        {
            const string Pem = "-----BEGIN EC PRIVATE KEY-----\nMHcCAQEE\n-----END EC PRIVATE KEY-----\n";
            string secrets = With(EthernetSecrets, "clientKey", System.Text.Json.JsonSerializer.Serialize(Pem));
            (NodeSetup setup, string[] problems) = Read(EthernetConfig, secrets, Board("wt32-eth01"));

            Assert.Empty(problems);
            Assert.Equal(Pem, setup.Broker.ClientKeyPem);
            Assert.Null(setup.Broker.ClientKeyFile);
        }

        [Fact]
        public void Reading_a_setup_allocates_a_few_kilobytes_and_keeps_under_two()
        {
            byte[] config = Encoding.UTF8.GetBytes(LinkyConfig);
            byte[] secrets = Encoding.UTF8.GetBytes(LinkySecrets);
            byte[] board = Encoding.UTF8.GetBytes(Board("esp32-devkitc"));
            var warm = new SetupProblems();
            NodeSetupReader.Read(config, config.Length, secrets, secrets.Length, board, board.Length, warm);
            Assert.Equal(0, warm.Count);

            long before = GC.GetAllocatedBytesForCurrentThread();
            NodeSetup setup = NodeSetupReader.Read(config, config.Length, secrets, secrets.Length, board, board.Length, new SetupProblems());
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

            // Retained: what 100 setups read and kept hold, per setup (the process-wide figure, averaged over many, so
            // that what other threads allocate meanwhile is lost in the division).
            var kept = new NodeSetup[100];
            long heldBefore = GC.GetTotalMemory(true);
            for (int i = 0; i < kept.Length; i++)
            {
                kept[i] = NodeSetupReader.Read(config, config.Length, secrets, secrets.Length, board, board.Length, new SetupProblems());
            }

            long retained = (GC.GetTotalMemory(true) - heldBefore) / kept.Length;
            GC.KeepAlive(kept);
            output.WriteLine($"config {config.Length} B, secrets {secrets.Length} B, board {board.Length} B: {allocated} B allocated by a read, {retained} B retained");

            Assert.Equal("linky-0042", setup.Node.NodeId);
            // .NET figures (64-bit references, 24-byte object headers): the device's are smaller. Measured: 17.8 KB
            // allocated, 2.3 KB retained. The texts are read in place: a read allocates the strings it keeps, the
            // NodeSetup with its NodeConfig and aggregation profile, the paths of array items and the pin lists' scratch.
            Assert.InRange(allocated, 1, 24 * 1024);
            Assert.InRange(retained, 0, 8 * 1024);
        }
    }
}
