#nullable disable
using Edge.Core.Model;

namespace Edge.Drivers.Tic
{
    /// <summary>
    /// The label tables of both modes: historique per Enedis-NOI-CPT_02E ("Sorties de télé-information client des
    /// appareils de comptage électroniques utilisés par ERDF", section 6) and standard per Enedis-NOI-CPT_54E
    /// (section 6.2.3, "Liste des données"), with the number of data characters those tables give for every label
    /// whose data are digits (a group of another length is rejected). A label of 3 to 9 bytes, 7 bits each, fits
    /// a long exactly (<see cref="KeyOf"/>): lookup goes through a small open-addressing table of those keys built
    /// once, so finding a label costs a remainder and, nearly always, one comparison of two numbers; the decoder
    /// builds the key as the label's bytes arrive. It allocates nothing.
    /// </summary>
    public static class TicLabels
    {
        private const byte H = TicLabel.InHistorique;
        private const byte S = TicLabel.InStandard;
        /// <summary>Slots of the key table: the prime that, of those between 211 and 520, leaves the fewest
        /// collisions for the keys of this table (7 extra probes over its 105 labels; checked at start-up by
        /// <see cref="CheckFind"/> only for correctness, not for the count).</summary>
        private const int SlotCount = 491;

        private static readonly TicLabel[] All = Build();

        /// <summary>Shortest and longest label of the tables (PRM; SMAXSN1-1): no other length can be one. Constants,
        /// checked when the hash table is built, so that a lookup reads no static field for them.</summary>
        internal const int MinLength = 3;
        internal const int MaxLength = 9;

        /// <summary>The key table: for each label, its position in <see cref="All"/> plus one, in the slot of its
        /// key's remainder or, if taken, the next free one; 0 where empty. It is less than a quarter full, so a
        /// probe ends at an empty slot soon; a byte a slot, where a table of references would take a heap block
        /// each on nanoCLR.</summary>
        private static readonly byte[] Slots = BuildSlots();

        /// <summary>True once every label of the table was found by <see cref="Find"/>, checked at start-up.</summary>
        private static readonly bool FoundByFind = CheckFind();

        private static readonly TicLabel[] Registers = NumberRegisters();

        /// <summary>Labels of both tables together.</summary>
        public static int Count
        {
            get { return All.Length; }
        }

        /// <summary>The label at <paramref name="index"/>, 0 to <see cref="Count"/> - 1: the historique table
        /// first, then the standard one.</summary>
        public static TicLabel At(int index)
        {
            return All[index];
        }

        /// <summary>Energy registers (Wh, varh) of both modes; each label's <see cref="TicLabel.RegisterSlot"/> is its position here.</summary>
        public static int RegisterCount
        {
            get { return Registers.Length; }
        }

        /// <summary>The energy register whose <see cref="TicLabel.RegisterSlot"/> is <paramref name="slot"/>, 0 to
        /// <see cref="RegisterCount"/> - 1.</summary>
        public static TicLabel Register(int slot)
        {
            return Registers[slot];
        }

        /// <summary>The label whose text equals the bytes, or null.</summary>
        public static TicLabel Find(byte[] buffer, int start, int length)
        {
            if (length < MinLength || length > MaxLength)
            {
                return null;
            }

            long key = 0;
            for (int i = start; i < start + length; i++)
            {
                // A NUL or a byte with bit 7 set is in no label, and would not fit the key's 7 bits.
                int b = buffer[i];
                if (b == 0 || b > 0x7F)
                {
                    return null;
                }

                key = (key << 7) | (long)b;
            }

            return FindKey(key);
        }

        /// <summary>
        /// The key of a label: its bytes, 7 bits each, the first in the highest bits. For 3 to 9 bytes none of
        /// which is NUL, it tells every text from every other, of any of those lengths, so finding a label by its
        /// key needs no comparison of bytes.
        /// </summary>
        internal static long KeyOf(string text)
        {
            long key = 0;
            for (int i = 0; i < text.Length; i++)
            {
                key = (key << 7) | (long)text[i];
            }

            return key;
        }

        /// <summary>The label of <paramref name="key"/> (<see cref="KeyOf"/> of 3 to 9 bytes, none NUL, all below
        /// 0x80), or null.</summary>
        internal static TicLabel FindKey(long key)
        {
            byte[] slots = Slots;
            int slot = (int)(key % SlotCount);
            while (true)
            {
                int index = slots[slot];
                if (index == 0)
                {
                    return null;
                }

                TicLabel label = All[index - 1];
                if (label.Key == key)
                {
                    return label;
                }

                slot = slot == SlotCount - 1 ? 0 : slot + 1;
            }
        }

