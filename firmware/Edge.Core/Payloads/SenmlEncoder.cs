#nullable disable
using System;
using Edge.Core.Aggregation;
using Edge.Core.Model;
using Edge.Core.Time;

namespace Edge.Core.Payloads
{
    /// <summary>
    /// Encodes a closed window as a SenML pack (RFC 8428, JSON), which any SenML consumer resolves without knowing
    /// this project:
    /// <code>
    /// [{"bn":"urn:edge:n1:","bt":1764101160,"n":"main:totalActivePower","u":"W","v":523.45},
    ///  {"n":"main:totalActivePower:min","u":"W","t":-48,"v":480},
    ///  {"n":"main:totalActiveEnergyImport","u":"J","v":15155233200},
    ///  {"n":"main:totalActiveEnergyImport:delta","u":"J","v":32400}]
    /// </code>
    /// <list type="bullet">
    /// <item>base name <c>urn:edge:&lt;node&gt;:</c>, base time the window's end (Unix seconds); records name
    /// <c>&lt;meter&gt;:&lt;quantity&gt;</c> for the mean (sampled quantities) or the last value (registers, states),
    /// with <c>:min</c>, <c>:max</c>, <c>:delta</c> suffixes for the other statistics; a min or max record's time is
    /// when it occurred, relative to the base time;</item>
    /// <item>units are RFC 8428 / RFC 8798 units: energy is in J (1 Wh = 3600 J; Wh is not a SenML unit),
    /// the power factor is "/" (ratio); reactive energy (varh) has no SenML unit and is left out of the pack.</item>
    /// </list>
    /// </summary>
    public sealed class SenmlEncoder
    {
        private const long JoulesPerWattHour = 3600;

        private bool _first;

        /// <summary>Writes the closed window as one pack, skipping quantities without samples; returns its length in
        /// bytes, or -1 if it did not fit the writer's buffer.</summary>
        public int Encode(ReportHeader header, WindowAggregator window, JsonWriter writer)
        {
            writer.Reset();
            writer.BeginArray();
            _first = true;
            long baseTime = UtcTime.UnixSeconds(window.WindowEnd);
            WindowPlan plan = window.Plan;
            for (int i = 0; i < window.SlotCount; i++)
            {
                QuantityStats stats = window.Slot(i);
                if (stats.Count == 0)
                {
                    continue;
                }

                string meter = header.MeterIds[stats.Meter];
                QuantityKind kind = Quantities.KindOf(stats.Quantity);
                string unit = Quantities.UnitOf(stats.Quantity);
                if (unit == "varh")
                {
                    continue;
                }

                bool energy = unit == "Wh";
                if (kind == QuantityKind.Instantaneous)
                {
                    Record(header, baseTime, meter, stats.Quantity, null, SenmlUnit(unit), 0, stats.ReportedMean, stats.MeanDecimals, false, writer);
                    if (plan.Reports(stats.Quantity, StatisticSet.Min))
                    {
                        Record(header, baseTime, meter, stats.Quantity, ":min", SenmlUnit(unit), UtcTime.UnixSeconds(stats.MinTime) - baseTime, stats.Min, stats.Decimals, false, writer);
                    }

                    if (plan.Reports(stats.Quantity, StatisticSet.Max))
                    {
                        Record(header, baseTime, meter, stats.Quantity, ":max", SenmlUnit(unit), UtcTime.UnixSeconds(stats.MaxTime) - baseTime, stats.Max, stats.Decimals, false, writer);
                    }
                }
                else
                {
                    Record(header, baseTime, meter, stats.Quantity, null, energy ? "J" : SenmlUnit(unit), 0, stats.Last, stats.Decimals, energy, writer);
                    if (kind == QuantityKind.Cumulative && stats.HasDelta && plan.Reports(stats.Quantity, StatisticSet.Delta))
                    {
                        Record(header, baseTime, meter, stats.Quantity, ":delta", energy ? "J" : SenmlUnit(unit), 0, stats.Delta, stats.Decimals, energy, writer);
                    }
                }
            }

            writer.EndArray();
            return writer.Overflowed ? -1 : writer.Length;
        }

        /// <summary>RFC 8428 units for the vocabulary's UCUM symbols: the same, except the ratio.</summary>
        private static string SenmlUnit(string unit)
        {
            return unit == "1" ? "/" : unit;
        }

        private void Record(ReportHeader header, long baseTime, string meter, QuantityId quantity, string suffix, string unit, long relativeTime, long mantissa, int decimals, bool toJoules, JsonWriter writer)
        {
            writer.BeginObject();
            if (_first)
            {
                _first = false;
                writer.Name("bn");
                WriteBaseName(header.NodeId, writer);
                writer.Name("bt");
                writer.Integer(baseTime);
            }

            writer.Name("n");
            WriteName(meter, quantity, suffix, writer);
            if (unit != null && unit.Length > 0)
            {
                writer.Name("u");
                writer.String(unit);
            }

            if (relativeTime != 0)
            {
                writer.Name("t");
                writer.Integer(relativeTime);
            }

            writer.Name("v");
            writer.Decimal(toJoules ? mantissa * JoulesPerWattHour : mantissa, decimals);
            writer.EndObject();
        }

        private static void WriteBaseName(string nodeId, JsonWriter writer)
        {
            writer.StringParts("urn:edge:", nodeId, ":", null);
        }

        private static void WriteName(string meter, QuantityId quantity, string suffix, JsonWriter writer)
        {
            writer.StringParts(meter, ":", Quantities.NameOf(quantity), suffix);
        }
    }
}
