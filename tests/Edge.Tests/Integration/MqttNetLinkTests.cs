using System;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using Edge.Core.Platform;
using Edge.Host.Broker;
using Edge.Host.Platform;
using MQTTnet.Formatter;
using Xunit;

namespace Edge.Tests.Integration
{
    /// <summary>The host adapter against real sockets: it never waits, and it tells apart the ways a connection fails.</summary>
    [Collection(BrokerCollection.Name)]
    public class MqttNetLinkTests
    {
        private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

        private readonly BrokerFixture _broker;

        public MqttNetLinkTests(BrokerFixture broker)
        {
            _broker = broker;
        }

        [Fact]
        public void Connects_without_waiting_and_reports_each_publish_once_acknowledged()
        {
            using var link = new MqttNetLink(_broker.Host, _broker.Port);
            var watch = Stopwatch.StartNew();
            link.BeginConnect(Options("edge-it-link-ok"));
            Assert.True(watch.ElapsedMilliseconds < 200, $"BeginConnect took {watch.ElapsedMilliseconds} ms");
            Assert.Equal(LinkState.Connected, WaitWhile(link, LinkState.Connecting));

            int[] tickets = new int[5];
            for (int i = 0; i < tickets.Length; i++)
            {
                tickets[i] = link.Publish("edge/it-link-ok/readings", [(byte)'0', (byte)i], 2, 1, false);
                Assert.True(tickets[i] > 0);
            }

            var delivered = new System.Collections.Generic.HashSet<int>();
            var deadline = DateTime.UtcNow + Patience;
            while (delivered.Count < tickets.Length && DateTime.UtcNow < deadline)
            {
                while (link.TryTakeCompletion(out int ticket, out bool ok))
                {
                    Assert.True(ok);
                    Assert.True(delivered.Add(ticket));
                }

                Thread.Sleep(5);
            }

            Assert.Equal(tickets, System.Linq.Enumerable.ToArray(System.Linq.Enumerable.Order(delivered)));
            link.Disconnect();
            Assert.Equal((LinkState.Disconnected, LinkFailure.None), (link.State, link.Failure));
            Assert.Equal(0, link.Publish("edge/it-link-ok/readings", [1], 1, 1, false));
        }

        [Fact]
        public void A_name_that_does_not_resolve_is_a_dns_failure()
        {
            using var link = new MqttNetLink("no-such-host.invalid", 1883);
            link.BeginConnect(Options("edge-it-dns"));
            Assert.Equal(LinkState.Disconnected, WaitWhile(link, LinkState.Connecting));
            Assert.Equal(LinkFailure.Dns, link.Failure);
        }

        [Fact]
        public void A_port_where_nothing_listens_is_a_tcp_failure()
        {
            using var link = new MqttNetLink("127.0.0.1", EmbeddedBroker.FreeLoopbackPort());
            link.BeginConnect(Options("edge-it-tcp"));
            Assert.Equal(LinkState.Disconnected, WaitWhile(link, LinkState.Connecting));
            Assert.Equal(LinkFailure.Tcp, link.Failure);
            Assert.NotNull(link.ConnectFailure);
        }

        [Fact]
        public void Tls_to_a_broker_that_does_not_speak_it_is_a_tls_failure()
        {
            using var link = new MqttNetLink(_broker.Host, _broker.Port);
            MqttConnectOptions options = Options("edge-it-tls");
            options.UseTls = true;
            link.BeginConnect(options);
            Assert.Equal(LinkState.Disconnected, WaitWhile(link, LinkState.Connecting));
            Assert.Equal(LinkFailure.Tls, link.Failure);
        }

        [Fact]
        public async Task A_broker_that_accepts_the_socket_but_never_answers_is_a_timeout()
        {
            using var silent = new TcpListener(IPAddress.Loopback, 0);
            silent.Start();
            Task<TcpClient> accepted = silent.AcceptTcpClientAsync();
            using var link = new MqttNetLink("127.0.0.1", ((IPEndPoint)silent.LocalEndpoint).Port);
            MqttConnectOptions options = Options("edge-it-timeout");
            options.ConnectTimeoutMs = 500;
            link.BeginConnect(options);

            Assert.Equal(LinkState.Disconnected, WaitWhile(link, LinkState.Connecting));
            Assert.Equal(LinkFailure.Timeout, link.Failure);
            (await accepted).Dispose();
        }

