#nullable disable
namespace Edge.Core.Model
{
    /// <summary>
    /// The canonical quantity vocabulary. Names follow the FIWARE Smart Data Models
    /// ThreePhaseAcMeasurement / ACMeasurement attributes (OASC MIM2) so payloads map onto them directly.
    /// The numeric values index the tables in <see cref="Quantities"/>: append new ids at the end, never reorder,
    /// because the number is what the nanoFramework runtime prints for an enum.
    /// Each member names its unit (that of its row) and where a meter gives it: the OBIS code of IEC 62056-6-1
    /// (formerly 62056-61), for DLMS/COSEM and DSMR P1 meters, and the TIC label as mapped in
    /// drivers/Edge.Drivers/Tic/TicLabels.cs (Enedis-NOI-CPT_02E historique, Enedis-NOI-CPT_54E standard).
    /// </summary>
    public enum QuantityId : byte
    {
        /// <summary>Active energy imported (consumed) over all phases, a register in Wh: OBIS 1-0:1.8.0 (+A); TIC EAST,
        /// or in historique mode the sum of the tariff option's indexes from a complete frame; S0 pulses.</summary>
        TotalActiveEnergyImport = 0,

        /// <summary>Active energy exported (injected) over all phases, a register in Wh:
        /// OBIS 1-0:2.8.0 (-A); TIC EAIT.</summary>
        TotalActiveEnergyExport,

        /// <summary>Imported active energy of tariff register 1, Wh: OBIS 1-0:1.8.1; TIC EASF01, or historique BASE,
        /// HCHC (off-peak), EJPHN (normal hours) or BBRHCJB (Tempo blue off-peak).</summary>
        ActiveEnergyImportT1,

        /// <summary>Imported active energy of tariff register 2, Wh: OBIS 1-0:1.8.2; TIC EASF02, or historique HCHP
        /// (peak), EJPHPM (mobile peak) or BBRHPJB (Tempo blue peak).</summary>
        ActiveEnergyImportT2,

        /// <summary>Imported active energy of tariff register 3, Wh: OBIS 1-0:1.8.3; TIC EASF03, or historique BBRHCJW
        /// (Tempo white off-peak).</summary>
        ActiveEnergyImportT3,

        /// <summary>Imported active energy of tariff register 4, Wh: OBIS 1-0:1.8.4; TIC EASF04, or historique BBRHPJW
        /// (Tempo white peak).</summary>
        ActiveEnergyImportT4,

        /// <summary>Imported active energy of tariff register 5, Wh: OBIS 1-0:1.8.5; TIC EASF05, or historique BBRHCJR
        /// (Tempo red off-peak).</summary>
        ActiveEnergyImportT5,

        /// <summary>Imported active energy of tariff register 6, Wh: OBIS 1-0:1.8.6; TIC EASF06, or historique BBRHPJR
        /// (Tempo red peak).</summary>
        ActiveEnergyImportT6,

        /// <summary>Imported active energy of tariff register 7, Wh: OBIS 1-0:1.8.7; TIC EASF07.</summary>
        ActiveEnergyImportT7,

        /// <summary>Imported active energy of tariff register 8, Wh: OBIS 1-0:1.8.8; TIC EASF08.</summary>
        ActiveEnergyImportT8,

        /// <summary>Imported active energy of tariff register 9, Wh: OBIS 1-0:1.8.9; TIC EASF09.</summary>
        ActiveEnergyImportT9,

        /// <summary>Imported active energy of tariff register 10, Wh: OBIS 1-0:1.8.10; TIC EASF10.</summary>
        ActiveEnergyImportT10,

        /// <summary>Exported active energy of tariff register 1, Wh: OBIS 1-0:2.8.1.</summary>
        ActiveEnergyExportT1,

        /// <summary>Exported active energy of tariff register 2, Wh: OBIS 1-0:2.8.2.</summary>
        ActiveEnergyExportT2,

        /// <summary>Exported active energy of tariff register 3, Wh: OBIS 1-0:2.8.3.</summary>
        ActiveEnergyExportT3,

        /// <summary>Exported active energy of tariff register 4, Wh: OBIS 1-0:2.8.4.</summary>
        ActiveEnergyExportT4,

