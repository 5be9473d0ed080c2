using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Buffers;
using System.Threading.Tasks;
using Edge.Core.Meters;
using Edge.Core.Node;
using Edge.Core.Platform;
using Edge.Host.Cli;
using Edge.Host.Platform;
using Edge.Host.Simulation;
using Edge.Host.Gateway;
using Edge.Tests.Fakes;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using Xunit;
using Xunit.Abstractions;

namespace Edge.Tests.Integration.Tls
{
    /// <summary>
    /// The host link and the broker verbs against a real mosquitto with TLS, passwords and an ACL
    /// (<see cref="SecureBrokerFixture"/>): what connects, what is refused and how it shows in the node's health
    /// counters, and that a refused node keeps to its backoff.
    /// </summary>
    [Collection(SecureBrokerCollection.Name)]
    public sealed class SecureBrokerTests
    {
        /// <summary>Virtual time a refused node runs for: its attempts must stay within what its backoff allows.</summary>
        private static readonly TimeSpan RefusedRun = TimeSpan.FromSeconds(30);

        private readonly SecureBrokerFixture _broker;
        private readonly ITestOutputHelper _output;

        public SecureBrokerTests(SecureBrokerFixture broker, ITestOutputHelper output)
        {
            _broker = broker;
            _output = output;
        }

        [Fact]
        public async Task A_node_with_its_password_publishes_readings_over_tls_and_answers_a_command()
        {
            await using SecureRecorder readings = await SecureRecorder.StartAsync(_broker, "edge/n1/#");
            using var link = new MqttNetLink(_broker.Connection(_broker.Port));
            var simulation = new NodeSimulation(Options(), link);

            simulation.Run(TimeSpan.FromMinutes(2));
            using var running = new CancellationTokenSource();
            Task node = NodeLoop.RunAsync(simulation, running.Token);
            await readings.PublishAsync("edge/n1/cmd/config/get", """{"id":"tls-1"}""");
            bool answered = await readings.WaitUntilAsync(m => m.Topic == "edge/n1/cmd/config/get/result", TimeSpan.FromSeconds(15));
            running.Cancel();
            await node;

            Assert.True(simulation.Node.Session.IsReady, link.ConnectFailure + "\n" + _broker.Log);
            Assert.Equal(1, simulation.Node.ConnectAttempts);
            Assert.Equal(0, Counter(simulation.Node, "linkTls"));
            Assert.Equal(0, Counter(simulation.Node, "linkRefused"));
            (string Topic, string Payload)[] reports = readings.Messages.Where(m => m.Topic == "edge/n1/readings").ToArray();
            Assert.Equal(2, reports.Length);
            Assert.Equal([1L, 2L], reports.Select(r => JsonDocument.Parse(r.Payload).RootElement.GetProperty("seq").GetInt64()));
            Assert.True(answered, "no command result; mosquitto log:\n" + _broker.Log);
            JsonElement result = JsonDocument.Parse(readings.Messages.First(m => m.Topic == "edge/n1/cmd/config/get/result").Payload).RootElement;
            Assert.Equal(("tls-1", true), (result.GetProperty("id").GetString(), result.GetProperty("ok").GetBoolean()));
        }

        [Fact]
        public void A_broker_certificate_from_another_ca_is_refused_as_tls_and_the_node_keeps_to_its_backoff()
        {
            using var link = new MqttNetLink(_broker.Connection(_broker.Port, caFile: _broker.OtherCaFile));
            var simulation = new NodeSimulation(Options(), link);

            simulation.Run(RefusedRun);

            AssertRefusedByBackoff(simulation, "linkTls");
            Assert.Equal(0, Counter(simulation.Node, "linkRefused"));
            Assert.Equal("TLS: the broker's certificate (CN=localhost, issued by CN=ca) does not chain to the CA it was given (and only that one)", link.ConnectFailure);
        }

        [Fact]
        public void An_expired_broker_certificate_is_refused_as_tls()
        {
            using var link = new MqttNetLink(_broker.Connection(_broker.ExpiredPort));
            var simulation = new NodeSimulation(Options(), link);

            simulation.Run(TimeSpan.FromSeconds(5));

            Assert.False(simulation.Node.Session.IsConnected);
            Assert.True(Counter(simulation.Node, "linkTls") >= 1);
            Assert.Equal(simulation.Node.ConnectAttempts, Counter(simulation.Node, "linkTls"));
            Assert.Matches(@"^TLS: the broker's certificate \(CN=localhost\) has expired \(valid from \d{4}-\d\d-\d\d \d\d:\d\dZ to \d{4}-\d\d-\d\d \d\d:\d\dZ\)$", link.ConnectFailure);
        }

