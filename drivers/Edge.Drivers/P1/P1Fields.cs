#nullable disable
using System;
using Edge.Core.Model;

namespace Edge.Drivers.P1
{
    /// <summary>
    /// The OBIS codes a P1 port sends, one row each, after DSMR 5.0.2 P1 Companion Standard §7 (tables 7.1 to 7.3,
    /// the codes and units of IEC 62056-61), the e-MUCS P1 1.7.1 extensions of the Belgian grid operators
    /// (0-0:96.1.4, 1-0:1.4.0, 1-0:1.6.0, 0-0:98.1.0, 1-0:31.4.0, 0-n:24.2.3) and the DSMR 2.2 gas profile
    /// (0-n:24.3.0). A row is an OBIS code, the field's name, the canonical quantity it feeds with its sign, the unit
    /// family its value must carry and the shape of its value (<see cref="P1Field"/> shows one row). A code in no row
    /// is counted by the decoder and skipped, never an error: meters add codes of their own.
    /// The rows are held as arrays of numbers, not an object per row, and the names as one literal whose text stays
    /// in flash: on the device an object per row with its two strings cost 8 KB of heap, these arrays under 0.5 KB.
    /// </summary>
    public static class P1Fields
    {
        /// <summary>Number of rows.</summary>
        public const int Count = 61;

        private const QuantityId No = QuantityId.None;
        private const P1FieldKind Num = P1FieldKind.Number;
        private const P1FieldKind Txt = P1FieldKind.Text;
        private const P1FieldKind Timed = P1FieldKind.TimedNumber;

        /// <summary>The field names in row order, one space apart.</summary>
        private const string Names =
            "p1Version p1VersionBe timestamp equipmentId energyDelivered energyDeliveredTariff1 " +
            "energyDeliveredTariff2 energyDeliveredTariff3 energyDeliveredTariff4 energyReturned " +
            "energyReturnedTariff1 energyReturnedTariff2 energyReturnedTariff3 energyReturnedTariff4 " +
            "reactiveEnergyDelivered reactiveEnergyDeliveredTariff1 reactiveEnergyDeliveredTariff2 " +
            "reactiveEnergyReturned reactiveEnergyReturnedTariff1 reactiveEnergyReturnedTariff2 " +
            "electricityTariff powerDelivered powerReturned reactivePowerDelivered reactivePowerReturned " +
            "electricityThreshold electricitySwitchPosition electricityFailures electricityLongFailures " +
            "electricityFailureLog electricitySagsL1 electricitySagsL2 electricitySagsL3 electricitySwellsL1 " +
            "electricitySwellsL2 electricitySwellsL3 messageShort messageLong voltageL1 voltageL2 voltageL3 " +
            "currentL1 currentL2 currentL3 powerDeliveredL1 powerDeliveredL2 powerDeliveredL3 powerReturnedL1 " +
            "powerReturnedL2 powerReturnedL3 averageDemand maximumDemandMonth maximumDemandHistory " +
            "currentLimitL1 deviceType channelEquipmentId channelEquipmentIdBe valvePosition channelDelivered " +
            "channelDeliveredBe channelProfile";

        /// <summary>Slots of the code look-up: the power of two above twice <see cref="Count"/>, so that a probe ends
        /// within a slot or two.</summary>
        private const int Slots = 128;

        private static readonly int[] Codes = new int[Count];
        // The quantity in the low 7 bits (0x7F for none), 0x80 when the value is taken off it (exported power).
        private static readonly byte[] QuantityAndSign = new byte[Count];

        // The kind in the low 4 bits, the unit family in the high 4.
        private static readonly byte[] KindAndUnit = new byte[Count];

        // Open addressing by code: row + 1 in the slot of its hash or the next free one, 0 for an empty slot.
        private static readonly byte[] Lookup = new byte[Slots];

        private static int _defined;

