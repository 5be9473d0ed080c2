#nullable disable
using Edge.Core.Model;

namespace Edge.Drivers.Tic
{
    /// <summary>One label of the TIC label tables, and how its data maps onto the canonical quantities.</summary>
    public sealed class TicLabel
    {
        /// <summary>Flag of <see cref="Modes"/>: the label is in the historique table (Enedis-NOI-CPT_02E section 6).</summary>
        public const byte InHistorique = 1;

        /// <summary>Flag of <see cref="Modes"/>: the label is in the standard table (Enedis-NOI-CPT_54E section 6.2.3).</summary>
        public const byte InStandard = 2;

        internal TicLabel(string text, byte modes, TicValueKind kind, QuantityId quantity, string unit, bool horodated, int dataLength, TicTariffOption option, string description, bool threePhaseOnly)
        {
            Text = text;
            Key = TicLabels.KeyOf(text);
            for (int i = 0; i < text.Length; i++)
            {
                ByteSum += text[i];
            }

            Modes = modes;
            Kind = kind;
            Quantity = quantity;
            Unit = unit;
            Horodated = horodated;
            DataLength = dataLength;
            Option = option;
            Description = description;
            ThreePhaseOnly = threePhaseOnly;
            RegisterSlot = -1;
            switch (kind)
            {
                case TicValueKind.Energy:
                case TicValueKind.Measure:
                case TicValueKind.Number:
                case TicValueKind.SubscribedCurrent:
                case TicValueKind.KiloVoltAmpere:
                case TicValueKind.TariffIndex:
                case TicValueKind.OverloadAlert:
                case TicValueKind.MeterId:
                    IsNumeric = true;
                    break;
            }

            ReadsNumber = IsNumeric && !horodated && dataLength > 0;
        }

        // Read-only fields rather than properties: the decoder and the interpreter read several of them for every
        // group, and on the nanoFramework interpreter each property access is a method call.

        /// <summary>The label as it is sent (e.g. "EAST", "ISOUSC").</summary>
        public readonly string Text;

        /// <summary>The sum of the label's bytes, a term of the checksum of every group that carries it
        /// (Enedis-NOI-CPT_54E section 6.2.2): added once when the label is found, instead of byte by byte as the
        /// label arrives.</summary>
        internal readonly int ByteSum;

        /// <summary>The label's bytes as one number (<see cref="TicLabels.KeyOf"/>), by which it is found.</summary>
        internal readonly long Key;

        /// <summary><see cref="InHistorique"/> and/or <see cref="InStandard"/>.</summary>
        public readonly byte Modes;

        /// <summary>What the data means, which decides how the interpreter turns it into readings.</summary>
        public readonly TicValueKind Kind;

        /// <summary>The canonical quantity for Energy, Measure, SubscribedCurrent, KiloVoltAmpere and tariff kinds.</summary>
        public readonly QuantityId Quantity;

        /// <summary>The unit of the raw data as the meter sends it ("Wh", "kVA", "A"...), empty if none.</summary>
        public readonly string Unit;

        /// <summary>Standard-mode groups of this label carry a horodate.</summary>
        public readonly bool Horodated;

        /// <summary>
        /// Number of data characters the label's table gives (Enedis-NOI-CPT_02E section 6, Enedis-NOI-CPT_54E
        /// section 6.2.3), for the labels whose data are digits (and STGE, 8 hex digits); 0 for text, whose
        /// content the driver does not use.
        /// </summary>
        public readonly int DataLength;

        /// <summary>For a historique index register, the tariff option it belongs to; None otherwise.</summary>
        public readonly TicTariffOption Option;

        /// <summary>A short English description for tools and listings (e.g. "index peak hours, option HC").</summary>
        public readonly string Description;

        /// <summary>Only a three-phase meter sends this label (historique: Enedis-NOI-CPT_02E section 6.2), so a
        /// frame that carries it comes from one.</summary>
        public readonly bool ThreePhaseOnly;

        /// <summary>The data are decimal digits, <see cref="DataLength"/> of them, which <see cref="Fits"/> checks
        /// and turns into the group's number.</summary>
        internal readonly bool IsNumeric;

        /// <summary>Numeric and without horodate: the decoder reads the digits as they arrive, right after the
        /// label's separator (<see cref="TicGroupScanner"/>).</summary>
        internal readonly bool ReadsNumber;

        /// <summary>Position of an energy register among <see cref="TicLabels.RegisterCount"/>; -1 for other labels.</summary>
        public int RegisterSlot { get; internal set; }

        /// <summary>True if groups of this label are taken in <paramref name="mode"/>: every label in
        /// <see cref="TicMode.Auto"/>, else only those of that mode's table.</summary>
        public bool IsIn(TicMode mode)
        {
            return mode == TicMode.Auto || (mode == TicMode.Historique ? (Modes & InHistorique) != 0 : (Modes & InStandard) != 0);
        }

        /// <summary>
        /// True if the group's fields have the form this label requires: a horodate exactly when the label has one
        /// (13 characters), and for numeric data only decimal digits, as many as the table gives; the group then
        /// keeps the number for the interpreter, which need not read the digits again. STGE's hex digits are
        /// checked where the value is parsed. A bit 6 flipped in a digit passes the 6-bit checksum but never this:
        /// '0'..'9' (0x30-0x39) become 'p'..'y'.
        /// </summary>
        public bool Fits(TicGroup group)
        {
            bool hasHorodate = group.HorodateStartField >= 0;
            if (Horodated != hasHorodate || (hasHorodate && group.HorodateLengthField != TicHorodate.Length))
            {
                return false;
            }

            if (IsNumeric)
            {
                // The digits are judged here, for the numeric labels only, rather than for every byte of every
                // group as it arrives; the same loop gives the number. At most 14 digits (PRM): no overflow.
                int length = group.ValueLengthField;
                if (length != DataLength || length == 0)
                {
                    return false;
                }

                byte[] b = group.BufferField;
                int i = group.ValueStartField;
                int end = i + length;
                long value = 0;
                while (i < end)
                {
                    int digit = b[i] - '0';
                    if ((uint)digit > 9)
                    {
                        return false;
                    }

                    value = (value * 10) + digit;
                    i++;
                }

                group.Number = value;
                return true;
            }

            return Kind != TicValueKind.Status || group.ValueLengthField == DataLength;
        }
    }
}
