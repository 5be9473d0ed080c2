#nullable disable
using Edge.Core.Aggregation;
using Edge.Core.Commands;
using Edge.Core.Meters;
using Edge.Core.Node;
using Edge.Core.Payloads;
using Edge.Core.Time;

namespace Edge.Core.Setup
{
    /// <summary>
    /// Reads a node's <c>config.json</c> and <c>secrets.json</c> (docs/configuration.md) into a
    /// <see cref="NodeSetup"/>, the same on the device and the host: token by token, every problem recorded with its
    /// JSON path, what is wrong and what is allowed. Unknown fields are problems. The board's pins are checked
    /// afterwards against its profile by <see cref="PinPlanCheck"/> (<see cref="Read(byte[], int, byte[], int, byte[], int, SetupProblems)"/>
    /// does both).
    /// </summary>
    public static class NodeSetupReader
    {
        /// <summary>The version of the file format this reader takes (<c>schemaVersion</c> of both files).</summary>
        public const int SchemaVersion = 1;

        /// <summary>Longest node id: it is the MQTT client id unless one is given, and a topic level.</summary>
        public const int MaxNodeId = 64;

        /// <summary>Longest name or path in the configuration (host names, file paths, user name).</summary>
        public const int MaxText = 255;

        /// <summary>Most SNTP servers a node tries.</summary>
        public const int MaxNtpServers = 4;

        /// <summary>Most meters a node reads: its statistics slots (NodeConfig.SlotCapacity, 32) are shared by them.</summary>
        public const int MaxMeters = 16;

        /// <summary>IEEE 802.11-2016 section 9.4.2.2: an SSID is 0 to 32 octets.</summary>
        public const int MaxSsid = 32;

        /// <summary>MQTT 3.1.1 section 3.1.3.1: a server must take client ids of 1 to 23 characters (others it may refuse).</summary>
        public const int MaxClientId = 23;

        /// <summary>MQTT 3.1.1 section 3.1.2.10: the keep-alive is a 16-bit number of seconds.</summary>
        public const int MaxKeepAliveSeconds = 65535;

        /// <summary>Longest MQTT password taken: MQTT allows 65535 bytes (section 3.1.3.5), a device heap does not.</summary>
        public const int MaxMqttPassword = 256;

        /// <summary>Longest client key given inline (a PEM EC or RSA-2048 key is under 2 KB).</summary>
        public const int MaxClientKey = 4096;

        private const string TopicLevelAllowed = "a non-empty MQTT topic level, without '/', '+', '#' (MQTT 3.1.1 section 4.7)";
        private const string Ipv4Allowed = "a dotted IPv4 address such as 192.168.1.20, or null";
        private const string PemBegin = "-----BEGIN";

        private const int FSchemaVersion = 0;
        private const int FNodeId = 1;
        private const int FBoard = 2;
        private const int FTopicPrefix = 3;
        private const int FProfile = 4;
        private const int FFormat = 5;
        private const int FNetwork = 6;
        private const int FBroker = 7;
        private const int FMeters = 8;
        private const int FPins = 9;
        private const int FNode = 10;

        private static readonly string[] TopFields =
        {
            "schemaVersion", "nodeId", "board", "topicPrefix", "profile", "format", "network", "broker", "meters", "pins", "node",
        };

        private static readonly string[] Formats = { "edge-json", "senml", "iota-json" };

        private static readonly string[] NetworkFields = { "kind", "ssid", "address", "subnetMask", "gateway", "dns", "ntp" };
        private static readonly string[] NetworkKinds = { NetworkSettings.WifiKind, NetworkSettings.EthernetKind };

        private static readonly string[] BrokerFields = { "uri", "clientId", "username", "ca", "clientCertificate", "keepAliveSeconds" };

