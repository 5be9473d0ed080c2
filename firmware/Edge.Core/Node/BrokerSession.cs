#nullable disable
using System;
using Edge.Core.Meters;
using Edge.Core.Payloads;
using Edge.Core.Platform;

namespace Edge.Core.Node
{
    /// <summary>
    /// The node's session with its broker, a state machine the loop advances with <see cref="Service"/> and that
    /// never waits: it starts one connection attempt each time the backoff delay expires (with the Last Will set and
    /// a persistent session, so QoS 1 commands queued while the node was away arrive after it reconnects), gives up
    /// an attempt that outlasts NodeConfig.ConnectTimeoutMs, subscribes to the command topics and announces the node
    /// on its retained status topic at each connection (birth "online"), and says goodbye ("offline") before a clean
    /// disconnect. It keeps a table of the messages in flight with their send times: one unacknowledged for
    /// NodeConfig.PublishAckTimeoutMs means the link is dead though it looks up, so the session drops it, fails the
    /// messages outstanding and reconnects. Connections lost soon after they were accepted, several in a row, are
    /// taken for another client using the same client id; the session then waits the backoff's cap. Failures are
    /// counted by kind for health telemetry (<see cref="Counters"/>).
    /// </summary>
    public sealed class BrokerSession
    {
        /// <summary>Everything the node publishes is acknowledged by the broker (MQTT 3.1.1 section 4.3.2).</summary>
        public const int Qos = 1;

        // What an in-flight table entry holds.
        private const byte Free = 0;
        private const byte CallerMessage = 1;
        private const byte BirthMessage = 2;
        private const byte GoodbyeMessage = 3;

        // The session's phases.
        private const int Waiting = 0;
        private const int Connecting = 1;
        private const int Connected = 2;
        private const int Closing = 3;

        private readonly NodeConfig _config;
        private readonly IMqttLink _link;
        private readonly JsonWriter _writer;
        private readonly NodeLog _log;
        private readonly string _statusTopic;
        private readonly string[] _subscriptions;
        private readonly StatusJsonEncoder _status = new StatusJsonEncoder();
        private readonly MqttConnectOptions _options = new MqttConnectOptions();
        private readonly ReconnectBackoff _backoff;
        private readonly DateTime _startedUtc;
        private readonly int _window;

        // Tickets in flight: the caller's (at most _window) and the session's own birth and goodbye.
        private readonly int[] _tickets;
        private readonly long[] _sentMs;
        private readonly byte[] _kinds;
        private int _inFlight;
        private int _callerInFlight;

        // The caller's finished tickets, oldest first, until it takes them.
        private readonly TicketCompletions _done;

        private readonly long[] _failures = new long[8];
        private readonly LinkCounters _counters;
        private int _phase;
        private long _nowMs;
        private long _nextAttemptMs;
        private long _attemptStartedMs;
        private long _connectedMs;
        private long _connections;
        private int _shortLosses;
        private bool _goodbyeDone;
        private bool _stopped;

        /// <summary>Prepares the session (the Last Will is encoded once, with <paramref name="writer"/>); the first
        /// attempt is due at <paramref name="monotonicMs"/>.</summary>
        public BrokerSession(NodeConfig config, IMqttLink link, string statusTopic, string[] subscriptions, JsonWriter writer, NodeLog log, DateTime startedUtc, long monotonicMs)
        {
            _config = config;
            _link = link;
            _writer = writer;
            _log = log;
            _statusTopic = statusTopic;
            _subscriptions = subscriptions;
            _startedUtc = startedUtc;
            _nowMs = monotonicMs;
            _nextAttemptMs = monotonicMs;
            _backoff = new ReconnectBackoff(config.ReconnectFloorMs, config.ReconnectMinDelayMs, config.ReconnectMaxDelayMs, ReconnectBackoff.SeedFrom(config.NodeId));
            _window = config.InFlightWindow;
            _tickets = new int[_window + 2];
            _sentMs = new long[_window + 2];
            _kinds = new byte[_window + 2];
            _done = new TicketCompletions(_window);
            _counters = new LinkCounters(this);
            _options.ClientId = "edge-" + config.NodeId;
            _options.UserName = config.MqttUserName;
            _options.Password = config.MqttPassword;
            _options.KeepAliveSeconds = config.KeepAliveSeconds;
            _options.ConnectTimeoutMs = config.ConnectTimeoutMs;
            _options.CleanSession = false;

            // Last Will: if the node vanishes without saying goodbye, the broker sets its retained status offline.
            int willLength = _status.EncodeLastWill(config.NodeId, writer);
            byte[] will = new byte[willLength];
            Array.Copy(writer.Buffer, will, willLength);
            _options.WillTopic = statusTopic;
            _options.WillPayload = will;
            _options.WillRetain = true;
        }