        /// <summary>Reactive energy imported (quadrants I and II) over all phases, a register in varh: OBIS 1-0:3.8.0
        /// (+R).</summary>
        TotalReactiveEnergyImport,

        /// <summary>Reactive energy exported (quadrants III and IV) over all phases, a register in varh: OBIS 1-0:4.8.0
        /// (-R).</summary>
        TotalReactiveEnergyExport,

        /// <summary>Reactive energy of quadrant I (active and reactive both imported), a register in varh: OBIS
        /// 1-0:5.8.0; TIC ERQ1.</summary>
        ReactiveEnergyQ1,

        /// <summary>Reactive energy of quadrant II (active exported, reactive imported), a register in varh: OBIS
        /// 1-0:6.8.0; TIC ERQ2.</summary>
        ReactiveEnergyQ2,

        /// <summary>Reactive energy of quadrant III (active and reactive both exported), a register in varh: OBIS
        /// 1-0:7.8.0; TIC ERQ3.</summary>
        ReactiveEnergyQ3,

        /// <summary>Reactive energy of quadrant IV (active imported, reactive exported), a register in varh: OBIS
        /// 1-0:8.8.0; TIC ERQ4.</summary>
        ReactiveEnergyQ4,

        /// <summary>Active power consumed over all phases, W: OBIS 1-0:1.7.0 (+P); derived from the pulse interval on
        /// S0.</summary>
        TotalActivePower,

        /// <summary>Active power consumed on phase L1, W: OBIS 1-0:21.7.0.</summary>
        ActivePowerL1,

        /// <summary>Active power consumed on phase L2, W: OBIS 1-0:41.7.0.</summary>
        ActivePowerL2,

        /// <summary>Active power consumed on phase L3, W: OBIS 1-0:61.7.0.</summary>
        ActivePowerL3,

        /// <summary>Apparent power imported over all phases, VA: OBIS 1-0:9.7.0 (+S); TIC PAPP (historique), SINSTS
        /// (standard).</summary>
        TotalApparentPower,

        /// <summary>Apparent power imported on phase L1, VA: OBIS 1-0:29.7.0; TIC SINSTS1.</summary>
        ApparentPowerL1,

        /// <summary>Apparent power imported on phase L2, VA: OBIS 1-0:49.7.0; TIC SINSTS2.</summary>
        ApparentPowerL2,

        /// <summary>Apparent power imported on phase L3, VA: OBIS 1-0:69.7.0; TIC SINSTS3.</summary>
        ApparentPowerL3,

        /// <summary>Reactive power consumed (quadrants I and II) over all phases, var: OBIS 1-0:3.7.0 (+Q).</summary>
        TotalReactivePower,

        /// <summary>RMS voltage between phase L1 and neutral, V: OBIS 1-0:32.7.0; TIC URMS1.</summary>
        PhaseVoltageL1,

        /// <summary>RMS voltage between phase L2 and neutral, V: OBIS 1-0:52.7.0; TIC URMS2.</summary>
        PhaseVoltageL2,

        /// <summary>RMS voltage between phase L3 and neutral, V: OBIS 1-0:72.7.0; TIC URMS3.</summary>
        PhaseVoltageL3,

        /// <summary>Mean voltage of phase L1 over the meter's own averaging period, V: TIC UMOY1 (horodated).</summary>
        AverageVoltageL1,

        /// <summary>Mean voltage of phase L2 over the meter's own averaging period, V: TIC UMOY2 (horodated).</summary>
        AverageVoltageL2,

        /// <summary>Mean voltage of phase L3 over the meter's own averaging period, V: TIC UMOY3 (horodated).</summary>
        AverageVoltageL3,

        /// <summary>Current of phase L1, A: OBIS 1-0:31.7.0; TIC IRMS1 (standard), IINST or IINST1 (historique), and
        /// the value of the ADPS and ADIR1 overload warnings.</summary>
        CurrentL1,

        /// <summary>Current of phase L2, A: OBIS 1-0:51.7.0; TIC IRMS2 (standard), IINST2 (historique), and the value
        /// of the ADIR2 overload warning.</summary>
        CurrentL2,

