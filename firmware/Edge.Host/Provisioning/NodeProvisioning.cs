using System;
using System.Collections.Generic;
using System.IO;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Edge.Core.Meters;
using Edge.Core.Payloads;
using Edge.Core.Setup;
using Edge.Drivers;
using Edge.Host.Cli;

namespace Edge.Host.Provisioning
{
    /// <summary>
    /// Turns a <see cref="NodeRequest"/> into the files of a node's provisioning folder (<see cref="NodeFolder"/>)
    /// and every problem found on the way, all of them, not just the first: the installer fixes a row once. Nothing
    /// is written here; a request with any problem is never written at all.
    /// </summary>
    public static class NodeProvisioning
    {
        /// <summary>The folder of the node's files on its internal LittleFS drive, where the start-up reads them.</summary>
        public const string DeviceFolder = @"I:\edge\";

        public const string ConfigFile = "config.json";
        public const string SecretsFile = "secrets.json";
        public const string BoardFile = "board.json";
        public const string CaFile = "ca.pem";
        public const string ClientCertificateFile = "client.pem";
        public const string DeployFile = "deploy.json";

        /// <summary>The node's line for the broker's mosquitto password_file (kept on the provisioning side, never deployed).</summary>
        public const string BrokerPasswordFile = "mosquitto.passwd";

        /// <summary>The node's block for the broker's mosquitto acl_file (kept on the provisioning side, never deployed).</summary>
        public const string BrokerAclFile = "mosquitto.acl";

        /// <summary>What `--broker` takes; 8883 is IANA's port for MQTT over TLS, 1883 for plain MQTT.</summary>
        public const int TlsPort = 8883;

        private static readonly string[] Formats = ["edge-json", "senml", "iota-json"];

        /// <summary>ESP32 GPIOs that do not exist (ESP32 datasheet, section 2.2 "Pin Description": GPIO0-39 without
        /// 20, 24 and 28-31) and those an interface must never take (hardware/boards/README.md "Rules a profile must
        /// follow": the module's SPI flash, UART0 of the debugger and nanoff, strapping pins).</summary>
        private static readonly int[] MissingGpios = [20, 24, 28, 29, 30, 31];
        private static readonly int[] FlashGpios = [6, 7, 8, 9, 10, 11];
        private static readonly int[] Uart0Gpios = [1, 3];
        private static readonly int[] StrappingGpios = [0, 2, 5, 12, 15];
        private const int LastGpio = 39;

        private static readonly System.Buffers.SearchValues<char> HexDigits = System.Buffers.SearchValues.Create("0123456789abcdefABCDEF");

