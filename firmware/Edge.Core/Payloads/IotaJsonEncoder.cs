#nullable disable
using System;
using Edge.Core.Aggregation;
using Edge.Core.Model;

namespace Edge.Core.Payloads
{
    /// <summary>
    /// Encodes one meter's window as a FIWARE IoT Agent JSON measure: a flat object published to
    /// <c>/json/&lt;apikey&gt;/&lt;deviceId&gt;/attrs</c>, the device being that of the meter and window
    /// (EdgeNode.IotaDeviceId), whose attributes carry the names of the Smart Data Model
    /// <c>ThreePhaseAcMeasurement</c> (dataModel.Energy), so that an IoT Agent provisioned with
    /// docs/fiware/ (no code) turns it into an NGSI entity of that model, one entity per meter and window:
    /// <code>{"TimeInstant":"2026-11-25T20:15:00Z","totalActiveEnergyImport":4210.015,"totalActivePower":523.45,
    /// "phaseVoltage":{"L1":230.1,"L2":229.8,"L3":231},"current":{"L1":2.3,"L2":1.9,"L3":2.1,"N":0.4}}</code>
    /// TimeInstant is the window's end. Sampled quantities give their time-weighted mean, registers their last value;
    /// energy is in kWh and reactive energy in kvarh, as the model's examples are; per-phase quantities are objects
    /// keyed L1, L2, L3 (and N for the neutral current). Quantities the model has no attribute for are left out.
    /// </summary>
    public sealed class IotaJsonEncoder
    {
        /// <summary>Writes the measure of one meter; returns its length, 0 if the meter has nothing the model
        /// knows in this window, or -1 if it did not fit the buffer.</summary>
        public int Encode(WindowAggregator window, int meter, JsonWriter writer)
        {
            writer.Reset();
            writer.BeginObject();
            writer.Name("TimeInstant");
            writer.Timestamp(window.WindowEnd);
            int written = 0;
            written += Scalar(window, meter, QuantityId.TotalActiveEnergyImport, "totalActiveEnergyImport", 3, writer);
            written += Scalar(window, meter, QuantityId.TotalActiveEnergyExport, "totalActiveEnergyExport", 3, writer);
            written += Scalar(window, meter, QuantityId.TotalReactiveEnergyImport, "totalReactiveEnergyImport", 3, writer);
            written += Scalar(window, meter, QuantityId.TotalReactiveEnergyExport, "totalReactiveEnergyExport", 3, writer);
            written += Scalar(window, meter, QuantityId.TotalActivePower, "totalActivePower", 0, writer);
            written += Scalar(window, meter, QuantityId.TotalApparentPower, "totalApparentPower", 0, writer);
            written += Scalar(window, meter, QuantityId.TotalReactivePower, "totalReactivePower", 0, writer);
            written += Scalar(window, meter, QuantityId.Frequency, "frequency", 0, writer);
            written += Phases(window, meter, "activePower", QuantityId.ActivePowerL1, QuantityId.ActivePowerL2, QuantityId.ActivePowerL3, false, writer);
            written += Phases(window, meter, "apparentPower", QuantityId.ApparentPowerL1, QuantityId.ApparentPowerL2, QuantityId.ApparentPowerL3, false, writer);
            written += Phases(window, meter, "powerFactor", QuantityId.PowerFactorL1, QuantityId.PowerFactorL2, QuantityId.PowerFactorL3, false, writer);
            written += Phases(window, meter, "phaseVoltage", QuantityId.PhaseVoltageL1, QuantityId.PhaseVoltageL2, QuantityId.PhaseVoltageL3, false, writer);
            written += Phases(window, meter, "current", QuantityId.CurrentL1, QuantityId.CurrentL2, QuantityId.CurrentL3, true, writer);
            writer.EndObject();
            if (writer.Overflowed)
            {
                return -1;
            }

            return written == 0 ? 0 : writer.Length;
        }

        private static int Scalar(WindowAggregator window, int meter, QuantityId quantity, string name, int scaleDown, JsonWriter writer)
        {
            QuantityStats stats = Find(window, meter, quantity);
            if (stats == null)
            {
                return 0;
            }

            writer.Name(name);
            WriteValue(stats, scaleDown, writer);
            return 1;
        }

        private static int Phases(WindowAggregator window, int meter, string name, QuantityId l1, QuantityId l2, QuantityId l3, bool neutral, JsonWriter writer)
        {
            QuantityStats s1 = Find(window, meter, l1);
            QuantityStats s2 = Find(window, meter, l2);
            QuantityStats s3 = Find(window, meter, l3);
            QuantityStats n = neutral ? Find(window, meter, QuantityId.CurrentN) : null;
            if (s1 == null && s2 == null && s3 == null && n == null)
            {
                return 0;
            }

            writer.Name(name);
            writer.BeginObject();
            Phase("L1", s1, writer);
            Phase("L2", s2, writer);
            Phase("L3", s3, writer);
            Phase("N", n, writer);
            writer.EndObject();
            return 1;
        }

        private static void Phase(string name, QuantityStats stats, JsonWriter writer)
        {
            if (stats != null)
            {
                writer.Name(name);
                WriteValue(stats, 0, writer);
            }
        }

        /// <summary>The mean of a sampled quantity or the last value of a register, divided by 10^scaleDown
        /// (Wh to kWh: 3) by moving the decimal point, so the value stays exact.</summary>
        private static void WriteValue(QuantityStats stats, int scaleDown, JsonWriter writer)
        {
            if (Quantities.KindOf(stats.Quantity) == QuantityKind.Instantaneous)
            {
                writer.Decimal(stats.ReportedMean, stats.MeanDecimals + scaleDown);
            }
            else
            {
                writer.Decimal(stats.Last, stats.Decimals + scaleDown);
            }
        }

        private static QuantityStats Find(WindowAggregator window, int meter, QuantityId quantity)
        {
            for (int i = 0; i < window.SlotCount; i++)
            {
                QuantityStats stats = window.Slot(i);
                if (stats.Meter == meter && stats.Quantity == quantity && stats.Count > 0)
                {
                    return stats;
                }
            }

            return null;
        }
    }
}
