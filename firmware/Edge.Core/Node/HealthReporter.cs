#nullable disable
using System;
using Edge.Core.Meters;
using Edge.Core.Outbox;
using Edge.Core.Payloads;
using Edge.Core.Platform;
using Edge.Core.Time;

namespace Edge.Core.Node
{
    /// <summary>
    /// Signs of life: health telemetry every HealthSeconds on the health topic (fields of the node and counters of each
    /// meter), and a heartbeat event when nothing showing the node alive was queued for HeartbeatSeconds, so that a
    /// silent node is never mistaken for a quiet one. A health message is full (every field) after a start, right
    /// after each reconnection and every HealthFullEvery-th message; the others carry only what changed since the
    /// previous one, so that a platform rebuilds the whole state from the last full message and the deltas after it
    /// (docs/contract.md, "Health"). Both periods are read at each tick (config/set applies at once).
    /// </summary>
    public sealed class HealthReporter
    {
        private readonly NodeConfig _config;
        private readonly IClock _clock;
        private readonly ReportHeader _header;
        private readonly JsonWriter _writer;
        private readonly ReportPublisher _publisher;
        private readonly EventReporter _events;
        private readonly EdgeNode _node;
        private readonly object[] _meterCounters;
        private readonly IMeterDriver[] _meters;
        private readonly MeterStatusSet _statuses;
        private readonly HealthFields _nodeFields;
        private readonly HealthFields[] _meterFields;
        private readonly StatusJsonEncoder _encoder = new StatusJsonEncoder();
        private readonly long _startedMs;
        private long _nextHealthMs;
        private readonly SequenceCounter _sequence;
        private long _reconnectsSeen;
        private bool _fullDue = true;
        private int _deltasSinceFull;

        /// <summary>A health reporter for <paramref name="node"/>, whose fields and meter counters it collects into
        /// <paramref name="nodeFields"/> and <paramref name="meterFields"/> (made by <see cref="CollectNode"/> and
        /// <see cref="CollectMeters"/> for the size bound), and the state of each of <paramref name="meters"/> (a
        /// <see cref="MeterDriver"/>'s; none for another driver); the first health message and heartbeat are scheduled
        /// from <paramref name="startedMs"/> (monotonic ms).</summary>
        public HealthReporter(NodeConfig config, IClock clock, ReportHeader header, JsonWriter writer, ReportPublisher publisher, EventReporter events, EdgeNode node, IMeterDriver[] meters, object[] meterCounters, HealthFields nodeFields, HealthFields[] meterFields, SequenceCounter sequence, long startedMs)
        {
            _meters = meters;
            _statuses = new MeterStatusSet(meters.Length);
            _sequence = sequence;
            _config = config;
            _clock = clock;
            _header = header;
            _writer = writer;
            _publisher = publisher;
            _events = events;
            _node = node;
            _meterCounters = meterCounters;
            _nodeFields = nodeFields;
            _meterFields = meterFields;
            _startedMs = startedMs;
            Reschedule(startedMs);
        }

        /// <summary>Health messages queued, full and delta.</summary>
        public long HealthQueued { get; private set; }

        /// <summary>Full health messages queued.</summary>
        public long FullHealthQueued { get; private set; }

        /// <summary>
        /// The node's own health fields, in the order published. A field added here is published, tracked for the
        /// deltas and counted in the size bound like the others; free memory and signal strength are left out while
        /// the platform cannot tell them (no <see cref="EdgeNode.SystemInfo"/>, -1 or 0 from it).
        /// </summary>
        public static void CollectNode(HealthFields fields, EdgeNode node)
        {
            ISystemInfo system = node.SystemInfo;
            long freeMemory = system == null ? -1 : system.FreeMemoryBytes;
            int rssi = system == null ? 0 : system.SignalStrengthDbm;
            fields.Begin();
            fields.AddIfKnown("freeMemory", freeMemory, freeMemory >= 0);
            fields.AddIfKnown("rssi", rssi, rssi != 0);
            fields.Add("reconnects", node.Reconnects);
            fields.Add("outbox", node.OutboxDepth);

            // The outbox: what waits and since when, what its policy dropped (by class), and what went wrong with the
            // store; all 0 before the outbox exists (the size bound at start).
            DurableOutbox outbox = node.Outbox;
            fields.Add("outboxBytes", outbox == null ? 0 : outbox.DepthBytes);
            fields.Add("outboxOldestAge", OldestAgeSeconds(outbox, node.UtcNow));
            fields.Add("dropped", node.OutboxDropped);
            fields.Add("droppedTelemetry", outbox == null ? 0 : outbox.Dropped(RecordClass.Telemetry));
            fields.Add("droppedInterval", outbox == null ? 0 : outbox.Dropped(RecordClass.Interval));
            fields.Add("droppedTotal", outbox == null ? 0 : outbox.Dropped(RecordClass.Total));
            fields.Add("droppedEvent", outbox == null ? 0 : outbox.Dropped(RecordClass.Event));
            fields.Add("tornTails", outbox == null ? 0 : outbox.TornTails);
            fields.Add("corruptSegments", outbox == null ? 0 : outbox.CorruptSegments);
            fields.Add("storeErrors", outbox == null ? 0 : outbox.StoreErrors);
            fields.Add("tooLarge", node.MessagesTooLarge);
            fields.Add("commandsUnanswered", node.CommandsUnanswered);

            // The broker link's failures by kind: all 0 on a link that never failed, so the deltas leave them out; before
            // the session exists (the size bound at start) they count as 0. Not the attempts (the reconnections and the
            // failures add up to them) nor the messages in flight (a gauge that would put a field in every delta).
            ICounterSource link = node.Session == null ? null : node.Session.Counters;
            for (int c = 1; c < BrokerSession.CounterNames.Length - 1; c++)
            {
                fields.Add(BrokerSession.CounterNames[c], link == null ? 0 : link.CounterValue(c));
            }

            // The platform's adapters (what the link refused, what the store recovered after a power cut), each
            // counter under its own name: none on a node whose platform added no counter source.
            for (int s = 0; s < node.PlatformCounterCount; s++)
            {
                ICounterSource source = node.PlatformCounters(s);
                for (int c = 0; c < source.CounterCount; c++)
                {
                    fields.Add(source.CounterName(c), source.CounterValue(c));
                }
            }
        }