        [Fact]
        public void A_broker_certificate_for_another_host_name_is_refused_as_tls()
        {
            // The certificate names broker.example only; the node connects to localhost.
            using var link = new MqttNetLink(_broker.Connection(_broker.OtherHostPort));
            var simulation = new NodeSimulation(Options(), link);

            simulation.Run(TimeSpan.FromSeconds(5));

            Assert.False(simulation.Node.Session.IsConnected);
            Assert.True(Counter(simulation.Node, "linkTls") >= 1);
            Assert.Equal(simulation.Node.ConnectAttempts, Counter(simulation.Node, "linkTls"));
            Assert.Equal("TLS: the broker's certificate (CN=broker.example) is not for localhost: its names do not include it", link.ConnectFailure);
        }

        [Fact]
        public void The_certificate_for_localhost_and_127_0_0_1_is_accepted_by_either_name()
        {
            foreach (string host in new[] { "localhost", "127.0.0.1" })
            {
                using var link = new MqttNetLink(_broker.Connection(_broker.Port, host: host));
                Assert.Equal((LinkState.Connected, null), Connect(link, "name-" + host));
            }
        }

        [Fact]
        public void A_wrong_password_is_refused_with_connack_code_4_or_5_and_the_node_keeps_to_its_backoff()
        {
            using var link = new MqttNetLink(_broker.Connection(_broker.Port, password: "not-the-password"));
            var simulation = new NodeSimulation(Options(), link);

            simulation.Run(RefusedRun);

            AssertRefusedByBackoff(simulation, "linkRefused");
            Assert.Equal(0, Counter(simulation.Node, "linkTls"));

            // mosquitto answers a bad password with 5, not authorized (MQTT 3.1.1 section 3.2.2.3; 4 is the other
            // answer a broker may give).
            long code = Counter(simulation.Node, "linkRefusedCode");
            Assert.Contains(code, new long[] { 4, 5 });
            Assert.StartsWith("the broker refused the connection: ", link.ConnectFailure);
            Assert.EndsWith($"CONNACK code {code})", link.ConnectFailure);
        }

        [Fact]
        public void An_mqtt_5_link_refused_for_its_password_reports_the_reason_as_its_3_1_1_code()
        {
            using var link = new MqttNetLink(_broker.Connection(_broker.Port, password: "not-the-password"), MqttProtocolVersion.V500);

            Assert.Equal(LinkState.Disconnected, Connect(link, "v5-refused").State);

            // MQTT 5.0 section 3.2.2.2: 0x86 bad user name or password, 0x87 not authorized; reported as 4 and 5.
            Assert.Equal(LinkFailure.Refused, link.Failure);
            Assert.Contains(link.RefusedCode, new[] { 4, 5 });
        }

        [Fact]
        public async Task A_message_under_another_nodes_topic_never_reaches_its_subscribers()
        {
            await using SecureRecorder other = await SecureRecorder.StartAsync(_broker, "edge/n2/#");
            using var link = new MqttNetLink(_broker.Connection(_broker.Port), MqttProtocolVersion.V500);
            Assert.Equal((LinkState.Connected, null), Connect(link, "acl-n1"));

            int foreign = link.Publish("edge/n2/readings", Encoding.UTF8.GetBytes("{\"forged\":true}"), 15, 1, false);
            int own = link.Publish("edge/n1/acl-probe", Encoding.UTF8.GetBytes("{}"), 2, 1, false);
            Dictionary<int, bool> outcomes = TakeCompletions(link, 2);
            await Task.Delay(500);

            // MQTT 5: mosquitto answers the PUBACK with 0x87 (not authorized), which the link reports as not delivered.
            Assert.False(outcomes[foreign]);
            Assert.True(outcomes[own]);
            Assert.Empty(other.Messages);

            // The same through a bare MQTT 5 client, to see the reason code itself.
            using IMqttClient client = new MqttClientFactory().CreateMqttClient();
            await client.ConnectAsync(SecureRecorder.ClientOptions(_broker, SecureBrokerFixture.NodeId, SecureBrokerFixture.NodePassword, MqttProtocolVersion.V500));
            MqttClientPublishResult refused = await client.PublishAsync(new MqttApplicationMessageBuilder()
                .WithTopic("edge/n2/readings").WithPayload("{}").WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());
            await Task.Delay(300);
            Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, refused.ReasonCode);
            Assert.Empty(other.Messages);
        }

