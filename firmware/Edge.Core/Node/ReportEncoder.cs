#nullable disable
using Edge.Core.Aggregation;
using Edge.Core.Outbox;
using Edge.Core.Payloads;
using Edge.Core.Platform;
using Edge.Core.Time;

namespace Edge.Core.Node
{
    /// <summary>
    /// Turns a closed window into the report messages of one payload format and queues them. The node picks one at
    /// start, for the format it starts with (<see cref="For"/>): a format changed by config/set applies at the next
    /// start, as config/set announces, since the buffers were sized for the start format.
    /// </summary>
    public abstract class ReportEncoder
    {
        /// <summary>Header of the reports (node, sequence, window).</summary>
        protected ReportHeader Header;
        /// <summary>Where the messages are encoded.</summary>
        protected JsonWriter Writer;
        /// <summary>Report sequence numbers.</summary>
        protected SequenceCounter Sequence;
        /// <summary>Where the messages are queued.</summary>
        protected ReportPublisher Publisher;
        /// <summary>Where messages refused for their size are announced.</summary>
        protected EventReporter Events;
        /// <summary>Topics of the messages, by index.</summary>
        protected TopicMap Topics;
        private IClock _clock;

        /// <summary>The encoder of <paramref name="format"/>.</summary>
        public static ReportEncoder For(PayloadFormat format)
        {
            if (format == PayloadFormat.Senml)
            {
                return new SenmlReportEncoder();
            }

            if (format == PayloadFormat.IotaJson)
            {
                return new IotaJsonReportEncoder();
            }

            return new EdgeJsonReportEncoder();
        }

        /// <summary>What the encoder writes with and queues into; once, before the first window closes.</summary>
        public void Attach(ReportHeader header, JsonWriter writer, SequenceCounter sequence, ReportPublisher publisher, EventReporter events, TopicMap topics, IClock clock)
        {
            Header = header;
            Writer = writer;
            Sequence = sequence;
            Publisher = publisher;
            Events = events;
            Topics = topics;
            _clock = clock;
        }

        /// <summary>The largest message a window of <paramref name="plan"/> can produce in this format, each meter
        /// publishing an identifier of up to <paramref name="meterIdChars"/> characters where the format carries one
        /// (null: the longest of any policy).</summary>
        public abstract int LargestReport(string nodeId, string[] meterIds, int[] meterIdChars, WindowPlan plan, int slotCapacity);

        /// <summary>Encodes window <paramref name="index"/>, closed, with the header ready, and queues its messages;
        /// a message refused for its size still takes its sequence number, so that consumers see the gap the
        /// reportTooLarge event explains.</summary>
        public abstract void Enqueue(int index, WindowAggregator window);

        /// <summary>What a report of <paramref name="window"/> is worth when the outbox runs out of room: a local-day
        /// window's are the totals (kept longest), a fixed window's are interval reports.</summary>
        protected static RecordClass ClassOf(WindowAggregator window)
        {
            return window.Calendar is LocalDayCalendar ? RecordClass.Total : RecordClass.Interval;
        }

        /// <summary>Something was queued that shows the node alive.</summary>
        protected void NoteActivity()
        {
            Publisher.NoteActivity(_clock.MonotonicMs);
        }
    }
}
