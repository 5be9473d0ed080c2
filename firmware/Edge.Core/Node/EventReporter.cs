#nullable disable
using System;
using Edge.Core.Model;
using Edge.Core.Outbox;
using Edge.Core.Payloads;
using Edge.Core.Platform;

namespace Edge.Core.Node
{
    /// <summary>
    /// The events topic: meter events, heartbeats, the commands the node answered, and the reportTooLarge event that
    /// announces a message refused for its size, queued at once with their own sequence, apart from the reports'.
    /// </summary>
    public sealed class EventReporter
    {
        private readonly ReportHeader _header;
        private readonly JsonWriter _writer;
        private readonly SequenceCounter _sequence;
        private readonly ReportPublisher _publisher;
        private readonly IClock _clock;
        private readonly NodeLog _log;
        private readonly EventJsonEncoder _encoder = new EventJsonEncoder();

        /// <summary>An event reporter that encodes with <paramref name="header"/> into <paramref name="writer"/>, numbers with <paramref name="sequence"/> and queues into <paramref name="publisher"/>.</summary>
        public EventReporter(ReportHeader header, JsonWriter writer, SequenceCounter sequence, ReportPublisher publisher, IClock clock, NodeLog log)
        {
            _header = header;
            _writer = writer;
            _sequence = sequence;
            _publisher = publisher;
            _clock = clock;
            _log = log;
        }

        /// <summary>Meter, command and reportTooLarge events queued.</summary>
        public long EventsQueued { get; private set; }

        /// <summary>Heartbeat events queued.</summary>
        public long HeartbeatsQueued { get; private set; }

        /// <summary>Messages refused for their size (see <see cref="RefuseTooLarge"/>).</summary>
        public long MessagesTooLarge { get; private set; }

        /// <summary>Encodes a meter event and queues it, ahead of the window's end.</summary>
        public void MeterEvent(string meterId, MeterEventKind kind, Reading reading)
        {
            BeginEvent();
            int length = _encoder.Encode(_header, meterId, kind, reading, _writer);
            if (length < 0)
            {
                RefuseUnencoded(meterId, "event");
                return;
            }

            if (!_publisher.Enqueue(TopicMap.Events, RecordClass.Event, _sequence.Take(), _writer.Buffer, length))
            {
                RefuseUnqueued(meterId, "event", length);
                return;
            }

            EventsQueued++;
            _publisher.NoteActivity(_clock.MonotonicMs);
        }

        /// <summary>Queues a heartbeat: the node is alive though it had nothing to publish.</summary>
        public void Heartbeat(DateTime now)
        {
            BeginEvent();
            int length = _encoder.EncodeHeartbeat(_header, now, _writer);
            if (length > 0)
            {
                _publisher.Enqueue(TopicMap.Events, RecordClass.Telemetry, _sequence.Take(), _writer.Buffer, length);
                HeartbeatsQueued++;
            }

            _publisher.NoteActivity(_clock.MonotonicMs);
        }

        /// <summary>Records a command the node answered (see <see cref="EventJsonEncoder.EncodeCommand"/>). Called by the
        /// loop, which runs the commands between ticks, so the encoding buffer is free.</summary>
        public void Command(string command, string id, bool ok, string error)
        {
            BeginEvent();
            int length = _encoder.EncodeCommand(_header, _clock.UtcNow, command, id, ok, error, _writer);
            if (length < 0)
            {
                RefuseUnencoded(null, "event");
                return;
            }

            if (!_publisher.Enqueue(TopicMap.Events, RecordClass.Event, _sequence.Take(), _writer.Buffer, length))
            {
                RefuseUnqueued(null, "event", length);
                return;
            }

            EventsQueued++;
            _publisher.NoteActivity(_clock.MonotonicMs);
        }

        /// <summary>A message that overflowed the encoding buffer is refused (see <see cref="RefuseTooLarge"/>).</summary>
        public void RefuseUnencoded(string meterId, string window)
        {
            RefuseTooLarge(meterId, window, _writer.RequiredLength, _writer.Buffer.Length);
        }

        /// <summary>A message of <paramref name="length"/> bytes the outbox did not take is refused (see <see cref="RefuseTooLarge"/>).</summary>
        public void RefuseUnqueued(string meterId, string window, int length)
        {
            RefuseTooLarge(meterId, window, length, _publisher.LargestMessageBytes);
        }

        /// <summary>
        /// A message refused for its size: counted (health "tooLarge"), logged, and announced on the events topic by
        /// a reportTooLarge event naming the window (or "health", "event") and both sizes, so that the loss is seen
        /// where the data is awaited. The event is small enough for any buffer the node sizes.
        /// </summary>
        public void RefuseTooLarge(string meterId, string window, int size, int limit)
        {
            MessagesTooLarge++;
            _log.Write(LogLevel.Error, window + " message of " + size.ToString() + " bytes is larger than the " + limit.ToString() + " it may take; not published");
            BeginEvent();
            int length = _encoder.EncodeTooLarge(_header, _clock.UtcNow, meterId, window, size, limit, _writer);
            if (length > 0 && _publisher.Enqueue(TopicMap.Events, RecordClass.Event, _sequence.Take(), _writer.Buffer, length))
            {
                EventsQueued++;
                _publisher.NoteActivity(_clock.MonotonicMs);
            }
        }

        private void BeginEvent()
        {
            _header.Sequence = _sequence.Peek;
            _header.ClockSynchronised = _clock.IsSynchronised;
            _header.ClockStepped = false;
        }
    }
}
