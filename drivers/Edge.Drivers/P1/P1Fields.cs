#nullable disable
using Edge.Core.Model;

namespace Edge.Drivers.P1
{
    /// <summary>
    /// The OBIS codes a P1 port sends, one row each (<see cref="P1Field"/>), after DSMR 5.0.2 P1 Companion Standard
    /// §7 (tables 7.1 to 7.3, the codes and units of IEC 62056-61), the e-MUCS P1 1.7.1 extensions of the Belgian
    /// grid operators (§5: 0-0:96.1.4, 1-0:1.4.0, 1-0:1.6.0, 0-0:98.1.0, 1-0:31.4.0, 0-n:24.2.3) and the DSMR 2.2
    /// gas profile (0-n:24.3.0). A code in no row is counted by the decoder and skipped, never an error: meters add
    /// codes of their own. An array, not a dictionary: nanoFramework's mscorlib has no generic collections.
    /// </summary>
    public static class P1Fields
    {
        private const QuantityId No = QuantityId.None;
        private const P1FieldKind Num = P1FieldKind.Number;
        private const P1FieldKind Txt = P1FieldKind.Text;
        private const P1FieldKind Timed = P1FieldKind.TimedNumber;

        private static readonly P1Field[] Table =
        {
            // Header lines (§7.1): version, time, identifier.
            new P1Field("1-3:0.2.8", "p1Version", No, 1, P1Unit.None, P1FieldKind.Version),
            new P1Field("0-0:96.1.4", "p1VersionBe", No, 1, P1Unit.None, P1FieldKind.Version),
            new P1Field("0-0:1.0.0", "timestamp", No, 1, P1Unit.None, P1FieldKind.Timestamp),
            new P1Field("0-0:96.1.1", "equipmentId", No, 1, P1Unit.None, Txt),

            // Energy registers (§7.2, table "Electricity"): 1.8.x delivered to the client, 2.8.x by the client.
            // 1.8.0 and 2.8.0 are the totals the Luxembourg (Smarty) and Wh-unit meters send.
            new P1Field("1-0:1.8.0", "energyDelivered", QuantityId.TotalActiveEnergyImport, 1, P1Unit.Energy, Num),
            new P1Field("1-0:1.8.1", "energyDeliveredTariff1", QuantityId.ActiveEnergyImportT1, 1, P1Unit.Energy, Num),
            new P1Field("1-0:1.8.2", "energyDeliveredTariff2", QuantityId.ActiveEnergyImportT2, 1, P1Unit.Energy, Num),
            new P1Field("1-0:1.8.3", "energyDeliveredTariff3", QuantityId.ActiveEnergyImportT3, 1, P1Unit.Energy, Num),
            new P1Field("1-0:1.8.4", "energyDeliveredTariff4", QuantityId.ActiveEnergyImportT4, 1, P1Unit.Energy, Num),
            new P1Field("1-0:2.8.0", "energyReturned", QuantityId.TotalActiveEnergyExport, 1, P1Unit.Energy, Num),
            new P1Field("1-0:2.8.1", "energyReturnedTariff1", QuantityId.ActiveEnergyExportT1, 1, P1Unit.Energy, Num),
            new P1Field("1-0:2.8.2", "energyReturnedTariff2", QuantityId.ActiveEnergyExportT2, 1, P1Unit.Energy, Num),
            new P1Field("1-0:2.8.3", "energyReturnedTariff3", QuantityId.ActiveEnergyExportT3, 1, P1Unit.Energy, Num),
            new P1Field("1-0:2.8.4", "energyReturnedTariff4", QuantityId.ActiveEnergyExportT4, 1, P1Unit.Energy, Num),
            new P1Field("1-0:3.8.0", "reactiveEnergyDelivered", QuantityId.TotalReactiveEnergyImport, 1, P1Unit.ReactiveEnergy, Num),
            new P1Field("1-0:3.8.1", "reactiveEnergyDeliveredTariff1", No, 1, P1Unit.ReactiveEnergy, Num),
            new P1Field("1-0:3.8.2", "reactiveEnergyDeliveredTariff2", No, 1, P1Unit.ReactiveEnergy, Num),
            new P1Field("1-0:4.8.0", "reactiveEnergyReturned", QuantityId.TotalReactiveEnergyExport, 1, P1Unit.ReactiveEnergy, Num),
            new P1Field("1-0:4.8.1", "reactiveEnergyReturnedTariff1", No, 1, P1Unit.ReactiveEnergy, Num),
            new P1Field("1-0:4.8.2", "reactiveEnergyReturnedTariff2", No, 1, P1Unit.ReactiveEnergy, Num),
            new P1Field("0-0:96.14.0", "electricityTariff", QuantityId.TariffPeriod, 1, P1Unit.None, Num),

            // Instantaneous values: +P minus -P gives the signed total and per-phase power.
            new P1Field("1-0:1.7.0", "powerDelivered", QuantityId.TotalActivePower, 1, P1Unit.Power, Num),
            new P1Field("1-0:2.7.0", "powerReturned", QuantityId.TotalActivePower, -1, P1Unit.Power, Num),
            new P1Field("1-0:3.7.0", "reactivePowerDelivered", QuantityId.TotalReactivePower, 1, P1Unit.ReactivePower, Num),
            new P1Field("1-0:4.7.0", "reactivePowerReturned", QuantityId.TotalReactivePower, -1, P1Unit.ReactivePower, Num),
            new P1Field("0-0:17.0.0", "electricityThreshold", No, 1, P1Unit.Power, Num),
            new P1Field("0-0:96.3.10", "electricitySwitchPosition", No, 1, P1Unit.None, Num),
            new P1Field("0-0:96.7.21", "electricityFailures", No, 1, P1Unit.None, Num),
            new P1Field("0-0:96.7.9", "electricityLongFailures", No, 1, P1Unit.None, Num),
            new P1Field("1-0:99.97.0", "electricityFailureLog", No, 1, P1Unit.Seconds, P1FieldKind.PowerFailureLog),
            new P1Field("1-0:32.32.0", "electricitySagsL1", No, 1, P1Unit.None, Num),
            new P1Field("1-0:52.32.0", "electricitySagsL2", No, 1, P1Unit.None, Num),
            new P1Field("1-0:72.32.0", "electricitySagsL3", No, 1, P1Unit.None, Num),
            new P1Field("1-0:32.36.0", "electricitySwellsL1", No, 1, P1Unit.None, Num),
            new P1Field("1-0:52.36.0", "electricitySwellsL2", No, 1, P1Unit.None, Num),
            new P1Field("1-0:72.36.0", "electricitySwellsL3", No, 1, P1Unit.None, Num),
            new P1Field("0-0:96.13.1", "messageShort", No, 1, P1Unit.None, Txt),
            new P1Field("0-0:96.13.0", "messageLong", No, 1, P1Unit.None, Txt),
            new P1Field("1-0:32.7.0", "voltageL1", QuantityId.PhaseVoltageL1, 1, P1Unit.Voltage, Num),
            new P1Field("1-0:52.7.0", "voltageL2", QuantityId.PhaseVoltageL2, 1, P1Unit.Voltage, Num),
            new P1Field("1-0:72.7.0", "voltageL3", QuantityId.PhaseVoltageL3, 1, P1Unit.Voltage, Num),
            new P1Field("1-0:31.7.0", "currentL1", QuantityId.CurrentL1, 1, P1Unit.Current, Num),
            new P1Field("1-0:51.7.0", "currentL2", QuantityId.CurrentL2, 1, P1Unit.Current, Num),
            new P1Field("1-0:71.7.0", "currentL3", QuantityId.CurrentL3, 1, P1Unit.Current, Num),
            new P1Field("1-0:21.7.0", "powerDeliveredL1", QuantityId.ActivePowerL1, 1, P1Unit.Power, Num),
            new P1Field("1-0:41.7.0", "powerDeliveredL2", QuantityId.ActivePowerL2, 1, P1Unit.Power, Num),
            new P1Field("1-0:61.7.0", "powerDeliveredL3", QuantityId.ActivePowerL3, 1, P1Unit.Power, Num),
            new P1Field("1-0:22.7.0", "powerReturnedL1", QuantityId.ActivePowerL1, -1, P1Unit.Power, Num),
            new P1Field("1-0:42.7.0", "powerReturnedL2", QuantityId.ActivePowerL2, -1, P1Unit.Power, Num),
            new P1Field("1-0:62.7.0", "powerReturnedL3", QuantityId.ActivePowerL3, -1, P1Unit.Power, Num),

            // e-MUCS (Belgium): quarter-hour average demand, this month's peak, the peaks of past months, the
            // fuse limit of the breaker.
            new P1Field("1-0:1.4.0", "averageDemand", QuantityId.AverageActivePowerImport, 1, P1Unit.Power, Num),
            new P1Field("1-0:1.6.0", "maximumDemandMonth", No, 1, P1Unit.Power, Timed),
            new P1Field("0-0:98.1.0", "maximumDemandHistory", No, 1, P1Unit.Power, P1FieldKind.PeakHistory),
            new P1Field("1-0:31.4.0", "currentLimitL1", No, 1, P1Unit.Current, Num),

            // M-Bus channels (§7.3), on every channel 1 to 4: the quantity of 24.2.x is the device type's.
            new P1Field("0-n:24.1.0", "deviceType", No, 1, P1Unit.None, P1FieldKind.DeviceType),
            new P1Field("0-n:96.1.0", "channelEquipmentId", No, 1, P1Unit.None, Txt),
            new P1Field("0-n:96.1.1", "channelEquipmentIdBe", No, 1, P1Unit.None, Txt),
            new P1Field("0-n:24.4.0", "valvePosition", No, 1, P1Unit.None, Num),
            new P1Field("0-n:24.2.1", "channelDelivered", No, 1, P1Unit.Channel, Timed),
            new P1Field("0-n:24.2.3", "channelDeliveredBe", No, 1, P1Unit.Channel, Timed),
            new P1Field("0-n:24.3.0", "channelProfile", No, 1, P1Unit.Channel, P1FieldKind.LegacyProfile),
        };