        /// <param name="request">The node's options.</param>
        /// <param name="boardsDirectory">Folder of the board profiles (hardware/boards).</param>
        /// <param name="baseDirectory">What relative paths of the request are relative to.</param>
        /// <param name="standardInput">Where a password file "-" is read from; null where stdin may not be used (batch).</param>
        public static NodeFolder Prepare(NodeRequest request, string boardsDirectory, string baseDirectory, Func<Stream>? standardInput)
        {
            var problems = new List<ConfigProblem>();
            void Config(string path, string message) => problems.Add(new ConfigProblem(ConfigFile, path, message));
            void Secret(string path, string message) => problems.Add(new ConfigProblem(SecretsFile, path, message));

            string nodeId = request.NodeId ?? string.Empty;
            if (!NodeIdentity.IsId(nodeId))
            {
                Config("$.nodeId", nodeId.Length == 0 ? "missing: every node needs --node-id" : $"'{CliOptions.Printable(nodeId)}' is not allowed; expected {NodeIdentity.IdRule}");
            }

            string prefix = request.Prefix ?? "edge";
            if (!CliOptions.IsTopicLevel(prefix))
            {
                Config("$.topicPrefix", $"'{CliOptions.Printable(prefix)}' is not allowed; expected {CliOptions.TopicLevelRule}");
            }

            BoardProfile? board = null;
            if (string.IsNullOrEmpty(request.Board))
            {
                Config("$.board", $"missing: every node needs --board; available: {string.Join(", ", BoardProfile.Available(boardsDirectory))}");
            }
            else
            {
                board = BoardProfile.TryLoad(boardsDirectory, request.Board, out string boardError);
                if (board is null)
                {
                    Config("$.board", boardError);
                }
            }

            string profile = request.Profile ?? "single";
            if (Array.IndexOf(ProfileText.All, profile) < 0)
            {
                Config("$.profile", $"'{CliOptions.Printable(profile)}' is not a profile; expected {ProfileText.Names}");
            }

            string format = request.Format ?? "edge-json";
            if (!PayloadFormats.TryParse(format, out _))
            {
                Config("$.format", $"'{CliOptions.Printable(format)}' is not a payload format; expected {CliOptions.List(Formats)}");
            }

            MeterSpec[] meters = ReadMeters(request.Meters, board, Config);
            StdinOnce stdin = new(standardInput);

            // Network: the board decides; a Wi-Fi board needs its network, an Ethernet board takes none.
            string? wifiPassword = null;
            if (board?.Network == NetworkSettings.WifiKind)
            {
                if (string.IsNullOrEmpty(request.WifiSsid))
                {
                    Config("$.network.ssid", $"missing: board {board.Name} connects by Wi-Fi; give --wifi-ssid and --wifi-password-file");
                }
                else if (!IsSsid(request.WifiSsid))
                {
                    Config("$.network.ssid", $"'{CliOptions.Printable(request.WifiSsid)}' is not a Wi-Fi network name; expected 1 to 32 bytes without control characters");
                }

                if (string.IsNullOrEmpty(request.WifiPasswordFile))
                {
                    Secret("$.wifiPassword", $"missing: board {board.Name} connects by Wi-Fi; give --wifi-password-file FILE (or - for standard input)");
                }
                else
                {
                    wifiPassword = ReadSecret(request.WifiPasswordFile, "--wifi-password-file", baseDirectory, stdin, "$.wifiPassword", Secret);
                    if (wifiPassword is not null && !IsWpaPassphrase(wifiPassword))
                    {
                        Secret("$.wifiPassword", "the Wi-Fi passphrase is not WPA2-Personal's: expected 8 to 63 printable ASCII characters, or 64 hexadecimal digits (IEEE 802.11-2020 annex J.4.1)");
                    }
                }
            }
            else if (board?.Network == NetworkSettings.EthernetKind)
            {
                if (!string.IsNullOrEmpty(request.WifiSsid) || !string.IsNullOrEmpty(request.WifiPasswordFile))
                {
                    Config("$.network.ssid", $"board {board.Name} connects by Ethernet: --wifi-ssid and --wifi-password-file do not apply");
                }
            }

            // Broker.
            Uri? broker = null;
            bool tls = false;
            if (string.IsNullOrEmpty(request.Broker))
            {
                Config("$.broker.uri", "missing: every node needs --broker mqtts://host[:port] (or mqtt://)");
            }
            else if (!TryBroker(request.Broker, out broker, out string brokerError))
            {
                Config("$.broker.uri", $"'{CliOptions.Printable(request.Broker)}' {brokerError}");
            }
            else
            {
                tls = broker!.Scheme == "mqtts";
            }

            string? password = null;
            if (!string.IsNullOrEmpty(request.PasswordFile))
            {
                if (string.IsNullOrEmpty(request.Username))
                {
                    Config("$.broker.username", "missing: a broker password (--password-file) goes with a --username");
                }

                password = ReadSecret(request.PasswordFile, "--password-file", baseDirectory, stdin, "$.mqttPassword", Secret);
            }

            if (request.Username is not null && (request.Username.Length == 0 || request.Username.AsSpan().IndexOf('\0') >= 0))
            {
                // MQTT 3.1.1 section 1.5.3: a UTF-8 string of the protocol holds no U+0000.
                Config("$.broker.username", "an MQTT user name is a non-empty string without NUL (MQTT 3.1.1 section 1.5.3)");
            }
            else if (request.Username is not null && (request.Username.Contains(':', StringComparison.Ordinal) || request.Username.AsSpan().IndexOfAny('\n', '\r') >= 0))
            {
                // mosquitto's password_file holds user:hash lines split at the first colon, so such a name could
                // never be given its broker entry.
                Config("$.broker.username", "a broker user name holds no ':' and no line break (the broker's password file is one user:hash per line)");
            }

            byte[]? ca = null;
            if (!string.IsNullOrEmpty(request.Ca))
            {
                ca = ReadPem(request.Ca, "--ca", baseDirectory, "$.broker.ca", Config, CheckCertificates);
                if (broker is not null && !tls)
                {
                    Config("$.broker.ca", $"--ca is given but the broker is {broker.Scheme}://: the CA certificate is used with mqtts:// only");
                }
            }
            else if (tls)
            {
                Config("$.broker.ca", "missing: mqtts:// needs --ca ca.pem, the CA certificate the broker's certificate must chain to (the node has no trust store)");
            }

            byte[]? certificate = null;
            byte[]? key = null;
            if (!string.IsNullOrEmpty(request.Cert) || !string.IsNullOrEmpty(request.Key))
            {
                if (string.IsNullOrEmpty(request.Cert) || string.IsNullOrEmpty(request.Key))
                {
                    if (string.IsNullOrEmpty(request.Cert))
                    {
                        Config("$.broker.clientCertificate", "a client certificate and its key go together: give both --cert and --key");
                    }
                    else
                    {
                        Secret("$.clientKey", "a client certificate and its key go together: give both --cert and --key");
                    }
                }
                else
                {
                    certificate = ReadPem(request.Cert, "--cert", baseDirectory, "$.broker.clientCertificate", Config, CheckCertificates);
                    key = ReadPem(request.Key, "--key", baseDirectory, "$.clientKey", Secret, _ => null);
                    if (certificate is not null && key is not null)
                    {
                        string? pairError = CheckPair(certificate, key);
                        if (pairError is not null)
                        {
                            Secret("$.clientKey", pairError);
                        }
                    }
                }

                if (broker is not null && !tls)
                {
                    Config("$.broker.clientCertificate", $"a client certificate is given but the broker is {broker.Scheme}://: mutual TLS needs mqtts://");
                }
            }

            if (problems.Count > 0 || board is null || broker is null)
            {
                return new NodeFolder(nodeId, request.Board ?? string.Empty, meters, broker is null ? request.Broker ?? string.Empty : BrokerText(broker), [], problems);
            }

            var content = new NodeContent(nodeId, board, prefix, profile, format, meters, request.WifiSsid, broker, request.Username, ca is not null, certificate is not null);
            var files = new List<NodeFile>
            {
                new(ConfigFile, NodeJson.Config(content), Secret: false, Deployed: true),
                new(SecretsFile, NodeJson.Secrets(wifiPassword, password, key is null ? null : Encoding.ASCII.GetString(key)), Secret: true, Deployed: true),
                new(BoardFile, board.FileBytes, Secret: false, Deployed: true),
            };

            // The files are read back as the node will read them at boot, with the node's own readers and pin check:
            // what provisioning writes is what the device accepts, or nothing is written.
            var read = new SetupProblems();
            NodeSetupReader.Read(files[0].Bytes, files[0].Bytes.Length, files[1].Bytes, files[1].Bytes.Length, files[2].Bytes, files[2].Bytes.Length, read);
            for (int i = 0; i < read.Count; i++)
            {
                SetupProblem problem = read.At(i);
                problems.Add(new ConfigProblem(problem.File, problem.Path, problem.Allowed is null ? problem.Problem : $"{problem.Problem} (allowed: {problem.Allowed})"));
            }

            if (problems.Count > 0)
            {
                return new NodeFolder(nodeId, board.Name, meters, BrokerText(broker), [], problems);
            }
            if (ca is not null)
            {
                files.Add(new NodeFile(CaFile, ca, Secret: false, Deployed: true));
            }

            if (certificate is not null)
            {
                // The key is a secret: it travels in secrets.json ("clientKey"), which the node never echoes.
                files.Add(new NodeFile(ClientCertificateFile, certificate, Secret: false, Deployed: true));
            }

            // The broker's side of the node's identity: who it is to the broker (its user name, or the common name of
            // its client certificate, which a listener with use_identity_as_username takes as the user name), the
            // password line hashed as mosquitto_passwd hashes it, and the ACL block of least privilege.
            string? brokerUser = request.Username ?? (certificate is null ? null : CommonName(certificate));
            if (brokerUser is not null)
            {
                if (password is not null)
                {
                    files.Add(new NodeFile(BrokerPasswordFile, Encoding.UTF8.GetBytes(MosquittoPasswordLine.Create(brokerUser, password) + "\n"), Secret: true, Deployed: false));
                }

                files.Add(new NodeFile(BrokerAclFile, Encoding.UTF8.GetBytes(MosquittoAclBlock.For(brokerUser, content)), Secret: false, Deployed: false));
            }

            files.Add(new NodeFile(DeployFile, NodeJson.Deployment(files), Secret: false, Deployed: false));
            return new NodeFolder(nodeId, board.Name, meters, BrokerText(broker), files, problems);
        }

