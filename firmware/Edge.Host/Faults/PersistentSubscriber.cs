using System;
using System.Buffers;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace Edge.Host.Faults
{
    /// <summary>
    /// The consumer of a fault scenario: an MQTT 5 client with one client id for its whole life and a session that
    /// the broker keeps while it is away (Session Expiry Interval), subscribed at QoS 1, so that a broker that stays
    /// up, or that persisted the session, delivers what it queued meanwhile. When the connection drops it connects
    /// again every 100-300 ms and, if the broker kept no session, subscribes again. Messages are acknowledged after
    /// the callback returns.
    /// </summary>
    public sealed class PersistentSubscriber : IAsyncDisposable
    {
        /// <summary>How long the broker keeps the session after a disconnection: longer than any scenario.</summary>
        public const uint SessionExpirySeconds = 3600;

        private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(5);

        private readonly IMqttClient _client;
        private readonly string[] _filters;
        private readonly MqttClientOptions _options;
        private readonly SemaphoreSlim _lost = new(0);
        private readonly SemaphoreSlim _connecting = new(1, 1);
        private readonly CancellationTokenSource _stop = new();
        private Task _keeping = Task.CompletedTask;
        private volatile bool _offline;
        private volatile bool _ready;
        private int _connections;
        private int _sessionsResumed;
        private long _messages;

        private PersistentSubscriber(string host, int port, string clientId, string[] filters, Action<string, byte[], bool> onMessage)
        {
            Host = host;
            Port = port;
            ClientId = clientId;
            _filters = filters;
            _options = new MqttClientOptionsBuilder()
                .WithTcpServer(host, port)
                .WithClientId(clientId)
                .WithProtocolVersion(MqttProtocolVersion.V500)
                // Clean Start off from the first connection on (the client id is new, so there is no old session to
                // resume): mosquitto 2.0.11 was seen to persist a session begun with Clean Start on, yet not to
                // restore it after a restart (CONNACK Session Present 0), though it kept it while it stayed up.
                .WithCleanStart(false)
                .WithSessionExpiryInterval(SessionExpirySeconds)
                .WithTimeout(ConnectTimeout)
                .WithKeepAlivePeriod(TimeSpan.FromSeconds(5))
                .Build();
            _client = new MqttClientFactory().CreateMqttClient();
            _client.ApplicationMessageReceivedAsync += e =>
            {
                Interlocked.Increment(ref _messages);
                onMessage(e.ApplicationMessage.Topic, e.ApplicationMessage.Payload.ToArray(), e.ApplicationMessage.Retain);
                return Task.CompletedTask;
            };
            _client.DisconnectedAsync += e =>
            {
                _ready = false;
                if (e.ClientWasConnected && !_offline && !_stop.IsCancellationRequested)
                {
                    _lost.Release();
                }

                return Task.CompletedTask;
            };
        }

        public string Host { get; }

        public int Port { get; }

        /// <summary>The client id, the same at every connection (the broker finds the session by it).</summary>
        public string ClientId { get; }

        /// <summary>Connected and subscribed (or with its session resumed): messages published from now on reach it.</summary>
        public bool IsConnected => _ready && _client.IsConnected;

        /// <summary>Successful connections, the first included.</summary>
        public int Connections => Volatile.Read(ref _connections);

        /// <summary>Connections on which the broker still had the session (CONNACK Session Present).</summary>
        public int SessionsResumed => Volatile.Read(ref _sessionsResumed);

        /// <summary>Whether the last connection found the session kept.</summary>
        public bool LastSessionPresent { get; private set; }

        /// <summary>Messages received, retained ones included.</summary>
        public long Messages => Interlocked.Read(ref _messages);

        /// <summary>Connects, subscribes to every filter at QoS 1 (unless the broker had a session for that client id),
        /// and stays connected until disposed. <paramref name="clientId"/> null makes a new one, "fault-sub-" and a random
        /// suffix, so the session is new.</summary>
        public static async Task<PersistentSubscriber> ConnectAsync(
            string host,
            int port,
            IReadOnlyList<string> filters,
            Action<string, byte[], bool> onMessage,
            string? clientId = null)
        {
            var subscriber = new PersistentSubscriber(host, port, clientId ?? "fault-sub-" + Guid.NewGuid().ToString("N")[..8], [.. filters], onMessage);
            try
            {
                await subscriber.ConnectOnceAsync(subscriber._stop.Token).ConfigureAwait(false);
            }
            catch
            {
                subscriber._client.Dispose();
                throw;
            }

            subscriber._keeping = Task.Run(subscriber.KeepConnectedAsync);
            return subscriber;
        }

        /// <summary>Goes away on purpose with a normal DISCONNECT, leaving the session on the broker (it queues QoS 1
        /// messages for it), and does not come back until <see cref="ReconnectAsync"/>.</summary>
        public async Task GoOfflineAsync()
        {
            _offline = true;
            await _connecting.WaitAsync().ConfigureAwait(false);
            try
            {
                if (_client.IsConnected)
                {
                    await _client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build()).ConfigureAwait(false);
                }
            }
            finally
            {
                _connecting.Release();
            }
        }

        /// <summary>Comes back after <see cref="GoOfflineAsync"/> (or at once after any loss), resuming the session;
        /// retries until connected or <paramref name="timeout"/> (default 20 s) passed. Returns whether the broker had kept the session.</summary>
        public async Task<bool> ReconnectAsync(TimeSpan? timeout = null)
        {
            _offline = false;
            var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
            while (true)
            {
                try
                {
                    return await ConnectOnceAsync(_stop.Token).ConfigureAwait(false);
                }
                catch (Exception e) when (IsConnectFailure(e) && DateTime.UtcNow < deadline)
                {
                    await Task.Delay(Random.Shared.Next(100, 300)).ConfigureAwait(false);
                }
            }
        }

        /// <summary>Waits until <see cref="IsConnected"/> (the automatic reconnection got through and subscribed); false after <paramref name="timeout"/>.</summary>
        public async Task<bool> WaitUntilConnectedAsync(TimeSpan timeout)
        {
            var deadline = DateTime.UtcNow + timeout;
            while (!IsConnected)
            {
                if (DateTime.UtcNow >= deadline)
                {
                    return false;
                }

                await Task.Delay(20).ConfigureAwait(false);
            }

            return true;
        }

        /// <summary>Stops reconnecting and disconnects with Session Expiry 0, so the broker forgets the session at once.</summary>
        public async ValueTask DisposeAsync()
        {
            _stop.Cancel();
            await _keeping.ConfigureAwait(false);
            await _connecting.WaitAsync().ConfigureAwait(false);
            try
            {
                if (_client.IsConnected)
                {
                    await _client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().WithSessionExpiryInterval(0).Build()).ConfigureAwait(false);
                }
            }
            catch (Exception e) when (IsConnectFailure(e))
            {
                // The connection went while closing it.
            }
            finally
            {
                _connecting.Release();
            }

            _client.Dispose();
            _stop.Dispose();
            _lost.Dispose();
        }

        private static bool IsConnectFailure(Exception e) =>
            e is MQTTnet.Exceptions.MqttCommunicationException or OperationCanceledException or System.Net.Sockets.SocketException or InvalidOperationException or TimeoutException;

        /// <returns>Whether the broker still had the session.</returns>
        private async Task<bool> ConnectOnceAsync(CancellationToken cancellation)
        {
            await _connecting.WaitAsync(cancellation).ConfigureAwait(false);
            try
            {
                if (_client.IsConnected)
                {
                    return LastSessionPresent;
                }

                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
                timeout.CancelAfter(ConnectTimeout);
                MqttClientConnectResult result = await _client.ConnectAsync(_options, timeout.Token).ConfigureAwait(false);
                if (result.ResultCode != MqttClientConnectResultCode.Success)
                {
                    throw new MQTTnet.Exceptions.MqttCommunicationException($"the broker refused the connection: {result.ResultCode}");
                }

                Interlocked.Increment(ref _connections);
                LastSessionPresent = result.IsSessionPresent;
                if (result.IsSessionPresent)
                {
                    Interlocked.Increment(ref _sessionsResumed);
                    _ready = true;
                    return true;
                }

                try
                {
                    foreach (string filter in _filters)
                    {
                        await _client.SubscribeAsync(filter, MqttQualityOfServiceLevel.AtLeastOnce, timeout.Token).ConfigureAwait(false);
                    }
                }
                catch (Exception e) when (IsConnectFailure(e))
                {
                    // Connected but not subscribed is no state to stay in: drop the connection, the next attempt starts over.
                    try
                    {
                        await _client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build(), CancellationToken.None).ConfigureAwait(false);
                    }
                    catch (Exception again) when (IsConnectFailure(again))
                    {
                        // Already gone.
                    }

                    throw;
                }

                _ready = true;
                return false;
            }
            finally
            {
                _connecting.Release();
            }
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

                while (!_client.IsConnected && !_offline && !_stop.IsCancellationRequested)
                {
                    try
                    {
                        await Task.Delay(Random.Shared.Next(100, 300), _stop.Token).ConfigureAwait(false);
                        await ConnectOnceAsync(_stop.Token).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException) when (_stop.IsCancellationRequested)
                    {
                        return;
                    }
                    catch (Exception e) when (IsConnectFailure(e))
                    {
                        // Still away: try again.
                    }
                }
            }
        }
    }
}
