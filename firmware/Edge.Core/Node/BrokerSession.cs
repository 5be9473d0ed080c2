#nullable disable
using System;
using Edge.Core.Payloads;
using Edge.Core.Platform;

namespace Edge.Core.Node
{
    /// <summary>
    /// The node's session with its broker: connects with the Last Will set, retries an unreachable broker with
    /// exponential backoff and full jitter, subscribes to the command topics and announces the node on its retained status
    /// topic at each connection (birth "online"), and says goodbye ("offline") before a clean disconnect.
    /// </summary>
    public sealed class BrokerSession
    {
        /// <summary>Everything the node publishes is acknowledged by the broker (MQTT 3.1.1 section 4.3.2).</summary>
        public const int Qos = 1;

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
        private long _nextAttemptMs;
        private long _connections;
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
            _nextAttemptMs = monotonicMs;
            _backoff = new ReconnectBackoff(config.ReconnectFloorMs, config.ReconnectMinDelayMs, config.ReconnectMaxDelayMs, ReconnectBackoff.SeedFrom(config.NodeId));
            _options.ClientId = "edge-" + config.NodeId;
            _options.UserName = config.MqttUserName;
            _options.Password = config.MqttPassword;
            _options.KeepAliveSeconds = config.KeepAliveSeconds;

            // Last Will: if the node vanishes without saying goodbye, the broker sets its retained status offline.
            int willLength = _status.EncodeLastWill(config.NodeId, writer);
            byte[] will = new byte[willLength];
            Array.Copy(writer.Buffer, will, willLength);
            _options.WillTopic = statusTopic;
            _options.WillPayload = will;
            _options.WillRetain = true;
        }

        /// <summary>True while the link to the broker is connected.</summary>
        public bool IsConnected
        {
            get { return _link.IsConnected; }
        }

        /// <summary>Connection attempts made, the failed ones included.</summary>
        public long ConnectAttempts { get; private set; }

        /// <summary>Successful connections after the first: how often the node had to reconnect.</summary>
        public long Reconnects { get; private set; }

        /// <summary>Births and messages the broker did not take.</summary>
        public long PublishFailures { get; private set; }

        /// <summary>
        /// True when the node may publish: connected, or connected now (subscribed and announced). An attempt is made
        /// only once the backoff delay since the last failure has passed; a stopped session never connects again.
        /// </summary>
        public bool Ready(long monotonicMs)
        {
            // A node that said goodbye stays off the broker (it is shutting down or rebooting).
            if (_stopped)
            {
                return false;
            }

            if (_link.IsConnected)
            {
                return true;
            }

            if (monotonicMs < _nextAttemptMs)
            {
                return false;
            }

            ConnectAttempts++;
            if (!_link.Connect(_options))
            {
                _nextAttemptMs = monotonicMs + _backoff.NextDelayMs();
                _log.Write(LogLevel.Warning, "broker unreachable; retrying later");
                return false;
            }

            _backoff.Reset();
            if (_connections++ > 0)
            {
                Reconnects++;
            }

            _log.Write(LogLevel.Info, "connected to broker");
            for (int i = 0; i < _subscriptions.Length; i++)
            {
                _link.Subscribe(_subscriptions[i], Qos);
            }

            if (!PublishBirth())
            {
                PublishFailures++;
                return false;
            }

            return true;
        }

        /// <summary>Publishes a message (not retained); false, and counted, when the broker did not take it.</summary>
        public bool Publish(string topic, byte[] payload, int length)
        {
            if (_link.Publish(topic, payload, length, Qos, false))
            {
                return true;
            }

            PublishFailures++;
            return false;
        }

        /// <summary>The retained status goes offline, then the connection closes.</summary>
        public void SayGoodbye()
        {
            _link.Publish(_statusTopic, _options.WillPayload, _options.WillPayload.Length, Qos, true);
            _link.Disconnect();
        }

        /// <summary>No connection attempt from now on.</summary>
        public void Stop()
        {
            _stopped = true;
        }

        private bool PublishBirth()
        {
            int length = _status.EncodeBirth(_config.NodeId, _config.FirmwareVersion, _config.Board, _config.ConfigHash, _startedUtc, _writer);
            return length > 0 && _link.Publish(_statusTopic, _writer.Buffer, length, Qos, true);
        }
    }
}