        /// <summary>The broker as the node's config holds it: mqtt:// or mqtts://, a host, a port (1883 or 8883 when
        /// not given), nothing else.</summary>
        public static bool TryBroker(string text, out Uri? uri, out string error)
        {
            uri = null;
            if (!Uri.TryCreate(text, UriKind.Absolute, out Uri? parsed) || (parsed.Scheme != "mqtt" && parsed.Scheme != "mqtts") || string.IsNullOrEmpty(parsed.Host))
            {
                error = $"is not a broker address; expected mqtts://host[:port] (TLS, port {TlsPort} by default) or mqtt://host[:port] (port {BrokerAddress.DefaultPort})";
                return false;
            }

            if (parsed.AbsolutePath.Length > 1 || parsed.Query.Length > 0 || parsed.UserInfo.Length > 0)
            {
                error = $"has a path, query or user part; expected mqtts://host[:port] (the user is --username, the password --password-file)";
                return false;
            }

            int port = parsed.IsDefaultPort || parsed.Port < 0 ? (parsed.Scheme == "mqtts" ? TlsPort : BrokerAddress.DefaultPort) : parsed.Port;
            if (port == 0)
            {
                error = $"has port 0, which is no broker's; expected a port from 1 to {CliOptions.MaxPort}";
                return false;
            }

            uri = new UriBuilder(parsed.Scheme, parsed.Host, port).Uri;
            error = string.Empty;
            return true;
        }