        private static readonly string[] NodeFields =
        {
            "windowSeconds", "heartbeatSeconds", "meterSilenceSeconds", "healthSeconds", "healthFullEvery", "powerQuality",
            "nominalVoltage", "outboxBytes", "outboxSegmentBytes", "replayPerSecond", "maxMessageBytes", "relayMaxSeconds",
            "iotaApiKey", "utcOffsetMinutes", "euSummerTime", "relayMinOffSeconds",
        };

        private static readonly string[] SecretFields = { "schemaVersion", "wifiPassword", "mqttPassword", "clientKey" };

        /// <summary>
        /// Reads the configuration and secrets, then the board profile, and checks the pins the meters use on that
        /// board (<see cref="PinPlanCheck"/>): what the device does at start. The setup is complete only when no
        /// problem was added to <paramref name="problems"/>; a null or empty secrets text is a node without secrets.
        /// </summary>
        public static NodeSetup Read(byte[] config, int configLength, byte[] secrets, int secretsLength, byte[] board, int boardLength, SetupProblems problems)
        {
            NodeSetup setup = Read(config, configLength, secrets, secretsLength, problems);
            BoardProfile profile = BoardProfileReader.Read(board, boardLength, problems);
            if (profile != null)
            {
                PinPlanCheck.Apply(setup, profile, problems);
            }

            return setup;
        }

        /// <summary>
        /// Reads the configuration and secrets, without the board's pins (<see cref="NodeSetup.Pins"/> stays empty
        /// until <see cref="PinPlanCheck.Apply"/>): for a caller that finds the board profile from
        /// <see cref="NodeSetup.Board"/>. Never null; usable only when no problem was added.
        /// </summary>
        public static NodeSetup Read(byte[] config, int configLength, byte[] secrets, int secretsLength, SetupProblems problems)
        {
            var setup = new NodeSetup();
            var json = new SetupJson(problems);
            bool tls = false;
            if (json.Start(SetupFiles.Config, config, configLength) && json.IsObject("$", null, "a node configuration object"))
            {
                tls = ReadConfig(json, setup);
            }

            bool configRead = !json.Broken;
            if (secrets != null && secretsLength > 0)
            {
                if (json.Start(SetupFiles.Secrets, secrets, secretsLength) && json.IsObject("$", null, "a secrets object"))
                {
                    ReadSecrets(json, setup);
                }
            }

            // Rules across the files say nothing sensible about a file that is not JSON.
            if (configRead && !json.Broken)
            {
                CheckAcross(json, setup, tls);
            }

            return setup;
        }

        private static bool ReadConfig(SetupJson json, NodeSetup setup)
        {
            NodeConfig node = setup.Node;
            int seen = 0;
            int field;
            bool tls = false;
            int windowSeconds = 0;
            while ((field = json.NextField(TopFields, ref seen, "$")) >= 0)
            {
                string name = TopFields[field];
                switch (field)
                {
                    case FSchemaVersion:
                        json.Whole("$", name, SchemaVersion, SchemaVersion, SchemaVersion);
                        break;
                    case FNodeId:
                        node.NodeId = TopicLevel(json, "$", name, MaxNodeId, node.NodeId);
                        break;
                    case FBoard:
                        setup.Board = json.Text("$", name, MaxText, false, "a board profile name of hardware/boards, e.g. esp32-devkitc");
                        node.Board = setup.Board;
                        break;
                    case FTopicPrefix:
                        node.TopicPrefix = TopicLevel(json, "$", name, MaxText, node.TopicPrefix);
                        break;
                    case FProfile:
                        setup.ProfileName = json.Choice("$", name, AggregationProfiles.Names, AggregationProfiles.Single);
                        break;
                    case FFormat:
                        PayloadFormat format;
                        PayloadFormats.TryParse(json.Choice("$", name, Formats, Formats[0]), out format);
                        node.Format = format;
                        break;
                    case FNetwork:
                        ReadNetwork(json, setup.Network);
                        break;
                    case FBroker:
                        tls = ReadBroker(json, setup);
                        break;
                    case FMeters:
                        setup.Meters = MeterSpecReader.ReadAll(json, "$.meters", MaxMeters);
                        break;
                    case FPins:
                        PinMapReader.Read(json, "$.pins", setup.PinOverrides);
                        break;
                    default:
                        windowSeconds = ReadNode(json, node);
                        break;
                }
            }

            if (json.Broken)
            {
                return tls;
            }

            json.Require(seen, FSchemaVersion, TopFields, "$", SchemaVersion.ToString());
            json.Require(seen, FNodeId, TopFields, "$", TopicLevelAllowed);
            json.Require(seen, FBoard, TopFields, "$", "a board profile name of hardware/boards");
            json.Require(seen, FNetwork, TopFields, "$", "the node's network: { \"kind\": \"wifi\" | \"ethernet\", ... }");
            json.Require(seen, FBroker, TopFields, "$", "the MQTT broker: { \"uri\": \"mqtts://host:8883\", ... }");
            json.Require(seen, FMeters, TopFields, "$", "an array of 1 to " + MaxMeters.ToString() + " meters");
            if (setup.ProfileName == AggregationProfiles.Single)
            {
                node.Profile = null;
            }
            else
            {
                node.Profile = AggregationProfiles.Create(setup.ProfileName, node.Zone);
                if (windowSeconds != 0)
                {
                    json.Add("$.node.windowSeconds", "the profile \"" + setup.ProfileName + "\" has its own windows", "windowSeconds only with the profile \"single\"");
                }
            }

            return tls;
        }

