#nullable disable
using Edge.Core.Model;

namespace Edge.Drivers.P1
{
    /// <summary>
    /// One row of the P1 field table (<see cref="P1Fields"/>): an OBIS code a DSMR or e-MUCS meter sends, the name
    /// the decoder gives it, the canonical quantity it feeds, the unit family its value must carry and the shape of
    /// its value. Several rows may feed one quantity with opposite signs: the active power of L1 is 1-0:21.7.0
    /// (imported) minus 1-0:22.7.0 (exported), since a meter sends both as positive numbers and one of them is 0.
    /// </summary>
    public sealed class P1Field
    {
        /// <summary>Value of the channel byte in <see cref="Code"/> for a row that holds on every M-Bus channel
        /// (0-1 to 0-4, DSMR 5.0.2 §7.3).</summary>
        public const int AnyChannel = 0xFF;

        /// <summary>Highest M-Bus channel number: a P1 port carries at most four M-Bus devices (DSMR 5.0.2 §7.3).</summary>
        public const int MaxChannel = 4;

        /// <param name="obis">OBIS code as printed, e.g. "1-0:1.8.1"; "0-n:24.2.1" for a row of every M-Bus channel.</param>
        /// <param name="name">Field name in decoded output, e.g. "energyDeliveredTariff1".</param>
        /// <param name="quantity">Quantity fed, or <see cref="QuantityId.None"/>.</param>
        /// <param name="sign">+1 or -1: how the value adds into <paramref name="quantity"/>.</param>
        /// <param name="unit">Unit family the value must carry.</param>
        /// <param name="kind">Shape of the value part.</param>
        public P1Field(string obis, string name, QuantityId quantity, int sign, P1Unit unit, P1FieldKind kind)
        {
            Obis = obis;
            Name = name;
            Quantity = quantity;
            Sign = sign;
            Unit = unit;
            Kind = kind;
            Code = Pack(obis);
        }

        /// <summary>The OBIS code as printed in the standard, e.g. "1-0:21.7.0" or "0-n:24.2.1".</summary>
        public string Obis { get; private set; }

        /// <summary>The OBIS code packed as <see cref="P1Fields.Pack"/> does, with <see cref="AnyChannel"/> as B
        /// for an M-Bus row.</summary>
        public long Code { get; private set; }

        /// <summary>Field name in decoded output (camelCase, as in ESPHome's dsmr component where it has one).</summary>
        public string Name { get; private set; }

        /// <summary>Canonical quantity the value feeds; <see cref="QuantityId.None"/> when it feeds none directly (a
        /// count, an identifier, an M-Bus value whose quantity its channel's device type decides).</summary>
        public QuantityId Quantity { get; private set; }

        /// <summary>+1 when the value adds into <see cref="Quantity"/>, -1 when it is taken off (exported power).</summary>
        public int Sign { get; private set; }

        /// <summary>Unit family the printed unit must belong to.</summary>
        public P1Unit Unit { get; private set; }

        /// <summary>Shape of the brackets after the code.</summary>
        public P1FieldKind Kind { get; private set; }

        /// <summary>True for a row of every M-Bus channel ("0-n:...").</summary>
        public bool IsChannel
        {
            get { return ((Code >> 24) & 0xFF) == AnyChannel; }
        }

        private static long Pack(string obis)
        {
            // "A-B:C.D.E": five numbers; "n" stands for any channel.
            int[] parts = new int[5];
            int part = 0;
            int value = 0;
            for (int i = 0; i <= obis.Length; i++)
            {
                char c = i < obis.Length ? obis[i] : '.';
                if (c >= '0' && c <= '9')
                {
                    value = value * 10 + (c - '0');
                }
                else if (c == 'n')
                {
                    value = AnyChannel;
                }
                else
                {
                    parts[part++] = value;
                    value = 0;
                }
            }

            return P1Fields.Pack(parts[0], parts[1], parts[2], parts[3], parts[4]);
        }
    }
}
