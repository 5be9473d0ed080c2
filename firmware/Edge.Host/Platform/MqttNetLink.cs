using System;
using System.Buffers;
using System.Collections.Concurrent;
using System.IO;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Threading;
using System.Threading.Tasks;
using Edge.Core.Platform;
using MQTTnet;
using MQTTnet.Adapter;
using MQTTnet.Exceptions;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace Edge.Host.Platform
{
    /// <summary>
    /// <see cref="IMqttLink"/> over an MQTTnet client (MQTT 3.1.1 by default, as nanoFramework's M2Mqtt speaks; MQTT 5
    /// on request). No call waits for the network: a connection attempt and each publish run as tasks, whose outcomes
    /// the loop polls (<see cref="State"/>, <see cref="TryTakeCompletion"/>); completions are queued thread-safely.
    /// MQTTnet sends its keep-alive pings from a task of its own whenever nothing was sent for the keep-alive period,
    /// publishes outstanding or not, and fails the publishes outstanding when the connection ends.
    /// </summary>
    public sealed class MqttNetLink : IMqttLink, IDisposable
    {
        /// <summary>How long <see cref="Dispose"/> gives the clean DISCONNECT.</summary>
        private static readonly TimeSpan CloseTimeout = TimeSpan.FromSeconds(2);

        private readonly BrokerConnection _connection;
        private readonly ServerCertificateCheck _certificates;
        private readonly MqttProtocolVersion _protocol;
        private readonly IMqttClient _client;
        private readonly object _gate = new();
        private readonly ConcurrentQueue<(int Ticket, bool Delivered)> _completions = new();

        // Guarded by _gate: the state the loop polls, and the attempt it belongs to (an older attempt's outcome,
        // arriving after a Disconnect, is ignored).
        private LinkState _state;
        private LinkFailure _failure;
        private int _refusedCode;
        private bool _sessionPresent;
        private int _attempt;
        private CancellationTokenSource? _connecting;

        // Connects and disconnects run one after the other: MQTTnet refuses a connect while a disconnect is pending.
        private Task _lifecycle = Task.CompletedTask;
        private int _lastTicket;
        private bool _disposed;

        /// <summary>
        /// A link to the broker at <paramref name="host"/>:<paramref name="port"/>, speaking <paramref name="protocol"/>;
        /// over TLS when <paramref name="tls"/> is set (an mqtts:// broker) whatever the node's connect options say.
        /// </summary>
        public MqttNetLink(string host, int port, MqttProtocolVersion protocol = MqttProtocolVersion.V311, bool tls = false)
            : this(new BrokerConnection(new Cli.BrokerAddress(host, port, tls)), protocol)
        {
        }

        /// <summary>
        /// A link to the broker of <paramref name="connection"/>, speaking <paramref name="protocol"/>: over TLS when
        /// its address is mqtts:// (or the node's connect options ask for it), with its trust anchors and client
        /// certificate; its user name and password, when it has a user name, replace the node's. The warning of a
        /// connection whose certificate is not verified goes to <paramref name="log"/> (stderr without one).
        /// </summary>
        public MqttNetLink(BrokerConnection connection, MqttProtocolVersion protocol = MqttProtocolVersion.V311, ILog? log = null)
        {
            _connection = connection;
            _certificates = new ServerCertificateCheck(connection, log is null ? Console.Error.WriteLine : text => log.Write(LogLevel.Warning, "tls", text));
            _protocol = protocol;
            _client = new MqttClientFactory().CreateMqttClient();
            _client.DisconnectedAsync += OnDisconnected;
            _client.ApplicationMessageReceivedAsync += e =>
            {
                MessageReceived?.Invoke(e.ApplicationMessage.Topic, e.ApplicationMessage.Payload.ToArray());
                return Task.CompletedTask;
            };
        }

        /// <inheritdoc/>
        public event MqttMessageHandler? MessageReceived;

        /// <inheritdoc/>
        public LinkState State
        {
            get
            {
                lock (_gate)
                {
                    return _state;
                }
            }
        }

        /// <inheritdoc/>
        public LinkFailure Failure
        {
            get
            {
                lock (_gate)
                {
                    return _failure;
                }
            }
        }

        /// <inheritdoc/>
        public int RefusedCode
        {
            get
            {
                lock (_gate)
                {
                    return _refusedCode;
                }
            }
        }

        /// <inheritdoc/>
        public bool SessionPresent
        {
            get
            {
                lock (_gate)
                {
                    return _sessionPresent;
                }
            }
        }

        /// <summary>Why the last connection attempt failed (the socket's, the TLS layer's or the broker's answer);
        /// null once one succeeded.</summary>
        public string? ConnectFailure { get; private set; }

        /// <inheritdoc/>
        public void BeginConnect(MqttConnectOptions options)
        {
            lock (_gate)
            {
                if (_state != LinkState.Disconnected || _disposed)
                {
                    return;
                }

                _state = LinkState.Connecting;
                _failure = LinkFailure.None;
                _refusedCode = 0;
                _sessionPresent = false;
                int attempt = ++_attempt;
                var cancel = new CancellationTokenSource(options.ConnectTimeoutMs);
                _connecting = cancel;
                MqttClientOptions clientOptions = Build(options);
                Task previous = _lifecycle;

                // On the thread pool: name resolution and the TLS handshake never run on the loop's thread.
                _lifecycle = Task.Run(() => ConnectAsync(previous, clientOptions, options.UseTls || _connection.Address.Tls, attempt, cancel));
            }
        }

        /// <inheritdoc/>
        public void Disconnect()
        {
            lock (_gate)
            {
                _attempt++;
                _connecting?.Cancel();
                _connecting = null;
                if (_state == LinkState.Disconnected)
                {
                    return;
                }

                _state = LinkState.Disconnected;
                _failure = LinkFailure.None;
                Task previous = _lifecycle;
                _lifecycle = Task.Run(() => CloseAsync(previous));
            }
        }

        /// <inheritdoc/>
        public int Publish(string topic, byte[] payload, int length, int qos, bool retain)
        {
            if (State != LinkState.Connected)
            {
                return 0;
            }

            // MQTTnet holds the payload while the packet is in flight: it gets its own copy, so the caller's reused
            // buffer can be written again at once.
            MqttApplicationMessage message = new MqttApplicationMessageBuilder()
                .WithTopic(topic)
                .WithPayload(payload.AsSpan(0, length).ToArray())
                .WithQualityOfServiceLevel((MqttQualityOfServiceLevel)qos)
                .WithRetainFlag(retain)
                .Build();
            int ticket = NextTicket();
            Task<MqttClientPublishResult> sending;
            try
            {
                // Called on the loop's thread, so that packets are queued for sending in the order published; MQTTnet
                // writes them asynchronously and completes the task on its PUBACK.
                sending = _client.PublishAsync(message, CancellationToken.None);
            }
            catch (Exception e) when (IsCommunicationFailure(e))
            {
                return 0;
            }

            sending.ContinueWith(
                (done, state) => _completions.Enqueue(((int)state!, Delivered(done))),
                ticket,
                CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
            return ticket;
        }

        /// <inheritdoc/>
        public bool TryTakeCompletion(out int ticket, out bool delivered)
        {
            if (_completions.TryDequeue(out (int Ticket, bool Delivered) done))
            {
                (ticket, delivered) = done;
                return true;
            }

            ticket = 0;
            delivered = false;
            return false;
        }

        /// <inheritdoc/>
        public bool Subscribe(string topicFilter, int qos)
        {
            if (State != LinkState.Connected)
            {
                return false;
            }

            try
            {
                _client.SubscribeAsync(topicFilter, (MqttQualityOfServiceLevel)qos, CancellationToken.None)
                    .ContinueWith(t => _ = t.Exception, TaskContinuationOptions.OnlyOnFaulted);
                return true;
            }
            catch (Exception e) when (IsCommunicationFailure(e))
            {
                return false;
            }
        }

        /// <summary>Drops the connection without an MQTT DISCONNECT, as a power cut or a lost network does: the
        /// broker then publishes the Last Will. The link cannot connect again.</summary>
        public void Abort()
        {
            lock (_gate)
            {
                _disposed = true;
                _attempt++;
                if (_state != LinkState.Disconnected)
                {
                    _state = LinkState.Disconnected;
                    _failure = LinkFailure.Lost;
                }
            }

            _client.Dispose();
        }

        /// <summary>Closes the connection cleanly (waiting up to 2 s for the DISCONNECT to go out) and releases the client.</summary>
        public void Dispose()
        {
            Task closing;
            lock (_gate)
            {
                if (_disposed)
                {
                    return;
                }

                _disposed = true;
            }

            Disconnect();
            lock (_gate)
            {
                closing = _lifecycle;
            }

            try
            {
                closing.Wait(CloseTimeout);
            }
            catch (AggregateException)
            {
                // Already gone: nothing to close.
            }

            _client.Dispose();
        }

        /// <summary>True when the broker acknowledged the message (a failed publish's exception is observed here).</summary>
        private static bool Delivered(Task<MqttClientPublishResult> done) =>
            done.Exception is null && done.IsCompletedSuccessfully && done.Result.IsSuccess;

        /// <summary>A publish's or connection's exception that means the link failed, not a bug.</summary>
        private static bool IsCommunicationFailure(Exception e) =>
            e is MqttCommunicationException or OperationCanceledException or InvalidOperationException or ObjectDisposedException or SocketException or IOException;

        /// <summary>What a failed attempt's exception says about where it failed.</summary>
        internal static LinkFailure Classify(Exception error, bool timedOut, bool tls)
        {
            if (timedOut)
            {
                return LinkFailure.Timeout;
            }

            // MQTTnet wraps what goes wrong once the CONNECT is sent in MqttConnectingFailedException: anything else
            // broke before MQTT spoke, in the TCP connection or, with TLS, in its handshake, where a broker that does
            // not speak TLS resets the connection (mosquitto) or closes it (MQTTnet).
            bool beforeMqtt = error is not MqttConnectingFailedException;
            bool sawIo = false;
            for (Exception? e = error; e is not null; e = e.InnerException)
            {
                switch (e)
                {
                    case AuthenticationException:
                        return LinkFailure.Tls;
                    case SocketException socket:
                        return socket.SocketErrorCode switch
                        {
                            SocketError.HostNotFound or SocketError.TryAgain or SocketError.NoData or SocketError.NoRecovery => LinkFailure.Dns,
                            SocketError.TimedOut => LinkFailure.Timeout,
                            // Under TLS 1.3 a broker that wants a client certificate refuses it after the client's
                            // side of the handshake is done (RFC 8446 section 4.4.2.4): its connection is gone
                            // (NotConnected) by the time the channel asks for the peer's address.
                            SocketError.ConnectionReset or SocketError.ConnectionAborted or SocketError.Shutdown or SocketError.NotConnected when tls && beforeMqtt => LinkFailure.Tls,
                            _ => LinkFailure.Tcp,
                        };
                    case MqttCommunicationTimedOutException or TimeoutException or OperationCanceledException:
                        return LinkFailure.Timeout;
                    case IOException io when tls && io.Source == TlsLayer && !CausedBySocket(io):
                        // SslStream itself failed a read, not the socket under it: under TLS 1.3 a broker refuses a
                        // client certificate (or its absence) with an alert after the client's side of the handshake
                        // (RFC 8446 section 4.4.2.4), which the client reads only when it waits for the CONNACK.
                        return LinkFailure.Tls;
                    case IOException:
                        sawIo = true;
                        break;
                }
            }

            return tls && sawIo && beforeMqtt ? LinkFailure.Tls : LinkFailure.Tcp;
        }

        /// <summary>The assembly of SslStream, which an exception it throws names as its source.</summary>
        private const string TlsLayer = "System.Net.Security";

        private static bool CausedBySocket(Exception error)
        {
            for (Exception? e = error.InnerException; e is not null; e = e.InnerException)
            {
                if (e is SocketException)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The MQTT 3.1.1 CONNACK return code (section 3.2.2.3) MQTTnet read as an MQTT 5 reason; an MQTT 5
        /// reason without a 3.1.1 equivalent as it is.</summary>
        internal static int ReturnCode(MqttClientConnectResultCode code) => code switch
        {
            MqttClientConnectResultCode.UnsupportedProtocolVersion => 1,
            MqttClientConnectResultCode.ClientIdentifierNotValid => 2,
            MqttClientConnectResultCode.ServerUnavailable => 3,
            MqttClientConnectResultCode.BadUserNameOrPassword => 4,
            MqttClientConnectResultCode.NotAuthorized => 5,
            _ => (int)code,
        };

        private MqttClientOptions Build(MqttConnectOptions options)
        {
            var builder = new MqttClientOptionsBuilder()
                .WithTcpServer(_connection.Address.Host, _connection.Address.Port)
                .WithProtocolVersion(_protocol)
                .WithClientId(options.ClientId)
                .WithCleanSession(options.CleanSession)
                .WithKeepAlivePeriod(TimeSpan.FromSeconds(options.KeepAliveSeconds))
                .WithTimeout(TimeSpan.FromMilliseconds(options.ConnectTimeoutMs));
            if (_protocol == MqttProtocolVersion.V500 && !options.CleanSession)
            {
                // MQTT 5 ends a session at disconnection unless given an expiry (MQTT 5.0 section 3.1.2.11.2);
                // 0xFFFFFFFF keeps it as MQTT 3.1.1 does.
                builder.WithSessionExpiryInterval(uint.MaxValue);
            }

            if (!string.IsNullOrEmpty(_connection.Username))
            {
                builder.WithCredentials(_connection.Username, _connection.Password);
            }
            else if (!string.IsNullOrEmpty(options.UserName))
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

            return BrokerTls.Apply(builder, _connection, options.UseTls || _connection.Address.Tls, _certificates).Build();
        }

        private async Task ConnectAsync(Task previous, MqttClientOptions options, bool tls, int attempt, CancellationTokenSource cancel)
        {
            await Settle(previous).ConfigureAwait(false);
            _certificates.Forget();
            LinkFailure failure;
            int code = 0;
            string why;
            try
            {
                MqttClientConnectResult result = await _client.ConnectAsync(options, cancel.Token).ConfigureAwait(false);
                if (result.ResultCode == MqttClientConnectResultCode.Success)
                {
                    bool stale;
                    lock (_gate)
                    {
                        stale = attempt != _attempt;
                        if (!stale)
                        {
                            _state = LinkState.Connected;
                            _sessionPresent = result.IsSessionPresent;
                            ConnectFailure = null;
                        }
                    }

                    if (stale)
                    {
                        // Given up meanwhile (Disconnect): close what the broker just accepted.
                        await CloseAsync(Task.CompletedTask).ConfigureAwait(false);
                    }

                    return;
                }

                failure = LinkFailure.Refused;
                code = ReturnCode(result.ResultCode);
                why = $"the broker refused the connection: {Refusal(result.ResultCode)} ({result.ResultCode}, CONNACK code {code})";
            }
            catch (Exception e)
            {
                // Whatever went wrong is reported as a failed attempt: the loop must never wait on one forever.
                bool timedOut = cancel.IsCancellationRequested;
                failure = Classify(e, timedOut, tls);
                why = timedOut ? $"no CONNACK within {options.Timeout.TotalSeconds:0.#} s" : Describe(e, failure, _certificates.LastRefusal);
            }
            finally
            {
                Forget(cancel);
            }

            lock (_gate)
            {
                if (attempt == _attempt && _state == LinkState.Connecting)
                {
                    _state = LinkState.Disconnected;
                    _failure = failure;
                    _refusedCode = code;
                    ConnectFailure = why;
                }
            }
        }

        /// <summary>Disposes an attempt's timeout, once Disconnect can no longer cancel it.</summary>
        private void Forget(CancellationTokenSource cancel)
        {
            lock (_gate)
            {
                if (_connecting == cancel)
                {
                    _connecting = null;
                }
            }

            cancel.Dispose();
        }

        private async Task CloseAsync(Task previous)
        {
            await Settle(previous).ConfigureAwait(false);
            if (!_client.IsConnected)
            {
                return;
            }

            try
            {
                using var timeout = new CancellationTokenSource(CloseTimeout);
                await _client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build(), timeout.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (IsCommunicationFailure(e))
            {
                // The connection was already broken: MQTTnet has closed it all the same.
            }
        }

        private Task OnDisconnected(MqttClientDisconnectedEventArgs e)
        {
            // Attempts that fail are reported by ConnectAsync; the node's own Disconnect has already set the state.
            // MQTTnet raises this on a task of its own, possibly late: a client connected again meanwhile means it
            // belongs to an older connection.
            if (!e.ClientWasConnected || _client.IsConnected)
            {
                return Task.CompletedTask;
            }

            lock (_gate)
            {
                if (_state == LinkState.Connected)
                {
                    _state = LinkState.Disconnected;
                    _failure = e.Reason == MqttClientDisconnectReason.SessionTakenOver ? LinkFailure.TakenOver : LinkFailure.Lost;
                }
            }

            return Task.CompletedTask;
        }

        private int NextTicket()
        {
            // Above 0, wrapping: at a message a second, int.MaxValue tickets last 68 years.
            int ticket = Interlocked.Increment(ref _lastTicket);
            if (ticket <= 0)
            {
                Interlocked.CompareExchange(ref _lastTicket, 1, ticket);
                ticket = 1;
            }

            return ticket;
        }

        private static async Task Settle(Task previous)
        {
            try
            {
                await previous.ConfigureAwait(false);
            }
            catch (Exception e) when (IsCommunicationFailure(e))
            {
                // The previous connect or disconnect failed; it has reported what it could.
            }
        }

        /// <summary>Why the attempt failed, in words: the certificate check's own reason for a refused certificate,
        /// else the socket's or the TLS layer's message.</summary>
        internal static string Describe(Exception e, LinkFailure failure, string? certificateRefusal)
        {
            if (failure == LinkFailure.Tls && certificateRefusal is not null)
            {
                return "TLS: " + certificateRefusal;
            }

            for (Exception? inner = e; inner is not null; inner = inner.InnerException)
            {
                if (inner is AuthenticationException)
                {
                    return "TLS: " + inner.Message;
                }
            }

            for (Exception? inner = e; inner is not null; inner = inner.InnerException)
            {
                if (inner is SocketException or IOException && failure == LinkFailure.Tls)
                {
                    return $"TLS: the broker closed the connection in the TLS handshake ({inner.Message.TrimEnd('.')}): it wants a client certificate (require_certificate) it was not given, or does not speak TLS on this port";
                }

                if (inner is SocketException)
                {
                    return inner.Message;
                }
            }

            return failure == LinkFailure.Tls ? "TLS: " + e.Message : e.Message;
        }

        /// <summary>What a CONNACK refusal means for the one who connects (MQTT 3.1.1 section 3.2.2.3, MQTT 5.0 section 3.2.2.2).</summary>
        internal static string Refusal(MqttClientConnectResultCode code) => code switch
        {
            MqttClientConnectResultCode.BadUserNameOrPassword => "bad user name or password",
            MqttClientConnectResultCode.NotAuthorized => "not authorized",
            MqttClientConnectResultCode.ClientIdentifierNotValid => "client identifier not accepted",
            MqttClientConnectResultCode.ServerUnavailable => "server unavailable",
            MqttClientConnectResultCode.UnsupportedProtocolVersion => "unsupported protocol version",
            MqttClientConnectResultCode.Banned => "banned",
            _ => "refused",
        };
    }
}