        private static string TopicLevel(SetupJson json, string at, string name, int maxLength, string fallback)
        {
            string text = json.Text(at, name, maxLength, false, TopicLevelAllowed);
            if (text == null)
            {
                return fallback;
            }

            if (text.IndexOf('/') >= 0 || text.IndexOf('+') >= 0 || text.IndexOf('#') >= 0 || text.IndexOf('\0') >= 0)
            {
                json.Add(SetupJson.PathOf(at, name), "\"" + text + "\" is not a topic level", TopicLevelAllowed);
                return fallback;
            }

            return text;
        }

        private static void ReadNetwork(SetupJson json, NetworkSettings network)
        {
            const string At = "$.network";
            if (!json.IsObject("$", "network", "{ \"kind\": \"wifi\" | \"ethernet\", ... }"))
            {
                return;
            }

            int seen = 0;
            int field;
            while ((field = json.NextField(NetworkFields, ref seen, At)) >= 0)
            {
                string name = NetworkFields[field];
                switch (field)
                {
                    case 0:
                        network.Kind = json.Choice(At, name, NetworkKinds, network.Kind);
                        break;
                    case 1:
                        network.Ssid = json.Text(At, name, MaxSsid, false, "the Wi-Fi network name, 1 to 32 characters (IEEE 802.11 section 9.4.2.2)");
                        break;
                    case 2:
                        network.Address = Ipv4(json, At, name);
                        break;
                    case 3:
                        network.SubnetMask = Ipv4(json, At, name);
                        break;
                    case 4:
                        network.Gateway = Ipv4(json, At, name);
                        break;
                    case 5:
                        network.Dns = Ipv4(json, At, name);
                        break;
                    default:
                        network.NtpServers = ReadNtp(json, At, name, network.NtpServers);
                        break;
                }
            }

            if (json.Broken)
            {
                return;
            }

            json.Require(seen, 0, NetworkFields, At, SetupJson.Join(NetworkKinds));
            if (network.Kind == NetworkSettings.WifiKind)
            {
                json.Require(seen, 1, NetworkFields, At, "the Wi-Fi network name");
            }
            else if (network.Ssid != null)
            {
                json.Add(At + ".ssid", "given for an Ethernet node", "no ssid with \"kind\": \"ethernet\"");
            }

            if (network.Address != null)
            {
                // A fixed address is of no use without the mask and the way out of the subnet.
                if (network.SubnetMask == null)
                {
                    json.Add(At + ".subnetMask", "missing with a fixed address", "the subnet mask, e.g. 255.255.255.0");
                }

                if (network.Gateway == null)
                {
                    json.Add(At + ".gateway", "missing with a fixed address", "the gateway's IPv4 address");
                }
            }
            else if (network.SubnetMask != null || network.Gateway != null || network.Dns != null)
            {
                json.Add(At + ".address", "null (DHCP) while subnetMask, gateway or dns are given", "a fixed address with them, or all four null");
            }
        }

