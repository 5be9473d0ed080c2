#nullable disable
using System;
using Edge.Core.Outbox;
using Edge.Core.Platform;
using Edge.Core.Time;

namespace Edge.Core.Node
{
    /// <summary>
    /// Publishes what the node queued, from the <see cref="DurableOutbox"/>: every message is appended there before
    /// any attempt to publish it, and stays until the broker acknowledges it (then as history for the resync command,
    /// until its room is needed). The oldest unacknowledged messages, up to the session's in-flight window, are
    /// published without waiting for one another, at most <see cref="NodeConfig.ReplayPerSecond"/> a second; one not
    /// delivered is published again, from the oldest unacknowledged, once the session can publish. Counts what was
    /// published, and notes when the last sign of life was queued (the heartbeat rule reads it).
    /// </summary>
    public sealed class ReportPublisher
    {
        private const int MilliTokens = 1000;

        private readonly TopicMap _topics;
        private readonly DurableOutbox _outbox;
        private readonly IClock _clock;
        private readonly byte[] _buffer;

        // The messages handed to the session and not finished yet: ticket, outbox index, and whether a resync sent it.
        private readonly int[] _tickets;
        private readonly long[] _indexes;
        private readonly bool[] _resent;
        private int _inFlight;

        // The next index the publishing pass looks at; rewound to the first unacknowledged after a failure.
        private long _next;

        // A resync under way: readings records of sequence _resyncFrom or above, from _resyncNext to _resyncEnd.
        private long _resyncNext;
        private long _resyncEnd;
        private long _resyncFrom;

        // The pace: a token bucket of ReplayPerSecond tokens, in thousandths, refilled on the monotonic clock.
        private readonly long _rate;
        private long _tokens;
        private long _refilledMs;

        /// <param name="config">The in-flight window (at most <see cref="DurableOutbox.MaxAcknowledgedAhead"/> is
        /// used) and the publishing rate.</param>
        /// <param name="topics">The topics of the outbox's topic indexes.</param>
        /// <param name="outbox">Where messages are kept until acknowledged; its records are offered from its first
        /// unacknowledged one.</param>
        /// <param name="clock">The time each message is queued at (UTC) and the pace's clock (monotonic).</param>
        /// <param name="buffer">Where a record is read to be published: the encoding buffer, free while publishing
        /// since the link copies what it takes. At least the largest message queued.</param>
        /// <param name="monotonicMs">The start, as the last sign of life.</param>
        public ReportPublisher(NodeConfig config, TopicMap topics, DurableOutbox outbox, IClock clock, byte[] buffer, long monotonicMs)
        {
            _topics = topics;
            _outbox = outbox;
            _clock = clock;
            _buffer = buffer;
            int window = config.InFlightWindow < DurableOutbox.MaxAcknowledgedAhead ? config.InFlightWindow : DurableOutbox.MaxAcknowledgedAhead;
            _tickets = new int[window];
            _indexes = new long[window];
            _resent = new bool[window];
            _rate = config.ReplayPerSecond;
            _tokens = _rate * MilliTokens;
            _refilledMs = monotonicMs;
            _next = outbox.FirstUnacknowledged;
            LastActivityMs = monotonicMs;
        }

        /// <summary>The outbox: its depth, bytes and counters feed health telemetry.</summary>
        public DurableOutbox Outbox
        {
            get { return _outbox; }
        }

        /// <summary>Messages waiting in the outbox for the broker's acknowledgement.</summary>
        public int Depth
        {
            get { return _outbox.Depth; }
        }

        /// <summary>Unacknowledged messages the full outbox dropped to make room, every class together.</summary>
        public int Dropped
        {
            get
            {
                return _outbox.Dropped(RecordClass.Telemetry) + _outbox.Dropped(RecordClass.Interval)
                    + _outbox.Dropped(RecordClass.Total) + _outbox.Dropped(RecordClass.Event);
            }
        }

        /// <summary>The largest message the outbox takes, in bytes.</summary>
        public int LargestMessageBytes
        {
            get { return _outbox.LargestPayloadBytes < _buffer.Length ? _outbox.LargestPayloadBytes : _buffer.Length; }
        }

        /// <summary>Lowest sequence of the readings records the outbox holds, acknowledged or not, or -1: where a
        /// resync can start at the earliest. Reads the outbox from its oldest segment.</summary>
        public long OldestHeldSequence
        {
            get
            {
                long index = _outbox.FindFirst(TopicMap.Readings, 0);
                byte topic;
                RecordClass cls;
                long sequence;
                int length;
                return index >= 0 && ReadRecord(index, out topic, out cls, out sequence, out length) ? sequence : -1;
            }
        }

