using System;
using System.Buffers;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Edge.Core.Node;
using Edge.Host.Platform;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace Edge.Host.Listening
{
    /// <summary>
    /// A subscriber that stays subscribed: after the broker goes away it reconnects with backoff and subscribes
    /// again, and says so. It keeps an MQTT 5 session on the broker while it runs, so that a broker that stayed up
    /// queues the QoS 1 messages of a short outage for it; a broker that restarted kept nothing, and the note says
    /// that what was published meanwhile is not seen here. The first connection must succeed (it throws otherwise).
    /// </summary>
    public sealed class BrokerSubscription : IAsyncDisposable
    {
        private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(10);

        /// <summary>How long the broker keeps the session after the connection dropped (MQTT 5 Session Expiry Interval, seconds).</summary>
        private const uint SessionExpirySeconds = 300;

        private readonly IMqttClient _client;
        private readonly BrokerConnection _connection;
        private readonly ServerCertificateCheck _certificates;
        private readonly string[] _filters;
        private readonly Action<string> _note;
        private readonly ReconnectBackoff _backoff;
        private readonly SemaphoreSlim _lost = new(0);
        private readonly CancellationTokenSource _stop = new();
        private readonly MqttClientOptions _options;
        private Task _keeping = Task.CompletedTask;
        private string _lastLoss = string.Empty;
        private long _reconnects;

        private BrokerSubscription(BrokerConnection connection, string clientIdPrefix, string[] filters, Action<string, byte[], bool> onMessage, Action<string> note, ReconnectBackoff backoff)
        {
            _connection = connection;
            _certificates = new ServerCertificateCheck(connection, note);
            _filters = filters;
            _note = note;
            _backoff = backoff;
            var builder = BrokerTls.Apply(new MqttClientOptionsBuilder(), connection, connection.Address.Tls, _certificates)
                .WithTcpServer(connection.Address.Host, connection.Address.Port);
            if (!string.IsNullOrEmpty(connection.Username))
            {
                builder.WithCredentials(connection.Username, connection.Password);
            }

            _options = builder
                .WithClientId(clientIdPrefix + Guid.NewGuid().ToString("N")[..8])
                .WithProtocolVersion(MqttProtocolVersion.V500)
                .WithCleanStart(true)
                .WithSessionExpiryInterval(SessionExpirySeconds)
                .WithTimeout(ConnectTimeout)
                .Build();
            _client = new MqttClientFactory().CreateMqttClient();
            _client.ApplicationMessageReceivedAsync += e =>
            {
                onMessage(e.ApplicationMessage.Topic, e.ApplicationMessage.Payload.ToArray(), e.ApplicationMessage.Retain);
                return Task.CompletedTask;
            };
            _client.DisconnectedAsync += e =>
            {
                if (e.ClientWasConnected && !_stop.IsCancellationRequested)
                {
                    _lastLoss = e.Exception?.Message ?? e.Reason.ToString();
                    _lost.Release();
                }

                return Task.CompletedTask;
            };
        }

        /// <summary>Times it connected again after losing the broker.</summary>
        public long Reconnects => Interlocked.Read(ref _reconnects);

        public string Address => _connection.Address.ToString();

        /// <summary>Connects, subscribes to every filter (QoS 1), and keeps it so until disposed.</summary>
        public static async Task<BrokerSubscription> ConnectAsync(
            BrokerConnection connection,
            string clientIdPrefix,
            IReadOnlyList<string> filters,
            Action<string, byte[], bool> onMessage,
            Action<string> note,
            ReconnectBackoff backoff,
            CancellationToken cancellation)
        {
            var subscription = new BrokerSubscription(connection, clientIdPrefix, [.. filters], onMessage, note, backoff);
            try
            {
                await subscription.ConnectOnceAsync(cancellation).ConfigureAwait(false);
            }
            catch
            {
                subscription._client.Dispose();
                throw;
            }

            subscription._keeping = Task.Run(subscription.KeepConnectedAsync);
            return subscription;
        }

        /// <summary>What <see cref="ConnectAsync"/> throws when the broker cannot be reached, refuses the connection or
        /// fails the TLS handshake (as opposed to a bug).</summary>
        public static bool IsConnectFailure(Exception e) =>
            e is MQTTnet.Exceptions.MqttCommunicationException or OperationCanceledException or System.Net.Sockets.SocketException
                or System.Security.Authentication.AuthenticationException or System.IO.IOException;

        /// <summary>Publishes <paramref name="payload"/> on <paramref name="topic"/> with QoS 1, not retained (a command
        /// to a node); throws when the broker does not take it.</summary>
        public async Task PublishAsync(string topic, byte[] payload, CancellationToken cancellation)
        {
            MqttApplicationMessage message = new MqttApplicationMessageBuilder()
                .WithTopic(topic)
                .WithPayload(payload)
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                .Build();
            MqttClientPublishResult result = await _client.PublishAsync(message, cancellation).ConfigureAwait(false);
            if (!result.IsSuccess)
            {
                throw new MQTTnet.Exceptions.MqttCommunicationException($"the broker did not take the message on {topic}: {result.ReasonCode} {result.ReasonString}");
            }
        }

        public async ValueTask DisposeAsync()
        {
            _stop.Cancel();
            await _keeping.ConfigureAwait(false);
            if (_client.IsConnected)
            {
                try
                {
                    // Session expiry 0: the broker forgets this subscriber at once instead of queueing for it.
                    await _client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().WithSessionExpiryInterval(0).Build()).ConfigureAwait(false);
                }
                catch (Exception e) when (e is MQTTnet.Exceptions.MqttCommunicationException or OperationCanceledException or InvalidOperationException)
                {
                    // The connection went while closing it: nothing left to close.
                }
            }

            _client.Dispose();
            _stop.Dispose();
            _lost.Dispose();
        }

        /// <returns>Whether the broker still had this subscriber's session.</returns>
        private async Task<bool> ConnectOnceAsync(CancellationToken cancellation)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
            timeout.CancelAfter(ConnectTimeout);
            MqttClientConnectResult result;
            _certificates.Forget();
            try
            {
                result = await _client.ConnectAsync(_options, timeout.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (_certificates.LastRefusal is string refusal && e is not OperationCanceledException)
            {
                // The TLS layer says only that the certificate was refused: the check says why.
                throw new MQTTnet.Exceptions.MqttCommunicationException("TLS: " + refusal, e);
            }
            catch (MQTTnet.Exceptions.MqttProtocolViolationException) when (_options.ProtocolVersion == MqttProtocolVersion.V500)
            {
                // A 3.1.1 broker's refusal, which the MQTT 5 decoder cannot read.
                result = new MqttClientConnectResult { ResultCode = MqttClientConnectResultCode.UnsupportedProtocolVersion };
            }

            if (result.ResultCode == MqttClientConnectResultCode.UnsupportedProtocolVersion && _options.ProtocolVersion == MqttProtocolVersion.V500)
            {
                // A broker of MQTT 3.1.1 only. There a session cannot expire: one kept for this subscriber would
                // queue for it forever after it is gone. So a clean session at each connection, and say so.
                _options.ProtocolVersion = MqttProtocolVersion.V311;
                _options.SessionExpiryInterval = 0;
                _note($"the broker at {Address} speaks MQTT 3.1.1, not 5: no session is kept for this subscriber across outages");
                result = await _client.ConnectAsync(_options, timeout.Token).ConfigureAwait(false);
            }

            if (result.ResultCode != MqttClientConnectResultCode.Success)
            {
                throw new MQTTnet.Exceptions.MqttCommunicationException($"the broker refused the connection: {MqttNetLink.Refusal(result.ResultCode)} ({result.ResultCode})");
            }

            // From the first connection on, the session is the one to resume (MQTT 5 only).
            _options.CleanSession = _options.ProtocolVersion != MqttProtocolVersion.V500;
            if (result.IsSessionPresent)
            {
                return true;
            }

            foreach (string filter in _filters)
            {
                await _client.SubscribeAsync(filter, MqttQualityOfServiceLevel.AtLeastOnce, timeout.Token).ConfigureAwait(false);
            }

            return false;
        }

        private async Task KeepConnectedAsync()
        {
            while (true)
            {
                try
                {
                    await _lost.WaitAsync(_stop.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                if (_client.IsConnected)
                {
                    // A loss already mended by the attempt that followed it.
                    continue;
                }

                _backoff.Reset();
                _note($"lost the broker at {Address} ({_lastLoss}); reconnecting");
                int attempts = 0;
                while (true)
                {
                    try
                    {
                        await Task.Delay(TimeSpan.FromMilliseconds(_backoff.NextDelayMs()), _stop.Token).ConfigureAwait(false);
                        attempts++;
                        if (_client.IsConnected)
                        {
                            // Connected, but the subscriptions failed: start over from a clean connection.
                            await _client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build(), _stop.Token).ConfigureAwait(false);
                        }

                        bool kept = await ConnectOnceAsync(_stop.Token).ConfigureAwait(false);
                        Interlocked.Increment(ref _reconnects);
                        _note(kept
                            ? $"reconnected to the broker at {Address} after {attempts} attempt(s); it kept the session: what was published meanwhile follows"
                            : $"reconnected to the broker at {Address} after {attempts} attempt(s) and subscribed again; it kept no session: what was published meanwhile is not seen here");
                        break;
                    }
                    catch (OperationCanceledException) when (_stop.IsCancellationRequested)
                    {
                        return;
                    }
                    catch (Exception e) when (e is MQTTnet.Exceptions.MqttCommunicationException or OperationCanceledException or System.Net.Sockets.SocketException or InvalidOperationException)
                    {
                        // Still away: the next attempt waits longer.
                    }
                }
            }
        }
    }
}