        /// <summary>Names of the session's counters in health, in the order of <see cref="Counters"/>: connection
        /// attempts; failed attempts by kind (name resolution, TCP, TLS, refused by CONNACK, with the last refusal's
        /// return code, no CONNACK in time); connections lost; messages unacknowledged too long; session takeovers;
        /// messages in flight.</summary>
        public static readonly string[] CounterNames =
        {
            "linkAttempts", "linkDns", "linkTcp", "linkTls", "linkRefused", "linkRefusedCode", "linkTimeout", "linkLost",
            "linkAckTimeouts", "linkTakeovers", "linkInFlight",
        };

        /// <summary>The node's boot number, announced in each birth message (0: unknown, left out).</summary>
        public long Boot { get; set; }

        /// <summary>True while connected, subscribed and announced, goodbye included.</summary>
        public bool IsConnected
        {
            get { return (_phase == Connected || _phase == Closing) && _link.State == LinkState.Connected; }
        }

        /// <summary>True while connected and not saying goodbye: messages may be published (see <see cref="CanPublish"/>).</summary>
        public bool IsReady
        {
            get { return _phase == Connected && _link.State == LinkState.Connected; }
        }

        /// <summary>True when <see cref="Publish"/> would hand a message to the link: ready, and fewer of the caller's
        /// messages in flight or finished but not yet taken than NodeConfig.InFlightWindow.</summary>
        public bool CanPublish
        {
            get { return IsReady && _callerInFlight + _done.Count < _window; }
        }

        /// <summary>True while the link owes an answer: a connection attempt under way, or messages in flight. A host
        /// running the loop in virtual time waits, in real time, for it to clear before the next tick.</summary>
        public bool Busy
        {
            get { return _phase == Connecting || _inFlight > 0; }
        }

        /// <summary>Messages handed to the link and not yet acknowledged, the birth and the goodbye included.</summary>
        public int InFlight
        {
            get { return _inFlight; }
        }

        /// <summary>The client id the session connects with: "edge-" and the node id.</summary>
        public string ClientId
        {
            get { return _options.ClientId; }
        }

        /// <summary>Connection attempts made, the failed ones included.</summary>
        public long ConnectAttempts { get; private set; }

        /// <summary>Successful connections after the first: how often the node had to reconnect.</summary>
        public long Reconnects { get; private set; }

        /// <summary>Births, goodbyes and messages the link did not take or the broker did not acknowledge.</summary>
        public long PublishFailures { get; private set; }

        /// <summary>Times a message went unacknowledged for NodeConfig.PublishAckTimeoutMs and the session dropped the link for it.</summary>
        public long AckTimeouts { get; private set; }

        /// <summary>Session takeovers seen: the broker said so (MQTT 5), or TakeoverStreak short-lived connections came in a row.</summary>
        public long Takeovers { get; private set; }

        /// <summary>The CONNACK return code of the last refused attempt (see <see cref="IMqttLink.RefusedCode"/>), 0 if none was refused.</summary>
        public int LastRefusedCode { get; private set; }

        /// <summary>True when the broker resumed the session it kept for the node at the current or last connection.</summary>
        public bool SessionPresent { get; private set; }

        /// <summary>The counters of the link for health telemetry: attempts, failures by kind, ack timeouts, takeovers
        /// and messages in flight, named as in <see cref="CounterNames"/>.</summary>
        public ICounterSource Counters
        {
            get { return _counters; }
        }

