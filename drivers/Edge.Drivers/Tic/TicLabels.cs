#nullable disable
using Edge.Core.Model;

namespace Edge.Drivers.Tic
{
    /// <summary>
    /// The label tables of both modes: historique per Enedis-NOI-CPT_02E ("Sorties de télé-information client des
    /// appareils de comptage électroniques utilisés par ERDF", section 6) and standard per Enedis-NOI-CPT_54E
    /// (section 6.2.3, "Liste des données"). Lookup goes through a small open-addressing hash table built once,
    /// so finding a label costs a hash of its bytes and one comparison, and allocates nothing.
    /// </summary>
    public static class TicLabels
    {
        private const byte H = TicLabel.InHistorique;
        private const byte S = TicLabel.InStandard;
        private const int SlotCount = 256;

        private static readonly TicLabel[] All = Build();
        private static readonly short[] Slots = BuildSlots();

        public static int Count
        {
            get { return All.Length; }
        }

        public static TicLabel At(int index)
        {
            return All[index];
        }

        /// <summary>The label whose text equals the bytes, or null.</summary>
        public static TicLabel Find(byte[] buffer, int start, int length)
        {
            int slot = Hash(buffer, start, length);
            for (int probe = 0; probe < SlotCount; probe++)
            {
                int index = Slots[slot] - 1;
                if (index < 0)
                {
                    return null;
                }

                if (SameBytes(All[index].Bytes, buffer, start, length))
                {
                    return All[index];
                }

                slot = (slot + 1) & (SlotCount - 1);
            }

            return null;
        }

        private static bool SameBytes(byte[] label, byte[] buffer, int start, int length)
        {
            if (label.Length != length)
            {
                return false;
            }

            for (int i = 0; i < length; i++)
            {
                if (label[i] != buffer[start + i])
                {
                    return false;
                }
            }

            return true;
        }

        private static int Hash(byte[] buffer, int start, int length)
        {
            int hash = length;
            for (int i = start; i < start + length; i++)
            {
                hash = (hash * 31) + buffer[i];
            }

            return (hash ^ (hash >> 8)) & (SlotCount - 1);
        }

        private static short[] BuildSlots()
        {
            short[] slots = new short[SlotCount];
            for (int i = 0; i < All.Length; i++)
            {
                byte[] bytes = All[i].Bytes;
                int slot = Hash(bytes, 0, bytes.Length);
                while (slots[slot] != 0)
                {
                    slot = (slot + 1) & (SlotCount - 1);
                }

                slots[slot] = (short)(i + 1);
            }

            return slots;
        }

        private static TicLabel L(string text, byte modes, TicValueKind kind, QuantityId quantity, string unit, string description)
        {
            return new TicLabel(text, modes, kind, quantity, unit, false, description);
        }

        private static TicLabel Horodated(string text, TicValueKind kind, QuantityId quantity, string unit, string description)
        {
            return new TicLabel(text, S, kind, quantity, unit, true, description);
        }

        private static TicLabel Raw(string text, byte modes, string unit, string description)
        {
            return new TicLabel(text, modes, TicValueKind.Text, QuantityId.TotalActiveEnergyImport, unit, false, description);
        }