        private static string Ipv4(SetupJson json, string at, string name)
        {
            string text = json.Text(at, name, 15, true, Ipv4Allowed);
            if (text != null && !IsIpv4(text))
            {
                json.Add(SetupJson.PathOf(at, name), "\"" + text + "\" is not an IPv4 address", Ipv4Allowed);
                return null;
            }

            return text;
        }

        /// <summary>True for four decimal numbers from 0 to 255 separated by dots (RFC 791 dotted form).</summary>
        public static bool IsIpv4(string text)
        {
            int parts = 0;
            int value = -1;
            for (int i = 0; i <= text.Length; i++)
            {
                if (i == text.Length || text[i] == '.')
                {
                    if (value < 0)
                    {
                        return false;
                    }

                    parts++;
                    value = -1;
                    continue;
                }

                char c = text[i];
                if (c < '0' || c > '9')
                {
                    return false;
                }

                value = (value < 0 ? 0 : value * 10) + (c - '0');
                if (value > 255)
                {
                    return false;
                }
            }

            return parts == 4;
        }

        private static string[] ReadNtp(SetupJson json, string at, string name, string[] fallback)
        {
            const string Allowed = "1 to 4 host names or addresses of SNTP servers";
            if (!json.IsArray(at, name, Allowed))
            {
                return fallback;
            }

            string path = SetupJson.PathOf(at, name);
            var servers = new string[MaxNtpServers];
            int count = 0;
            int index = 0;
            while (json.NextItem())
            {
                string item = SetupJson.ItemOf(path, index++);
                string server = json.Text(item, null, MaxText, false, "a host name or address");
                if (index > MaxNtpServers)
                {
                    json.Add(item, "more than " + MaxNtpServers.ToString() + " servers", Allowed);
                }
                else if (server != null)
                {
                    servers[count++] = server;
                }
            }

            if (index == 0)
            {
                json.Add(path, "empty", Allowed);
            }

            if (count == 0)
            {
                return fallback;
            }

            var kept = new string[count];
            for (int i = 0; i < count; i++)
            {
                kept[i] = servers[i];
            }

            return kept;
        }

        /// <summary>Reads the broker object; true when its URI asks for TLS.</summary>
        private static bool ReadBroker(SetupJson json, NodeSetup setup)
        {
            const string At = "$.broker";
            if (!json.IsObject("$", "broker", "{ \"uri\": \"mqtts://host:8883\", ... }"))
            {
                return false;
            }

            BrokerSettings broker = setup.Broker;
            int seen = 0;
            int field;
            while ((field = json.NextField(BrokerFields, ref seen, At)) >= 0)
            {
                string name = BrokerFields[field];
                switch (field)
                {
                    case 0:
                        ReadUri(json, At, name, broker);
                        break;
                    case 1:
                        broker.ClientId = json.Text(At, name, MaxClientId, true, "null (the node id) or 1 to 23 characters (MQTT 3.1.1 section 3.1.3.1)");
                        break;
                    case 2:
                        setup.Node.MqttUserName = json.Text(At, name, MaxText, true, "the MQTT user name, or null");
                        break;
                    case 3:
                        broker.CaFile = json.Text(At, name, MaxText, true, "the path of the CA certificate (PEM) on the node, e.g. I:\\edge\\ca.pem");
                        break;
                    case 4:
                        broker.ClientCertificateFile = json.Text(At, name, MaxText, true, "the path of the client certificate (PEM) on the node, or null");
                        break;
                    default:
                        setup.Node.KeepAliveSeconds = (int)json.Whole(At, name, 0, MaxKeepAliveSeconds, setup.Node.KeepAliveSeconds);
                        break;
                }
            }

            if (!json.Broken)
            {
                json.Require(seen, 0, BrokerFields, At, "mqtt://host[:port] or mqtts://host[:port]");
            }

            return broker.Tls;
        }