        /// <summary>Failed attempts (Dns, Tcp, Tls, Refused, Timeout) or ended connections (Lost) of that kind so far;
        /// TakenOver counts the takeovers the broker announced.</summary>
        public long Failures(LinkFailure kind)
        {
            return _failures[(int)kind];
        }

        /// <summary>
        /// Advances the session to <paramref name="monotonicMs"/> without waiting: takes the link's completions,
        /// starts an attempt when the backoff delay has passed, notices a connection accepted, refused or lost,
        /// subscribes and announces the node once connected, and drops a link whose oldest message went
        /// unacknowledged too long. A stopped session never connects again.
        /// </summary>
        public void Service(long monotonicMs)
        {
            _nowMs = monotonicMs;
            Collect();
            if (_phase == Waiting)
            {
                if (_stopped || monotonicMs < _nextAttemptMs)
                {
                    return;
                }

                ConnectAttempts++;
                _attemptStartedMs = monotonicMs;
                _phase = Connecting;
                _link.BeginConnect(_options);
            }

            if (_phase == Connecting)
            {
                LinkState state = _link.State;
                if (state == LinkState.Connected)
                {
                    OnConnected(monotonicMs);
                }
                else if (state == LinkState.Disconnected)
                {
                    OnAttemptFailed(_link.Failure, monotonicMs);
                }
                else if (monotonicMs - _attemptStartedMs >= _config.ConnectTimeoutMs)
                {
                    _link.Disconnect();
                    OnAttemptFailed(LinkFailure.Timeout, monotonicMs);
                }

                return;
            }

            if (_phase == Connected || _phase == Closing)
            {
                if (_link.State != LinkState.Connected)
                {
                    OnLost(_link.Failure, monotonicMs);
                }
                else if (_phase == Closing && _goodbyeDone)
                {
                    _link.Disconnect();
                    FailOutstanding();
                    _phase = Waiting;
                    _nextAttemptMs = monotonicMs;
                }
                else if (OldestSentMs() <= monotonicMs - _config.PublishAckTimeoutMs)
                {
                    OnAckTimeout(monotonicMs);
                }
            }
        }

        /// <summary>Hands a message (QoS 1, not retained) to the link, sent at the time of the last <see cref="Service"/>,
        /// and returns its ticket for <see cref="TryTakeCompletion"/>; 0, and nothing to take later, when the session
        /// cannot publish now (<see cref="CanPublish"/>) or the link refused it (counted as a publish failure).</summary>
        public int Publish(string topic, byte[] payload, int length)
        {
            if (!CanPublish)
            {
                return 0;
            }

            int ticket = _link.Publish(topic, payload, length, Qos, false);
            if (ticket <= 0)
            {
                PublishFailures++;
                return 0;
            }

            Track(ticket, CallerMessage);
            _callerInFlight++;
            return ticket;
        }

        /// <summary>Reports one of the caller's tickets that finished: delivered when the broker acknowledged it, not
        /// delivered when the connection ended first, the broker refused it, or the session gave the link up. Each
        /// ticket <see cref="Publish"/> returned is reported once, not necessarily in order.</summary>
        public bool TryTakeCompletion(out int ticket, out bool delivered)
        {
            Collect();
            return _done.TryTake(out ticket, out delivered);
        }

        /// <summary>The retained status goes offline; the connection closes once the broker acknowledged it (at a
        /// later <see cref="Service"/>, or at once on a link that acknowledges at once). Nothing is published after.</summary>
        public void SayGoodbye()
        {
            if (!IsReady)
            {
                return;
            }

            _phase = Closing;
            _goodbyeDone = false;
            int ticket = _link.Publish(_statusTopic, _options.WillPayload, _options.WillPayload.Length, Qos, true);
            if (ticket <= 0)
            {
                PublishFailures++;
                _goodbyeDone = true;
            }
            else
            {
                Track(ticket, GoodbyeMessage);
            }

            Service(_nowMs);
        }

        /// <summary>No connection attempt from now on; an attempt under way is given up (a goodbye in flight is still
        /// waited for).</summary>
        public void Stop()
        {
            _stopped = true;
            if (_phase == Connecting)
            {
                _link.Disconnect();
                _phase = Waiting;
            }
        }

