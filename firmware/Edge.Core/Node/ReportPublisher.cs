#nullable disable
using Edge.Core.Outbox;

namespace Edge.Core.Node
{
    /// <summary>
    /// Holds what the node queued until the broker acknowledges it, oldest first: the outbox, and the history of
    /// acknowledged reports kept for the resync command. Counts what was published, and notes when the last sign of
    /// life was queued (the heartbeat rule reads it). The oldest messages, up to the session's in-flight window, are
    /// published without waiting for one another; a message leaves the outbox once it and every older one are
    /// acknowledged (acknowledgements may come in any order), and one that was not delivered is published again,
    /// oldest first, once the session can publish.
    /// </summary>
    public sealed class ReportPublisher
    {
        // The state of each of the outbox's oldest messages, up to the in-flight window: not sent, in flight (its
        // ticket), or acknowledged and waiting for older ones to be acknowledged too.
        private const int Unsent = 0;
        private const int Acknowledged = -1;

        private readonly TopicMap _topics;
        private readonly ReportOutbox _outbox;
        private readonly ReportHistory _history;
        private readonly int[] _sent;

        /// <summary>Reports larger than a slot span several, put together in <paramref name="staging"/> (the encoding
        /// buffer, or null when every message fits a slot) to be published.</summary>
        public ReportPublisher(NodeConfig config, TopicMap topics, byte[] staging, long monotonicMs)
        {
            _topics = topics;
            _outbox = new ReportOutbox(config.OutboxCapacity, config.OutboxSlotBytes, staging);
            _history = new ReportHistory(config.HistoryCapacity, config.OutboxSlotBytes, staging);
            _sent = new int[config.InFlightWindow];
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
            int dropped = _outbox.Dropped;
            bool queued = _outbox.Enqueue(topic, sequence, payload, length);
            Forget(_outbox.Dropped - dropped);
            return queued;
        }

        /// <summary>Takes the session's completions, then publishes up to <paramref name="max"/> messages not yet
        /// sent, oldest first, while the session can publish; never waits for an acknowledgement. A report leaves the
        /// outbox for the history once acknowledged.</summary>
        public void PublishQueued(BrokerSession session, int max)
        {
            int published = 0;
            while (true)
            {
                // A message not delivered ends the pass: the link has just failed, or the broker refused it.
                if (TakeCompletions(session) || published >= max || !session.CanPublish)
                {
                    return;
                }

                int next = OldestUnsent();
                if (next < 0)
                {
                    return;
                }

                int ticket = session.Publish(_topics.Topic(_outbox.TopicAt(next)), _outbox.PayloadAt(next), _outbox.LengthAt(next));
                if (ticket == 0)
                {
                    return;
                }

                _sent[next] = ticket;
                published++;
            }
        }

        /// <summary>Queues again the held reports from sequence <paramref name="from"/> on; returns how many.</summary>
        public int Resync(long from)
        {
            int dropped = _outbox.Dropped;
            int requeued = _history.Requeue(from, _outbox, TopicMap.Readings);
            Forget(_outbox.Dropped - dropped);
            return requeued;
        }

        /// <summary>Marks what the session reports finished, then lets the acknowledged messages at the head go;
        /// true when one of them was not delivered.</summary>
        private bool TakeCompletions(BrokerSession session)
        {
            bool failed = false;
            int ticket;
            bool delivered;
            while (session.TryTakeCompletion(out ticket, out delivered))
            {
                failed |= !delivered;
                for (int i = 0; i < _sent.Length; i++)
                {
                    if (_sent[i] == ticket)
                    {
                        // Not delivered: published again, from the oldest unacknowledged, when the session can.
                        _sent[i] = delivered ? Acknowledged : Unsent;
                        break;
                    }
                }
            }

            while (_outbox.Count > 0 && _sent[0] == Acknowledged)
            {
                byte topic = _outbox.OldestTopic;
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
                Forget(1);
            }

            return failed;
        }

        /// <summary>The position of the oldest message within the window not yet sent, or -1.</summary>
        private int OldestUnsent()
        {
            int end = _outbox.Count < _sent.Length ? _outbox.Count : _sent.Length;
            for (int i = 0; i < end; i++)
            {
                if (_sent[i] == Unsent)
                {
                    return i;
                }
            }

            return -1;
        }

        /// <summary>The <paramref name="count"/> oldest messages left the outbox (acknowledged, or dropped to make
        /// room): the window's states move up with it. A dropped message's ticket is forgotten, its outcome ignored.</summary>
        private void Forget(int count)
        {
            if (count <= 0)
            {
                return;
            }

            for (int i = 0; i < _sent.Length; i++)
            {
                _sent[i] = i + count < _sent.Length ? _sent[i + count] : Unsent;
            }
        }
    }
}
