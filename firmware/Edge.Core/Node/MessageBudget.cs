#nullable disable
using System;
using Edge.Core.Aggregation;
using Edge.Core.Payloads;

namespace Edge.Core.Node
{
    /// <summary>
    /// The largest message a configuration can produce: the report of each window in the configured format (every
    /// quantity a window covers, with its statistics, at the widest values), events, health and status. Refuses at
    /// start, naming the setting, a configuration whose reports cannot fit MaxMessageBytes, the outbox or the
    /// history, so that no report is ever refused for its size at run time.
    /// </summary>
    public static class MessageBudget
    {
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

            int slots = (report + config.OutboxSlotBytes - 1) / config.OutboxSlotBytes;
            if (slots > config.OutboxCapacity)
            {
                throw new ArgumentException(what + ", more than the outbox holds (OutboxCapacity " + config.OutboxCapacity.ToString() + " x OutboxSlotBytes " + config.OutboxSlotBytes.ToString() + ")", "OutboxCapacity");
            }

            if (config.HistoryCapacity > 0 && slots > config.HistoryCapacity)
            {
                throw new ArgumentException(what + ", more than the resync history holds (HistoryCapacity " + config.HistoryCapacity.ToString() + " x OutboxSlotBytes " + config.OutboxSlotBytes.ToString() + ")", "HistoryCapacity");
            }
        }

        private static int Larger(int a, int b)
        {
            return a > b ? a : b;
        }
    }
}
