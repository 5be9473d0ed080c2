using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using Edge.Host.Broker;
using Edge.Host.Cli;
using Xunit;

namespace Edge.Tests.Integration
{
    /// <summary>The embedded broker as users meet it: reached by the README's mosquitto commands, from this machine only.</summary>
    public class EmbeddedBrokerTests
    {
        [Fact]
        public async Task Listens_on_the_loopback_addresses_only_by_default()
        {
            await using EmbeddedBroker broker = await EmbeddedBroker.StartAsync(0);

            Assert.Equal(Expected(IPAddress.Loopback, IPAddress.IPv6Loopback, broker.Port), Listeners(broker.Port));
            Assert.True(broker.LoopbackOnly);
        }

        [Fact]
        public async Task Listens_on_the_address_asked_for_and_warns_that_it_is_not_loopback()
        {
            int port = EmbeddedBroker.FreeLoopbackPort();
            var output = new StringWriter();
            var error = new StringWriter();
            using var stop = new CancellationTokenSource();

            Task<int> run = EdgeCli.RunAsync(["simulate", "--listen", "0.0.0.0", "--port", port.ToString(), "--speed", "60", "--store", "none"], TextWriter.Synchronized(output), TextWriter.Synchronized(error), interactive: false, stop.Token);
            var deadline = DateTime.UtcNow.AddSeconds(15);
            while (!output.ToString().Contains("edge/sim-0001/readings  seq 1 ") && DateTime.UtcNow < deadline && !run.IsCompleted)
            {
                await Task.Delay(20);
            }

            var listening = Listeners(port);
            stop.Cancel();
            Assert.Equal(0, await run.WaitAsync(TimeSpan.FromSeconds(15)));

            Assert.Equal([$"0.0.0.0:{port}"], listening);
            Assert.Contains($"  broker   embedded MQTTnet at mqtt://127.0.0.1:{port}, listening on 0.0.0.0:{port}" + Environment.NewLine, output.ToString());
            Assert.StartsWith(
                $"warning: the embedded broker listens on 0.0.0.0:{port} and takes anonymous clients: whoever reaches these addresses can read and publish" + Environment.NewLine,
                error.ToString());
        }

        [Fact]
        public async Task The_readme_subscriber_command_receives_the_simulators_status_and_reports()
        {
            int port = EmbeddedBroker.FreeLoopbackPort();
            using var stop = new CancellationTokenSource();
            var output = new StringWriter();
            Task<int> simulate = EdgeCli.RunAsync(["simulate", "--port", port.ToString(), "--speed", "60", "--node-id", "readme", "--store", "none"], TextWriter.Synchronized(output), new StringWriter(), interactive: false, stop.Token);
            try
            {
                while (!output.ToString().Contains("  topic ") && !simulate.IsCompleted)
                {
                    await Task.Delay(20);
                }

                // The README's command: mosquitto_sub -h 127.0.0.1 -t 'edge/#' -v (here on the test's port).
                (int exit, string[] lines, string error) = await AnonymousClients.SubscribeAsync("127.0.0.1", port, "edge/#", 2, TimeSpan.FromSeconds(20));

                Assert.True(exit == 0, $"{AnonymousClients.Kind} exited {exit}: {error}");
                Assert.StartsWith("edge/readme/status {\"v\":1,\"node\":\"readme\",\"state\":\"online\"", lines[0]);
                Assert.StartsWith("edge/readme/readings {\"v\":1,\"node\":\"readme\",\"seq\":", lines[1]);
            }
            finally
            {
                stop.Cancel();
                await simulate.WaitAsync(TimeSpan.FromSeconds(15));
            }
        }

        [Theory]
        [InlineData(4)]
        [InlineData(5)]
        public async Task Gives_an_identifier_to_publishers_and_subscribers_that_send_none(int protocolVersion)
        {
            await using EmbeddedBroker broker = await EmbeddedBroker.StartAsync(0);

            (int published, string publishError) = await AnonymousClients.PublishRetainedAsync(broker.Host, broker.Port, "edge/anonymous/status", "{\"state\":\"online\"}");
            (int exit, string[] lines, string error) = await AnonymousClients.SubscribeAsync(broker.Host, broker.Port, "edge/#", 1, TimeSpan.FromSeconds(10), protocolVersion);

            Assert.True(published == 0, $"publisher exited {published}: {publishError}");
            Assert.True(exit == 0, $"{AnonymousClients.Kind} exited {exit}: {error}");
            Assert.Equal(["edge/anonymous/status {\"state\":\"online\"}"], lines);
        }

        [Fact]
        public async Task Accepts_an_empty_mqtt311_client_identifier_with_a_clean_session()
        {
            await using EmbeddedBroker broker = await EmbeddedBroker.StartAsync(0);
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, broker.Port);

            byte[] answer = await SendConnectWithoutIdAsync(client.GetStream(), cleanSession: true);

            // [MQTT-3.1.3-6]. CONNACK (section 3.2): type 2, remaining length 2, no session present, 0 accepted.
            Assert.Equal(new byte[] { 0x20, 2, 0, 0 }, answer);
        }

        [Fact]
        public async Task Does_not_accept_an_empty_mqtt311_client_identifier_without_a_clean_session()
        {
            await using EmbeddedBroker broker = await EmbeddedBroker.StartAsync(0);
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, broker.Port);

            byte[] answer = await SendConnectWithoutIdAsync(client.GetStream(), cleanSession: false);

            // [MQTT-3.1.3-7]: no identifier to assign a session to. MQTTnet's decoder refuses the CONNECT and closes
            // the connection at once ([MQTT-3.1.3-8] would send CONNACK 2 first): either way the client is not accepted.
            Assert.Empty(answer);
        }

        /// <summary>CONNECT (MQTT 3.1.1 section 3.1): protocol "MQTT" level 4, the flags, keep-alive 60 s and a
        /// zero-length client identifier; returns the answer's bytes (up to a CONNACK's 4) until the broker closes.</summary>
        private static async Task<byte[]> SendConnectWithoutIdAsync(NetworkStream stream, bool cleanSession)
        {
            byte flags = cleanSession ? (byte)0x02 : (byte)0x00;
            await stream.WriteAsync(new byte[] { 0x10, 12, 0, 4, (byte)'M', (byte)'Q', (byte)'T', (byte)'T', 4, flags, 0, 60, 0, 0 });
            byte[] answer = new byte[4];
            int read = 0;
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            while (read < answer.Length)
            {
                int n = await stream.ReadAsync(answer.AsMemory(read), timeout.Token);
                if (n == 0)
                {
                    break;
                }

                read += n;
            }

            return answer[..read];
        }

        private static string[] Expected(IPAddress v4, IPAddress v6, int port) => [new IPEndPoint(v4, port).ToString(), new IPEndPoint(v6, port).ToString()];

        private static string[] Listeners(int port) =>
            IPGlobalProperties.GetIPGlobalProperties().GetActiveTcpListeners()
                .Where(endpoint => endpoint.Port == port)
                .Select(endpoint => endpoint.ToString())
                .Order(StringComparer.Ordinal)
                .ToArray();
    }
}
