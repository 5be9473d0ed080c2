#nullable disable
namespace Edge.Drivers.Modbus
{
    /// <summary>
    /// How a meter's value sits in its registers. Modbus itself knows only 16-bit registers, sent high byte first
    /// (Application Protocol V1.1b3, §4.2); a 32-bit value spans two registers in an order the meter's documentation
    /// gives (Eastron: high word first, §2 of its protocol documents).
    /// </summary>
    public enum ModbusValueType : byte
    {
        /// <summary>One register, 0 to 65535.</summary>
        UInt16 = 1,

        /// <summary>One register, two's complement, -32768 to 32767.</summary>
        Int16 = 2,

        /// <summary>Two registers, 0 to 4,294,967,295.</summary>
        UInt32 = 3,

        /// <summary>Two registers, two's complement.</summary>
        Int32 = 4,

        /// <summary>Two registers, IEEE 754 single precision (Eastron SDM: every measurement).</summary>
        Float32 = 5,
    }
}
