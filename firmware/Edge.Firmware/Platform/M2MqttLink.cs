using System;
using System.Security.Cryptography.X509Certificates;
using System.Threading;
using Edge.Core.Meters;
using Edge.Core.Platform;
using nanoFramework.M2Mqtt;
using nanoFramework.M2Mqtt.Messages;

namespace Edge.Firmware.Platform
{
    /// <summary>
    /// <see cref="IMqttLink"/> over nanoFramework.M2Mqtt. M2Mqtt's Connect and Disconnect block on the network, so
    /// each runs on a worker thread and the node loop only polls: the portable <see cref="LinkLifecycle"/> numbers the
    /// attempts and gives one up at its deadline, the portable <see cref="PublishLedger"/> turns the message ids that
    /// Publish returns and MqttMsgPublished reports into tickets. Each attempt gets a fresh MqttClient, so that the
    /// events of a client given up are told apart from the current one's. TLS uses the CA certificate and the client
    /// certificate and key stored as PEM files.
    /// </summary>
    public sealed class M2MqttLink : IMqttLink, ICounterSource
    {
        private readonly string _host;
        private readonly int _port;
        private readonly bool _tls;
        private readonly ILog _log;
        private readonly LinkLifecycle _lifecycle;
        private readonly PublishLedger _ledger;
        private readonly X509Certificate _caCertificate;
        private readonly X509Certificate _clientCertificate;

        // Guards _current, and makes a publish and the recording of its message id one step, so that its
        // MqttMsgPublished (raised on M2Mqtt's thread) cannot be looked up before it is recorded.
        private readonly object _gate = new object();
        private Attempt _current;

        /// <summary>A link to <paramref name="host"/>:<paramref name="port"/>, over TLS 1.2 when <paramref name="tls"/>
        /// (the broker's mqtts:// address; MqttConnectOptions.UseTls asks for it too), holding at most
        /// <paramref name="maxInFlight"/> publishes unreported. For TLS, the PEM files named
        /// <paramref name="caFile"/>, and <paramref name="certificateFile"/> with <paramref name="keyFile"/> for a
        /// client certificate, are read from <paramref name="store"/> (null names or absent files: none).</summary>
        public M2MqttLink(string host, int port, bool tls, IStore store, string caFile, string certificateFile, string keyFile,
            int maxInFlight, IClock clock, ILog log)
        {
            _host = host;
            _port = port;
            _tls = tls;
            _log = log;
            _lifecycle = new LinkLifecycle(clock);
            _ledger = new PublishLedger(maxInFlight);
            byte[] ca = ReadPem(store, caFile);
            byte[] certificate = ReadPem(store, certificateFile);
            byte[] key = ReadPem(store, keyFile);
            _caCertificate = ca == null ? null : new X509Certificate(ca);
            _clientCertificate = certificate == null || key == null ? null : new X509Certificate2(certificate, key, null);
        }

        /// <inheritdoc/>
        public event MqttMessageHandler MessageReceived;

        /// <summary>Publishes refused by the link itself (ledger full, or M2Mqtt's inflight queue full): ticket 0.</summary>
        public long RefusedPublishes { get; private set; }

        /// <summary>Completions M2Mqtt reported for a message id the ledger did not hold (ignored).</summary>
        public long UnmatchedCompletions
        {
            get { return _ledger.Unmatched; }
        }

        /// <summary>Two counters: "refusedPublishes" and "unmatchedCompletions".</summary>
        public int CounterCount
        {
            get { return 2; }
        }

        /// <summary>"refusedPublishes" for index 0, "unmatchedCompletions" otherwise.</summary>
        public string CounterName(int index)
        {
            return index == 0 ? "refusedPublishes" : "unmatchedCompletions";
        }

        /// <summary><see cref="RefusedPublishes"/> for index 0, <see cref="UnmatchedCompletions"/> otherwise.</summary>
        public long CounterValue(int index)
        {
            return index == 0 ? RefusedPublishes : UnmatchedCompletions;
        }

        /// <inheritdoc/>
        public LinkState State
        {
            get { return _lifecycle.State; }
        }

        /// <inheritdoc/>
        public LinkFailure Failure
        {
            get { return _lifecycle.Failure; }
        }

        /// <inheritdoc/>
        public int RefusedCode
        {
            get { return _lifecycle.RefusedCode; }
        }

        /// <summary>Always false: M2Mqtt's Connect returns the CONNACK reason code only, not its session-present flag,
        /// so the node subscribes again after each connection.</summary>
        public bool SessionPresent
        {
            get { return false; }
        }