        private static void ReadUri(SetupJson json, string at, string name, BrokerSettings broker)
        {
            const string Allowed = "mqtt://host[:port] (1883 by default) or mqtts://host[:port] (8883 by default)";
            string uri = json.Text(at, name, MaxText, false, Allowed);
            if (uri == null)
            {
                return;
            }

            // IANA service names: 1883 for MQTT, 8883 for MQTT over TLS.
            bool tls = uri.IndexOf("mqtts://") == 0;
            int start = tls ? 8 : uri.IndexOf("mqtt://") == 0 ? 7 : -1;
            int colon = start < 0 ? -1 : uri.LastIndexOf(':');
            int end = colon >= start && start >= 0 && uri.IndexOf(']', start) < colon ? colon : uri.Length;
            int port = tls ? 8883 : 1883;
            bool good = start >= 0 && end > start;
            if (good && end < uri.Length)
            {
                long number;
                good = TryWhole(uri, end + 1, out number) && number >= 1 && number <= 65535;
                port = (int)number;
            }

            string host = good ? uri.Substring(start, end - start) : null;
            if (host != null && host.Length > 1 && host[0] == '[' && host[host.Length - 1] == ']')
            {
                host = host.Substring(1, host.Length - 2);
            }

            if (!good || host.Length == 0 || host.IndexOf('/') >= 0 || host.IndexOf('@') >= 0 || host.IndexOf(' ') >= 0 || host.IndexOf('?') >= 0)
            {
                json.Add(SetupJson.PathOf(at, name), "\"" + uri + "\" is not a broker address", Allowed);
                return;
            }

            broker.Host = host;
            broker.Port = port;
            broker.Tls = tls;
        }

        private static bool TryWhole(string text, int from, out long value)
        {
            value = 0;
            if (from >= text.Length || text.Length - from > 5)
            {
                return false;
            }

            for (int i = from; i < text.Length; i++)
            {
                if (text[i] < '0' || text[i] > '9')
                {
                    return false;
                }

                value = value * 10 + (text[i] - '0');
            }

            return true;
        }

