#nullable disable
using Edge.Core.Aggregation;
using Edge.Core.Model;

namespace Edge.Core.Payloads
{
    /// <summary>
    /// Encodes a closed window as an edge-json report (format version 1):
    /// <code>
    /// {"v":1,"node":"n1","seq":7,"window":"PT1M","start":"2026-11-25T20:05:00Z","end":"2026-11-25T20:06:00Z",
    ///  "clock":"synced","meters":[{"id":"main","values":{
    ///    "totalActivePower":{"u":"W","n":60,"mean":523.45,"min":480,"minAt":12,"max":610.2,"maxAt":41,"last":512},
    ///    "totalActiveEnergyImport":{"u":"Wh","n":60,"first":1204,"delta":10,"last":1213}}}]}
    /// </code>
    /// "meterId" appears only when the meter's identifier may be published (MeterIdPolicy).
    /// Sampled quantities carry the time-weighted mean, min and max with their second in the window, last, and
    /// "cov" (covered fraction) when below 1; cumulative registers carry first, last and the window's delta
    /// ("deltaSince" when it spans a gap, "rollovers"/"resets" when any); states (the tariff period) only last;
    /// "uncertain" counts samples
    /// of doubtful quality when there are any. Quantity names and units are those of <see cref="Edge.Core.Model.Quantities"/>.
    /// </summary>
    public sealed class EdgeJsonEncoder
    {
        /// <summary>Writes the report; returns its length in bytes, or -1 if it did not fit the writer's buffer.</summary>
        public int Encode(ReportHeader header, WindowAggregator window, JsonWriter writer)
        {
            header.BeginMessage(writer);
            writer.Name("window");
            writer.String(window.Calendar.Name);
            writer.Name("start");
            writer.Timestamp(window.WindowStart);
            writer.Name("end");
            writer.Timestamp(window.WindowEnd);
            header.WriteClock(writer);
            writer.Name("meters");
            writer.BeginArray();
            for (int meter = 0; meter < header.MeterIds.Length; meter++)
            {
                if (HasSamples(window, meter))
                {
                    string published = header.PublishedMeterIds == null ? null : header.PublishedMeterIds[meter];
                    WriteMeter(header.MeterIds[meter], published, meter, window, writer);
                }
            }

            writer.EndArray();
            writer.EndObject();
            return writer.Overflowed ? -1 : writer.Length;
        }

        private static void WriteCount(string name, int count, JsonWriter writer)
        {
            if (count > 0)
            {
                writer.Name(name);
                writer.Integer(count);
            }
        }

        private static long SecondsInto(WindowAggregator window, System.DateTime time)
        {
            return (time.Ticks - window.WindowStart.Ticks) / System.TimeSpan.TicksPerSecond;
        }

        private static bool HasSamples(WindowAggregator window, int meter)
        {
            for (int i = 0; i < window.SlotCount; i++)
            {
                QuantityStats stats = window.Slot(i);
                if (stats.Meter == meter && stats.Count > 0)
                {
                    return true;
                }
            }

            return false;
        }

        private static void WriteMeter(string meterId, string publishedMeterId, int meter, WindowAggregator window, JsonWriter writer)
        {
            writer.BeginObject();
            writer.Name("id");
            writer.String(meterId);
            if (publishedMeterId != null)
            {
                writer.Name("meterId");
                writer.String(publishedMeterId);
            }

            writer.Name("values");
            writer.BeginObject();
            for (int i = 0; i < window.SlotCount; i++)
            {
                QuantityStats stats = window.Slot(i);
                if (stats.Meter == meter && stats.Count > 0)
                {
                    WriteStats(stats, window, writer);
                }
            }

            writer.EndObject();
            writer.EndObject();
        }

        private static void WriteStats(QuantityStats stats, WindowAggregator window, JsonWriter writer)
        {
            WindowPlan plan = window.Plan;
            writer.Name(Quantities.NameOf(stats.Quantity));
            writer.BeginObject();
            if (plan.Reports(stats.Quantity, StatisticSet.Unit))
            {
                writer.Name("u");
                writer.String(Quantities.UnitOf(stats.Quantity));
            }

            if (plan.Reports(stats.Quantity, StatisticSet.Count))
            {
                writer.Name("n");
                writer.Integer(stats.Count);
            }

            QuantityKind kind = Quantities.KindOf(stats.Quantity);
            if (kind == QuantityKind.Cumulative)
            {
                if (plan.Reports(stats.Quantity, StatisticSet.First))
                {
                    writer.Name("first");
                    writer.Decimal(stats.First, stats.Decimals);
                }

                if (plan.Reports(stats.Quantity, StatisticSet.Delta) && stats.HasDelta)
                {
                    writer.Name("delta");
                    writer.Decimal(stats.Delta, stats.Decimals);
                    if (stats.DeltaSpansGap)
                    {
                        writer.Name("deltaSince");
                        writer.Timestamp(stats.DeltaSince);
                    }

                    WriteCount("rollovers", stats.Rollovers, writer);
                    WriteCount("resets", stats.Resets, writer);
                }
            }
            else if (kind == QuantityKind.Instantaneous)
            {
                bool times = plan.Reports(stats.Quantity, StatisticSet.ExtremeTimes);
                if (plan.Reports(stats.Quantity, StatisticSet.Mean))
                {
                    writer.Name("mean");
                    writer.Decimal(stats.ReportedMean, stats.MeanDecimals);
                }

                if (plan.Reports(stats.Quantity, StatisticSet.Min))
                {
                    writer.Name("min");
                    writer.Decimal(stats.Min, stats.Decimals);
                    if (times)
                    {
                        writer.Name("minAt");
                        writer.Integer(SecondsInto(window, stats.MinTime));
                    }
                }

                if (plan.Reports(stats.Quantity, StatisticSet.Max))
                {
                    writer.Name("max");
                    writer.Decimal(stats.Max, stats.Decimals);
                    if (times)
                    {
                        writer.Name("maxAt");
                        writer.Integer(SecondsInto(window, stats.MaxTime));
                    }
                }

                long coverage = stats.CoveragePerMille(window.WindowMs);
                if (plan.Reports(stats.Quantity, StatisticSet.Coverage) && coverage < 1000)
                {
                    writer.Name("cov");
                    writer.Decimal(coverage, 3);
                }
            }

            // A register's first window has no delta yet: its value then stands in, so the entry is never empty.
            bool lastAsFallback = kind == QuantityKind.Cumulative && !stats.HasDelta && !plan.Reports(stats.Quantity, StatisticSet.First);
            if (plan.Reports(stats.Quantity, StatisticSet.Last) || kind == QuantityKind.State || lastAsFallback)
            {
                writer.Name("last");
                writer.Decimal(stats.Last, stats.Decimals);
            }

            if (stats.UncertainCount > 0)
            {
                writer.Name("uncertain");
                writer.Integer(stats.UncertainCount);
            }

            writer.EndObject();
        }
    }
}