        /// <summary>Number of rows.</summary>
        public static int Count
        {
            get { return Table.Length; }
        }

        /// <summary>Row <paramref name="index"/>, 0 to <see cref="Count"/> - 1.</summary>
        public static P1Field At(int index)
        {
            return Table[index];
        }

        /// <summary>An OBIS code A-B:C.D.E as one number: each part takes a byte, A the highest.</summary>
        public static long Pack(int a, int b, int c, int d, int e)
        {
            return ((long)(a & 0xFF) << 32) | ((long)(b & 0xFF) << 24) | ((long)(c & 0xFF) << 16) | ((long)(d & 0xFF) << 8) | (long)(e & 0xFF);
        }

        /// <summary>Index of the row of the packed code <paramref name="code"/>, trying the M-Bus rows for a code of
        /// group A 0 and channel 1 to <see cref="P1Field.MaxChannel"/>; -1 when no row has it.</summary>
        public static int IndexOf(long code)
        {
            P1Field[] table = Table;
            for (int i = 0; i < table.Length; i++)
            {
                if (table[i].Code == code)
                {
                    return i;
                }
            }

            long channel = (code >> 24) & 0xFF;
            if ((code >> 32) != 0 || channel < 1 || channel > P1Field.MaxChannel)
            {
                return -1;
            }

            long any = (code & ~(0xFFL << 24)) | ((long)P1Field.AnyChannel << 24);
            for (int i = 0; i < table.Length; i++)
            {
                if (table[i].Code == any)
                {
                    return i;
                }
            }

            return -1;
        }

        /// <summary>Index of the row printed as <paramref name="obis"/> ("1-0:1.8.1", "0-n:24.2.1"); -1 if none.</summary>
        public static int IndexOf(string obis)
        {
            for (int i = 0; i < Table.Length; i++)
            {
                if (Table[i].Obis == obis)
                {
                    return i;
                }
            }

            return -1;
        }
    }
}
