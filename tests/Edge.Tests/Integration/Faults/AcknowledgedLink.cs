using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System;
using Edge.Core.Platform;
using Edge.Host.Faults;

namespace Edge.Tests.Integration.Faults
{
    /// <summary>
    /// The node's real link with a note of what the broker acknowledged: for each readings, events or health message
    /// the node publishes, its series and number (the payload's "seq"), and whether its PUBACK came. Acknowledgements
    /// are filed by epoch, a number the scenario raises when it takes a broker down, so that afterwards it can name
    /// exactly the messages the broker acknowledged before going down: the only ones the broker, not the node, can
    /// have lost (PUBACK does not wait for the disk; a broker that keeps nothing forgets what it had not delivered).
    /// Everything else is passed through unchanged.
    /// </summary>
    public sealed class AcknowledgedLink : IMqttLink
    {
        private readonly IMqttLink _inner;
        private readonly object _gate = new();
        private readonly Dictionary<int, (SeriesKind Kind, long Key, int Epoch)> _pending = new();
        private readonly List<(SeriesKind Kind, long Key, int Epoch)> _acknowledged = new();
        private int _epoch;
        private long _published;

        public AcknowledgedLink(IMqttLink inner)
        {
            _inner = inner;
        }

        public event MqttMessageHandler? MessageReceived
        {
            add => _inner.MessageReceived += value;
            remove => _inner.MessageReceived -= value;
        }

        public LinkState State => _inner.State;

        public LinkFailure Failure => _inner.Failure;

        public int RefusedCode => _inner.RefusedCode;

        public bool SessionPresent => _inner.SessionPresent;

        /// <summary>The epoch messages published now are filed under; 0 at first.</summary>
        public int Epoch
        {
            get
            {
                lock (_gate)
                {
                    return _epoch;
                }
            }
        }

        /// <summary>Numbered messages handed to the link (publications, not distinct numbers: a resend counts again).</summary>
        public long Published
        {
            get
            {
                lock (_gate)
                {
                    return _published;
                }
            }
        }

        /// <summary>Files what is published from now on under the next epoch; returns the epoch that ended.</summary>
        public int BeginEpoch()
        {
            lock (_gate)
            {
                return _epoch++;
            }
        }

        /// <summary>Numbers of the series whose PUBACK came for a publication of epoch <paramref name="epoch"/>, in
        /// increasing order. A completion the node has not taken yet is not counted: take them (step the node) first.</summary>
        public long[] AcknowledgedIn(SeriesKind kind, int epoch)
        {
            lock (_gate)
            {
                return [.. _acknowledged.Where(a => a.Kind == kind && a.Epoch == epoch).Select(a => a.Key).Distinct().Order()];
            }
        }

        public void BeginConnect(MqttConnectOptions options) => _inner.BeginConnect(options);

        public void Disconnect() => _inner.Disconnect();

        public bool Subscribe(string topicFilter, int qos) => _inner.Subscribe(topicFilter, qos);

        public int Publish(string topic, byte[] payload, int length, int qos, bool retain)
        {
            int ticket = _inner.Publish(topic, payload, length, qos, retain);
            if (ticket > 0 && KindOf(topic) is { } kind)
            {
                using JsonDocument document = JsonDocument.Parse(payload.AsMemory(0, length));
                long key = document.RootElement.GetProperty("seq").GetInt64();
                lock (_gate)
                {
                    _pending[ticket] = (kind, key, _epoch);
                    _published++;
                }
            }

            return ticket;
        }

        public bool TryTakeCompletion(out int ticket, out bool delivered)
        {
            if (!_inner.TryTakeCompletion(out ticket, out delivered))
            {
                return false;
            }

            lock (_gate)
            {
                if (_pending.Remove(ticket, out var message) && delivered)
                {
                    _acknowledged.Add(message);
                }
            }

            return true;
        }

        /// <summary>The numbered series of a topic &lt;prefix&gt;/&lt;node&gt;/readings|events|health (edge-json), else null.</summary>
        private static SeriesKind? KindOf(string topic)
        {
            string[] levels = topic.Split('/');
            if (levels.Length != 3)
            {
                return null;
            }

            return levels[2] switch
            {
                "readings" => SeriesKind.Readings,
                "events" => SeriesKind.Events,
                "health" => SeriesKind.Health,
                _ => null,
            };
        }
    }
}
