#nullable disable
namespace Edge.Core.Model
{
    /// <summary>
    /// The canonical quantity vocabulary. Names follow the FIWARE Smart Data Models
    /// ThreePhaseAcMeasurement / ACMeasurement attributes (OASC MIM2) so payloads map onto them directly.
    /// The numeric values index the tables in <see cref="Quantities"/>: append new ids at the end, never reorder,
    /// because the number is what the nanoFramework runtime prints for an enum.
    /// </summary>
    public enum QuantityId : byte
    {
        TotalActiveEnergyImport = 0,
        TotalActiveEnergyExport,
        ActiveEnergyImportT1,
        ActiveEnergyImportT2,
        ActiveEnergyImportT3,
        ActiveEnergyImportT4,
        ActiveEnergyImportT5,
        ActiveEnergyImportT6,
        ActiveEnergyImportT7,
        ActiveEnergyImportT8,
        ActiveEnergyImportT9,
        ActiveEnergyImportT10,
        ActiveEnergyExportT1,
        ActiveEnergyExportT2,
        ActiveEnergyExportT3,
        ActiveEnergyExportT4,
        TotalReactiveEnergyImport,
        TotalReactiveEnergyExport,
        ReactiveEnergyQ1,
        ReactiveEnergyQ2,
        ReactiveEnergyQ3,
        ReactiveEnergyQ4,
        TotalActivePower,
        ActivePowerL1,
        ActivePowerL2,
        ActivePowerL3,
        TotalApparentPower,
        ApparentPowerL1,
        ApparentPowerL2,
        ApparentPowerL3,
        TotalReactivePower,
        PhaseVoltageL1,
        PhaseVoltageL2,
        PhaseVoltageL3,
        AverageVoltageL1,
        AverageVoltageL2,
        AverageVoltageL3,
        CurrentL1,
        CurrentL2,
        CurrentL3,
        CurrentN,
        Frequency,
        PowerFactor,
        PowerFactorL1,
        PowerFactorL2,
        PowerFactorL3,
        SubscribedPower,
        CutoffPower,
        TariffPeriod,
        GasVolume,
        WaterVolume,
        HeatEnergy,
        DcVoltage,
        DcCurrent,
        DcPower,
        Temperature,
        RelativeHumidity,
        Pressure,

        // Added after the first vocabulary (append only: the numbers are stable).
        ActiveEnergyImportD1,
        ActiveEnergyImportD2,
        ActiveEnergyImportD3,
        ActiveEnergyImportD4,
        TotalApparentPowerExport,
        AverageActivePowerImport,
        AverageActivePowerExport,

        /// <summary>Not a quantity: a label or setting that maps to none. Outside the table, so that no payload can
        /// ever name it.</summary>
        None = 255,
    }
}