        /// <summary>A Wi-Fi network name: IEEE 802.11-2020 section 9.4.2.2 gives an SSID 0 to 32 octets; a node joins a
        /// named one, and a control character would not survive the config's readers and logs.</summary>
        public static bool IsSsid(string text) =>
            text.Length > 0 && Encoding.UTF8.GetByteCount(text) <= 32 && !text.AsSpan().ContainsAnyInRange('\0', '\u001f');

        /// <summary>The broker as config.json and the summary show it: scheme, host and port, no trailing slash.</summary>
        public static string BrokerText(Uri broker) => broker.GetLeftPart(UriPartial.Authority);

        private static MeterSpec[] ReadMeters(string[] texts, BoardProfile? board, Action<string, string> problem)
        {
            if (texts.Length == 0)
            {
                problem("$.meters", $"missing: a node reads at least one meter; give --meter ({MeterArgument.Forms})");
                return [];
            }

            var meters = new List<MeterSpec>();
            var pinUsers = new Dictionary<int, string>();
            var ids = new Dictionary<string, int>(StringComparer.Ordinal);
            for (int i = 0; i < texts.Length; i++)
            {
                string path = $"$.meters[{i}]";
                if (!MeterArgument.TryParse(texts[i], out MeterSpec spec, out string error))
                {
                    problem(path, error);
                    continue;
                }

                meters.Add(spec);
                if (ids.TryGetValue(spec.Id, out int first))
                {
                    problem(path + ".id", $"meter id '{spec.Id}' is already the id of $.meters[{first}]; each meter needs its own");
                }
                else
                {
                    ids[spec.Id] = i;
                }

                if (board is not null)
                {
                    int pin = PinOf(spec, board, out string portError);
                    if (pin == PinMap.None)
                    {
                        problem(path + ".port", portError);
                    }
                    else if (pinUsers.TryGetValue(pin, out string? user))
                    {
                        problem(path + ".port", $"port '{spec.Port}' is GPIO{pin}, already used by {user}; a pin serves one meter");
                    }
                    else
                    {
                        string? pinError = board.Gpio is not null && Array.IndexOf(board.Gpio, pin) < 0 ? "which the board does not bring out (its \"gpio\" list)" : PinRule(pin);
                        if (pinError is not null)
                        {
                            problem(path + ".port", $"port '{spec.Port}' is GPIO{pin} on board {board.Name}, {pinError}: fix the board profile");
                        }

                        pinUsers[pin] = $"{path} ('{spec.Id}')";
                    }
                }
            }

            if (board is not null && board.Pins.StatusLed != PinMap.None && pinUsers.TryGetValue(board.Pins.StatusLed, out string? ledUser))
            {
                problem("$.board", $"board {board.Name}'s status LED is GPIO{board.Pins.StatusLed}, also used by {ledUser}");
            }

            return meters.ToArray();
        }

