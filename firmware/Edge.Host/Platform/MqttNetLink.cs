using System;
using System.Buffers;
using System.Threading;
using Edge.Core.Platform;
using MQTTnet;
using MQTTnet.Protocol;

namespace Edge.Host.Platform
{
    /// <summary>
    /// <see cref="IMqttLink"/> over an MQTTnet client (MQTT 3.1.1, as nanoFramework's M2Mqtt speaks by default).
    /// The node loop is synchronous, so calls block until the broker answered: for QoS 1 until its PUBACK.
    /// </summary>
    public sealed class MqttNetLink : IMqttLink, IDisposable
    {
        private static readonly TimeSpan OperationTimeout = TimeSpan.FromSeconds(10);

        private readonly string _host;
        private readonly int _port;
        private readonly IMqttClient _client;

        public MqttNetLink(string host, int port)
        {
            _host = host;
            _port = port;
            _client = new MqttClientFactory().CreateMqttClient();
            _client.DisconnectedAsync += _ =>
            {
                ConnectionLost?.Invoke();
                return System.Threading.Tasks.Task.CompletedTask;
            };
            _client.ApplicationMessageReceivedAsync += e =>
            {
                MessageReceived?.Invoke(e.ApplicationMessage.Topic, e.ApplicationMessage.Payload.ToArray());
                return System.Threading.Tasks.Task.CompletedTask;
            };
        }

        public event MqttMessageHandler? MessageReceived;

        public event MqttConnectionLostHandler? ConnectionLost;

        public bool IsConnected => _client.IsConnected;

        /// <summary>Why the last <see cref="Connect"/> failed (the socket's or the broker's answer); null once one succeeded.</summary>
        public string? ConnectFailure { get; private set; }

        public bool Connect(MqttConnectOptions options)
        {
            var builder = new MqttClientOptionsBuilder()
                .WithTcpServer(_host, _port)
                .WithClientId(options.ClientId)
                .WithCleanSession(true)
                .WithKeepAlivePeriod(TimeSpan.FromSeconds(options.KeepAliveSeconds))
                .WithTimeout(OperationTimeout);
            if (!string.IsNullOrEmpty(options.UserName))
            {
                builder.WithCredentials(options.UserName, options.Password);
            }

            if (!string.IsNullOrEmpty(options.WillTopic))
            {
                builder.WithWillTopic(options.WillTopic)
                    .WithWillPayload(options.WillPayload ?? [])
                    .WithWillRetain(options.WillRetain)
                    .WithWillQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce);
            }

            if (options.UseTls)
            {
                builder.WithTlsOptions(tls => tls.UseTls());
            }

            try
            {
                using var timeout = new CancellationTokenSource(OperationTimeout);
                var result = _client.ConnectAsync(builder.Build(), timeout.Token).GetAwaiter().GetResult();
                ConnectFailure = result.ResultCode == MqttClientConnectResultCode.Success ? null : $"the broker refused the connection ({result.ResultCode})";
                return ConnectFailure is null;
            }
            catch (OperationCanceledException)
            {
                ConnectFailure = $"no answer within {OperationTimeout.TotalSeconds:0} s";
                return false;
            }
            catch (Exception e) when (e is MQTTnet.Exceptions.MqttCommunicationException or System.Net.Sockets.SocketException or InvalidOperationException)
            {
                ConnectFailure = (e.InnerException as System.Net.Sockets.SocketException)?.Message ?? e.Message;
                return false;
            }
        }

        public void Disconnect()
        {
            if (_client.IsConnected)
            {
                _client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build()).GetAwaiter().GetResult();
            }
        }

        public bool Publish(string topic, byte[] payload, int length, int qos, bool retain)
        {
            // MQTTnet may hold the payload while the packet is in flight: give it its own copy, so the
            // caller's reused buffer can be written again at once.
            var message = new MqttApplicationMessageBuilder()
                .WithTopic(topic)
                .WithPayload(payload.AsSpan(0, length).ToArray())
                .WithQualityOfServiceLevel((MqttQualityOfServiceLevel)qos)
                .WithRetainFlag(retain)
                .Build();
            try
            {
                using var timeout = new CancellationTokenSource(OperationTimeout);
                return _client.PublishAsync(message, timeout.Token).GetAwaiter().GetResult().IsSuccess;
            }
            catch (Exception e) when (e is MQTTnet.Exceptions.MqttCommunicationException or OperationCanceledException or InvalidOperationException)
            {
                return false;
            }
        }

        public bool Subscribe(string topicFilter, int qos)
        {
            try
            {
                using var timeout = new CancellationTokenSource(OperationTimeout);
                _client.SubscribeAsync(topicFilter, (MqttQualityOfServiceLevel)qos, timeout.Token).GetAwaiter().GetResult();
                return true;
            }
            catch (Exception e) when (e is MQTTnet.Exceptions.MqttCommunicationException or OperationCanceledException or InvalidOperationException)
            {
                return false;
            }
        }

        /// <summary>Drops the connection without an MQTT DISCONNECT, as a power cut or a lost network does: the
        /// broker then publishes the Last Will.</summary>
        public void Abort()
        {
            _client.Dispose();
        }

        public void Dispose()
        {
            try
            {
                Disconnect();
            }
            catch (Exception e) when (e is MQTTnet.Exceptions.MqttCommunicationException or OperationCanceledException or InvalidOperationException)
            {
                // Already gone: nothing to close.
            }

            _client.Dispose();
        }
    }
}
