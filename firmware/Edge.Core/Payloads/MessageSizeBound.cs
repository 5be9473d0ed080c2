#nullable disable
using Edge.Core.Aggregation;
using Edge.Core.Model;

namespace Edge.Core.Payloads
{
    /// <summary>
    /// The largest message each encoder can write for a node's configuration, computed once at start so that the
    /// buffers are sized from what the node can really produce rather than from a guess. Each bound follows its
    /// encoder member by member and counts every value at its widest: a decimal at 21 characters (sign, the 19
    /// digits of a long and a point), counts at 10, times at 22, strings escaped as <see cref="JsonWriter"/> writes
    /// them, and every quantity a window covers present with every statistic its plan reports, up to the slots the
    /// aggregator has. A separator is counted after every member, so a bound is never short by one.
    /// </summary>
    public static class MessageSizeBound
    {
        /// <summary>JsonWriter.Decimal of any long with up to 18 decimals (samples have at most 9, means one more,
        /// IoT Agent energies 3 more): "-922337203.6854775808".</summary>
        public const int DecimalChars = 21;

        /// <summary>JsonWriter.Integer of any long: "-9223372036854775808".</summary>
        public const int LongChars = 20;

        /// <summary>A non-negative int (counts): "2147483647".</summary>
        public const int CountChars = 10;

        /// <summary>JsonWriter.Timestamp: "2026-11-25T20:05:00Z" with its quotes.</summary>
        public const int TimestampChars = 22;

        /// <summary>A covered fraction below 1: "0.999".</summary>
        private const int CoverageChars = 5;

        /// <summary>"unsynced", the longest clock state, with its quotes.</summary>
        private const int ClockChars = 10;

        /// <summary>A published meter identifier at its longest: MeterIdentity keeps up to 96 characters, each of
        /// which may take 6 bytes escaped.</summary>
        public const int PublishedMeterIdChars = 2 + (96 * 6);

        /// <summary>A local day lasts up to 25 hours (the autumn clock change), so an instant in a window lies at
        /// most its nominal length plus an hour after its start.</summary>
        private const int LongestDaySurplusSeconds = 3600;

        /// <summary>The edge-json report of one window of <paramref name="plan"/> over these meters, each publishing
        /// an identifier of the longest any policy allows.</summary>
        public static int EdgeJson(string nodeId, string[] meterIds, WindowPlan plan, int slotCapacity)
        {
            return EdgeJson(nodeId, meterIds, null, plan, slotCapacity);
        }

        /// <summary>The edge-json report of one window of <paramref name="plan"/> over these meters, meter i
        /// publishing an identifier of up to <paramref name="meterIdChars"/>[i] characters (0: none, "meterId" is
        /// left out; null: the longest any policy allows).</summary>
        public static int EdgeJson(string nodeId, string[] meterIds, int[] meterIdChars, WindowPlan plan, int slotCapacity)
        {
            int size = 2 + Member("v", 1) + Member("node", JsonWriter.EncodedLength(nodeId)) + Member("seq", LongChars)
                + Member("window", JsonWriter.EncodedLength(plan.Calendar.Name)) + Member("start", TimestampChars)
                + Member("end", TimestampChars) + Member("clock", ClockChars) + Member("meters", 2);
            int[] entries = new int[meterIds.Length * Quantities.Count];
            int count = 0;
            for (int meter = 0; meter < meterIds.Length; meter++)
            {
                bool covered = false;
                for (int q = 0; q < Quantities.Count; q++)
                {
                    if (plan.Covers(meter, (QuantityId)q))
                    {
                        covered = true;
                        entries[count++] = EdgeJsonEntry(plan, (QuantityId)q);
                    }
                }

                if (covered)
                {
                    int idChars = meterIdChars == null ? Edge.Core.Security.MeterIdentity.MaxPublishedChars : meterIdChars[meter];
                    size += 3 + Member("id", JsonWriter.EncodedLength(meterIds[meter])) + Member("values", 2);
                    if (idChars > 0)
                    {
                        // Each character may take 6 bytes escaped, and the quotes.
                        size += Member("meterId", 2 + (idChars * 6));
                    }
                }
            }

            return size + Largest(entries, count, slotCapacity);
        }

        /// <summary>The SenML pack of one window of <paramref name="plan"/> over these meters.</summary>
        public static int Senml(string nodeId, string[] meterIds, WindowPlan plan, int slotCapacity)
        {
            // The base name and time ride on the first record.
            int size = 2 + Member("bn", 2 + 9 + JsonWriter.EncodedLength(nodeId)) + Member("bt", LongChars);
            int[] entries = new int[meterIds.Length * Quantities.Count];
            int count = 0;
            for (int meter = 0; meter < meterIds.Length; meter++)
            {
                for (int q = 0; q < Quantities.Count; q++)
                {
                    if (plan.Covers(meter, (QuantityId)q))
                    {
                        entries[count++] = SenmlRecords(plan, meterIds[meter], (QuantityId)q);
                    }
                }
            }

            return size + Largest(entries, count, slotCapacity);
        }

