#nullable disable
namespace Edge.Core.Meters
{
    /// <summary>
    /// A Modbus meter's register table as a node configuration gives it, for a model the drivers do not ship: plain
    /// fields and an array, so the configuration reader fills it without knowing the driver. The factory checks it
    /// row by row and refuses a bad one with the field's name.
    /// </summary>
    public sealed class ModbusTableSpec
    {
        /// <summary>Name of the model, for the log; "custom" when empty.</summary>
        public string Model;

        /// <summary>Most registers the meter answers in one read; 0 for the protocol's 125.</summary>
        public int MaxRegistersPerRequest;

        /// <summary>Unmapped registers a read may span between two rows; 0 (the default) for a meter that refuses a
        /// register it lacks.</summary>
        public int MaxGap;

        /// <summary>The values to read, one row each.</summary>
        public ModbusRegisterSpec[] Registers;
    }

    /// <summary>One row of a <see cref="ModbusTableSpec"/>: where a value is, how it is coded and what it is.</summary>
    public sealed class ModbusRegisterSpec
    {
        /// <summary>3 (holding registers) or 4 (input registers); 0 for 4.</summary>
        public int Function;

        /// <summary>First register of the value as sent on the line (0-based: a document's 30001 is 0).</summary>
        public int Address;

        /// <summary>"float32", "int16", "uint16", "int32" or "uint32".</summary>
        public string Type;

        /// <summary>True when a 32-bit value comes low word first.</summary>
        public bool LowWordFirst;

        /// <summary>Power of ten from the raw value to the quantity's unit: 3 for kWh to Wh, -1 for a register in
        /// tenths of a volt.</summary>
        public int Scale;

        /// <summary>Decimals the readings keep, at least -<see cref="Scale"/>.</summary>
        public int Decimals;

        /// <summary>The canonical quantity's name, e.g. "phaseVoltage.L1".</summary>
        public string Quantity;
    }
}
