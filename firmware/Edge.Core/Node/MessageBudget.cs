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
        // Default segments in RAM are whole multiples of 256 bytes, and at least 2 KB, so that the RAM outbox of a
        // small node holds four of them in its 8 KB.
        private const int SegmentGranule = 256;
        private const int MinDefaultSegmentBytes = 2048;

        // Default segments in a store are whole LittleFS blocks: 4 KB on the ESP32 (its flash's erase sector, the
        // block size of the 256 KB partition: 64 blocks). A file costs whole blocks, so 2 KB segments would take a
        // block each, twice the flash of their bytes: the 208 KB of DurableOutbox.DefaultCapacityBytes would need
        // 104 files, more than the partition's 64 blocks; in 4 KB segments it needs 52 (at most 58 files with the
        // spare entries and the merged segments waiting for deletion).
        private const int StoreBlockBytes = 4096;

        // Segments of the default RAM outbox at least: the policy works a segment at a time, the open one excluded,
        // so it always has two closed ones to strip, merge or drop. Three rather than four keeps the RAM outbox of an
        // edge-json household, whose segments are 2.75 KB, at 8.25 KB.
        private const int RamSegments = 3;

        /// <summary>The size the encoding buffer needs; throws ArgumentException naming the setting that is too small.</summary>
        /// <remarks><paramref name="nodeHealth"/> and <paramref name="meterHealth"/> are the health fields as collected
        /// once (HealthReporter.CollectNode, CollectMeters); <paramref name="meterIdChars"/> the longest identifier each
        /// meter publishes (null: the longest of any policy).</remarks>
        public static int Largest(NodeConfig config, AggregationProfile profile, string[] meterIds, int[] meterIdChars, HealthFields nodeHealth, HealthFields[] meterHealth, ReportEncoder encoder)
        {
            int largest = MessageSizeBound.Birth(config.NodeId, config.FirmwareVersion, config.Board, config.ConfigHash);
            largest = Larger(largest, MessageSizeBound.Event(config.NodeId, meterIds, profile.Windows));
            largest = Larger(largest, MessageSizeBound.Health(config.NodeId, meterIds, nodeHealth, meterHealth));
            for (int w = 0; w < profile.Windows.Length; w++)
            {
                WindowPlan plan = profile.Windows[w];
                int report = encoder.LargestReport(config.NodeId, meterIds, meterIdChars, plan, config.SlotCapacity);
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
        /// configured OutboxSegmentBytes, or by default, in a store (<paramref name="durable"/>), the smallest
        /// multiple of 4 KB (a LittleFS block of the ESP32) that holds that message with its segment and record
        /// headers, and in RAM the smallest multiple of 256 that does, at least 2048, so that the RAM outbox stays
        /// small. Throws ArgumentException naming OutboxSegmentBytes when a message cannot fit.
        /// </summary>
        public static int SegmentBytes(NodeConfig config, int largest, bool durable)
        {
            int needed = largest + DurableOutbox.SegmentHeaderBytes + DurableOutbox.RecordHeaderBytes;
            int segment = config.OutboxSegmentBytes;
            if (segment == 0)
            {
                int granule = durable ? StoreBlockBytes : SegmentGranule;
                segment = ((needed + granule - 1) / granule) * granule;
                segment = segment < MinDefaultSegmentBytes ? MinDefaultSegmentBytes : segment;
                segment = segment > DurableOutbox.MaxSegmentBytes ? DurableOutbox.MaxSegmentBytes : segment;
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
        /// NodeConfig.RamOutboxBytes or three segments when those are larger. Throws ArgumentException naming
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