        private static TicLabel[] NumberRegisters()
        {
            int count = 0;
            for (int i = 0; i < All.Length; i++)
            {
                if (All[i].Kind == TicValueKind.Energy)
                {
                    count++;
                }
            }

            TicLabel[] registers = new TicLabel[count];
            int next = 0;
            for (int i = 0; i < All.Length; i++)
            {
                if (All[i].Kind == TicValueKind.Energy)
                {
                    All[i].RegisterSlot = next;
                    registers[next++] = All[i];
                }
            }

            return registers;
        }

        private static byte[] BuildSlots()
        {
            byte[] slots = new byte[SlotCount];
            for (int i = 0; i < All.Length; i++)
            {
                int length = All[i].Text.Length;
                if (length < MinLength || length > MaxLength)
                {
                    throw new System.InvalidOperationException("TIC label " + All[i].Text + " is outside the lengths Find accepts");
                }

                int slot = (int)(All[i].Key % SlotCount);
                while (slots[slot] != 0)
                {
                    slot = slot == SlotCount - 1 ? 0 : slot + 1;
                }

                slots[slot] = (byte)(i + 1);
            }

            return slots;
        }

        /// <summary>Finds every label of the table through <see cref="Find"/>, which computes the key from the
        /// bytes itself: throws if one is not found, which would mean the two computations of the key differ.</summary>
        private static bool CheckFind()
        {
            for (int i = 0; i < All.Length; i++)
            {
                string text = All[i].Text;
                byte[] bytes = new byte[text.Length];
                for (int j = 0; j < text.Length; j++)
                {
                    bytes[j] = (byte)text[j];
                }

                if (Find(bytes, 0, bytes.Length) != All[i])
                {
                    throw new System.InvalidOperationException("TIC label " + All[i].Text + " is not found in its own table");
                }
            }

            return true;
        }

        private static TicLabel L(string text, byte modes, TicValueKind kind, QuantityId quantity, string unit, int dataLength, string description)
        {
            return new TicLabel(text, modes, kind, quantity, unit, false, dataLength, TicTariffOption.None, description, false);
        }

        /// <summary>A historique index register: 9 digits of Wh (Enedis-NOI-CPT_02E section 6).</summary>
        private static TicLabel Index(string text, TicTariffOption option, QuantityId quantity, string description)
        {
            return new TicLabel(text, H, TicValueKind.Energy, quantity, "Wh", false, 9, option, description, false);
        }

        private static TicLabel Horodated(string text, TicValueKind kind, QuantityId quantity, string unit, int dataLength, string description)
        {
            return new TicLabel(text, S, kind, quantity, unit, true, dataLength, TicTariffOption.None, description, false);
        }

        private static TicLabel Raw(string text, byte modes, string unit, string description)
        {
            return new TicLabel(text, modes, TicValueKind.Text, QuantityId.None, unit, false, 0, TicTariffOption.None, description, false);
        }

        /// <summary>
        /// A historique label of the three-phase meter's frames only (Enedis-NOI-CPT_02E section 6.2, "compteur
        /// triphasé"): its long frame carries IINST1..3, IMAX1..3, PMAX and PPOT where the single-phase meter's
        /// (section 6.1) carries IINST and IMAX; its short frame, sent during an overcurrent, carries ADIR1..3 where
        /// the single-phase meter sends ADPS. Any one of them in a frame says the meter is three-phase. Returns a
        /// copy of <paramref name="label"/> so marked.
        /// </summary>
        private static TicLabel ThreePhase(TicLabel label)
        {
            return new TicLabel(label.Text, label.Modes, label.Kind, label.Quantity, label.Unit, label.Horodated, label.DataLength, label.Option, label.Description, true);
        }