        /// <inheritdoc/>
        public void BeginConnect(MqttConnectOptions options)
        {
            int number = _lifecycle.Begin(options.ConnectTimeoutMs);
            if (number == 0)
            {
                return;
            }

            Attempt attempt = new Attempt(this, number, options);
            lock (_gate)
            {
                _current = attempt;
            }

            new Thread(attempt.Connect).Start();
        }

        /// <inheritdoc/>
        public void Disconnect()
        {
            _lifecycle.Close();
            Attempt closing;
            lock (_gate)
            {
                closing = _current;
                _current = null;
            }

            // M2Mqtt sends the DISCONNECT at once: messages still in its inflight queue may be lost, so they complete
            // as not delivered now and the node's outbox sends them again.
            _ledger.FailAll();
            if (closing != null)
            {
                new Thread(closing.Close).Start();
            }
        }

        /// <inheritdoc/>
        public int Publish(string topic, byte[] payload, int length, int qos, bool retain)
        {
            if (_lifecycle.State != LinkState.Connected)
            {
                return 0;
            }

            // M2Mqtt keeps the array until the message is acknowledged: it gets its own copy.
            byte[] message = new byte[length];
            Array.Copy(payload, message, length);
            lock (_gate)
            {
                if (_current == null || _current.Client == null || !_ledger.HasRoom)
                {
                    RefusedPublishes++;
                    return 0;
                }

                ushort messageId;
                try
                {
                    messageId = _current.Client.Publish(topic, message, null, null, QosOf(qos), retain);
                }
                catch (Exception e)
                {
                    RefusedPublishes++;
                    _log.Write(LogLevel.Warning, "mqtt", "publish refused by M2Mqtt: " + e.Message);
                    return 0;
                }

                return _ledger.Add(messageId);
            }
        }

        /// <inheritdoc/>
        public bool TryTakeCompletion(out int ticket, out bool delivered)
        {
            return _ledger.TryTake(out ticket, out delivered);
        }

        /// <inheritdoc/>
        public bool Subscribe(string topicFilter, int qos)
        {
            if (_lifecycle.State != LinkState.Connected)
            {
                return false;
            }

            lock (_gate)
            {
                if (_current == null || _current.Client == null)
                {
                    return false;
                }

                try
                {
                    _current.Client.Subscribe(new string[] { topicFilter }, new MqttQoSLevel[] { QosOf(qos) });
                    return true;
                }
                catch (Exception e)
                {
                    _log.Write(LogLevel.Warning, "mqtt", "subscribe refused by M2Mqtt: " + e.Message);
                    return false;
                }
            }
        }

        private static MqttQoSLevel QosOf(int qos)
        {
            switch (qos)
            {
                case 0:
                    return MqttQoSLevel.AtMostOnce;
                case 1:
                    return MqttQoSLevel.AtLeastOnce;
                default:
                    return MqttQoSLevel.ExactlyOnce;
            }
        }

        private static byte[] ReadPem(IStore store, string name)
        {
            if (name == null || !store.Exists(name))
            {
                return null;
            }

            // mbedTLS, which parses the certificates on the device, takes a PEM buffer only with its terminating
            // NUL counted in (mbedtls_x509_crt_parse, mbedtls_pk_parse_key): one byte more, left 0.
            byte[] pem = new byte[store.Length(name) + 1];
            store.Read(name, pem, 0);
            return pem;
        }

        /// <summary>One connection attempt and, once accepted, its connection: the M2Mqtt client and its events.</summary>
        private sealed class Attempt
        {
            private readonly M2MqttLink _link;
            private readonly int _number;
            private readonly MqttConnectOptions _options;

            public Attempt(M2MqttLink link, int number, MqttConnectOptions options)
            {
                _link = link;
                _number = number;
                _options = options;
            }

            /// <summary>The connected client; null until the broker accepted the attempt.</summary>
            public MqttClient Client { get; private set; }

