using System;
using System.Buffers;
using System.Collections.Concurrent;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Edge.Host.Broker;
using Edge.Host.Cli;
using Edge.Host.Provisioning;
using Edge.Tests.Fakes;
using Edge.Tests.Integration.Faults;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using Xunit;

namespace Edge.Tests.Integration
{
    /// <summary>
    /// docs/mosquitto.conf and docs/mosquitto.acl as a city runs them: a real mosquitto started with that file (its
    /// paths moved to a scratch folder and its port changed, nothing else), the password and ACL entries of two nodes
    /// written by `edge provision --batch`, and a platform user. Each promise the file makes is checked here.
    /// </summary>
    public sealed class CityBrokerConfigTests : IClassFixture<CityBrokerConfigTests.CityBroker>
    {
        private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

        private readonly CityBroker _broker;

        public CityBrokerConfigTests(CityBroker broker)
        {
            _broker = broker;
        }

        [Fact]
        public async Task A_provisioned_node_publishes_under_its_own_topics_and_receives_its_commands()
        {
            using IMqttClient platform = await _broker.ConnectAsync("platform-1", CityBroker.PlatformUser, CityBroker.PlatformPassword);
            var seen = Collect(platform);
            await platform.SubscribeAsync("edge/#", MqttQualityOfServiceLevel.AtLeastOnce);
            using IMqttClient node = await _broker.ConnectAsync("node-a", "node-a", "pass-a");
            var commands = Collect(node);
            await node.SubscribeAsync("edge/node-a/cmd/#", MqttQualityOfServiceLevel.AtLeastOnce);

            await node.PublishStringAsync("edge/node-a/readings", "{\"seq\":1}", MqttQualityOfServiceLevel.AtLeastOnce);
            await platform.PublishStringAsync("edge/node-a/cmd/ping", "{\"id\":\"p1\"}", MqttQualityOfServiceLevel.AtLeastOnce);

            Assert.Equal("{\"seq\":1}", await FirstOn(seen, "edge/node-a/readings"));
            Assert.Equal("{\"id\":\"p1\"}", await FirstOn(commands, "edge/node-a/cmd/ping"));
        }

        [Fact]
        public async Task A_node_cannot_publish_under_another_nodes_topics()
        {
            using IMqttClient platform = await _broker.ConnectAsync("platform-2", CityBroker.PlatformUser, CityBroker.PlatformPassword);
            var seen = Collect(platform);
            await platform.SubscribeAsync("edge/#", MqttQualityOfServiceLevel.AtLeastOnce);
            await platform.SubscribeAsync("/json/edge/#", MqttQualityOfServiceLevel.AtLeastOnce);
            using IMqttClient node = await _broker.ConnectAsync("node-a", "node-a", "pass-a");

            // The forbidden messages go first on the same connection: once the allowed one arrived, the broker had
            // already dealt with them (MQTT 3.1.1 section 4.6, order per topic is kept; mosquitto handles one
            // connection's packets in order).
            await node.PublishStringAsync("edge/node-b/readings", "forged", MqttQualityOfServiceLevel.AtLeastOnce);
            await node.PublishStringAsync("edge/node-b/status", "offline", MqttQualityOfServiceLevel.AtLeastOnce, retain: true);
            await node.PublishStringAsync("/json/edge/node-b-main-PT1M/attrs", "forged", MqttQualityOfServiceLevel.AtLeastOnce);
            await node.PublishStringAsync("edge/node-a/events", "own", MqttQualityOfServiceLevel.AtLeastOnce);

            Assert.Equal("own", await FirstOn(seen, "edge/node-a/events"));
            Assert.DoesNotContain(seen, m => m.Topic.Contains("node-b", StringComparison.Ordinal));
            Assert.Contains("Denied PUBLISH from node-a", _broker.Mosquitto.Log, StringComparison.Ordinal);
        }

        [Fact]
        public async Task A_node_cannot_read_another_nodes_commands()
        {
            using IMqttClient node = await _broker.ConnectAsync("node-a", "node-a", "pass-a");
            var received = Collect(node);
            await node.SubscribeAsync("edge/node-b/cmd/#", MqttQualityOfServiceLevel.AtLeastOnce);
            await node.SubscribeAsync("edge/node-a/cmd/#", MqttQualityOfServiceLevel.AtLeastOnce);
            using IMqttClient platform = await _broker.ConnectAsync("platform-3", CityBroker.PlatformUser, CityBroker.PlatformPassword);

            await platform.PublishStringAsync("edge/node-b/cmd/relay/set", "{\"state\":\"on\"}", MqttQualityOfServiceLevel.AtLeastOnce);
            await platform.PublishStringAsync("edge/node-a/cmd/ping", "{}", MqttQualityOfServiceLevel.AtLeastOnce);

            Assert.Equal("{}", await FirstOn(received, "edge/node-a/cmd/ping"));
            Assert.DoesNotContain(received, m => m.Topic.StartsWith("edge/node-b/", StringComparison.Ordinal));
        }

