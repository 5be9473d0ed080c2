#nullable disable
using Edge.Core.Aggregation;
using Edge.Core.Outbox;
using Edge.Core.Payloads;

namespace Edge.Core.Node
{
    /// <summary>Formats with one report of every meter per window, on the readings topic.</summary>
    public abstract class WholeReportEncoder : ReportEncoder
    {
        /// <summary>The report's length, or -1 when it overflowed the writer.</summary>
        protected abstract int Encode(ReportHeader header, WindowAggregator window, JsonWriter writer);

        /// <summary>Encodes the window as one report and queues it under the next report sequence; a report refused for its size is announced by a reportTooLarge event.</summary>
        public override void Enqueue(int index, WindowAggregator window)
        {
            int length = Encode(Header, window, Writer);
            long sequence = Sequence.Take();
            if (length < 0)
            {
                Events.RefuseUnencoded(null, window.Calendar.Name);
                return;
            }

            if (!Publisher.Enqueue(TopicMap.Readings, ClassOf(window), sequence, Writer.Buffer, length))
            {
                Events.RefuseUnqueued(null, window.Calendar.Name, length);
                return;
            }

            NoteActivity();
        }
    }

    /// <summary>edge-json: the node's own report format.</summary>
    public sealed class EdgeJsonReportEncoder : WholeReportEncoder
    {
        private readonly EdgeJsonEncoder _encoder = new EdgeJsonEncoder();

        /// <inheritdoc/>
        public override int LargestReport(string nodeId, string[] meterIds, int[] meterIdChars, WindowPlan plan, int slotCapacity)
        {
            return MessageSizeBound.EdgeJson(nodeId, meterIds, meterIdChars, plan, slotCapacity);
        }

        /// <inheritdoc/>
        protected override int Encode(ReportHeader header, WindowAggregator window, JsonWriter writer)
        {
            return _encoder.Encode(header, window, writer);
        }
    }

    /// <summary>SenML (RFC 8428) packs.</summary>
    public sealed class SenmlReportEncoder : WholeReportEncoder
    {
        private readonly SenmlEncoder _encoder = new SenmlEncoder();

        /// <inheritdoc/>
        public override int LargestReport(string nodeId, string[] meterIds, int[] meterIdChars, WindowPlan plan, int slotCapacity)
        {
            return MessageSizeBound.Senml(nodeId, meterIds, plan, slotCapacity);
        }

        /// <inheritdoc/>
        protected override int Encode(ReportHeader header, WindowAggregator window, JsonWriter writer)
        {
            return _encoder.Encode(header, window, writer);
        }
    }
}