        private void OnConnected(long monotonicMs)
        {
            _backoff.Reset();
            if (_connections++ > 0)
            {
                Reconnects++;
            }

            _connectedMs = monotonicMs;
            _phase = Connected;
            SessionPresent = _link.SessionPresent;
            _log.Write(LogLevel.Info, SessionPresent ? "connected to broker (session resumed)" : "connected to broker");
            for (int i = 0; i < _subscriptions.Length; i++)
            {
                _link.Subscribe(_subscriptions[i], Qos);
            }

            int length = _status.EncodeBirth(_config.NodeId, _config.FirmwareVersion, _config.Board, _config.ConfigHash, _startedUtc, Boot, _writer);
            int ticket = length > 0 ? _link.Publish(_statusTopic, _writer.Buffer, length, Qos, true) : 0;
            if (ticket <= 0)
            {
                PublishFailures++;
            }
            else
            {
                Track(ticket, BirthMessage);
                Collect();
            }
        }

        private void OnAttemptFailed(LinkFailure failure, long monotonicMs)
        {
            if (failure == LinkFailure.None || failure == LinkFailure.Lost || failure == LinkFailure.TakenOver)
            {
                // A link that gave up without saying why, or dropped the connection before the session saw it
                // accepted, failed at the transport.
                failure = LinkFailure.Tcp;
            }

            _failures[(int)failure]++;
            _shortLosses = 0;
            long delay = _backoff.NextDelayMs();
            _nextAttemptMs = monotonicMs + delay;
            _phase = Waiting;
            if (failure == LinkFailure.Refused)
            {
                LastRefusedCode = _link.RefusedCode;
                _log.Write(LogLevel.Warning, "broker refused the connection (CONNACK code " + LastRefusedCode.ToString() + "); retrying in " + delay.ToString() + " ms");
            }
            else
            {
                _log.Write(LogLevel.Warning, "broker unreachable (" + NameOf(failure) + "); retrying in " + delay.ToString() + " ms");
            }
        }

        private void OnLost(LinkFailure failure, long monotonicMs)
        {
            FailOutstanding();
            if (_phase == Closing || _stopped)
            {
                _phase = Waiting;
                _nextAttemptMs = monotonicMs;
                return;
            }

            _phase = Waiting;
            bool shortLived = monotonicMs - _connectedMs < _config.TakeoverConnectionMs;
            if (failure == LinkFailure.TakenOver)
            {
                _failures[(int)LinkFailure.TakenOver]++;
                TakenOver(monotonicMs, "the broker says another client connected");
                return;
            }

            _failures[(int)LinkFailure.Lost]++;
            _shortLosses = shortLived ? _shortLosses + 1 : 0;
            if (_config.TakeoverStreak > 0 && _shortLosses >= _config.TakeoverStreak)
            {
                TakenOver(monotonicMs, _shortLosses.ToString() + " connections in a row lost within " + _config.TakeoverConnectionMs.ToString() + " ms");
                return;
            }

            long delay = _backoff.NextDelayMs();
            _nextAttemptMs = monotonicMs + delay;
            _log.Write(LogLevel.Warning, "connection to the broker lost; reconnecting in " + delay.ToString() + " ms");
        }

        /// <summary>Two nodes with one client id take the session from each other forever, each reconnecting as soon
        /// as it is dropped: waiting the cap lets the other keep it, and makes the conflict visible in health.</summary>
        private void TakenOver(long monotonicMs, string why)
        {
            Takeovers++;
            _nextAttemptMs = monotonicMs + _backoff.CapMs;
            _log.Write(LogLevel.Error, "session taken over (" + why + "): another client uses the id " + _options.ClientId + "; next attempt in " + _backoff.CapMs.ToString() + " ms");
        }

        private void OnAckTimeout(long monotonicMs)
        {
            AckTimeouts++;
            _shortLosses = 0;
            _link.Disconnect();
            FailOutstanding();
            long delay = _backoff.NextDelayMs();
            _nextAttemptMs = monotonicMs + delay;
            _phase = Waiting;
            _log.Write(LogLevel.Warning, "no acknowledgement from the broker for " + _config.PublishAckTimeoutMs.ToString() + " ms: link dropped; reconnecting in " + delay.ToString() + " ms");
        }