        /// <summary>Seconds since the oldest unacknowledged record was queued, by the wall clock: 0 when every record
        /// is acknowledged, when the record was queued with the clock unset, or when the clock went back since.</summary>
        private static long OldestAgeSeconds(DurableOutbox outbox, DateTime now)
        {
            long oldest = outbox == null ? -1 : outbox.OldestUnacknowledgedUtcSeconds;
            if (oldest <= 0)
            {
                return 0;
            }

            long age = UtcTime.UnixSeconds(now) - oldest;
            return age > 0 ? age : 0;
        }

        /// <summary>Collects each meter's counters (its <see cref="ICounterSource"/>) into <paramref name="fields"/>,
        /// made on the first call (pass null) with one group per meter, null where the meter has no counters; returns
        /// them.</summary>
        public static HealthFields[] CollectMeters(HealthFields[] fields, object[] meterCounters)
        {
            if (fields == null)
            {
                fields = new HealthFields[meterCounters.Length];
            }

            for (int m = 0; m < meterCounters.Length; m++)
            {
                ICounterSource counters = meterCounters[m] as ICounterSource;
                if (counters == null)
                {
                    continue;
                }

                if (fields[m] == null)
                {
                    fields[m] = new HealthFields();
                }

                fields[m].Begin();
                for (int c = 0; c < counters.CounterCount; c++)
                {
                    fields[m].Add(counters.CounterName(c), counters.CounterValue(c));
                }
            }

            return fields;
        }

        /// <summary>Records the state of each meter whose driver has a lifecycle (<see cref="MeterDriver"/>): a meter
        /// failed after its consecutive refused frames or unanswered polls shows so in health.</summary>
        public static void CollectStatuses(MeterStatusSet statuses, IMeterDriver[] meters)
        {
            for (int m = 0; m < meters.Length; m++)
            {
                MeterDriver driver = meters[m] as MeterDriver;
                if (driver != null)
                {
                    statuses.Set(m, driver.State);
                }
            }
        }

        /// <summary>Queues health when it is due (at once, full, after a reconnection), then a heartbeat when due.</summary>
        public void Tick(DateTime now, long monotonicMs)
        {
            // After an outage the outbox may have dropped deltas (counted in "dropped"): a full message right after
            // the reconnection gives the platform the whole state again without waiting for the next full one.
            long reconnects = _node.Reconnects;
            if (reconnects != _reconnectsSeen)
            {
                _reconnectsSeen = reconnects;
                _fullDue = true;
                _nextHealthMs = monotonicMs;
            }

            if (_config.HealthSeconds > 0 && monotonicMs >= _nextHealthMs)
            {
                EnqueueHealth(now, monotonicMs);
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

        /// <summary>A heartbeat is due when heartbeats are on and nothing showing the node alive (a report, an event,
        /// a health message, a heartbeat) was queued for <paramref name="heartbeatSeconds"/>.</summary>
        public static bool HeartbeatDue(long monotonicMs, long lastActivityMs, int heartbeatSeconds)
        {
            return heartbeatSeconds > 0 && monotonicMs - lastActivityMs >= heartbeatSeconds * 1000L;
        }

        private void EnqueueHealth(DateTime now, long monotonicMs)
        {
            CollectNode(_nodeFields, _node);
            CollectMeters(_meterFields, _meterCounters);
            CollectStatuses(_statuses, _meters);
            // Full after a start or a reconnection, as the HealthFullEvery-th message, or when a delta cannot say
            // what changed.
            bool full = _fullDue || _deltasSinceFull + 1 >= _config.HealthFullEvery || FieldsNeedFull();
            _header.Sequence = _sequence.Take();
            _header.ClockSynchronised = _clock.IsSynchronised;
            _header.ClockStepped = false;
            int length = _encoder.EncodeHealth(_header, now, (monotonicMs - _startedMs) / 1000, full, _nodeFields, _meterFields, _statuses, _writer);
            if (length < 0)
            {
                _events.RefuseUnencoded(null, "health");
                return;
            }

            if (!_publisher.Enqueue(TopicMap.Health, RecordClass.Telemetry, _header.Sequence, _writer.Buffer, length))
            {
                _events.RefuseUnqueued(null, "health", length);
                return;
            }

            // Only a queued message moves the baseline: what a refused one carried is sent again by the next one.
            _nodeFields.Commit();
            _statuses.Commit();
            for (int m = 0; m < _meterFields.Length; m++)
            {
                if (_meterFields[m] != null)
                {
                    _meterFields[m].Commit();
                }
            }

            HealthQueued++;
            if (full)
            {
                FullHealthQueued++;
                _fullDue = false;
                _deltasSinceFull = 0;
            }
            else
            {
                _deltasSinceFull++;
            }

            _publisher.NoteActivity(monotonicMs);
        }

        private bool FieldsNeedFull()
        {
            if (_nodeFields.NeedsFull)
            {
                return true;
            }

            for (int m = 0; m < _meterFields.Length; m++)
            {
                if (_meterFields[m] != null && _meterFields[m].NeedsFull)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