        /// <summary>The GPIO behind a meter's port on the board, or <see cref="PinMap.None"/> and why.</summary>
        private static int PinOf(MeterSpec spec, BoardProfile board, out string error)
        {
            error = string.Empty;
            int[] s0 = board.Pins.S0;
            string s0Ports = s0.Length == 0 ? "none" : string.Join(", ", Array.ConvertAll(Enumerable(s0.Length), n => PortNames.S0Prefix + n));
            if (spec.Kind == MeterFactory.TicKind)
            {
                if (board.Pins.TicRx == PinMap.None)
                {
                    error = $"board {board.Name} has no TIC input (pins.ticRx is null)";
                }

                return board.Pins.TicRx;
            }

            if (spec.Port.StartsWith(PortNames.S0Prefix, StringComparison.Ordinal)
                && int.TryParse(spec.Port.AsSpan(PortNames.S0Prefix.Length), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int channel)
                && channel >= 1 && channel <= s0.Length && spec.Port == PortNames.S0Prefix + channel)
            {
                return s0[channel - 1];
            }

            error = $"'{CliOptions.Printable(spec.Port)}' is not an S0 input of board {board.Name}; allowed: {s0Ports}";
            return PinMap.None;
        }

        private static int[] Enumerable(int count)
        {
            int[] numbers = new int[count];
            for (int i = 0; i < count; i++)
            {
                numbers[i] = i + 1;
            }

            return numbers;
        }

        /// <summary>Why an interface may not use the GPIO, or null.</summary>
        private static string? PinRule(int gpio)
        {
            if (gpio < 0 || gpio > LastGpio || Array.IndexOf(MissingGpios, gpio) >= 0)
            {
                return "which the ESP32 lacks (GPIO0-39 without 20, 24, 28-31)";
            }

            if (Array.IndexOf(FlashGpios, gpio) >= 0)
            {
                return "a pin of the module's SPI flash";
            }

            if (Array.IndexOf(Uart0Gpios, gpio) >= 0)
            {
                return "UART0, the nanoFramework debug and deployment port";
            }

            return Array.IndexOf(StrappingGpios, gpio) >= 0 ? "a strapping pin" : null;
        }

        /// <summary>A secret from a file (or stdin for "-"): its first line, without the line end an editor or echo
        /// adds; null (and a problem) when it cannot be read or is empty.</summary>
        private static string? ReadSecret(string file, string option, string baseDirectory, StdinOnce stdin, string path, Action<string, string> problem)
        {
            string text;
            if (file == "-")
            {
                if (!stdin.TryRead(option, out text, out string stdinError))
                {
                    problem(path, stdinError);
                    return null;
                }
            }
            else
            {
                string full = Path.GetFullPath(file, baseDirectory);
                if (!File.Exists(full))
                {
                    problem(path, $"{option} '{file}' does not exist");
                    return null;
                }

                text = File.ReadAllText(full);
            }

            int end = text.IndexOfAny(['\r', '\n']);
            if (end >= 0 && text.AsSpan(end).TrimStart("\r\n").Length > 0)
            {
                problem(path, $"{option} '{file}' has more than one line; expected the secret alone on one line");
                return null;
            }

            string secret = end >= 0 ? text[..end] : text;
            if (secret.Length == 0)
            {
                problem(path, $"{option} '{file}' is empty");
                return null;
            }

            return secret;
        }

