using System;
using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;
using MQTTnet.Server;

namespace Edge.Host.Broker
{
    /// <summary>An in-process MQTT broker (MQTTnet server) on 127.0.0.1, for the simulator and tests.</summary>
    public sealed class EmbeddedBroker : IAsyncDisposable
    {
        private readonly MqttServer _server;

        private EmbeddedBroker(MqttServer server, int port)
        {
            _server = server;
            Port = port;
        }

        public string Host => "127.0.0.1";

        public int Port { get; }

        /// <summary>Starts a broker on the given port of 127.0.0.1 (0 picks a free port).</summary>
        public static async Task<EmbeddedBroker> StartAsync(int port)
        {
            if (port == 0)
            {
                port = FreeLoopbackPort();
            }

            var options = new MqttServerOptionsBuilder()
                .WithDefaultEndpoint()
                .WithDefaultEndpointBoundIPAddress(IPAddress.Loopback)
                .WithDefaultEndpointPort(port)
                .Build();
            var server = new MqttServerFactory().CreateMqttServer(options);
            try
            {
                await server.StartAsync().ConfigureAwait(false);
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse)
            {
                server.Dispose();
                throw new InvalidOperationException($"port {port} on 127.0.0.1 is already in use (another broker?); choose another with --port", e);
            }

            return new EmbeddedBroker(server, port);
        }

        /// <summary>A TCP port on 127.0.0.1 that was free a moment ago (the OS picks it).</summary>
        public static int FreeLoopbackPort()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        public async ValueTask DisposeAsync()
        {
            await _server.StopAsync(new MqttServerStopOptionsBuilder().Build()).ConfigureAwait(false);
            _server.Dispose();
        }
    }
}