        static P1Fields()
        {
            // Header lines (§7.1): version, time, identifier.
            Row("1-3:0.2.8", No, 1, P1Unit.None, P1FieldKind.Version);
            Row("0-0:96.1.4", No, 1, P1Unit.None, P1FieldKind.Version);
            Row("0-0:1.0.0", No, 1, P1Unit.None, P1FieldKind.Timestamp);
            Row("0-0:96.1.1", No, 1, P1Unit.None, Txt);

            // Energy registers (§7.2, table "Electricity"): 1.8.x delivered to the client, 2.8.x by the client.
            // 1.8.0 and 2.8.0 are the totals the Luxembourg (Smarty) and Wh-unit meters send.
            Row("1-0:1.8.0", QuantityId.TotalActiveEnergyImport, 1, P1Unit.Energy, Num);
            Row("1-0:1.8.1", QuantityId.ActiveEnergyImportT1, 1, P1Unit.Energy, Num);
            Row("1-0:1.8.2", QuantityId.ActiveEnergyImportT2, 1, P1Unit.Energy, Num);
            Row("1-0:1.8.3", QuantityId.ActiveEnergyImportT3, 1, P1Unit.Energy, Num);
            Row("1-0:1.8.4", QuantityId.ActiveEnergyImportT4, 1, P1Unit.Energy, Num);
            Row("1-0:2.8.0", QuantityId.TotalActiveEnergyExport, 1, P1Unit.Energy, Num);
            Row("1-0:2.8.1", QuantityId.ActiveEnergyExportT1, 1, P1Unit.Energy, Num);
            Row("1-0:2.8.2", QuantityId.ActiveEnergyExportT2, 1, P1Unit.Energy, Num);
            Row("1-0:2.8.3", QuantityId.ActiveEnergyExportT3, 1, P1Unit.Energy, Num);
            Row("1-0:2.8.4", QuantityId.ActiveEnergyExportT4, 1, P1Unit.Energy, Num);
            Row("1-0:3.8.0", QuantityId.TotalReactiveEnergyImport, 1, P1Unit.ReactiveEnergy, Num);
            Row("1-0:3.8.1", No, 1, P1Unit.ReactiveEnergy, Num);
            Row("1-0:3.8.2", No, 1, P1Unit.ReactiveEnergy, Num);
            Row("1-0:4.8.0", QuantityId.TotalReactiveEnergyExport, 1, P1Unit.ReactiveEnergy, Num);
            Row("1-0:4.8.1", No, 1, P1Unit.ReactiveEnergy, Num);
            Row("1-0:4.8.2", No, 1, P1Unit.ReactiveEnergy, Num);
            Row("0-0:96.14.0", QuantityId.TariffPeriod, 1, P1Unit.None, Num);

            // Instantaneous values: +P minus -P gives the signed total and per-phase power.
            Row("1-0:1.7.0", QuantityId.TotalActivePower, 1, P1Unit.Power, Num);
            Row("1-0:2.7.0", QuantityId.TotalActivePower, -1, P1Unit.Power, Num);
            Row("1-0:3.7.0", QuantityId.TotalReactivePower, 1, P1Unit.ReactivePower, Num);
            Row("1-0:4.7.0", QuantityId.TotalReactivePower, -1, P1Unit.ReactivePower, Num);
            Row("0-0:17.0.0", No, 1, P1Unit.Power, Num);
            Row("0-0:96.3.10", No, 1, P1Unit.None, Num);
            Row("0-0:96.7.21", No, 1, P1Unit.None, Num);
            Row("0-0:96.7.9", No, 1, P1Unit.None, Num);
            Row("1-0:99.97.0", No, 1, P1Unit.Seconds, P1FieldKind.PowerFailureLog);
            Row("1-0:32.32.0", No, 1, P1Unit.None, Num);
            Row("1-0:52.32.0", No, 1, P1Unit.None, Num);
            Row("1-0:72.32.0", No, 1, P1Unit.None, Num);
            Row("1-0:32.36.0", No, 1, P1Unit.None, Num);
            Row("1-0:52.36.0", No, 1, P1Unit.None, Num);
            Row("1-0:72.36.0", No, 1, P1Unit.None, Num);
            Row("0-0:96.13.1", No, 1, P1Unit.None, Txt);
            Row("0-0:96.13.0", No, 1, P1Unit.None, Txt);
            Row("1-0:32.7.0", QuantityId.PhaseVoltageL1, 1, P1Unit.Voltage, Num);
            Row("1-0:52.7.0", QuantityId.PhaseVoltageL2, 1, P1Unit.Voltage, Num);
            Row("1-0:72.7.0", QuantityId.PhaseVoltageL3, 1, P1Unit.Voltage, Num);
            Row("1-0:31.7.0", QuantityId.CurrentL1, 1, P1Unit.Current, Num);
            Row("1-0:51.7.0", QuantityId.CurrentL2, 1, P1Unit.Current, Num);
            Row("1-0:71.7.0", QuantityId.CurrentL3, 1, P1Unit.Current, Num);
            Row("1-0:21.7.0", QuantityId.ActivePowerL1, 1, P1Unit.Power, Num);
            Row("1-0:41.7.0", QuantityId.ActivePowerL2, 1, P1Unit.Power, Num);
            Row("1-0:61.7.0", QuantityId.ActivePowerL3, 1, P1Unit.Power, Num);
            Row("1-0:22.7.0", QuantityId.ActivePowerL1, -1, P1Unit.Power, Num);
            Row("1-0:42.7.0", QuantityId.ActivePowerL2, -1, P1Unit.Power, Num);
            Row("1-0:62.7.0", QuantityId.ActivePowerL3, -1, P1Unit.Power, Num);

            // e-MUCS (Belgium): quarter-hour average demand, this month's peak, the peaks of past months, the
            // fuse limit of the breaker.
            Row("1-0:1.4.0", QuantityId.AverageActivePowerImport, 1, P1Unit.Power, Num);
            Row("1-0:1.6.0", No, 1, P1Unit.Power, Timed);
            Row("0-0:98.1.0", No, 1, P1Unit.Power, P1FieldKind.PeakHistory);
            Row("1-0:31.4.0", No, 1, P1Unit.Current, Num);

            // M-Bus channels (§7.3), on every channel 1 to 4: the quantity of 24.2.x is the device type's.
            Row("0-n:24.1.0", No, 1, P1Unit.None, P1FieldKind.DeviceType);
            Row("0-n:96.1.0", No, 1, P1Unit.None, Txt);
            Row("0-n:96.1.1", No, 1, P1Unit.None, Txt);
            Row("0-n:24.4.0", No, 1, P1Unit.None, Num);
            Row("0-n:24.2.1", No, 1, P1Unit.Channel, Timed);
            Row("0-n:24.2.3", No, 1, P1Unit.Channel, Timed);
            Row("0-n:24.3.0", No, 1, P1Unit.Channel, P1FieldKind.LegacyProfile);
        }

