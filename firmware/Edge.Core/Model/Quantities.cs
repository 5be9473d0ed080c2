#nullable disable
using System;

namespace Edge.Core.Model
{
    /// <summary>
    /// The canonical quantities, one row each (<see cref="QuantityDefinition"/>: id, vocabulary name, unit, kind),
    /// in the order of <see cref="QuantityId"/> so that an id indexes its row.
    /// Units are SenML / UCUM symbols (RFC 8428 section 12.1, RFC 8798); "1" is dimensionless.
    /// An array rather than a dictionary: nanoFramework's mscorlib has no generic collections.
    /// </summary>
    public static class Quantities
    {
        /// <summary>Number of quantities: every <see cref="QuantityId"/> but <see cref="QuantityId.None"/>.</summary>
        public const int Count = 66;

        private const QuantityKind I = QuantityKind.Instantaneous;
        private const QuantityKind C = QuantityKind.Cumulative;
        private const QuantityKind S = QuantityKind.State;

        private static readonly QuantityDefinition[] Table =
        {
            Row(QuantityId.TotalActiveEnergyImport, "totalActiveEnergyImport", "Wh", C),
            Row(QuantityId.TotalActiveEnergyExport, "totalActiveEnergyExport", "Wh", C),
            Row(QuantityId.ActiveEnergyImportT1, "activeEnergyImport.T1", "Wh", C),
            Row(QuantityId.ActiveEnergyImportT2, "activeEnergyImport.T2", "Wh", C),
            Row(QuantityId.ActiveEnergyImportT3, "activeEnergyImport.T3", "Wh", C),
            Row(QuantityId.ActiveEnergyImportT4, "activeEnergyImport.T4", "Wh", C),
            Row(QuantityId.ActiveEnergyImportT5, "activeEnergyImport.T5", "Wh", C),
            Row(QuantityId.ActiveEnergyImportT6, "activeEnergyImport.T6", "Wh", C),
            Row(QuantityId.ActiveEnergyImportT7, "activeEnergyImport.T7", "Wh", C),
            Row(QuantityId.ActiveEnergyImportT8, "activeEnergyImport.T8", "Wh", C),
            Row(QuantityId.ActiveEnergyImportT9, "activeEnergyImport.T9", "Wh", C),
            Row(QuantityId.ActiveEnergyImportT10, "activeEnergyImport.T10", "Wh", C),
            Row(QuantityId.ActiveEnergyExportT1, "activeEnergyExport.T1", "Wh", C),
            Row(QuantityId.ActiveEnergyExportT2, "activeEnergyExport.T2", "Wh", C),
            Row(QuantityId.ActiveEnergyExportT3, "activeEnergyExport.T3", "Wh", C),
            Row(QuantityId.ActiveEnergyExportT4, "activeEnergyExport.T4", "Wh", C),
            Row(QuantityId.TotalReactiveEnergyImport, "totalReactiveEnergyImport", "varh", C),
            Row(QuantityId.TotalReactiveEnergyExport, "totalReactiveEnergyExport", "varh", C),
            Row(QuantityId.ReactiveEnergyQ1, "reactiveEnergy.Q1", "varh", C),
            Row(QuantityId.ReactiveEnergyQ2, "reactiveEnergy.Q2", "varh", C),
            Row(QuantityId.ReactiveEnergyQ3, "reactiveEnergy.Q3", "varh", C),
            Row(QuantityId.ReactiveEnergyQ4, "reactiveEnergy.Q4", "varh", C),
            Row(QuantityId.TotalActivePower, "totalActivePower", "W", I),
            Row(QuantityId.ActivePowerL1, "activePower.L1", "W", I),
            Row(QuantityId.ActivePowerL2, "activePower.L2", "W", I),
            Row(QuantityId.ActivePowerL3, "activePower.L3", "W", I),
            Row(QuantityId.TotalApparentPower, "totalApparentPower", "VA", I),
            Row(QuantityId.ApparentPowerL1, "apparentPower.L1", "VA", I),
            Row(QuantityId.ApparentPowerL2, "apparentPower.L2", "VA", I),
            Row(QuantityId.ApparentPowerL3, "apparentPower.L3", "VA", I),
            Row(QuantityId.TotalReactivePower, "totalReactivePower", "var", I),
            Row(QuantityId.PhaseVoltageL1, "phaseVoltage.L1", "V", I),
            Row(QuantityId.PhaseVoltageL2, "phaseVoltage.L2", "V", I),
            Row(QuantityId.PhaseVoltageL3, "phaseVoltage.L3", "V", I),
            Row(QuantityId.AverageVoltageL1, "averageVoltage.L1", "V", I),
            Row(QuantityId.AverageVoltageL2, "averageVoltage.L2", "V", I),
            Row(QuantityId.AverageVoltageL3, "averageVoltage.L3", "V", I),
            Row(QuantityId.CurrentL1, "current.L1", "A", I),
            Row(QuantityId.CurrentL2, "current.L2", "A", I),
            Row(QuantityId.CurrentL3, "current.L3", "A", I),
            Row(QuantityId.CurrentN, "current.N", "A", I),
            Row(QuantityId.Frequency, "frequency", "Hz", I),
            Row(QuantityId.PowerFactor, "powerFactor", "1", I),
            Row(QuantityId.PowerFactorL1, "powerFactor.L1", "1", I),
            Row(QuantityId.PowerFactorL2, "powerFactor.L2", "1", I),
            Row(QuantityId.PowerFactorL3, "powerFactor.L3", "1", I),
            Row(QuantityId.SubscribedPower, "subscribedPower", "VA", I),
            Row(QuantityId.CutoffPower, "cutoffPower", "VA", I),
            Row(QuantityId.TariffPeriod, "tariffPeriod", "", S),
            Row(QuantityId.GasVolume, "gasVolume", "m3", C),
            Row(QuantityId.WaterVolume, "waterVolume", "m3", C),
            Row(QuantityId.HeatEnergy, "heatEnergy", "J", C),
            Row(QuantityId.DcVoltage, "dcVoltage", "V", I),
            Row(QuantityId.DcCurrent, "dcCurrent", "A", I),
            Row(QuantityId.DcPower, "dcPower", "W", I),
            Row(QuantityId.Temperature, "temperature", "Cel", I),
            Row(QuantityId.RelativeHumidity, "relativeHumidity", "%RH", I),
            Row(QuantityId.Pressure, "pressure", "Pa", I),
            Row(QuantityId.ActiveEnergyImportD1, "activeEnergyImport.D1", "Wh", C),
            Row(QuantityId.ActiveEnergyImportD2, "activeEnergyImport.D2", "Wh", C),
            Row(QuantityId.ActiveEnergyImportD3, "activeEnergyImport.D3", "Wh", C),
            Row(QuantityId.ActiveEnergyImportD4, "activeEnergyImport.D4", "Wh", C),
            Row(QuantityId.TotalApparentPowerExport, "totalApparentPowerExport", "VA", I),
            Row(QuantityId.AverageActivePowerImport, "averageActivePowerImport", "W", I),
            Row(QuantityId.AverageActivePowerExport, "averageActivePowerExport", "W", I),
            Row(QuantityId.VolumeFlow, "volumeFlow", "m3/h", I),
        };