        private static TicLabel[] Build()
        {
            const QuantityId None = QuantityId.None;
            return new TicLabel[]
            {
                // Historique mode (Enedis-NOI-CPT_02E section 6.1 and 6.2: single- and three-phase meters).
                L("ADCO", H, TicValueKind.MeterId, None, "", 12, "meter address (12 digits)"),
                L("OPTARIF", H, TicValueKind.TariffOption, None, "", 0, "tariff option (BASE, HC.., EJP., BBRx)"),
                L("ISOUSC", H, TicValueKind.SubscribedCurrent, QuantityId.SubscribedPower, "A", 2, "subscribed current"),
                Index("BASE", TicTariffOption.Base, QuantityId.ActiveEnergyImportT1, "index, option Base"),
                Index("HCHC", TicTariffOption.OffPeak, QuantityId.ActiveEnergyImportT1, "index off-peak hours, option HC"),
                Index("HCHP", TicTariffOption.OffPeak, QuantityId.ActiveEnergyImportT2, "index peak hours, option HC"),
                Index("EJPHN", TicTariffOption.Ejp, QuantityId.ActiveEnergyImportT1, "index normal hours, option EJP"),
                Index("EJPHPM", TicTariffOption.Ejp, QuantityId.ActiveEnergyImportT2, "index mobile peak hours, option EJP"),
                Index("BBRHCJB", TicTariffOption.Tempo, QuantityId.ActiveEnergyImportT1, "index off-peak blue days, option Tempo"),
                Index("BBRHPJB", TicTariffOption.Tempo, QuantityId.ActiveEnergyImportT2, "index peak blue days, option Tempo"),
                Index("BBRHCJW", TicTariffOption.Tempo, QuantityId.ActiveEnergyImportT3, "index off-peak white days, option Tempo"),
                Index("BBRHPJW", TicTariffOption.Tempo, QuantityId.ActiveEnergyImportT4, "index peak white days, option Tempo"),
                Index("BBRHCJR", TicTariffOption.Tempo, QuantityId.ActiveEnergyImportT5, "index off-peak red days, option Tempo"),
                Index("BBRHPJR", TicTariffOption.Tempo, QuantityId.ActiveEnergyImportT6, "index peak red days, option Tempo"),
                L("PEJP", H, TicValueKind.Number, None, "min", 2, "EJP start notice (30 min)"),
                L("PTEC", H, TicValueKind.TariffPeriodCode, QuantityId.TariffPeriod, "", 0, "current tariff period"),
                Raw("DEMAIN", H, "", "tomorrow's colour, option Tempo (----, BLEU, BLAN, ROUG)"),
                L("IINST", H, TicValueKind.Measure, QuantityId.CurrentL1, "A", 3, "instantaneous current"),
                ThreePhase(L("IINST1", H, TicValueKind.Measure, QuantityId.CurrentL1, "A", 3, "instantaneous current, phase 1")),
                ThreePhase(L("IINST2", H, TicValueKind.Measure, QuantityId.CurrentL2, "A", 3, "instantaneous current, phase 2")),
                ThreePhase(L("IINST3", H, TicValueKind.Measure, QuantityId.CurrentL3, "A", 3, "instantaneous current, phase 3")),
                L("IMAX", H, TicValueKind.Number, None, "A", 3, "maximum current"),
                ThreePhase(L("IMAX1", H, TicValueKind.Number, None, "A", 3, "maximum current, phase 1")),
                ThreePhase(L("IMAX2", H, TicValueKind.Number, None, "A", 3, "maximum current, phase 2")),
                ThreePhase(L("IMAX3", H, TicValueKind.Number, None, "A", 3, "maximum current, phase 3")),
                L("ADPS", H, TicValueKind.OverloadAlert, QuantityId.CurrentL1, "A", 3, "subscribed power exceeded warning"),
                ThreePhase(L("ADIR1", H, TicValueKind.OverloadAlert, QuantityId.CurrentL1, "A", 3, "overcurrent warning, phase 1")),
                ThreePhase(L("ADIR2", H, TicValueKind.OverloadAlert, QuantityId.CurrentL2, "A", 3, "overcurrent warning, phase 2")),
                ThreePhase(L("ADIR3", H, TicValueKind.OverloadAlert, QuantityId.CurrentL3, "A", 3, "overcurrent warning, phase 3")),
                ThreePhase(L("PMAX", H, TicValueKind.Number, None, "W", 5, "maximum power, three-phase")),
                L("PAPP", H, TicValueKind.Measure, QuantityId.TotalApparentPower, "VA", 5, "apparent power"),
                Raw("HHPHC", H, "", "peak/off-peak schedule group"),
                Raw("MOTDETAT", H, "", "meter status word"),
                ThreePhase(Raw("PPOT", H, "", "presence of potentials (three-phase), hex")),

                // Standard mode (Enedis-NOI-CPT_54E section 6.2.3).
                L("ADSC", S, TicValueKind.MeterId, None, "", 12, "secondary meter address (12 digits)"),
                Raw("VTIC", S, "", "TIC version"),
                Horodated("DATE", TicValueKind.MeterDate, None, "", 0, "meter date and time"),
                Raw("NGTF", S, "", "supplier tariff name"),
                Raw("LTARF", S, "", "current supplier tariff period label"),
                L("EAST", S, TicValueKind.Energy, QuantityId.TotalActiveEnergyImport, "Wh", 9, "total active energy imported"),
                L("EASF01", S, TicValueKind.Energy, QuantityId.ActiveEnergyImportT1, "Wh", 9, "supplier index 1"),
                L("EASF02", S, TicValueKind.Energy, QuantityId.ActiveEnergyImportT2, "Wh", 9, "supplier index 2"),
                L("EASF03", S, TicValueKind.Energy, QuantityId.ActiveEnergyImportT3, "Wh", 9, "supplier index 3"),
                L("EASF04", S, TicValueKind.Energy, QuantityId.ActiveEnergyImportT4, "Wh", 9, "supplier index 4"),
                L("EASF05", S, TicValueKind.Energy, QuantityId.ActiveEnergyImportT5, "Wh", 9, "supplier index 5"),
                L("EASF06", S, TicValueKind.Energy, QuantityId.ActiveEnergyImportT6, "Wh", 9, "supplier index 6"),
                L("EASF07", S, TicValueKind.Energy, QuantityId.ActiveEnergyImportT7, "Wh", 9, "supplier index 7"),
                L("EASF08", S, TicValueKind.Energy, QuantityId.ActiveEnergyImportT8, "Wh", 9, "supplier index 8"),
                L("EASF09", S, TicValueKind.Energy, QuantityId.ActiveEnergyImportT9, "Wh", 9, "supplier index 9"),
                L("EASF10", S, TicValueKind.Energy, QuantityId.ActiveEnergyImportT10, "Wh", 9, "supplier index 10"),
                L("EASD01", S, TicValueKind.Energy, QuantityId.ActiveEnergyImportD1, "Wh", 9, "distributor index 1"),
                L("EASD02", S, TicValueKind.Energy, QuantityId.ActiveEnergyImportD2, "Wh", 9, "distributor index 2"),
                L("EASD03", S, TicValueKind.Energy, QuantityId.ActiveEnergyImportD3, "Wh", 9, "distributor index 3"),
                L("EASD04", S, TicValueKind.Energy, QuantityId.ActiveEnergyImportD4, "Wh", 9, "distributor index 4"),
                L("EAIT", S, TicValueKind.Energy, QuantityId.TotalActiveEnergyExport, "Wh", 9, "total active energy injected"),
                L("ERQ1", S, TicValueKind.Energy, QuantityId.ReactiveEnergyQ1, "varh", 9, "total reactive energy Q1"),
                L("ERQ2", S, TicValueKind.Energy, QuantityId.ReactiveEnergyQ2, "varh", 9, "total reactive energy Q2"),
                L("ERQ3", S, TicValueKind.Energy, QuantityId.ReactiveEnergyQ3, "varh", 9, "total reactive energy Q3"),
                L("ERQ4", S, TicValueKind.Energy, QuantityId.ReactiveEnergyQ4, "varh", 9, "total reactive energy Q4"),
                L("IRMS1", S, TicValueKind.Measure, QuantityId.CurrentL1, "A", 3, "RMS current, phase 1"),
                L("IRMS2", S, TicValueKind.Measure, QuantityId.CurrentL2, "A", 3, "RMS current, phase 2"),
                L("IRMS3", S, TicValueKind.Measure, QuantityId.CurrentL3, "A", 3, "RMS current, phase 3"),
                L("URMS1", S, TicValueKind.Measure, QuantityId.PhaseVoltageL1, "V", 3, "RMS voltage, phase 1"),
                L("URMS2", S, TicValueKind.Measure, QuantityId.PhaseVoltageL2, "V", 3, "RMS voltage, phase 2"),
                L("URMS3", S, TicValueKind.Measure, QuantityId.PhaseVoltageL3, "V", 3, "RMS voltage, phase 3"),
                L("PREF", S, TicValueKind.KiloVoltAmpere, QuantityId.SubscribedPower, "kVA", 2, "reference (subscribed) apparent power"),
                L("PCOUP", S, TicValueKind.KiloVoltAmpere, QuantityId.CutoffPower, "kVA", 2, "cut-off apparent power threshold"),
                L("SINSTS", S, TicValueKind.Measure, QuantityId.TotalApparentPower, "VA", 5, "apparent power imported"),
                L("SINSTS1", S, TicValueKind.Measure, QuantityId.ApparentPowerL1, "VA", 5, "apparent power imported, phase 1"),
                L("SINSTS2", S, TicValueKind.Measure, QuantityId.ApparentPowerL2, "VA", 5, "apparent power imported, phase 2"),
                L("SINSTS3", S, TicValueKind.Measure, QuantityId.ApparentPowerL3, "VA", 5, "apparent power imported, phase 3"),
                Horodated("SMAXSN", TicValueKind.Number, None, "VA", 5, "maximum apparent power imported today"),
                Horodated("SMAXSN1", TicValueKind.Number, None, "VA", 5, "maximum apparent power imported today, phase 1"),
                Horodated("SMAXSN2", TicValueKind.Number, None, "VA", 5, "maximum apparent power imported today, phase 2"),
                Horodated("SMAXSN3", TicValueKind.Number, None, "VA", 5, "maximum apparent power imported today, phase 3"),
                Horodated("SMAXSN-1", TicValueKind.Number, None, "VA", 5, "maximum apparent power imported yesterday"),
                Horodated("SMAXSN1-1", TicValueKind.Number, None, "VA", 5, "maximum apparent power imported yesterday, phase 1"),
                Horodated("SMAXSN2-1", TicValueKind.Number, None, "VA", 5, "maximum apparent power imported yesterday, phase 2"),
                Horodated("SMAXSN3-1", TicValueKind.Number, None, "VA", 5, "maximum apparent power imported yesterday, phase 3"),
                L("SINSTI", S, TicValueKind.Measure, QuantityId.TotalApparentPowerExport, "VA", 5, "apparent power injected"),
                Horodated("SMAXIN", TicValueKind.Number, None, "VA", 5, "maximum apparent power injected today"),
                Horodated("SMAXIN-1", TicValueKind.Number, None, "VA", 5, "maximum apparent power injected yesterday"),
                Horodated("CCASN", TicValueKind.Measure, QuantityId.AverageActivePowerImport, "W", 5, "load curve point n, active power imported"),
                Horodated("CCASN-1", TicValueKind.Number, None, "W", 5, "load curve point n-1, active power imported"),
                Horodated("CCAIN", TicValueKind.Measure, QuantityId.AverageActivePowerExport, "W", 5, "load curve point n, active power injected"),
                Horodated("CCAIN-1", TicValueKind.Number, None, "W", 5, "load curve point n-1, active power injected"),
                Horodated("UMOY1", TicValueKind.Measure, QuantityId.AverageVoltageL1, "V", 3, "mean voltage, phase 1"),
                Horodated("UMOY2", TicValueKind.Measure, QuantityId.AverageVoltageL2, "V", 3, "mean voltage, phase 2"),
                Horodated("UMOY3", TicValueKind.Measure, QuantityId.AverageVoltageL3, "V", 3, "mean voltage, phase 3"),
                L("STGE", S, TicValueKind.Status, None, "", 8, "status register"),
                Horodated("DPM1", TicValueKind.Text, None, "", 0, "start of mobile peak 1"),
                Horodated("FPM1", TicValueKind.Text, None, "", 0, "end of mobile peak 1"),
                Horodated("DPM2", TicValueKind.Text, None, "", 0, "start of mobile peak 2"),
                Horodated("FPM2", TicValueKind.Text, None, "", 0, "end of mobile peak 2"),
                Horodated("DPM3", TicValueKind.Text, None, "", 0, "start of mobile peak 3"),
                Horodated("FPM3", TicValueKind.Text, None, "", 0, "end of mobile peak 3"),
                Raw("MSG1", S, "", "short message"),
                Raw("MSG2", S, "", "ultra-short message"),
                L("PRM", S, TicValueKind.MeterId, None, "", 14, "delivery point reference (PRM, 14 digits)"),
                Raw("RELAIS", S, "", "virtual relays (bit field, decimal)"),
                L("NTARF", S, TicValueKind.TariffIndex, QuantityId.TariffPeriod, "", 2, "current supplier tariff index"),
                Raw("NJOURF", S, "", "current supplier calendar day number"),
                Raw("NJOURF+1", S, "", "next supplier calendar day number"),
                Raw("PJOURF+1", S, "", "next day profile, supplier calendar"),
                Raw("PPOINTE", S, "", "next peak day profile"),
            };
        }
    }
}