            /// <summary>Runs on a worker thread: M2Mqtt's Connect blocks until the CONNACK or a failure.</summary>
            public void Connect()
            {
                MqttClient client = null;
                MqttReasonCode code;
                bool secure = _link._tls || _options.UseTls;
                try
                {
                    // M2Mqtt's constructor makes its network channel, which resolves the broker's name there
                    // (MqttNetworkChannel's constructor, Dns.GetHostEntry): a failure here is a name that did not
                    // resolve, or "No address found for the remote host name".
                    client = new MqttClient(_link._host, _link._port, secure, _link._caCertificate,
                        _link._clientCertificate, secure ? MqttSslProtocols.TLSv1_2 : MqttSslProtocols.None);
                }
                catch (Exception e)
                {
                    _link._log.Write(LogLevel.Warning, "mqtt", "connect failed: the broker's name " + _link._host + " did not resolve (" + e.Message + ")");
                    _link._lifecycle.Failed(_number, LinkFailure.Dns, 0);
                    return;
                }

                try
                {
                    client.MqttMsgPublished += OnPublished;
                    client.MqttMsgPublishReceived += OnReceived;
                    client.ConnectionClosed += OnClosed;
                    bool hasUser = _options.UserName != null && _options.UserName.Length > 0;
                    bool hasWill = _options.WillTopic != null;
                    code = client.Connect(
                        _options.ClientId,
                        hasUser ? _options.UserName : null,
                        hasUser ? _options.Password : null,
                        _options.WillRetain,
                        MqttQoSLevel.AtLeastOnce,
                        hasWill,
                        hasWill ? _options.WillTopic : null,
                        hasWill ? Utf8Text.Decode(_options.WillPayload, 0, _options.WillPayload.Length) : null,
                        _options.CleanSession,
                        (ushort)_options.KeepAliveSeconds);
                }
                catch (Exception e)
                {
                    LinkFailure failure = Classify(e, secure);
                    _link._log.Write(LogLevel.Warning, "mqtt", "connect failed (" + (failure == LinkFailure.Tls ? "tls" : "tcp") + "): " + e.Message
                        + (e.InnerException == null ? string.Empty : " (" + e.InnerException.Message + ")"));
                    _link._lifecycle.Failed(_number, failure, 0);
                    Drop(client);
                    return;
                }

                if (code != MqttReasonCode.Success)
                {
                    _link._lifecycle.Failed(_number, LinkFailure.Refused, (int)code);
                    Drop(client);
                    return;
                }

                lock (_link._gate)
                {
                    if (_link._current == this && _link._lifecycle.Succeeded(_number))
                    {
                        Client = client;
                        if (!client.IsConnected)
                        {
                            // Closed between the CONNACK and here: its ConnectionClosed came while the attempt was
                            // not yet connected, and counted for nothing.
                            _link._lifecycle.Lost(_number);
                            _link._current = null;
                        }

                        return;
                    }
                }

                // Given up (timed out or closed) while Connect was blocked: this connection is not wanted.
                Drop(client);
            }

            /// <summary>
            /// Where a failed Connect failed. M2Mqtt wraps what its channel's Connect throws in MqttConnectionException
            /// (MqttClient.Connect): the socket's connect throws SocketException (refused, unreachable, reset), and
            /// after it the TLS handshake throws something else (SslStream.AuthenticateAsClient: a certificate not
            /// signed by the provisioned CA, expired, for another name, or a broker that does not speak TLS). An
            /// exception without an inner one came after the channel was up (the CONNECT or its CONNACK): a lost
            /// connection, read as Tcp.
            /// </summary>
            private static LinkFailure Classify(Exception error, bool secure)
            {
                Exception inner = error.InnerException;
                if (inner == null || inner is System.Net.Sockets.SocketException)
                {
                    return LinkFailure.Tcp;
                }

                return secure ? LinkFailure.Tls : LinkFailure.Tcp;
            }

            /// <summary>Runs on a worker thread: a clean DISCONNECT, so that the broker drops the Last Will.</summary>
            public void Close()
            {
                Drop(Client);
            }

            private void OnPublished(object sender, MqttMsgPublishedEventArgs e)
            {
                lock (_link._gate)
                {
                    if (_link._current == this)
                    {
                        _link._ledger.Complete(e.MessageId, e.IsPublished);
                    }
                }
            }

            private void OnReceived(object sender, MqttMsgPublishEventArgs e)
            {
                MqttMessageHandler handler = _link.MessageReceived;
                if (handler != null && _link._current == this)
                {
                    handler(e.Topic, e.Message);
                }
            }

            private void OnClosed(object sender, EventArgs e)
            {
                if (!_link._lifecycle.Lost(_number))
                {
                    return;
                }

                lock (_link._gate)
                {
                    if (_link._current == this)
                    {
                        _link._current = null;
                    }
                }

                _link._ledger.FailAll();
                _link._log.Write(LogLevel.Warning, "mqtt", "connection lost");
            }

            private void Drop(MqttClient client)
            {
                if (client == null)
                {
                    return;
                }

                try
                {
                    if (client.IsConnected)
                    {
                        client.Disconnect();
                    }
                    else
                    {
                        client.Close();
                    }
                }
                catch (Exception e)
                {
                    // The connection is being thrown away: a failure to close it cleanly changes nothing but is told.
                    _link._log.Write(LogLevel.Debug, "mqtt", "close failed: " + e.Message);
                }
            }
        }
    }
}