        [Fact]
        public async Task Anonymous_clients_and_wrong_passwords_are_refused()
        {
            Assert.Equal(MqttClientConnectResultCode.NotAuthorized, await _broker.TryConnectAsync("anon", null, null));
            Assert.Equal(MqttClientConnectResultCode.NotAuthorized, await _broker.TryConnectAsync("node-a", "node-a", "pass-b"));
            Assert.Equal(MqttClientConnectResultCode.NotAuthorized, await _broker.TryConnectAsync("node-z", "node-z", "pass-a"));
        }

        [Fact]
        public async Task Plain_mqtt_is_not_served()
        {
            using IMqttClient client = new MqttClientFactory().CreateMqttClient();
            MqttClientOptions options = new MqttClientOptionsBuilder()
                .WithTcpServer("127.0.0.1", _broker.Mosquitto.Port)
                .WithClientId("plain")
                .WithCredentials("node-a", "pass-a")
                .WithProtocolVersion(MqttProtocolVersion.V311)
                .WithTimeout(TimeSpan.FromSeconds(5))
                .Build();

            await Assert.ThrowsAnyAsync<Exception>(() => client.ConnectAsync(options));
            Assert.False(client.IsConnected);
        }

        [Fact]
        public async Task A_client_asking_for_a_keep_alive_over_five_minutes_is_held_to_five()
        {
            // MQTT 5 section 3.2.2.3.14: the broker's Server Keep Alive replaces the client's. (mosquitto 2.0.12 and
            // later also refuse an MQTT 3.1.1 client asking for more, with CONNACK code 2; 2.0.11 lets it through.)
            using IMqttClient client = new MqttClientFactory().CreateMqttClient();
            MqttClientConnectResult result = await client.ConnectAsync(_broker.Options("node-a", "node-a", "pass-a", TimeSpan.FromMinutes(10), MqttProtocolVersion.V500));

            Assert.Equal(MqttClientConnectResultCode.Success, result.ResultCode);
            Assert.Equal(300, result.ServerKeepAlive);
        }

        private static ConcurrentQueue<(string Topic, string Payload)> Collect(IMqttClient client)
        {
            var messages = new ConcurrentQueue<(string, string)>();
            client.ApplicationMessageReceivedAsync += e =>
            {
                messages.Enqueue((e.ApplicationMessage.Topic, Encoding.UTF8.GetString(e.ApplicationMessage.Payload.ToArray())));
                return Task.CompletedTask;
            };
            return messages;
        }

        private static async Task<string> FirstOn(ConcurrentQueue<(string Topic, string Payload)> messages, string topic)
        {
            DateTime deadline = DateTime.UtcNow + Wait;
            while (DateTime.UtcNow < deadline)
            {
                foreach ((string t, string payload) in messages)
                {
                    if (t == topic)
                    {
                        return payload;
                    }
                }

                await Task.Delay(20);
            }

            throw new TimeoutException($"nothing on {topic} within {Wait.TotalSeconds} s; got: {string.Join(", ", messages.Select(m => m.Topic))}");
        }

        /// <summary>The broker of docs/mosquitto.conf with a test CA, a server certificate for localhost, the entries
        /// `edge provision --batch` wrote for node-a and node-b, and the platform's user.</summary>
        public sealed class CityBroker : IAsyncLifetime
        {
            public const string PlatformUser = "edge-platform";
            public const string PlatformPassword = "platform-pass";

            private readonly string _folder = Directory.CreateTempSubdirectory("edge-city-broker-").FullName;
            private X509Certificate2? _ca;

            public MosquittoProcess Mosquitto { get; private set; } = null!;

            public async Task InitializeAsync()
            {
                _ca = WriteCertificates(_folder);
                int port = EmbeddedBroker.FreeLoopbackPort();
                string edge = Path.Combine(_folder, "etc-mosquitto-edge");

                // The nodes' entries as the operator gets them: from `edge provision --batch`.
                File.WriteAllText(Path.Combine(_folder, "a.txt"), "pass-a\n");
                File.WriteAllText(Path.Combine(_folder, "b.txt"), "pass-b\n");
                string csv = Path.Combine(_folder, "nodes.csv");
                File.WriteAllText(csv, "node_id,board,meter,username,password_file\nnode-a,wt32-eth01,tic-standard,node-a,a.txt\nnode-b,wt32-eth01,tic-standard,node-b,b.txt\n");
                string nodes = Path.Combine(_folder, "nodes");
                var output = new StringWriter();
                var error = new StringWriter();
                int exit = await EdgeCli.RunAsync(
                    ["provision", "--batch", csv, "--broker", $"mqtts://localhost:{port}", "--ca", Path.Combine(edge, "ca.pem"), "--out", nodes],
                    output, error, interactive: false, standardInput: () => new MemoryStream());
                Assert.True(exit == 0, error.ToString());

                File.WriteAllText(
                    Path.Combine(edge, "passwd"),
                    MosquittoPasswordLine.Create(PlatformUser, PlatformPassword) + "\n" + File.ReadAllText(Path.Combine(nodes, NodeProvisioning.BrokerPasswordFile)));
                File.WriteAllText(
                    Path.Combine(edge, "acl"),
                    File.ReadAllText(Path.Combine(BoardProfiles.RepositoryRoot, "docs", "mosquitto.acl")) + File.ReadAllText(Path.Combine(nodes, NodeProvisioning.BrokerAclFile)));

                string config = File.ReadAllText(Path.Combine(BoardProfiles.RepositoryRoot, "docs", "mosquitto.conf"));
                config = Replace(config, "/etc/mosquitto/edge/", edge + "/");
                config = Replace(config, "\nlistener 8883\n", $"\nlistener {port} 127.0.0.1\n");
                config = Replace(config, "persistence_location /var/lib/mosquitto/", "persistence_location " + _folder + "/");
                config = Replace(config, "log_dest syslog", "log_dest stderr");

                // mosquitto.conf(5) "log_type": ACL denials are logged at debug level only; the test reads them.
                config += "log_type debug\n";
                if (Environment.UserName == "root")
                {
                    // As root (CI) mosquitto would switch to the mosquitto user, who cannot read the scratch folder.
                    config += "user root\n";
                }

                Mosquitto = await MosquittoProcess.StartAsync(new MosquittoOptions { Port = port, Directory = _folder, ConfigText = config });
            }

