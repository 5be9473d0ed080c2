#nullable disable
using Edge.Core.Model;

namespace Edge.Drivers.Tic
{
    /// <summary>One label of the TIC label tables, and how its data maps onto the canonical quantities.</summary>
    public sealed class TicLabel
    {
        public const byte InHistorique = 1;
        public const byte InStandard = 2;

        internal TicLabel(string text, byte modes, TicValueKind kind, QuantityId quantity, string unit, bool horodated, string description)
        {
            Text = text;
            Bytes = new byte[text.Length];
            for (int i = 0; i < text.Length; i++)
            {
                Bytes[i] = (byte)text[i];
            }

            Modes = modes;
            Kind = kind;
            Quantity = quantity;
            Unit = unit;
            Horodated = horodated;
            Description = description;
        }

        public string Text { get; private set; }

        /// <summary>The label as ASCII bytes, compared with received groups without converting them to strings.</summary>
        public byte[] Bytes { get; private set; }

        /// <summary><see cref="InHistorique"/> and/or <see cref="InStandard"/>.</summary>
        public byte Modes { get; private set; }

        public TicValueKind Kind { get; private set; }

        /// <summary>The canonical quantity for Energy, Measure, SubscribedCurrent, KiloVoltAmpere and tariff kinds.</summary>
        public QuantityId Quantity { get; private set; }

        /// <summary>The unit of the raw data as the meter sends it ("Wh", "kVA", "A"...), empty if none.</summary>
        public string Unit { get; private set; }

        /// <summary>Standard-mode groups of this label carry a horodate.</summary>
        public bool Horodated { get; private set; }

        public string Description { get; private set; }

        /// <summary>True for the historique index registers whose sum is the total import energy.</summary>
        public bool IsHistoriqueIndex
        {
            get { return Kind == TicValueKind.Energy && Modes == InHistorique; }
        }

        public bool IsIn(TicMode mode)
        {
            return mode == TicMode.Auto || (mode == TicMode.Historique ? (Modes & InHistorique) != 0 : (Modes & InStandard) != 0);
        }
    }
}