        /// <summary>The IoT Agent measure of one meter: at most one attribute value per covered quantity; an
        /// attribute is named after its quantity or a prefix of it (phaseVoltage for phaseVoltage.L1), and a phase
        /// sits in an object under a key of at most two characters.</summary>
        public static int IotaJson(int meter, WindowPlan plan, int slotCapacity)
        {
            int size = 2 + Member("TimeInstant", TimestampChars);
            int[] entries = new int[Quantities.Count];
            int count = 0;
            for (int q = 0; q < Quantities.Count; q++)
            {
                if (plan.Covers(meter, (QuantityId)q))
                {
                    entries[count++] = Member(Quantities.NameOf((QuantityId)q), 3) + Member("L1", DecimalChars);
                }
            }

            return size + Largest(entries, count, slotCapacity);
        }

        /// <summary>Any event of the events topic: meter events, the heartbeat, reportTooLarge for these windows.</summary>
        public static int Event(string nodeId, string[] meterIds, WindowPlan[] plans)
        {
            int longestMeter = 0;
            for (int i = 0; i < meterIds.Length; i++)
            {
                longestMeter = Max(longestMeter, JsonWriter.EncodedLength(meterIds[i]));
            }

            int longestEvent = JsonWriter.EncodedLength(EventJsonEncoder.ReportTooLargeEvent);
            for (int kind = 0; kind < 256; kind++)
            {
                longestEvent = Max(longestEvent, JsonWriter.EncodedLength(MeterEvents.NameOf((MeterEventKind)kind)));
            }

            int longestQuantity = 0;
            int longestUnit = 0;
            for (int q = 0; q < Quantities.Count; q++)
            {
                longestQuantity = Max(longestQuantity, JsonWriter.EncodedLength(Quantities.NameOf((QuantityId)q)));
                longestUnit = Max(longestUnit, JsonWriter.EncodedLength(Quantities.UnitOf((QuantityId)q)));
            }

            // Refused health messages and events say "health" or "event" where reports name their window.
            int longestWindow = JsonWriter.EncodedLength("health");
            for (int i = 0; i < plans.Length; i++)
            {
                longestWindow = Max(longestWindow, JsonWriter.EncodedLength(plans[i].Calendar.Name));
            }

            int head = 2 + Member("v", 1) + Member("node", JsonWriter.EncodedLength(nodeId)) + Member("seq", LongChars)
                + Member("time", TimestampChars) + Member("clock", ClockChars) + Member("event", longestEvent);
            int meterEvent = Member("meter", longestMeter) + Member("quantity", longestQuantity) + Member("value", DecimalChars) + Member("u", Max(longestUnit, 3));
            int tooLarge = Member("meter", longestMeter) + Member("window", longestWindow) + Member("size", CountChars) + Member("limit", CountChars);
            return head + Max(meterEvent, tooLarge);
        }

        /// <summary>The full health message (the largest: a delta carries a part of its fields), with the node's
        /// fields, each meter's state, and each meter's counters as collected once
        /// (<paramref name="meters"/> null where a meter has none).</summary>
        public static int Health(string nodeId, string[] meterIds, HealthFields node, HealthFields[] meters)
        {
            int size = 2 + Member("v", 1) + Member("node", JsonWriter.EncodedLength(nodeId)) + Member("seq", LongChars)
                + Member("time", TimestampChars) + Member("clock", ClockChars) + Member("full", 4) + Member("uptime", LongChars)
                + node.LargestBytes + Member("meters", 2);
            for (int m = 0; m < meterIds.Length; m++)
            {
                size += 3 + Member("id", JsonWriter.EncodedLength(meterIds[m])) + MeterStatusSet.LargestBytes + Member("counters", 2);
                if (meters[m] != null)
                {
                    size += meters[m].LargestBytes;
                }
            }

            return size;
        }

        /// <summary>The birth message (the Last Will is shorter).</summary>
        public static int Birth(string nodeId, string firmware, string board, string configHash)
        {
            return 2 + Member("v", 1) + Member("node", JsonWriter.EncodedLength(nodeId)) + Member("state", 10)
                + Member("firmware", JsonWriter.EncodedLength(firmware)) + Member("board", JsonWriter.EncodedLength(board))
                + Member("config", JsonWriter.EncodedLength(configHash)) + Member("started", TimestampChars)
                + Member("boot", LongChars);
        }