            public async Task DisposeAsync()
            {
                if (Mosquitto is not null)
                {
                    await Mosquitto.DisposeAsync();
                }

                _ca?.Dispose();
                Directory.Delete(_folder, recursive: true);
            }

            public async Task<IMqttClient> ConnectAsync(string clientId, string user, string password)
            {
                IMqttClient client = new MqttClientFactory().CreateMqttClient();
                MqttClientConnectResult result = await client.ConnectAsync(Options(clientId, user, password, TimeSpan.FromSeconds(30)));
                Assert.Equal(MqttClientConnectResultCode.Success, result.ResultCode);
                return client;
            }

            public async Task<MqttClientConnectResultCode> TryConnectAsync(string clientId, string? user, string? password, TimeSpan? keepAlive = null)
            {
                using IMqttClient client = new MqttClientFactory().CreateMqttClient();
                MqttClientConnectResult result = await client.ConnectAsync(Options(clientId, user, password, keepAlive ?? TimeSpan.FromSeconds(30)));
                return result.ResultCode;
            }

            public MqttClientOptions Options(string clientId, string? user, string? password, TimeSpan keepAlive, MqttProtocolVersion protocol = MqttProtocolVersion.V311)
            {
                var builder = new MqttClientOptionsBuilder()
                    .WithTcpServer("localhost", Mosquitto.Port)
                    .WithClientId(clientId)
                    .WithProtocolVersion(protocol)
                    .WithKeepAlivePeriod(keepAlive)
                    .WithTimeout(TimeSpan.FromSeconds(10))
                    .WithTlsOptions(tls => tls
                        .UseTls()
                        .WithTargetHost("localhost")
                        .WithSslProtocols(System.Security.Authentication.SslProtocols.Tls12 | System.Security.Authentication.SslProtocols.Tls13)
                        .WithTrustChain([_ca!])
                        .WithRevocationMode(X509RevocationMode.NoCheck));
                if (user is not null)
                {
                    builder.WithCredentials(user, password);
                }

                return builder.Build();
            }

            private static string Replace(string text, string what, string with)
            {
                Assert.True(text.Contains(what, StringComparison.Ordinal), $"docs/mosquitto.conf no longer holds '{what.Trim()}'; update this test with it");
                return text.Replace(what, with, StringComparison.Ordinal);
            }

            /// <summary>A CA, and a server certificate for localhost and 127.0.0.1 it signed, as PEM in etc-mosquitto-edge/.</summary>
            private static X509Certificate2 WriteCertificates(string folder)
            {
                string edge = Path.Combine(folder, "etc-mosquitto-edge");
                Directory.CreateDirectory(edge);
                using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
                var caRequest = new CertificateRequest("CN=Edge city test CA", caKey, HashAlgorithmName.SHA256);
                caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
                caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
                X509Certificate2 ca = caRequest.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));

                using var serverKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
                var serverRequest = new CertificateRequest("CN=localhost", serverKey, HashAlgorithmName.SHA256);
                var names = new SubjectAlternativeNameBuilder();
                names.AddDnsName("localhost");
                names.AddIpAddress(System.Net.IPAddress.Loopback);
                serverRequest.CertificateExtensions.Add(names.Build());
                serverRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
                byte[] serial = RandomNumberGenerator.GetBytes(8);
                using X509Certificate2 server = serverRequest.Create(ca, DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddDays(7), serial);

                File.WriteAllText(Path.Combine(edge, "ca.pem"), ca.ExportCertificatePem() + "\n");
                File.WriteAllText(Path.Combine(edge, "server.pem"), server.ExportCertificatePem() + "\n");
                File.WriteAllText(Path.Combine(edge, "server.key"), serverKey.ExportPkcs8PrivateKeyPem() + "\n");
                return ca;
            }
        }
    }
}