        /// <summary>Current of phase L3, A: OBIS 1-0:71.7.0; TIC IRMS3 (standard), IINST3 (historique), and the value
        /// of the ADIR3 overload warning.</summary>
        CurrentL3,

        /// <summary>Current in the neutral conductor, A: OBIS 1-0:91.7.0.</summary>
        CurrentN,

        /// <summary>Supply frequency, Hz: OBIS 1-0:14.7.0. The power-quality monitor checks its 10-second means against
        /// 50 Hz +/- 1 % (EN 50160 section 4.2.1).</summary>
        Frequency,

        /// <summary>Power factor over all phases, dimensionless (unit "1"): OBIS 1-0:13.7.0.</summary>
        PowerFactor,

        /// <summary>Power factor of phase L1, dimensionless: OBIS 1-0:33.7.0.</summary>
        PowerFactorL1,

        /// <summary>Power factor of phase L2, dimensionless: OBIS 1-0:53.7.0.</summary>
        PowerFactorL2,

        /// <summary>Power factor of phase L3, dimensionless: OBIS 1-0:73.7.0.</summary>
        PowerFactorL3,

        /// <summary>The apparent power of the supply contract, VA: TIC PREF (standard, kVA x 1000) or ISOUSC
        /// (historique, 200 VA per subscribed ampere and phase).</summary>
        SubscribedPower,

        /// <summary>Apparent power above which the meter's breaking device opens, VA:
        /// TIC PCOUP (given in kVA).</summary>
        CutoffPower,

        /// <summary>The tariff register in use, as its index (1 for T1 ... 10 for T10), no unit: TIC NTARF (standard),
        /// PTEC (historique, e.g. HP.. is 2).</summary>
        TariffPeriod,

        /// <summary>Gas volume delivered, a register in m3.</summary>
        GasVolume,

        /// <summary>Water volume delivered, a register in m3.</summary>
        WaterVolume,

        /// <summary>Heat energy delivered by a heat meter, a register in J (3.6 MJ to the kWh).</summary>
        HeatEnergy,

        /// <summary>Voltage of a DC circuit, V.</summary>
        DcVoltage,

        /// <summary>Current of a DC circuit, A.</summary>
        DcCurrent,

        /// <summary>Power of a DC circuit, W.</summary>
        DcPower,

        /// <summary>Temperature, degrees Celsius (UCUM "Cel").</summary>
        Temperature,

        /// <summary>Relative humidity of the air, percent (0 to 100, unit "%RH").</summary>
        RelativeHumidity,

        /// <summary>Pressure, Pa.</summary>
        Pressure,

        // Added after the first vocabulary (append only: the numbers are stable).

        /// <summary>Imported active energy of distributor register 1, Wh: TIC EASD01 (the grid operator's own tariff
        /// calendar, beside the supplier's EASF).</summary>
        ActiveEnergyImportD1,

        /// <summary>Imported active energy of distributor register 2, Wh: TIC EASD02.</summary>
        ActiveEnergyImportD2,

        /// <summary>Imported active energy of distributor register 3, Wh: TIC EASD03.</summary>
        ActiveEnergyImportD3,

        /// <summary>Imported active energy of distributor register 4, Wh: TIC EASD04.</summary>
        ActiveEnergyImportD4,

        /// <summary>Apparent power exported (injected) over all phases, VA: OBIS 1-0:10.7.0 (-S); TIC SINSTI.</summary>
        TotalApparentPowerExport,

        /// <summary>Mean active power imported over the meter's last load-curve period, W: TIC CCASN (horodated
        /// load-curve point).</summary>
        AverageActivePowerImport,

        /// <summary>Mean active power exported over the meter's last load-curve period, W: TIC CCAIN (horodated
        /// load-curve point).</summary>
        AverageActivePowerExport,

        /// <summary>Volume flow of a water or gas meter, m3/h: derived from the pulse interval on S0 (the meter's
        /// volume register, <see cref="WaterVolume"/> or <see cref="GasVolume"/>, says which medium).</summary>
        VolumeFlow,

        /// <summary>Not a quantity: a label or setting that maps to none. Outside the table, so that no payload can
        /// ever name it.</summary>
        None = 255,
    }
}