        /// <summary>Window reports acknowledged by the broker (each IoT Agent measure counts as one), resent ones included.</summary>
        public long ReportsPublished { get; private set; }

        /// <summary>Messages of the events topic acknowledged by the broker.</summary>
        public long EventsPublished { get; private set; }

        /// <summary>Records that could not be published from the outbox: larger than the buffer, or of a topic this
        /// configuration does not have (both only after a restart with another configuration); skipped.</summary>
        public int Unpublishable { get; private set; }

        /// <summary>When the last message that shows the node alive was queued (monotonic ms).</summary>
        public long LastActivityMs { get; private set; }

        /// <summary>Notes that something showing the node alive was queued at <paramref name="monotonicMs"/>.</summary>
        public void NoteActivity(long monotonicMs)
        {
            LastActivityMs = monotonicMs;
        }

        /// <summary>Appends a message for the topic of index <paramref name="topic"/> to the outbox, with its class, its
        /// sequence and the current UTC time; false when the outbox refused it (too large, or a failing store).</summary>
        public bool Enqueue(byte topic, RecordClass cls, long sequence, byte[] payload, int length)
        {
            long utc = UtcTime.UnixSeconds(_clock.UtcNow);
            utc = utc < 0 ? 0 : (utc > uint.MaxValue ? uint.MaxValue : utc);
            return _outbox.Append(topic, cls, sequence, utc, payload, length);
        }

        /// <summary>Writes to the store what was appended since the last flush and the acknowledgement progress;
        /// once per tick, before publishing, so that a message is stored before it is ever published.</summary>
        public void Flush()
        {
            _outbox.Flush();
        }

        /// <summary>Takes the session's completions, then publishes up to <paramref name="max"/> messages, oldest
        /// unacknowledged first and then those a resync asked for, while the session can publish and, when
        /// <paramref name="paced"/>, the rate allows; never waits for an acknowledgement.</summary>
        public void PublishQueued(BrokerSession session, int max, bool paced)
        {
            Refill(_clock.MonotonicMs);
            int published = 0;
            while (true)
            {
                // A message not delivered ends the pass: the link has just failed, or the broker refused it.
                if (TakeCompletions(session) || published >= max || _inFlight >= _tickets.Length || !session.CanPublish
                    || (paced && _tokens < MilliTokens))
                {
                    return;
                }

                bool resync = false;
                long index = NextUnacknowledged();
                if (index < 0)
                {
                    index = NextResync();
                    resync = true;
                    if (index < 0)
                    {
                        return;
                    }
                }

                byte topic;
                RecordClass cls;
                long sequence;
                int length;
                if (!ReadRecord(index, out topic, out cls, out sequence, out length))
                {
                    Skip(index, resync);
                    continue;
                }

                int ticket = session.Publish(_topics.Topic(topic), _buffer, length);
                if (ticket == 0)
                {
                    return;
                }

                _tickets[_inFlight] = ticket;
                _indexes[_inFlight] = index;
                _resent[_inFlight] = resync;
                _inFlight++;
                Skip(index, resync);
                published++;
                if (paced)
                {
                    _tokens -= MilliTokens;
                }
            }
        }

        /// <summary>Publishes again the held readings records from sequence <paramref name="from"/> on, in order,
        /// acknowledged ones included (those not yet acknowledged go out anyway); returns how many that is.</summary>
        public int Resync(long from)
        {
            long start = _outbox.FindFirst(TopicMap.Readings, from);
            if (start < 0)
            {
                return 0;
            }

            int count = 0;
            long end = _outbox.End;
            for (long i = start; i < end; i++)
            {
                byte topic;
                RecordClass cls;
                long sequence;
                int length;
                if (ReadRecord(i, out topic, out cls, out sequence, out length) && topic == TopicMap.Readings && sequence >= from)
                {
                    count++;
                }
            }

            // A resync under way goes on from the earlier of the two starts.
            bool active = _resyncNext < _resyncEnd;
            _resyncNext = active && _resyncNext < start ? _resyncNext : start;
            _resyncFrom = active && _resyncFrom < from ? _resyncFrom : from;
            _resyncEnd = end;
            return count;
        }