        [Theory]
        [InlineData(2)]
        [InlineData(5)]
        public async Task A_connack_with_a_return_code_is_a_refusal_with_that_code(byte code)
        {
            // A broker that reads the CONNECT and answers CONNACK with the return code (MQTT 3.1.1 section 3.2.2.3).
            using var refusing = new TcpListener(IPAddress.Loopback, 0);
            refusing.Start();
            Task answer = Task.Run(async () =>
            {
                using TcpClient client = await refusing.AcceptTcpClientAsync();
                NetworkStream stream = client.GetStream();
                byte[] buffer = new byte[256];
                _ = await stream.ReadAsync(buffer);
                await stream.WriteAsync(new byte[] { 0x20, 0x02, 0x00, code });
                await Task.Delay(500);
            });
            using var link = new MqttNetLink("127.0.0.1", ((IPEndPoint)refusing.LocalEndpoint).Port);
            link.BeginConnect(Options("edge-it-refused"));

            Assert.Equal(LinkState.Disconnected, WaitWhile(link, LinkState.Connecting));
            Assert.Equal((LinkFailure.Refused, (int)code), (link.Failure, link.RefusedCode));
            await answer;
        }

        [Fact]
        public async Task A_connection_the_network_cuts_is_lost_and_the_broker_resumes_the_persistent_session()
        {
            await using MqttProxy proxy = MqttProxy.Start(_broker.Host, _broker.Port);
            using var link = new MqttNetLink(proxy.Host, proxy.Port);
            link.BeginConnect(Options("edge-it-lost"));
            Assert.Equal(LinkState.Connected, WaitWhile(link, LinkState.Connecting));
            link.Subscribe("edge/it-lost/cmd/#", 1);

            proxy.Cut();
            Assert.Equal(LinkState.Disconnected, WaitWhile(link, LinkState.Connected));
            Assert.Equal(LinkFailure.Lost, link.Failure);

            proxy.Restore();
            link.BeginConnect(Options("edge-it-lost"));
            Assert.Equal(LinkState.Connected, WaitWhile(link, LinkState.Connecting));
            Assert.True(link.SessionPresent);
        }

        [Fact]
        public async Task Keep_alive_pings_flow_while_a_publish_waits_for_its_acknowledgement()
        {
            await using MqttProxy proxy = MqttProxy.Start(_broker.Host, _broker.Port);
            using var link = new MqttNetLink(proxy.Host, proxy.Port);
            MqttConnectOptions options = Options("edge-it-ping");
            options.KeepAliveSeconds = 1;
            link.BeginConnect(options);
            Assert.Equal(LinkState.Connected, WaitWhile(link, LinkState.Connecting));

            // The broker's PUBACK never comes back: the publish stays outstanding.
            proxy.DropPubAcks = true;
            int ticket = link.Publish("edge/it-ping/readings", [1], 1, 1, false);
            Assert.True(ticket > 0);
            await Task.Delay(3500);

            Assert.False(link.TryTakeCompletion(out _, out _));
            Assert.Equal(LinkState.Connected, link.State);
            Assert.True(proxy.ToBroker(MqttProxy.PingReq) >= 2, $"{proxy.ToBroker(MqttProxy.PingReq)} PINGREQ");
            Assert.True(proxy.ToClient(MqttProxy.PingResp) >= 2, $"{proxy.ToClient(MqttProxy.PingResp)} PINGRESP");

            // Given up, the publish completes as not delivered.
            link.Disconnect();
            var deadline = DateTime.UtcNow + Patience;
            int done;
            bool delivered;
            while (!link.TryTakeCompletion(out done, out delivered) && DateTime.UtcNow < deadline)
            {
                Thread.Sleep(5);
            }

            Assert.Equal((ticket, false), (done, delivered));
        }

        [Fact]
        public async Task An_mqtt5_broker_says_when_another_client_took_the_session_over()
        {
            await using EmbeddedBroker broker = await EmbeddedBroker.StartAsync(0);
            using var first = new MqttNetLink(broker.Host, broker.Port, MqttProtocolVersion.V500);
            using var second = new MqttNetLink(broker.Host, broker.Port, MqttProtocolVersion.V500);
            first.BeginConnect(Options("edge-it-twin"));
            Assert.Equal(LinkState.Connected, WaitWhile(first, LinkState.Connecting));

            second.BeginConnect(Options("edge-it-twin"));
            Assert.Equal(LinkState.Connected, WaitWhile(second, LinkState.Connecting));
            Assert.Equal(LinkState.Disconnected, WaitWhile(first, LinkState.Connected));
            Assert.Equal(LinkFailure.TakenOver, first.Failure);
        }

        private static MqttConnectOptions Options(string clientId) => new() { ClientId = clientId, ConnectTimeoutMs = 5000 };

        /// <summary>Polls the link, as the node loop would, while it is in <paramref name="state"/>; returns the state it left for.</summary>
        private static LinkState WaitWhile(IMqttLink link, LinkState state)
        {
            var deadline = DateTime.UtcNow + Patience;
            while (link.State == state && DateTime.UtcNow < deadline)
            {
                Thread.Sleep(5);
            }

            return link.State;
        }
    }
}
