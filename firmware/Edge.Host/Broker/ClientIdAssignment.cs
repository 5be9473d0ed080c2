using System;
using System.Collections.Generic;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Threading;
using System.Threading.Tasks;
using MQTTnet.Adapter;
using MQTTnet.Diagnostics.Logger;
using MQTTnet.Formatter;
using MQTTnet.Packets;
using MQTTnet.Server;

namespace Edge.Host.Broker
{
    /// <summary>
    /// MQTT 3.1.1 section 3.1.3.1 [MQTT-3.1.3-6]: a server may accept a zero-byte client identifier, and must then
    /// assign one and process the CONNECT as if the client had sent it. mosquitto_sub and mosquitto_pub send none
    /// unless given -i. MQTTnet 5 assigns one only to MQTT 5 clients (through
    /// <see cref="ValidatingConnectionEventArgs.AssignedClientIdentifier"/>) and rejects 3.1.1 ones, so the
    /// server's connections are wrapped to fill the identifier in as the CONNECT packet is read. An empty one with
    /// CleanSession 0 is left empty, and so refused with "identifier rejected" as [MQTT-3.1.3-8] requires.
    /// </summary>
    public static class ClientIdAssignment
    {
        /// <summary>A fresh identifier, as mosquitto makes them ("auto-" and a random UUID).</summary>
        public static string NewId() => "auto-" + Guid.NewGuid().ToString("D").ToUpperInvariant();

        /// <summary>The server's default transports, each wrapped so that its connections get identifiers.</summary>
        public static IEnumerable<IMqttServerAdapter> Wrap(MqttServerFactory factory)
        {
            foreach (Func<MqttServerFactory, IMqttServerAdapter> create in factory.DefaultServerAdapters)
            {
                yield return new AssigningServerAdapter(create(factory));
            }
        }

        /// <summary>For MQTT 5 clients MQTTnet takes the identifier from the validation and returns it in CONNACK
        /// (MQTT 5.0 section 3.2.2.3.7).</summary>
        public static Task AssignToMqtt5Clients(ValidatingConnectionEventArgs e)
        {
            if (string.IsNullOrEmpty(e.ClientId) && e.ProtocolVersion == MqttProtocolVersion.V500)
            {
                e.AssignedClientIdentifier = NewId();
            }

            return Task.CompletedTask;
        }

        private sealed class AssigningServerAdapter : IMqttServerAdapter
        {
            private readonly IMqttServerAdapter _inner;

            public AssigningServerAdapter(IMqttServerAdapter inner)
            {
                _inner = inner;
            }

            public Func<IMqttChannelAdapter, Task>? ClientHandler
            {
                get => _inner.ClientHandler;
                set => _inner.ClientHandler = value is null ? null : channel => value(new AssigningChannel(channel));
            }

            public Task StartAsync(MqttServerOptions options, IMqttNetLogger logger) => _inner.StartAsync(options, logger);

            public Task StopAsync() => _inner.StopAsync();

            public void Dispose() => _inner.Dispose();
        }

        /// <summary>A client's connection, unchanged but for the identifier of a 3.1.1 CONNECT with a clean session.</summary>
        private sealed class AssigningChannel : IMqttChannelAdapter
        {
            private readonly IMqttChannelAdapter _inner;

            public AssigningChannel(IMqttChannelAdapter inner)
            {
                _inner = inner;
            }

            public long BytesReceived => _inner.BytesReceived;

            public long BytesSent => _inner.BytesSent;

            public X509Certificate2 ClientCertificate => _inner.ClientCertificate;

            public EndPoint RemoteEndPoint => _inner.RemoteEndPoint;

            public EndPoint LocalEndPoint => _inner.LocalEndPoint;

            public bool IsSecureConnection => _inner.IsSecureConnection;

            public MqttPacketFormatterAdapter PacketFormatterAdapter => _inner.PacketFormatterAdapter;

            public Task ConnectAsync(CancellationToken cancellationToken) => _inner.ConnectAsync(cancellationToken);

            public Task DisconnectAsync(CancellationToken cancellationToken) => _inner.DisconnectAsync(cancellationToken);

            public async Task<MqttPacket> ReceivePacketAsync(CancellationToken cancellationToken)
            {
                MqttPacket packet = await _inner.ReceivePacketAsync(cancellationToken).ConfigureAwait(false);
                if (packet is MqttConnectPacket { CleanSession: true } connect && string.IsNullOrEmpty(connect.ClientId) &&
                    _inner.PacketFormatterAdapter.ProtocolVersion == MqttProtocolVersion.V311)
                {
                    connect.ClientId = NewId();
                }

                return packet;
            }

            public void ResetStatistics() => _inner.ResetStatistics();

            public Task SendPacketAsync(MqttPacket packet, CancellationToken cancellationToken) => _inner.SendPacketAsync(packet, cancellationToken);

            public void Dispose() => _inner.Dispose();
        }
    }
}