        private static TicLabel[] Build()
        {
            const QuantityId None = QuantityId.TotalActiveEnergyImport;
            return new TicLabel[]
            {
                // Historique mode (Enedis-NOI-CPT_02E section 6.1 and 6.2: single- and three-phase meters).
                L("ADCO", H, TicValueKind.MeterId, None, "", "meter address (12 digits)"),
                Raw("OPTARIF", H, "", "tariff option (BASE, HC.., EJP., BBRx)"),
                L("ISOUSC", H, TicValueKind.SubscribedCurrent, QuantityId.SubscribedPower, "A", "subscribed current"),
                L("BASE", H, TicValueKind.Energy, QuantityId.ActiveEnergyImportT1, "Wh", "index, option Base"),
                L("HCHC", H, TicValueKind.Energy, QuantityId.ActiveEnergyImportT1, "Wh", "index off-peak hours, option HC"),
                L("HCHP", H, TicValueKind.Energy, QuantityId.ActiveEnergyImportT2, "Wh", "index peak hours, option HC"),
                L("EJPHN", H, TicValueKind.Energy, QuantityId.ActiveEnergyImportT1, "Wh", "index normal hours, option EJP"),
                L("EJPHPM", H, TicValueKind.Energy, QuantityId.ActiveEnergyImportT2, "Wh", "index mobile peak hours, option EJP"),
                L("BBRHCJB", H, TicValueKind.Energy, QuantityId.ActiveEnergyImportT1, "Wh", "index off-peak blue days, option Tempo"),
                L("BBRHPJB", H, TicValueKind.Energy, QuantityId.ActiveEnergyImportT2, "Wh", "index peak blue days, option Tempo"),
                L("BBRHCJW", H, TicValueKind.Energy, QuantityId.ActiveEnergyImportT3, "Wh", "index off-peak white days, option Tempo"),
                L("BBRHPJW", H, TicValueKind.Energy, QuantityId.ActiveEnergyImportT4, "Wh", "index peak white days, option Tempo"),
                L("BBRHCJR", H, TicValueKind.Energy, QuantityId.ActiveEnergyImportT5, "Wh", "index off-peak red days, option Tempo"),
                L("BBRHPJR", H, TicValueKind.Energy, QuantityId.ActiveEnergyImportT6, "Wh", "index peak red days, option Tempo"),
                L("PEJP", H, TicValueKind.Number, None, "min", "EJP start notice (30 min)"),
                L("PTEC", H, TicValueKind.TariffPeriodCode, QuantityId.TariffPeriod, "", "current tariff period"),
                Raw("DEMAIN", H, "", "tomorrow's colour, option Tempo (----, BLEU, BLAN, ROUG)"),
                L("IINST", H, TicValueKind.Measure, QuantityId.CurrentL1, "A", "instantaneous current"),
                L("IINST1", H, TicValueKind.Measure, QuantityId.CurrentL1, "A", "instantaneous current, phase 1"),
                L("IINST2", H, TicValueKind.Measure, QuantityId.CurrentL2, "A", "instantaneous current, phase 2"),
                L("IINST3", H, TicValueKind.Measure, QuantityId.CurrentL3, "A", "instantaneous current, phase 3"),
                L("IMAX", H, TicValueKind.Number, None, "A", "maximum current"),
                L("IMAX1", H, TicValueKind.Number, None, "A", "maximum current, phase 1"),
                L("IMAX2", H, TicValueKind.Number, None, "A", "maximum current, phase 2"),
                L("IMAX3", H, TicValueKind.Number, None, "A", "maximum current, phase 3"),
                L("ADPS", H, TicValueKind.OverloadAlert, QuantityId.CurrentL1, "A", "subscribed power exceeded warning"),
                L("ADIR1", H, TicValueKind.OverloadAlert, QuantityId.CurrentL1, "A", "overcurrent warning, phase 1"),
                L("ADIR2", H, TicValueKind.OverloadAlert, QuantityId.CurrentL2, "A", "overcurrent warning, phase 2"),
                L("ADIR3", H, TicValueKind.OverloadAlert, QuantityId.CurrentL3, "A", "overcurrent warning, phase 3"),
                L("PMAX", H, TicValueKind.Number, None, "W", "maximum power, three-phase"),
                L("PAPP", H, TicValueKind.Measure, QuantityId.TotalApparentPower, "VA", "apparent power"),
                Raw("HHPHC", H, "", "peak/off-peak schedule group"),
                Raw("MOTDETAT", H, "", "meter status word"),
                Raw("PPOT", H, "", "presence of potentials (three-phase), hex"),

                // Standard mode (Enedis-NOI-CPT_54E section 6.2.3).
                L("ADSC", S, TicValueKind.MeterId, None, "", "secondary meter address (12 digits)"),
                Raw("VTIC", S, "", "TIC version"),
                Horodated("DATE", TicValueKind.MeterDate, None, "", "meter date and time"),
                Raw("NGTF", S, "", "supplier tariff name"),
                Raw("LTARF", S, "", "current supplier tariff period label"),
                L("EAST", S, TicValueKind.Energy, QuantityId.TotalActiveEnergyImport, "Wh", "total active energy imported"),
                L("EASF01", S, TicValueKind.Energy, QuantityId.ActiveEnergyImportT1, "Wh", "supplier index 1"),
                L("EASF02", S, TicValueKind.Energy, QuantityId.ActiveEnergyImportT2, "Wh", "supplier index 2"),
                L("EASF03", S, TicValueKind.Energy, QuantityId.ActiveEnergyImportT3, "Wh", "supplier index 3"),
                L("EASF04", S, TicValueKind.Energy, QuantityId.ActiveEnergyImportT4, "Wh", "supplier index 4"),
                L("EASF05", S, TicValueKind.Energy, QuantityId.ActiveEnergyImportT5, "Wh", "supplier index 5"),
                L("EASF06", S, TicValueKind.Energy, QuantityId.ActiveEnergyImportT6, "Wh", "supplier index 6"),
                L("EASF07", S, TicValueKind.Energy, QuantityId.ActiveEnergyImportT7, "Wh", "supplier index 7"),
                L("EASF08", S, TicValueKind.Energy, QuantityId.ActiveEnergyImportT8, "Wh", "supplier index 8"),
                L("EASF09", S, TicValueKind.Energy, QuantityId.ActiveEnergyImportT9, "Wh", "supplier index 9"),
                L("EASF10", S, TicValueKind.Energy, QuantityId.ActiveEnergyImportT10, "Wh", "supplier index 10"),
                L("EASD01", S, TicValueKind.Energy, QuantityId.ActiveEnergyImportD1, "Wh", "distributor index 1"),
                L("EASD02", S, TicValueKind.Energy, QuantityId.ActiveEnergyImportD2, "Wh", "distributor index 2"),
                L("EASD03", S, TicValueKind.Energy, QuantityId.ActiveEnergyImportD3, "Wh", "distributor index 3"),
                L("EASD04", S, TicValueKind.Energy, QuantityId.ActiveEnergyImportD4, "Wh", "distributor index 4"),
                L("EAIT", S, TicValueKind.Energy, QuantityId.TotalActiveEnergyExport, "Wh", "total active energy injected"),
                L("ERQ1", S, TicValueKind.Energy, QuantityId.ReactiveEnergyQ1, "varh", "total reactive energy Q1"),
                L("ERQ2", S, TicValueKind.Energy, QuantityId.ReactiveEnergyQ2, "varh", "total reactive energy Q2"),
                L("ERQ3", S, TicValueKind.Energy, QuantityId.ReactiveEnergyQ3, "varh", "total reactive energy Q3"),
                L("ERQ4", S, TicValueKind.Energy, QuantityId.ReactiveEnergyQ4, "varh", "total reactive energy Q4"),
                L("IRMS1", S, TicValueKind.Measure, QuantityId.CurrentL1, "A", "RMS current, phase 1"),
                L("IRMS2", S, TicValueKind.Measure, QuantityId.CurrentL2, "A", "RMS current, phase 2"),
                L("IRMS3", S, TicValueKind.Measure, QuantityId.CurrentL3, "A", "RMS current, phase 3"),
                L("URMS1", S, TicValueKind.Measure, QuantityId.PhaseVoltageL1, "V", "RMS voltage, phase 1"),
                L("URMS2", S, TicValueKind.Measure, QuantityId.PhaseVoltageL2, "V", "RMS voltage, phase 2"),
                L("URMS3", S, TicValueKind.Measure, QuantityId.PhaseVoltageL3, "V", "RMS voltage, phase 3"),
                L("PREF", S, TicValueKind.KiloVoltAmpere, QuantityId.SubscribedPower, "kVA", "reference (subscribed) apparent power"),
                L("PCOUP", S, TicValueKind.KiloVoltAmpere, QuantityId.CutoffPower, "kVA", "cut-off apparent power threshold"),
                L("SINSTS", S, TicValueKind.Measure, QuantityId.TotalApparentPower, "VA", "apparent power imported"),
                L("SINSTS1", S, TicValueKind.Measure, QuantityId.ApparentPowerL1, "VA", "apparent power imported, phase 1"),
                L("SINSTS2", S, TicValueKind.Measure, QuantityId.ApparentPowerL2, "VA", "apparent power imported, phase 2"),
                L("SINSTS3", S, TicValueKind.Measure, QuantityId.ApparentPowerL3, "VA", "apparent power imported, phase 3"),
                Horodated("SMAXSN", TicValueKind.Number, None, "VA", "maximum apparent power imported today"),
                Horodated("SMAXSN1", TicValueKind.Number, None, "VA", "maximum apparent power imported today, phase 1"),
                Horodated("SMAXSN2", TicValueKind.Number, None, "VA", "maximum apparent power imported today, phase 2"),
                Horodated("SMAXSN3", TicValueKind.Number, None, "VA", "maximum apparent power imported today, phase 3"),
                Horodated("SMAXSN-1", TicValueKind.Number, None, "VA", "maximum apparent power imported yesterday"),
                Horodated("SMAXSN1-1", TicValueKind.Number, None, "VA", "maximum apparent power imported yesterday, phase 1"),
                Horodated("SMAXSN2-1", TicValueKind.Number, None, "VA", "maximum apparent power imported yesterday, phase 2"),
                Horodated("SMAXSN3-1", TicValueKind.Number, None, "VA", "maximum apparent power imported yesterday, phase 3"),
                L("SINSTI", S, TicValueKind.Measure, QuantityId.TotalApparentPowerExport, "VA", "apparent power injected"),
                Horodated("SMAXIN", TicValueKind.Number, None, "VA", "maximum apparent power injected today"),
                Horodated("SMAXIN-1", TicValueKind.Number, None, "VA", "maximum apparent power injected yesterday"),
                Horodated("CCASN", TicValueKind.Measure, QuantityId.AverageActivePowerImport, "W", "load curve point n, active power imported"),
                Horodated("CCASN-1", TicValueKind.Number, None, "W", "load curve point n-1, active power imported"),
                Horodated("CCAIN", TicValueKind.Measure, QuantityId.AverageActivePowerExport, "W", "load curve point n, active power injected"),
                Horodated("CCAIN-1", TicValueKind.Number, None, "W", "load curve point n-1, active power injected"),
                Horodated("UMOY1", TicValueKind.Measure, QuantityId.AverageVoltageL1, "V", "mean voltage, phase 1"),
                Horodated("UMOY2", TicValueKind.Measure, QuantityId.AverageVoltageL2, "V", "mean voltage, phase 2"),
                Horodated("UMOY3", TicValueKind.Measure, QuantityId.AverageVoltageL3, "V", "mean voltage, phase 3"),
                L("STGE", S, TicValueKind.Status, None, "", "status register"),
                Horodated("DPM1", TicValueKind.Text, None, "", "start of mobile peak 1"),
                Horodated("FPM1", TicValueKind.Text, None, "", "end of mobile peak 1"),
                Horodated("DPM2", TicValueKind.Text, None, "", "start of mobile peak 2"),
                Horodated("FPM2", TicValueKind.Text, None, "", "end of mobile peak 2"),
                Horodated("DPM3", TicValueKind.Text, None, "", "start of mobile peak 3"),
                Horodated("FPM3", TicValueKind.Text, None, "", "end of mobile peak 3"),
                Raw("MSG1", S, "", "short message"),
                Raw("MSG2", S, "", "ultra-short message"),
                L("PRM", S, TicValueKind.MeterId, None, "", "delivery point reference (PRM, 14 digits)"),
                Raw("RELAIS", S, "", "virtual relays (bit field, decimal)"),
                L("NTARF", S, TicValueKind.TariffIndex, QuantityId.TariffPeriod, "", "current supplier tariff index"),
                Raw("NJOURF", S, "", "current supplier calendar day number"),
                Raw("NJOURF+1", S, "", "next supplier calendar day number"),
                Raw("PJOURF+1", S, "", "next day profile, supplier calendar"),
                Raw("PPOINTE", S, "", "next peak day profile"),
            };
        }
    }
}