        /// <summary>Row <paramref name="index"/>, 0 to <see cref="Count"/> - 1, as an object (built on each call: for
        /// tools and tests, not the decoder).</summary>
        public static P1Field At(int index)
        {
            return new P1Field(index);
        }

        /// <summary>The packed code of row <paramref name="row"/>.</summary>
        public static int CodeOf(int row)
        {
            return Codes[row];
        }

        /// <summary>The quantity row <paramref name="row"/> feeds, or <see cref="QuantityId.None"/>.</summary>
        public static QuantityId QuantityOf(int row)
        {
            int q = QuantityAndSign[row] & 0x7F;
            return q == 0x7F ? QuantityId.None : (QuantityId)q;
        }

        /// <summary>+1, or -1 when row <paramref name="row"/>'s value is taken off its quantity.</summary>
        public static int SignOf(int row)
        {
            return (QuantityAndSign[row] & 0x80) != 0 ? -1 : 1;
        }

        /// <summary>The unit family row <paramref name="row"/>'s value must carry.</summary>
        public static P1Unit UnitOf(int row)
        {
            return (P1Unit)(KindAndUnit[row] >> 4);
        }

        /// <summary>The shape of row <paramref name="row"/>'s value.</summary>
        public static P1FieldKind KindOf(int row)
        {
            return (P1FieldKind)(KindAndUnit[row] & 0x0F);
        }

        /// <summary>The name of row <paramref name="row"/>, e.g. "energyDeliveredTariff1" (a new string each call).</summary>
        public static string NameOf(int row)
        {
            int start = 0;
            for (int i = 0; i < row; i++)
            {
                start = Names.IndexOf(' ', start) + 1;
            }

            int end = Names.IndexOf(' ', start);
            return Names.Substring(start, (end < 0 ? Names.Length : end) - start);
        }