        /// <summary>Reads the node object; returns its windowSeconds when given (0 otherwise).</summary>
        private static int ReadNode(SetupJson json, NodeConfig node)
        {
            const string At = "$.node";
            if (!json.IsObject("$", "node", "an object of " + SetupJson.Join(NodeFields)))
            {
                return 0;
            }

            int seen = 0;
            int field;
            int windowSeconds = 0;
            int offsetMinutes = node.Zone.StandardOffsetMinutes;
            bool summerTime = node.Zone.EuropeanSummerTime;
            while ((field = json.NextField(NodeFields, ref seen, At)) >= 0)
            {
                string name = NodeFields[field];
                switch (field)
                {
                    case 0:
                        windowSeconds = (int)json.Whole(At, name, 1, ConfigFields.MaxSeconds, 0);
                        if (windowSeconds != 0 && ConfigFields.MaxSeconds % windowSeconds != 0)
                        {
                            json.Add(At + "." + name, windowSeconds.ToString() + " does not divide a day", "a divisor of 86400: 60, 300, 900, 3600...");
                            windowSeconds = 0;
                        }

                        if (windowSeconds != 0)
                        {
                            node.WindowSeconds = windowSeconds;
                        }

                        break;
                    case 1:
                        node.HeartbeatSeconds = (int)json.Whole(At, name, 0, ConfigFields.MaxSeconds, node.HeartbeatSeconds);
                        break;
                    case 2:
                        node.MeterSilenceSeconds = (int)json.Whole(At, name, 0, ConfigFields.MaxSeconds, node.MeterSilenceSeconds);
                        break;
                    case 3:
                        node.HealthSeconds = (int)json.Whole(At, name, 0, ConfigFields.MaxSeconds, node.HealthSeconds);
                        break;
                    case 4:
                        node.HealthFullEvery = (int)json.Whole(At, name, 1, 1000, node.HealthFullEvery);
                        break;
                    case 5:
                        node.WatchVoltageQuality = json.Flag(At, name, node.WatchVoltageQuality);
                        break;
                    case 6:
                        node.NominalVoltageDeciVolts = json.Scaled(At, name, 1, ConfigFields.MinNominalDeciVolts, ConfigFields.MaxNominalDeciVolts, node.NominalVoltageDeciVolts, ConfigFields.NominalVoltageAllowed);
                        break;
                    case 7:
                        node.OutboxBytes = (int)json.Whole(At, name, 0, int.MaxValue, node.OutboxBytes);
                        break;
                    case 8:
                        node.OutboxSegmentBytes = (int)json.Whole(At, name, 0, Edge.Core.Outbox.DurableOutbox.MaxSegmentBytes, node.OutboxSegmentBytes);
                        break;
                    case 9:
                        node.ReplayPerSecond = (int)json.Whole(At, name, 1, 1000, node.ReplayPerSecond);
                        break;
                    case 10:
                        node.MaxMessageBytes = (int)json.Whole(At, name, 1024, 65535, node.MaxMessageBytes);
                        break;
                    case 11:
                        node.RelayMaxSeconds = (int)json.Whole(At, name, 1, ConfigFields.MaxSeconds, node.RelayMaxSeconds);
                        break;
                    case 12:
                        node.IotaApiKey = TopicLevel(json, At, name, MaxText, node.IotaApiKey);
                        break;
                    case 13:
                        // UTC-12 to UTC+14, the offsets in use (TimeZoneRule's range).
                        offsetMinutes = (int)json.Whole(At, name, -720, 840, offsetMinutes);
                        break;
                    case 14:
                        summerTime = json.Flag(At, name, summerTime);
                        break;
                    default:
                        node.RelayMinOffSeconds = (int)json.Whole(At, name, 0, ConfigFields.MaxSeconds, node.RelayMinOffSeconds);
                        break;
                }
            }

            if (offsetMinutes != node.Zone.StandardOffsetMinutes || summerTime != node.Zone.EuropeanSummerTime)
            {
                node.Zone = new TimeZoneRule(offsetMinutes, summerTime);
            }

            return windowSeconds;
        }

        private static void ReadSecrets(SetupJson json, NodeSetup setup)
        {
            int seen = 0;
            int field;
            while ((field = json.NextField(SecretFields, ref seen, "$")) >= 0)
            {
                string name = SecretFields[field];
                switch (field)
                {
                    case 0:
                        json.Whole("$", name, SchemaVersion, SchemaVersion, SchemaVersion);
                        break;
                    case 1:
                        setup.Network.WifiPassword = WifiPassword(json, name);
                        break;
                    case 2:
                        setup.Node.MqttPassword = json.Text("$", name, MaxMqttPassword, true, "the MQTT password, 1 to " + MaxMqttPassword.ToString() + " characters, or null");
                        break;
                    default:
                        string key = json.Text("$", name, MaxClientKey, true, "the path of the client key (PEM) on the node, or the PEM text itself, or null");
                        if (key != null && key.IndexOf(PemBegin) == 0)
                        {
                            setup.Broker.ClientKeyPem = key;
                        }
                        else
                        {
                            setup.Broker.ClientKeyFile = key;
                        }

                        break;
                }
            }

            if (!json.Broken)
            {
                json.Require(seen, 0, SecretFields, "$", SchemaVersion.ToString());
            }
        }