        private static byte[]? ReadPem(string file, string option, string baseDirectory, string path, Action<string, string> problem, Func<string, string?> check)
        {
            string full = Path.GetFullPath(file, baseDirectory);
            if (!File.Exists(full))
            {
                problem(path, $"{option} '{file}' does not exist");
                return null;
            }

            byte[] bytes = File.ReadAllBytes(full);
            string text = Encoding.ASCII.GetString(bytes);
            if (!text.Contains("-----BEGIN ", StringComparison.Ordinal))
            {
                // mbedTLS on the device parses PEM only (firmware/Edge.Firmware/README.md, the TLS files).
                problem(path, $"{option} '{file}' is not PEM (no -----BEGIN line); convert a DER file with: openssl x509 -inform der -in FILE -out FILE.pem");
                return null;
            }

            string? error = check(text);
            if (error is not null)
            {
                problem(path, $"{option} '{file}': {error}");
                return null;
            }

            return bytes;
        }

        private static string? CheckCertificates(string pem)
        {
            try
            {
                var certificates = new X509Certificate2Collection();
                certificates.ImportFromPem(pem);
                return certificates.Count == 0 ? "holds no certificate" : null;
            }
            catch (CryptographicException e)
            {
                return "is not a readable certificate: " + e.Message;
            }
        }

        /// <summary>The common name of the first certificate of a PEM file (the name mosquitto's
        /// use_identity_as_username takes), or null when it has none.</summary>
        private static string? CommonName(byte[] certificate)
        {
            var certificates = new X509Certificate2Collection();
            certificates.ImportFromPem(Encoding.ASCII.GetString(certificate));
            string name = certificates[0].GetNameInfo(X509NameType.SimpleName, forIssuer: false);
            return name.Length == 0 ? null : name;
        }

        private static string? CheckPair(byte[] certificate, byte[] key)
        {
            try
            {
                using X509Certificate2 pair = X509Certificate2.CreateFromPem(Encoding.ASCII.GetString(certificate), Encoding.ASCII.GetString(key));
                return null;
            }
            catch (Exception e) when (e is CryptographicException or ArgumentException)
            {
                return "the key does not go with the client certificate (or is not a readable unencrypted PEM key): " + e.Message;
            }
        }

        /// <summary>WPA2-Personal: a passphrase of 8 to 63 printable ASCII characters, or the 256-bit PSK as 64 hex digits.</summary>
        private static bool IsWpaPassphrase(string text)
        {
            if (text.Length == 64)
            {
                return !text.AsSpan().ContainsAnyExcept(HexDigits);
            }

            return text.Length >= 8 && text.Length <= 63 && text.AsSpan().IndexOfAnyExceptInRange(' ', '~') < 0;
        }

        /// <summary>Standard input, read once: two secrets cannot both come from it.</summary>
        private sealed class StdinOnce(Func<Stream>? open)
        {
            private string? _usedBy;

            public bool TryRead(string option, out string text, out string error)
            {
                text = string.Empty;
                if (open is null)
                {
                    error = $"{option} - (standard input) is not available here; give a file";
                    return false;
                }

                if (_usedBy is not null)
                {
                    error = $"{option} - : standard input is already read for {_usedBy}; give one of them as a file";
                    return false;
                }

                _usedBy = option;
                using var reader = new StreamReader(open(), Encoding.UTF8, detectEncodingFromByteOrderMarks: false, leaveOpen: true);
                text = reader.ReadToEnd();
                error = string.Empty;
                return true;
            }
        }
    }
}