        private static int EdgeJsonEntry(WindowPlan plan, QuantityId quantity)
        {
            int size = 2;
            if (plan.Reports(quantity, StatisticSet.Unit))
            {
                size += Member("u", JsonWriter.EncodedLength(Quantities.UnitOf(quantity)));
            }

            if (plan.Reports(quantity, StatisticSet.Count))
            {
                size += Member("n", CountChars);
            }

            QuantityKind kind = Quantities.KindOf(quantity);
            bool first = plan.Reports(quantity, StatisticSet.First);
            if (kind == QuantityKind.Cumulative)
            {
                if (first)
                {
                    size += Member("first", DecimalChars);
                }

                if (plan.Reports(quantity, StatisticSet.Delta))
                {
                    size += Member("delta", DecimalChars) + Member("deltaSince", TimestampChars) + Member("rollovers", CountChars) + Member("resets", CountChars);
                }
            }
            else if (kind == QuantityKind.Instantaneous)
            {
                int at = plan.Reports(quantity, StatisticSet.ExtremeTimes) ? Member("minAt", SecondsChars(plan)) : 0;
                size += plan.Reports(quantity, StatisticSet.Mean) ? Member("mean", DecimalChars) : 0;
                size += plan.Reports(quantity, StatisticSet.Min) ? Member("min", DecimalChars) + at : 0;
                size += plan.Reports(quantity, StatisticSet.Max) ? Member("max", DecimalChars) + at : 0;
                size += plan.Reports(quantity, StatisticSet.Coverage) ? Member("cov", CoverageChars) : 0;
            }

            // A register's last value stands in for a missing delta when its first is not reported.
            if (plan.Reports(quantity, StatisticSet.Last) || kind == QuantityKind.State || (kind == QuantityKind.Cumulative && !first))
            {
                size += Member("last", DecimalChars);
            }

            size += Member("uncertain", CountChars);
            return Member(Quantities.NameOf(quantity), size);
        }

        /// <summary>The records of one (meter, quantity): the main one, :min and :max, or :delta.</summary>
        private static int SenmlRecords(WindowPlan plan, string meterId, QuantityId quantity)
        {
            string unit = Quantities.UnitOf(quantity);
            if (unit == "varh")
            {
                return 0;
            }

            // "J" replaces "Wh"; "/" replaces "1": never longer than the vocabulary's unit.
            int name = JsonWriter.EncodedLength(meterId) + 1 + Quantities.NameOf(quantity).Length;
            int record = 2 + Member("u", JsonWriter.EncodedLength(unit)) + Member("t", 1 + SecondsChars(plan)) + Member("v", DecimalChars) + 1;
            int size = record + Member("n", name);
            QuantityKind kind = Quantities.KindOf(quantity);
            if (kind == QuantityKind.Instantaneous)
            {
                size += plan.Reports(quantity, StatisticSet.Min) ? record + Member("n", name + 4) : 0;
                size += plan.Reports(quantity, StatisticSet.Max) ? record + Member("n", name + 4) : 0;
            }
            else if (kind == QuantityKind.Cumulative && plan.Reports(quantity, StatisticSet.Delta))
            {
                size += record + Member("n", name + 6);
            }

            return size;
        }

        /// <summary>Digits of a second within a window of the plan's calendar.</summary>
        private static int SecondsChars(WindowPlan plan)
        {
            long longest = plan.Calendar.NominalSeconds + LongestDaySurplusSeconds;
            int digits = 1;
            while (longest >= 10)
            {
                longest /= 10;
                digits++;
            }

            return digits;
        }

        /// <summary>The sum of the <paramref name="take"/> largest sizes among the first <paramref name="count"/>:
        /// a window holds at most its slot capacity of (meter, quantity) entries, whichever they are.</summary>
        private static int Largest(int[] sizes, int count, int take)
        {
            int sum = 0;
            for (int taken = 0; taken < take && taken < count; taken++)
            {
                int best = taken;
                for (int i = taken + 1; i < count; i++)
                {
                    if (sizes[i] > sizes[best])
                    {
                        best = i;
                    }
                }

                int swap = sizes[taken];
                sizes[taken] = sizes[best];
                sizes[best] = swap;
                sum += sizes[taken];
            }

            return sum;
        }

        /// <summary>"name":value, and the separator after it.</summary>
        private static int Member(string name, int valueChars)
        {
            return JsonWriter.EncodedLength(name) + 1 + valueChars + 1;
        }

        private static int Max(int a, int b)
        {
            return a > b ? a : b;
        }
    }
}