        /// <summary>Acknowledges in the outbox what the session reports delivered; true when a message was not
        /// delivered, the publishing then starting again from the first unacknowledged one.</summary>
        private bool TakeCompletions(BrokerSession session)
        {
            bool failed = false;
            int ticket;
            bool delivered;
            while (session.TryTakeCompletion(out ticket, out delivered))
            {
                for (int i = 0; i < _inFlight; i++)
                {
                    if (_tickets[i] != ticket)
                    {
                        continue;
                    }

                    long index = _indexes[i];
                    bool resent = _resent[i];
                    _inFlight--;
                    _tickets[i] = _tickets[_inFlight];
                    _indexes[i] = _indexes[_inFlight];
                    _resent[i] = _resent[_inFlight];
                    if (delivered)
                    {
                        Delivered(index, resent);
                    }
                    else
                    {
                        failed = true;
                        if (resent)
                        {
                            // Not delivered: the resync goes on from it.
                            _resyncNext = _resyncNext < _resyncEnd && _resyncNext < index ? _resyncNext : index;
                            _resyncEnd = _resyncEnd > index ? _resyncEnd : index + 1;
                        }
                    }

                    break;
                }
            }

            if (failed)
            {
                _next = _outbox.FirstUnacknowledged;
            }

            return failed;
        }

        private void Delivered(long index, bool resent)
        {
            // Counted by the topic the record holds; one dropped meanwhile by the policy is no longer readable.
            byte topic;
            RecordClass cls;
            long sequence;
            int length;
            if (!resent)
            {
                _outbox.Acknowledge(index);
            }

            if (ReadRecord(index, out topic, out cls, out sequence, out length))
            {
                if (TopicMap.IsReport(topic))
                {
                    ReportsPublished++;
                }
                else if (topic == TopicMap.Events)
                {
                    EventsPublished++;
                }
            }
        }

        /// <summary>The next index to publish of those not acknowledged, or -1. Only indexes below
        /// FirstUnacknowledged + MaxAcknowledgedAhead are published, so that the outbox never holds more
        /// acknowledgements ahead of its first unacknowledged record than it can.</summary>
        private long NextUnacknowledged()
        {
            long first = _outbox.FirstUnacknowledged;
            if (_next < first)
            {
                _next = first;
            }

            long end = _outbox.End;
            long limit = first + DurableOutbox.MaxAcknowledgedAhead;
            end = end < limit ? end : limit;
            while (_next < end)
            {
                if (!_outbox.IsAcknowledged(_next) && !InFlight(_next))
                {
                    return _next;
                }

                _next++;
            }

            return -1;
        }

        /// <summary>The next index a resync publishes: a readings record of the resync's sequences already
        /// acknowledged (the others go out as unacknowledged ones), or -1.</summary>
        private long NextResync()
        {
            while (_resyncNext < _resyncEnd)
            {
                long index = _resyncNext;
                byte topic;
                RecordClass cls;
                long sequence;
                int length;
                if (_outbox.IsAcknowledged(index) && !InFlight(index) && ReadRecord(index, out topic, out cls, out sequence, out length)
                    && topic == TopicMap.Readings && sequence >= _resyncFrom)
                {
                    return index;
                }

                _resyncNext++;
            }

            return -1;
        }

        private void Skip(long index, bool resync)
        {
            if (resync)
            {
                _resyncNext = index + 1;
            }
            else
            {
                _next = index + 1;
            }
        }

        private bool InFlight(long index)
        {
            for (int i = 0; i < _inFlight; i++)
            {
                if (_indexes[i] == index)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Reads the record at <paramref name="index"/> into the buffer; false when none is held there or it
        /// cannot be published (counted, and acknowledged so that it holds nothing up).</summary>
        private bool ReadRecord(long index, out byte topic, out RecordClass cls, out long sequence, out int length)
        {
            bool read;
            try
            {
                read = _outbox.Read(index, _buffer, out topic, out cls, out sequence, out length);
            }
            catch (ArgumentException)
            {
                topic = 0;
                cls = RecordClass.Telemetry;
                sequence = 0;
                length = 0;
                Unpublishable++;
                Forget(index);
                return false;
            }

            if (read && topic >= _topics.Count)
            {
                Unpublishable++;
                Forget(index);
                return false;
            }

            return read;
        }

        /// <summary>Acknowledges a record that cannot be published, when that stays within the acknowledgements the
        /// outbox takes ahead of its first unacknowledged record (the range the publishing pass works in).</summary>
        private void Forget(long index)
        {
            if (index < _outbox.FirstUnacknowledged + DurableOutbox.MaxAcknowledgedAhead)
            {
                _outbox.Acknowledge(index);
            }
        }

        private void Refill(long monotonicMs)
        {
            long elapsed = monotonicMs - _refilledMs;
            _refilledMs = monotonicMs;
            if (elapsed <= 0)
            {
                return;
            }

            long full = _rate * MilliTokens;
            // Thousandths of a token per ms: the rate per second. The cap keeps the product from overflowing.
            _tokens = elapsed >= 1000 ? full : _tokens + (elapsed * _rate);
            _tokens = _tokens > full ? full : _tokens;
        }
    }
}