        [Fact]
        public void A_listener_requiring_a_client_certificate_refuses_a_node_without_one_and_accepts_it_with_one()
        {
            using (var without = new MqttNetLink(_broker.Connection(_broker.MutualPort)))
            {
                Assert.Equal(LinkState.Disconnected, Connect(without, "mtls-without").State);
                Assert.True(LinkFailure.Tls == without.Failure, without.Failure + ": " + without.ConnectFailure);
                Assert.StartsWith("TLS: the broker closed the connection in the TLS handshake (", without.ConnectFailure);
                Assert.EndsWith("): it wants a client certificate (require_certificate) it was not given, or does not speak TLS on this port", without.ConnectFailure);
            }

            using var with = new MqttNetLink(_broker.Connection(_broker.MutualPort, clientCertificate: true));
            Assert.Equal((LinkState.Connected, null), Connect(with, "mtls-with"));
        }

        [Fact]
        public async Task Listen_and_selftest_reach_the_tls_broker_with_ca_username_and_password_file()
        {
            string passwordFile = _broker.Pki.PathOf("operator.txt");
            File.WriteAllText(passwordFile, SecureBrokerFixture.OperatorPassword + "\n");
            string[] connection = ["--broker", $"mqtts://localhost:{_broker.Port}", "--ca", _broker.CaFile, "--username", SecureBrokerFixture.Operator, "--password-file", passwordFile];
            using var link = new MqttNetLink(_broker.Connection(_broker.Port));
            var simulation = new NodeSimulation(Options(), link);
            simulation.Run(TimeSpan.FromMinutes(1));
            using var running = new CancellationTokenSource();
            Task node = NodeLoop.RunAsync(simulation, running.Token);

            var listenOutput = new StringWriter();
            var listenError = new StringWriter();
            int listened = await EdgeCli.RunAsync(["listen", .. connection, "--json", "--duration", "3s"], listenOutput, listenError, interactive: false);
            var selfTestOutput = new StringWriter();
            var selfTestError = new StringWriter();
            int tested = await EdgeCli.RunAsync(["selftest", .. connection, "--node", SecureBrokerFixture.NodeId, "--timeout", "20s"], selfTestOutput, selfTestError, interactive: false);
            running.Cancel();
            await node;

            Assert.True(listened == 0, listenError.ToString());
            Assert.Contains($"listening to edge/#", listenError.ToString());
            Assert.Contains(listenOutput.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries), l => JsonDocument.Parse(l).RootElement.GetProperty("topic").GetString() == "edge/n1/status");
            Assert.True(tested == 0, selfTestError.ToString());
            Assert.Matches(@"SELFTEST WARN: 7 checks, 6 passed, 1 warned, 0 failed", selfTestOutput.ToString());
            Assert.DoesNotContain(SecureBrokerFixture.OperatorPassword, listenError.ToString() + listenOutput + selfTestError + selfTestOutput);
        }

        [Fact]
        public async Task Listen_with_the_development_flag_connects_without_a_ca_and_warns()
        {
            string passwordFile = _broker.Pki.PathOf("operator-dev.txt");
            File.WriteAllText(passwordFile, SecureBrokerFixture.OperatorPassword);
            var output = new StringWriter();
            var error = new StringWriter();

            // The expired certificate: accepted all the same, and said so.
            int exit = await EdgeCli.RunAsync(
                ["listen", "--broker", $"mqtts://localhost:{_broker.ExpiredPort}", "--insecure-skip-verify", "--username", SecureBrokerFixture.Operator, "--password-file", passwordFile, "--json", "--duration", "1s"],
                output,
                error,
                interactive: false);

            Assert.True(exit == 0, error.ToString());
            string[] lines = error.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(
                $"WARNING: the certificate of the broker at mqtts://localhost:{_broker.ExpiredPort} was NOT verified (--insecure-skip-verify): anyone on the path can read and change this connection; for development only",
                lines[0]);
            Assert.StartsWith("listening to edge/#", lines[1]);
        }

        [Fact]
        public async Task Listen_refused_by_the_broker_certificate_says_why_and_exits_1()
        {
            var error = new StringWriter();

            int exit = await EdgeCli.RunAsync(["listen", "--broker", $"mqtts://localhost:{_broker.Port}", "--ca", _broker.OtherCaFile, "--duration", "1s"], new StringWriter(), error, interactive: false);

            Assert.Equal(ExitCodes.Failure, exit);
            Assert.Equal(
                $"cannot connect to the broker at mqtts://localhost:{_broker.Port}: TLS: the broker's certificate (CN=localhost, issued by CN=ca) does not chain to the CA it was given (and only that one)" + Environment.NewLine,
                error.ToString());
        }

        [Fact]
        public async Task Run_takes_the_brokers_tls_ca_and_credentials_from_the_nodes_config()
        {
            using var rig = new Edge.Tests.Gateway.GatewayRig();
            string config = rig.WriteLinkyConfig(_broker.Port);

            // As edge provision writes a TLS node: the CA at its path on the node, ca.pem beside config.json.
            File.WriteAllText(config, File.ReadAllText(config)
                .Replace($"\"uri\": \"mqtt://127.0.0.1:{_broker.Port}\"", $"\"uri\": \"mqtts://localhost:{_broker.Port}\"", StringComparison.Ordinal)
                .Replace("\"username\": null", $"\"username\": \"{SecureBrokerFixture.GatewayId}\"", StringComparison.Ordinal)
                .Replace("\"ca\": null", "\"ca\": \"I:\\\\edge\\\\ca.pem\"", StringComparison.Ordinal));
            File.WriteAllText(Path.Combine(rig.Directory, "secrets.json"), $$"""{ "schemaVersion": 1, "wifiPassword": "correct horse battery staple", "mqttPassword": "{{SecureBrokerFixture.GatewayPassword}}" }""");
            File.Copy(_broker.CaFile, Path.Combine(rig.Directory, "ca.pem"));
            await using SecureRecorder readings = await SecureRecorder.StartAsync(_broker, "edge/gw-0001/readings");
            Edge.Tests.Gateway.MemorySerialDevice meter = rig.Serial.Add("/dev/ttyUSB0");
            byte[] frame = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "TestData", "tic", "tic_hist_1P_HC_pyteleinfo_VALID_FRAME.bin"));
            var output = new StringWriter();
            var error = new StringWriter();
            using var stop = new CancellationTokenSource();
            var command = RunCommand.Create(TextWriter.Synchronized(output), error, (chip, devices) => rig.Hardware(devices));
            Task<int> run = command.Parse(["--config", config, "--state", Path.Combine(rig.Directory, "state")]).InvokeAsync(cancellationToken: stop.Token);

            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
            while (readings.Messages.Count == 0 && DateTime.UtcNow < deadline && !run.IsCompleted)
            {
                meter.Receive(frame);
                await Task.Delay(250);
            }

            stop.Cancel();
            int exit = await run;

            Assert.True(exit == ExitCodes.Success, error.ToString() + output);
            Assert.NotEmpty(readings.Messages);
            Assert.Equal("gw-0001", JsonDocument.Parse(readings.Messages[0].Payload).RootElement.GetProperty("node").GetString());
            Assert.DoesNotContain(SecureBrokerFixture.GatewayPassword, output.ToString() + error);
        }

        [Fact]
        public async Task Run_with_a_username_on_the_command_line_sends_its_password_file_not_the_configs()
        {
            using var rig = new Edge.Tests.Gateway.GatewayRig();
            string config = rig.WriteLinkyConfig(1);
            string passwordFile = Path.Combine(rig.Directory, "password.txt");
            File.WriteAllText(passwordFile, "wrong-password\n");
            rig.Serial.Add("/dev/ttyUSB0");
            var output = new StringWriter();
            var error = new StringWriter();
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(4));
            var command = RunCommand.Create(TextWriter.Synchronized(output), error, (chip, devices) => rig.Hardware(devices));

            int exit = await command.Parse(
                ["--config", config, "--state", Path.Combine(rig.Directory, "state"), "--broker", $"mqtts://localhost:{_broker.Port}", "--ca", _broker.CaFile, "--username", SecureBrokerFixture.GatewayId, "--password-file", passwordFile])
                .InvokeAsync(cancellationToken: stop.Token);

            // The broker and the CA of the command line were used (the config's broker is plain, on port 1); the
            // password of the file was refused.
            Assert.Equal(ExitCodes.Success, exit);
            Assert.Matches(@"broker refused the connection \(CONNACK code [45]\)", output.ToString());
            Assert.DoesNotContain("wrong-password", output.ToString() + error);
        }

        /// <summary>The node's attempts over <see cref="RefusedRun"/>: each one refused (counted under
        /// <paramref name="counter"/>), and no more than the node's backoff allows: attempt k+1 waits at least the
        /// k-th delay the same backoff (same seed, from the node id) draws.</summary>
        private void AssertRefusedByBackoff(NodeSimulation simulation, string counter)
        {
            EdgeNode node = simulation.Node;
            var backoff = new ReconnectBackoff(node.Config.ReconnectFloorMs, node.Config.ReconnectMinDelayMs, node.Config.ReconnectMaxDelayMs, ReconnectBackoff.SeedFrom(node.Config.NodeId));
            long elapsed = simulation.Clock.MonotonicMs;
            long allowed = 1;
            for (long at = backoff.NextDelayMs(); at <= elapsed; at += backoff.NextDelayMs())
            {
                allowed++;
            }

            _output.WriteLine($"{counter}: {node.ConnectAttempts} attempts in {elapsed} ms, the backoff allows {allowed}");
            Assert.False(node.Session.IsConnected);
            Assert.InRange(node.ConnectAttempts, 3, allowed);
            Assert.Equal(node.ConnectAttempts, Counter(node, counter));
        }

        private static SimulationOptions Options() => new()
        {
            NodeId = SecureBrokerFixture.NodeId,
            StartUtc = Utc.At("2026-12-03T08:00:00Z"),
            Seed = 5,
        };

        private static long Counter(EdgeNode node, string name)
        {
            ICounterSource counters = node.Session.Counters;
            int index = Enumerable.Range(0, counters.CounterCount).Single(i => counters.CounterName(i) == name);
            return counters.CounterValue(index);
        }

        /// <summary>One connection attempt of <paramref name="link"/>, waited for; its state and the failure's words.</summary>
        private static (LinkState State, string? Failure) Connect(MqttNetLink link, string clientId)
        {
            link.BeginConnect(new MqttConnectOptions { ClientId = clientId, CleanSession = true });
            var watch = Stopwatch.StartNew();
            while (link.State == LinkState.Connecting && watch.Elapsed < TimeSpan.FromSeconds(15))
            {
                Thread.Sleep(10);
            }

            return (link.State, link.ConnectFailure);
        }

        private static Dictionary<int, bool> TakeCompletions(MqttNetLink link, int count)
        {
            var outcomes = new Dictionary<int, bool>();
            var watch = Stopwatch.StartNew();
            while (outcomes.Count < count && watch.Elapsed < TimeSpan.FromSeconds(10))
            {
                if (link.TryTakeCompletion(out int ticket, out bool delivered))
                {
                    outcomes[ticket] = delivered;
                }
                else
                {
                    Thread.Sleep(10);
                }
            }

            return outcomes;
        }
    }

    /// <summary>The site's operator as an MQTT client of the TLS broker: records what it receives on a filter, and publishes.</summary>
    internal sealed class SecureRecorder : IAsyncDisposable
    {
        private readonly IMqttClient _client;
        private readonly ConcurrentQueue<(string Topic, string Payload)> _messages = new();

        private SecureRecorder(IMqttClient client)
        {
            _client = client;
        }

        public IReadOnlyList<(string Topic, string Payload)> Messages => _messages.ToArray();

        public static MqttClientOptions ClientOptions(SecureBrokerFixture broker, string username, string password, MqttProtocolVersion protocol = MqttProtocolVersion.V311)
        {
            BrokerConnection connection = broker.Connection(broker.Port, username, password);
            var check = new ServerCertificateCheck(connection, _ => { });
            return BrokerTls.Apply(new MqttClientOptionsBuilder(), connection, tls: true, check)
                .WithTcpServer(connection.Address.Host, connection.Address.Port)
                .WithCredentials(username, password)
                .WithProtocolVersion(protocol)
                .WithClientId("test-" + username + "-" + Guid.NewGuid().ToString("N")[..8])
                .Build();
        }

        public static async Task<SecureRecorder> StartAsync(SecureBrokerFixture broker, string topicFilter)
        {
            IMqttClient client = new MqttClientFactory().CreateMqttClient();
            var recorder = new SecureRecorder(client);
            client.ApplicationMessageReceivedAsync += e =>
            {
                recorder._messages.Enqueue((e.ApplicationMessage.Topic, Encoding.UTF8.GetString(e.ApplicationMessage.Payload.ToArray())));
                return Task.CompletedTask;
            };
            await client.ConnectAsync(ClientOptions(broker, SecureBrokerFixture.Operator, SecureBrokerFixture.OperatorPassword));
            await client.SubscribeAsync(topicFilter, MqttQualityOfServiceLevel.AtLeastOnce);
            return recorder;
        }

        public Task PublishAsync(string topic, string payload) =>
            _client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());

        public async Task<bool> WaitUntilAsync(Func<(string Topic, string Payload), bool> seen, TimeSpan timeout)
        {
            var deadline = DateTime.UtcNow + timeout;
            while (!_messages.Any(seen))
            {
                if (DateTime.UtcNow > deadline)
                {
                    return false;
                }

                await Task.Delay(20);
            }

            return true;
        }

        public async ValueTask DisposeAsync()
        {
            if (_client.IsConnected)
            {
                await _client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build());
            }

            _client.Dispose();
        }
    }
}