        /// <summary>The OBIS code of row <paramref name="row"/> as printed, "1-0:1.8.1", with "n" for the channel of an
        /// M-Bus row ("0-n:24.2.1"); a new string each call.</summary>
        public static string ObisOf(int row)
        {
            int code = Codes[row];
            int b = (code >> 24) & 0x0F;
            return ((code >> 28) & 0x0F).ToString() + "-" + (b == P1Field.AnyChannel ? "n" : b.ToString()) + ":" + ((code >> 16) & 0xFF).ToString()
                + "." + ((code >> 8) & 0xFF).ToString() + "." + (code & 0xFF).ToString();
        }

        /// <summary>
        /// An OBIS code A-B:C.D.E as one number: A and B in 4 bits each (B = <see cref="P1Field.AnyChannel"/> for every
        /// M-Bus channel), C, D and E a byte each; -1 when A or B does not fit, as no row has such a code.
        /// </summary>
        public static int Pack(int a, int b, int c, int d, int e)
        {
            if (a < 0 || a > 15 || b < 0 || b > 15 || c < 0 || c > 255 || d < 0 || d > 255 || e < 0 || e > 255)
            {
                return -1;
            }

            return (a << 28) | (b << 24) | (c << 16) | (d << 8) | e;
        }

        /// <summary>Index of the row of the packed code <paramref name="code"/>; a code of group A 0 on channel 1 to
        /// <see cref="P1Field.MaxChannel"/> is the M-Bus row of its C.D.E. -1 when no row has it.</summary>
        public static int IndexOf(int code)
        {
            if (code < 0)
            {
                return -1;
            }

            int channel = (code >> 24) & 0x0F;
            if ((code >> 28) == 0 && channel >= 1 && channel <= P1Field.MaxChannel)
            {
                code |= P1Field.AnyChannel << 24;
            }

            int slot = Hash(code);
            while (true)
            {
                int row = Lookup[slot] - 1;
                if (row < 0)
                {
                    return -1;
                }

                if (Codes[row] == code)
                {
                    return row;
                }

                slot = (slot + 1) & (Slots - 1);
            }
        }

        /// <summary>Index of the row printed as <paramref name="obis"/> ("1-0:1.8.1", "0-n:24.2.1"); -1 if none.</summary>
        public static int IndexOf(string obis)
        {
            int code = Parse(obis);
            for (int i = 0; i < Count; i++)
            {
                if (Codes[i] == code)
                {
                    return i;
                }
            }

            return -1;
        }

        private static int Hash(int code)
        {
            // Fibonacci hashing: the top 7 bits of the code times 2^32 / phi.
            return (int)(((uint)code * 2654435769u) >> 25);
        }

        private static void Row(string obis, QuantityId quantity, int sign, P1Unit unit, P1FieldKind kind)
        {
            int row = _defined++;
            int code = Parse(obis);
            Codes[row] = code;
            QuantityAndSign[row] = (byte)((quantity == QuantityId.None ? 0x7F : (int)quantity) | (sign < 0 ? 0x80 : 0));
            KindAndUnit[row] = (byte)((int)kind | ((int)unit << 4));
            int slot = Hash(code);
            while (Lookup[slot] != 0)
            {
                slot = (slot + 1) & (Slots - 1);
            }

            Lookup[slot] = (byte)(row + 1);
        }

        /// <summary>"A-B:C.D.E" packed, "n" for any channel; -1 when it is not of that form.</summary>
        private static int Parse(string obis)
        {
            if (obis == null)
            {
                return -1;
            }

            int[] parts = new int[5];
            int part = 0;
            int value = 0;
            int digits = 0;
            for (int i = 0; i <= obis.Length; i++)
            {
                char c = i < obis.Length ? obis[i] : '.';
                if (c >= '0' && c <= '9')
                {
                    value = value * 10 + (c - '0');
                    digits++;
                }
                else if (c == 'n' && digits == 0)
                {
                    value = P1Field.AnyChannel;
                    digits++;
                }
                else
                {
                    if (digits == 0 || part == 5 || value > 255)
                    {
                        return -1;
                    }

                    parts[part++] = value;
                    value = 0;
                    digits = 0;
                }
            }

            return part == 5 ? Pack(parts[0], parts[1], parts[2], parts[3], parts[4]) : -1;
        }
    }
}
