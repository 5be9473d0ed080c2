#nullable disable
using System;
using Edge.Core.Aggregation;
using Edge.Core.Outbox;
using Edge.Core.Payloads;

namespace Edge.Core.Node
{
    /// <summary>
    /// The largest message a configuration can produce: the report of each window in the configured format (every
    /// quantity a window covers, with its statistics, at the widest values), events, health and status. Refuses at
    /// start, naming the setting, a configuration whose reports cannot fit MaxMessageBytes or an outbox
    /// segment, so that no report is ever refused for its size at run time.
    /// </summary>
    public static class MessageBudget
    {
        // Default segments are whole multiples of 256 bytes, and at least 2 KB: half a LittleFS block.
        private const int SegmentGranule = 256;
        private const int MinDefaultSegmentBytes = 2048;

        // Segments of the default RAM outbox at least: the policy works a segment at a time, the open one excluded.
        private const int RamSegments = 4;

        /// <summary>The size the encoding buffer needs; throws ArgumentException naming the setting that is too small.</summary>
        /// <remarks><paramref name="nodeHealth"/> and <paramref name="meterHealth"/> are the health fields as collected
        /// once (HealthReporter.CollectNode, CollectMeters).</remarks>
        public static int Largest(NodeConfig config, AggregationProfile profile, string[] meterIds, HealthFields nodeHealth, HealthFields[] meterHealth, ReportEncoder encoder)
        {
            int largest = MessageSizeBound.Birth(config.NodeId, config.FirmwareVersion, config.Board, config.ConfigHash);
            largest = Larger(largest, MessageSizeBound.Event(config.NodeId, meterIds, profile.Windows));
            largest = Larger(largest, MessageSizeBound.Health(config.NodeId, meterIds, nodeHealth, meterHealth));
            for (int w = 0; w < profile.Windows.Length; w++)
            {
                WindowPlan plan = profile.Windows[w];
                int report = encoder.LargestReport(config.NodeId, meterIds, plan, config.SlotCapacity);
                CheckFits(config, plan, meterIds.Length, report);
                largest = Larger(largest, report);
            }

            return largest;
        }

        private static void CheckFits(NodeConfig config, WindowPlan plan, int meterCount, int report)
        {
            string what = "the " + plan.Calendar.Name + " report of " + meterCount.ToString() + " meter(s) in " + PayloadFormats.NameOf(config.Format)
                + " can take " + report.ToString() + " bytes";
            if (report > config.MaxMessageBytes)
            {
                throw new ArgumentException(
                    what + ", more than MaxMessageBytes (" + config.MaxMessageBytes.ToString() + "): cover fewer quantities or statistics, lower SlotCapacity, or raise MaxMessageBytes",
                    "MaxMessageBytes");
            }

            int segment = config.OutboxSegmentBytes;
            if (segment != 0 && report > segment - DurableOutbox.SegmentHeaderBytes - DurableOutbox.RecordHeaderBytes)
            {
                throw new ArgumentException(what + ", more than an outbox segment holds (OutboxSegmentBytes " + segment.ToString() + " less 32 bytes of headers)", "OutboxSegmentBytes");
            }
        }

        /// <summary>
        /// The outbox segment size for a node whose largest message is <paramref name="largest"/> bytes: the
        /// configured OutboxSegmentBytes, or the smallest multiple of 256 that holds that message with its segment
        /// and record headers, at least 2048, so that the outbox's two RAM buffers stay small. Throws
        /// ArgumentException naming OutboxSegmentBytes when a message cannot fit.
        /// </summary>
        public static int SegmentBytes(NodeConfig config, int largest)
        {
            int needed = largest + DurableOutbox.SegmentHeaderBytes + DurableOutbox.RecordHeaderBytes;
            int segment = config.OutboxSegmentBytes;
            if (segment == 0)
            {
                segment = ((needed + SegmentGranule - 1) / SegmentGranule) * SegmentGranule;
                segment = segment < MinDefaultSegmentBytes ? MinDefaultSegmentBytes : segment;
            }

            if (segment < needed || segment > DurableOutbox.MaxSegmentBytes)
            {
                throw new ArgumentException("a message of " + largest.ToString() + " bytes needs outbox segments of at least " + needed.ToString()
                    + " bytes (at most " + DurableOutbox.MaxSegmentBytes.ToString() + "): raise OutboxSegmentBytes or lower MaxMessageBytes", "OutboxSegmentBytes");
            }

            return segment;
        }

        /// <summary>
        /// The outbox capacity in bytes for segments of <paramref name="segmentBytes"/>: the configured OutboxBytes, or
        /// by default DurableOutbox.DefaultCapacityBytes in a store and, in RAM, where it is all allocated at start,
        /// NodeConfig.RamOutboxBytes or four segments when those are larger. Throws ArgumentException naming
        /// OutboxBytes when the capacity is less than two segments.
        /// </summary>
        public static int OutboxBytes(NodeConfig config, int segmentBytes, bool durable)
        {
            int capacity = config.OutboxBytes;
            if (capacity == 0)
            {
                capacity = durable ? DurableOutbox.DefaultCapacityBytes : NodeConfig.RamOutboxBytes;
                int least = (durable ? 2 : RamSegments) * segmentBytes;
                capacity = capacity < least ? least : capacity;
            }

            if (capacity < 2 * segmentBytes)
            {
                throw new ArgumentException("OutboxBytes (" + capacity.ToString() + ") must hold at least two segments of " + segmentBytes.ToString() + " bytes", "OutboxBytes");
            }

            return capacity;
        }

        private static int Larger(int a, int b)
        {
            return a > b ? a : b;
        }
    }
}
