#nullable disable
using Edge.Core.Aggregation;
using Edge.Core.Outbox;
using Edge.Core.Payloads;

namespace Edge.Core.Node
{
    /// <summary>iota-json: one measure per meter that has something the data model knows, to the IoT Agent device
    /// of that meter and window.</summary>
    public sealed class IotaJsonReportEncoder : ReportEncoder
    {
        private readonly IotaJsonEncoder _encoder = new IotaJsonEncoder();

        /// <inheritdoc/>
        public override int LargestReport(string nodeId, string[] meterIds, int[] meterIdChars, WindowPlan plan, int slotCapacity)
        {
            int largest = 0;
            for (int m = 0; m < meterIds.Length; m++)
            {
                int report = MessageSizeBound.IotaJson(m, plan, slotCapacity);
                largest = report > largest ? report : largest;
            }

            return largest;
        }

        /// <inheritdoc/>
        public override void Enqueue(int index, WindowAggregator window)
        {
            for (int meter = 0; meter < Topics.MeterCount; meter++)
            {
                int length = _encoder.Encode(window, meter, Writer);
                if (length < 0)
                {
                    Sequence.Take();
                    Events.RefuseUnencoded(Topics.MeterId(meter), window.Calendar.Name);
                }
                else if (length > 0)
                {
                    if (!Publisher.Enqueue(Topics.MeasureTopic(index, meter), ClassOf(window), Sequence.Take(), Writer.Buffer, length))
                    {
                        Events.RefuseUnqueued(Topics.MeterId(meter), window.Calendar.Name, length);
                    }

                    NoteActivity();
                }
            }
        }
    }
}