        private static string WifiPassword(SetupJson json, string name)
        {
            // IEEE 802.11-2016 annex J.4.1: a WPA2 passphrase is 8 to 63 printable ASCII characters; 64 hex digits
            // are the pre-shared key itself.
            const string Allowed = "a WPA2 passphrase of 8 to 63 printable ASCII characters, or 64 hexadecimal digits (IEEE 802.11 annex J.4.1)";
            string password = json.Text("$", name, 64, false, Allowed);
            if (password == null)
            {
                return null;
            }

            bool hex = password.Length == 64;
            for (int i = 0; i < password.Length; i++)
            {
                char c = password[i];
                bool printable = c >= ' ' && c <= '~';
                bool hexDigit = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
                if (!printable || (hex && !hexDigit))
                {
                    json.Add("$." + name, "holds a character that is not allowed", Allowed);
                    return null;
                }
            }

            if (password.Length < 8)
            {
                json.Add("$." + name, "too short (" + password.Length.ToString() + " characters)", Allowed);
                return null;
            }

            return password;
        }

        /// <summary>The rules between fields and between the two files, once both are read.</summary>
        private static void CheckAcross(SetupJson json, NodeSetup setup, bool tls)
        {
            SetupProblems problems = json.Problems;
            BrokerSettings broker = setup.Broker;
            if (setup.Network.Kind == NetworkSettings.WifiKind && setup.Network.WifiPassword == null && !problems.Has(SetupFiles.Secrets, "$.wifiPassword"))
            {
                problems.Add(SetupFiles.Secrets, "$.wifiPassword", "missing for a Wi-Fi node", "the WPA2 passphrase of the network");
            }

            if (setup.Network.Kind == NetworkSettings.EthernetKind && setup.Network.WifiPassword != null)
            {
                problems.Add(SetupFiles.Secrets, "$.wifiPassword", "given for an Ethernet node", "no wifiPassword with \"kind\": \"ethernet\"");
            }

            // MQTT 3.1.1 section 3.1.2.9: a password is sent only with a user name.
            if (setup.Node.MqttPassword != null && setup.Node.MqttUserName == null)
            {
                problems.Add(SetupFiles.Secrets, "$.mqttPassword", "given without broker.username in config.json", "a user name with the password");
            }

            bool hasKey = broker.ClientKeyFile != null || broker.ClientKeyPem != null;
            if (broker.ClientCertificateFile != null && !hasKey)
            {
                problems.Add(SetupFiles.Secrets, "$.clientKey", "missing while config.json gives broker.clientCertificate", "the client certificate's private key");
            }

            if (hasKey && broker.ClientCertificateFile == null)
            {
                problems.Add(SetupFiles.Config, "$.broker.clientCertificate", "missing while secrets.json gives a clientKey", "the path of the client certificate the key belongs to");
            }

            if (broker.Host == null)
            {
                return;
            }

            if (tls && broker.CaFile == null)
            {
                problems.Add(SetupFiles.Config, "$.broker.ca", "missing for mqtts://: the broker's certificate could not be verified", "the path of the CA certificate (PEM) on the node");
            }

            if (!tls && (broker.CaFile != null || broker.ClientCertificateFile != null || hasKey))
            {
                problems.Add(SetupFiles.Config, "$.broker.uri", "mqtt:// (no TLS) with certificates given", "mqtts:// to use them, or no ca, clientCertificate and clientKey");
            }

            if (broker.ClientId == null && setup.Node.NodeId.Length > MaxClientId)
            {
                problems.Add(SetupFiles.Config, "$.broker.clientId", "null, so the client id is the node id, which is longer than 23 characters (MQTT 3.1.1 section 3.1.3.1)", "a client id of 1 to 23 characters");
            }

            try
            {
                setup.Node.Validate();
            }
            catch (System.ArgumentException e)
            {
                // The node's own rules between settings (two outbox segments at least...), as it checks them at start.
                problems.Add(SetupFiles.Config, "$.node", e.Message, "settings NodeConfig accepts (docs/configuration.md)");
            }
        }
    }
}
