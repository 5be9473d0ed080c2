#nullable disable
using System;
using Edge.Core.Payloads;
using Edge.Core.Platform;

namespace Edge.Core.Node
{
    /// <summary>
    /// Signs of life: health telemetry every HealthSeconds on the health topic (counters of the node and of each
    /// meter), and a heartbeat event when nothing showing the node alive was queued for HeartbeatSeconds, so that a
    /// silent node is never mistaken for a quiet one. Both periods are read at each tick (config/set applies at once).
    /// </summary>
    public sealed class HealthReporter
    {
        private readonly NodeConfig _config;
        private readonly IClock _clock;
        private readonly ReportHeader _header;
        private readonly JsonWriter _writer;
        private readonly ReportPublisher _publisher;
        private readonly EventReporter _events;
        private readonly BrokerSession _session;
        private readonly object[] _meterCounters;
        private readonly StatusJsonEncoder _encoder = new StatusJsonEncoder();
        private readonly long _startedMs;
        private long _nextHealthMs;
        private long _sequence;

        /// <summary>A health reporter; the first health message and heartbeat are scheduled from <paramref name="startedMs"/> (monotonic ms).</summary>
        public HealthReporter(NodeConfig config, IClock clock, ReportHeader header, JsonWriter writer, ReportPublisher publisher, EventReporter events, BrokerSession session, object[] meterCounters, long startedMs)
        {
            _config = config;
            _clock = clock;
            _header = header;
            _writer = writer;
            _publisher = publisher;
            _events = events;
            _session = session;
            _meterCounters = meterCounters;
            _startedMs = startedMs;
            _encoder.Link = session.Counters;
            Reschedule(startedMs);
        }

        /// <summary>Health messages queued.</summary>
        public long HealthQueued { get; private set; }

        /// <summary>Queues health and a heartbeat when they are due.</summary>
        public void Tick(DateTime now, long monotonicMs, ISystemInfo system, long commandsUnanswered)
        {
            if (_config.HealthSeconds > 0 && monotonicMs >= _nextHealthMs)
            {
                EnqueueHealth(now, monotonicMs, system, commandsUnanswered);
                Reschedule(monotonicMs);
            }

            if (HeartbeatDue(monotonicMs, _publisher.LastActivityMs, _config.HeartbeatSeconds))
            {
                _events.Heartbeat(now);
            }
        }

        /// <summary>The next health message comes a full period after <paramref name="monotonicMs"/>.</summary>
        public void Reschedule(long monotonicMs)
        {
            _nextHealthMs = monotonicMs + (_config.HealthSeconds * 1000L);
        }

        /// <summary>A heartbeat is due when heartbeats are on and nothing showing the node alive was queued for
        /// <paramref name="heartbeatSeconds"/>.</summary>
        public static bool HeartbeatDue(long monotonicMs, long lastActivityMs, int heartbeatSeconds)
        {
            return heartbeatSeconds > 0 && monotonicMs - lastActivityMs >= heartbeatSeconds * 1000L;
        }

        private void EnqueueHealth(DateTime now, long monotonicMs, ISystemInfo system, long commandsUnanswered)
        {
            _header.Sequence = ++_sequence;
            _header.ClockSynchronised = _clock.IsSynchronised;
            _header.ClockStepped = false;
            long freeMemory = system == null ? -1 : system.FreeMemoryBytes;
            int rssi = system == null ? 0 : system.SignalStrengthDbm;
            int length = _encoder.EncodeHealth(
                _header, now, (monotonicMs - _startedMs) / 1000, freeMemory, rssi, _session.Reconnects, _publisher.Depth, _publisher.Dropped, _events.MessagesTooLarge, commandsUnanswered, _meterCounters, _writer);
            if (length < 0)
            {
                _events.RefuseUnencoded(null, "health");
            }
            else if (!_publisher.Enqueue(TopicMap.Health, _sequence, _writer.Buffer, length))
            {
                _events.RefuseUnqueued(null, "health", length);
            }
            else
            {
                HealthQueued++;
            }
        }
    }
}
