#nullable disable
using Edge.Core.Outbox;

namespace Edge.Core.Node
{
    /// <summary>
    /// Holds what the node queued until the broker acknowledges it, oldest first: the outbox, and the history of
    /// acknowledged reports kept for the resync command. Counts what was published, and notes when the last sign of
    /// life was queued (the heartbeat rule reads it).
    /// </summary>
    public sealed class ReportPublisher
    {
        private readonly TopicMap _topics;
        private readonly ReportOutbox _outbox;
        private readonly ReportHistory _history;

        /// <summary>Reports larger than a slot span several, put together in <paramref name="staging"/> (the encoding
        /// buffer, or null when every message fits a slot) to be published.</summary>
        public ReportPublisher(NodeConfig config, TopicMap topics, byte[] staging, long monotonicMs)
        {
            _topics = topics;
            _outbox = new ReportOutbox(config.OutboxCapacity, config.OutboxSlotBytes, staging);
            _history = new ReportHistory(config.HistoryCapacity, config.OutboxSlotBytes, staging);
            LastActivityMs = monotonicMs;
        }

        /// <summary>Messages waiting in the outbox for the broker's acknowledgement.</summary>
        public int Depth
        {
            get { return _outbox.Count; }
        }

        /// <summary>Messages dropped, oldest first, because the outbox was full.</summary>
        public int Dropped
        {
            get { return _outbox.Dropped; }
        }

        /// <summary>The largest message the outbox takes.</summary>
        public int LargestMessageBytes
        {
            get { return _outbox.LargestMessageBytes; }
        }

        /// <summary>Lowest report sequence still held for resync, or -1.</summary>
        public long OldestHeldSequence
        {
            get { return _history.OldestSequence; }
        }

        /// <summary>Window reports acknowledged by the broker (each IoT Agent measure counts as one).</summary>
        public long ReportsPublished { get; private set; }

        /// <summary>Messages of the events topic acknowledged by the broker.</summary>
        public long EventsPublished { get; private set; }

        /// <summary>When the last message that shows the node alive was queued (monotonic ms).</summary>
        public long LastActivityMs { get; private set; }

        /// <summary>Notes that something showing the node alive was queued at <paramref name="monotonicMs"/>.</summary>
        public void NoteActivity(long monotonicMs)
        {
            LastActivityMs = monotonicMs;
        }

        /// <summary>Queues a message for the topic of index <paramref name="topic"/>; false when it is too large for the outbox.</summary>
        public bool Enqueue(byte topic, long sequence, byte[] payload, int length)
        {
            return _outbox.Enqueue(topic, sequence, payload, length);
        }

        /// <summary>Publishes up to <paramref name="max"/> queued messages, oldest first, while the broker takes them;
        /// a report leaves the outbox for the history once acknowledged.</summary>
        public void PublishQueued(BrokerSession session, int max)
        {
            for (int i = 0; i < max && _outbox.Count > 0; i++)
            {
                byte topic = _outbox.OldestTopic;
                if (!session.Publish(_topics.Topic(topic), _outbox.OldestPayload, _outbox.OldestLength))
                {
                    return;
                }

                if (TopicMap.IsReport(topic))
                {
                    ReportsPublished++;
                    if (topic == TopicMap.Readings)
                    {
                        _history.Add(_outbox.OldestSequence, _outbox.OldestPayload, _outbox.OldestLength);
                    }
                }
                else if (topic == TopicMap.Events)
                {
                    EventsPublished++;
                }

                _outbox.RemoveOldest();
            }
        }

        /// <summary>Queues again the held reports from sequence <paramref name="from"/> on; returns how many.</summary>
        public int Resync(long from)
        {
            return _history.Requeue(from, _outbox, TopicMap.Readings);
        }
    }
}