        /// <summary>Takes what the link finished: the birth's and goodbye's outcomes here, the caller's for it.</summary>
        private void Collect()
        {
            int ticket;
            bool delivered;
            while (_link.TryTakeCompletion(out ticket, out delivered))
            {
                int entry = EntryOf(ticket);
                if (entry < 0)
                {
                    // A ticket the session already failed, or one published past it (command results).
                    continue;
                }

                byte kind = _kinds[entry];
                Release(entry);
                if (!delivered)
                {
                    PublishFailures++;
                }

                if (kind == CallerMessage)
                {
                    _callerInFlight--;
                    Done(ticket, delivered);
                }
                else if (kind == GoodbyeMessage)
                {
                    _goodbyeDone = true;
                }
            }
        }

        /// <summary>Every message in flight is given up, reported to the caller as not delivered.</summary>
        private void FailOutstanding()
        {
            for (int i = 0; i < _kinds.Length; i++)
            {
                if (_kinds[i] == Free)
                {
                    continue;
                }

                PublishFailures++;
                if (_kinds[i] == CallerMessage)
                {
                    _callerInFlight--;
                    Done(_tickets[i], false);
                }
                else if (_kinds[i] == GoodbyeMessage)
                {
                    _goodbyeDone = true;
                }

                Release(i);
            }
        }

        private void Track(int ticket, byte kind)
        {
            for (int i = 0; i < _kinds.Length; i++)
            {
                if (_kinds[i] == Free)
                {
                    _kinds[i] = kind;
                    _tickets[i] = ticket;
                    _sentMs[i] = _nowMs;
                    _inFlight++;
                    return;
                }
            }

            // Unreachable: the caller has at most the window in flight, and the birth and goodbye one entry each.
            throw new InvalidOperationException("in-flight table full");
        }

        private void Release(int entry)
        {
            _kinds[entry] = Free;
            _tickets[entry] = 0;
            _inFlight--;
        }

        private int EntryOf(int ticket)
        {
            for (int i = 0; i < _kinds.Length; i++)
            {
                if (_kinds[i] != Free && _tickets[i] == ticket)
                {
                    return i;
                }
            }

            return -1;
        }

        private long OldestSentMs()
        {
            long oldest = long.MaxValue;
            for (int i = 0; i < _kinds.Length; i++)
            {
                if (_kinds[i] != Free && _sentMs[i] < oldest)
                {
                    oldest = _sentMs[i];
                }
            }

            return oldest;
        }

        private void Done(int ticket, bool delivered)
        {
            _done.Add(ticket, delivered);
        }

        /// <summary>A failed attempt's kind as health names its counter.</summary>
        private static string NameOf(LinkFailure failure)
        {
            switch (failure)
            {
                case LinkFailure.Dns:
                    return "dns";
                case LinkFailure.Tls:
                    return "tls";
                case LinkFailure.Timeout:
                    return "timeout";
                default:
                    return "tcp";
            }
        }

        /// <summary>The session's counters in the order of <see cref="CounterNames"/>.</summary>
        private sealed class LinkCounters : ICounterSource
        {
            private readonly BrokerSession _session;

            public LinkCounters(BrokerSession session)
            {
                _session = session;
            }

            public int CounterCount
            {
                get { return CounterNames.Length; }
            }

            public string CounterName(int index)
            {
                return CounterNames[index];
            }

            public long CounterValue(int index)
            {
                switch (index)
                {
                    case 0:
                        return _session.ConnectAttempts;
                    case 1:
                        return _session.Failures(LinkFailure.Dns);
                    case 2:
                        return _session.Failures(LinkFailure.Tcp);
                    case 3:
                        return _session.Failures(LinkFailure.Tls);
                    case 4:
                        return _session.Failures(LinkFailure.Refused);
                    case 5:
                        return _session.LastRefusedCode;
                    case 6:
                        return _session.Failures(LinkFailure.Timeout);
                    case 7:
                        return _session.Failures(LinkFailure.Lost);
                    case 8:
                        return _session.AckTimeouts;
                    case 9:
                        return _session.Takeovers;
                    default:
                        return _session.InFlight;
                }
            }
        }
    }
}
