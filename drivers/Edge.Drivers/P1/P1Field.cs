#nullable disable
using Edge.Core.Model;

namespace Edge.Drivers.P1
{
    /// <summary>
    /// One row of the P1 field table (<see cref="P1Fields"/>), for tools and tests: an OBIS code a DSMR or e-MUCS
    /// meter sends, the name the decoder gives it, the canonical quantity it feeds, the unit family its value must
    /// carry and the shape of its value. Several rows may feed one quantity with opposite signs: the active power of
    /// L1 is 1-0:21.7.0 (imported) minus 1-0:22.7.0 (exported), since a meter sends both as positive numbers and one
    /// of them is 0. The decoder reads the table's arrays, not these objects.
    /// </summary>
    public sealed class P1Field
    {
        /// <summary>Value of the channel part B in <see cref="Code"/> for a row that holds on every M-Bus channel.</summary>
        public const int AnyChannel = 0x0F;

        /// <summary>Highest M-Bus channel number: a P1 port carries at most four M-Bus devices (DSMR 5.0.2 §7.3).</summary>
        public const int MaxChannel = 4;

        internal P1Field(int row)
        {
            Row = row;
        }

        /// <summary>Index of the row in <see cref="P1Fields"/>.</summary>
        public int Row { get; private set; }

        /// <summary>The OBIS code as printed in the standard, e.g. "1-0:21.7.0" or "0-n:24.2.1".</summary>
        public string Obis
        {
            get { return P1Fields.ObisOf(Row); }
        }

        /// <summary>The OBIS code packed as <see cref="P1Fields.Pack"/> does, with <see cref="AnyChannel"/> as B
        /// for an M-Bus row.</summary>
        public int Code
        {
            get { return P1Fields.CodeOf(Row); }
        }

        /// <summary>Field name in decoded output (camelCase, after ESPHome's dsmr component where it has one).</summary>
        public string Name
        {
            get { return P1Fields.NameOf(Row); }
        }

        /// <summary>Canonical quantity the value feeds; <see cref="QuantityId.None"/> when it feeds none directly (a
        /// count, an identifier, an M-Bus value whose quantity its channel's device type decides).</summary>
        public QuantityId Quantity
        {
            get { return P1Fields.QuantityOf(Row); }
        }

        /// <summary>+1 when the value adds into <see cref="Quantity"/>, -1 when it is taken off (exported power).</summary>
        public int Sign
        {
            get { return P1Fields.SignOf(Row); }
        }

        /// <summary>Unit family the printed unit must belong to.</summary>
        public P1Unit Unit
        {
            get { return P1Fields.UnitOf(Row); }
        }

        /// <summary>Shape of the brackets after the code.</summary>
        public P1FieldKind Kind
        {
            get { return P1Fields.KindOf(Row); }
        }

        /// <summary>True for a row of every M-Bus channel ("0-n:...").</summary>
        public bool IsChannel
        {
            get { return ((Code >> 24) & 0x0F) == AnyChannel; }
        }
    }
}