        /// <summary>The row of a quantity.</summary>
        public static QuantityDefinition Of(QuantityId id)
        {
            int index = (int)id;
            if (index < 0 || index >= Count)
            {
                throw new ArgumentOutOfRangeException("id");
            }

            return Table[index];
        }

        /// <summary>The vocabulary name, e.g. "phaseVoltage.L1".</summary>
        public static string NameOf(QuantityId id)
        {
            return Of(id).Name;
        }

        /// <summary>The SenML / UCUM unit symbol, e.g. "V"; empty for states such as the tariff period.</summary>
        public static string UnitOf(QuantityId id)
        {
            return Of(id).Unit;
        }

        /// <summary>Whether the quantity is sampled, a cumulative register or a discrete state.</summary>
        public static QuantityKind KindOf(QuantityId id)
        {
            return Of(id).Kind;
        }

        /// <summary>Looks a quantity up by its vocabulary name (configuration, commands); false, with
        /// <see cref="QuantityId.None"/>, if unknown.</summary>
        public static bool TryParse(string name, out QuantityId id)
        {
            for (int i = 0; i < Count; i++)
            {
                if (Table[i].Name == name)
                {
                    id = Table[i].Id;
                    return true;
                }
            }

            id = QuantityId.None;
            return false;
        }

        private static QuantityDefinition Row(QuantityId id, string name, string unit, QuantityKind kind)
        {
            return new QuantityDefinition(id, name, unit, kind);
        }
    }
}
