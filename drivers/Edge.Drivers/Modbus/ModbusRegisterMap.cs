#nullable disable
using System;
using Edge.Core.Model;

namespace Edge.Drivers.Modbus
{
    /// <summary>
    /// A meter model as data: one row per value the meter offers (function, register, type and word order, the
    /// power of ten to the quantity's unit, decimals kept, quantity). Rows live in parallel arrays of bytes and
    /// shorts sized once, about 7 bytes a row in the heap, so a node keeps only the table of the model it reads.
    /// The read plan (<see cref="ModbusReadPlan"/>) groups the rows into requests within the model's limits.
    /// </summary>
    public sealed class ModbusRegisterMap
    {
        /// <summary>Largest decimal scale a row may have either way (10^9 is a long's comfortable limit).</summary>
        public const int MaxScale = 9;

        private readonly byte[] _function;
        private readonly ushort[] _address;
        private readonly byte[] _type;
        private readonly bool[] _lowWordFirst;
        private readonly sbyte[] _scale;
        private readonly byte[] _decimals;
        private readonly byte[] _quantity;

        /// <param name="model">Name of the model, for the log ("sdm630", "custom").</param>
        /// <param name="capacity">Rows the table will hold.</param>
        /// <param name="maxRegistersPerRequest">Most registers the meter answers in one read: 125 by the protocol
        /// (Application Protocol V1.1b3, §6.3, §6.4), often fewer on a meter (Eastron SDM630: 80).</param>
        /// <param name="maxGap">Unmapped registers one request may read across, between two rows: 0 for a meter that
        /// refuses a register it lacks with exception 02.</param>
        public ModbusRegisterMap(string model, int capacity, int maxRegistersPerRequest, int maxGap)
        {
            if (capacity < 1)
            {
                throw new ArgumentOutOfRangeException("capacity", "a register map needs at least one row");
            }

            if (maxRegistersPerRequest < 1 || maxRegistersPerRequest > ModbusFunction.MaxReadRegisters)
            {
                throw new ArgumentOutOfRangeException("maxRegistersPerRequest", "a read asks for 1 to 125 registers");
            }

            if (maxGap < 0)
            {
                throw new ArgumentOutOfRangeException("maxGap");
            }

            Model = model;
            MaxRegistersPerRequest = maxRegistersPerRequest;
            MaxGap = maxGap;
            _function = new byte[capacity];
            _address = new ushort[capacity];
            _type = new byte[capacity];
            _lowWordFirst = new bool[capacity];
            _scale = new sbyte[capacity];
            _decimals = new byte[capacity];
            _quantity = new byte[capacity];
        }

        /// <summary>Name of the model, for the log.</summary>
        public string Model { get; private set; }

        /// <summary>Rows added so far.</summary>
        public int Count { get; private set; }

        /// <summary>Most registers one request may ask for.</summary>
        public int MaxRegistersPerRequest { get; private set; }

        /// <summary>Unmapped registers one request may read across.</summary>
        public int MaxGap { get; private set; }

        /// <summary>Adds a row: <paramref name="function"/> 0x03 or 0x04, <paramref name="address"/> the register as
        /// sent (0-based: Eastron's 30001 is 0x0000), the raw value times 10^<paramref name="scale"/> in the
        /// quantity's unit (kWh to Wh: 3), <paramref name="decimals"/> kept; returns the map, for chaining. Refuses a
        /// row that overlaps another or repeats a quantity, naming what is wrong.</summary>
        public ModbusRegisterMap Add(int function, int address, ModbusValueType type, bool lowWordFirst, int scale, int decimals, QuantityId quantity)
        {
            if (Count == _function.Length)
            {
                throw new InvalidOperationException("the register map is full");
            }

            if (function != ModbusFunction.ReadHoldingRegisters && function != ModbusFunction.ReadInputRegisters)
            {
                throw new ArgumentOutOfRangeException("function", "registers are read with function 3 or 4");
            }

            int width = ModbusValue.Width(type);
            if (address < 0 || address + width > 0x10000)
            {
                throw new ArgumentOutOfRangeException("address", "register addresses go from 0 to 65535");
            }

            if (type < ModbusValueType.UInt16 || type > ModbusValueType.Float32)
            {
                throw new ArgumentOutOfRangeException("type");
            }

            if (width > MaxRegistersPerRequest)
            {
                throw new ArgumentOutOfRangeException("type", "a value wider than one request can read");
            }

            if (scale < -MaxScale || scale > MaxScale)
            {
                throw new ArgumentOutOfRangeException("scale", "scale goes from -9 to 9");
            }

            if (decimals < 0 || decimals > Reading.MaxDecimals || scale + decimals < 0 || scale + decimals > ModbusValue.MaxPower)
            {
                throw new ArgumentOutOfRangeException("decimals", "decimals go from 0 to 9, at least -scale, at most 10 - scale");
            }

            if ((int)quantity < 0 || (int)quantity >= Quantities.Count)
            {
                throw new ArgumentOutOfRangeException("quantity");
            }

            for (int row = 0; row < Count; row++)
            {
                if (_quantity[row] == (byte)quantity)
                {
                    throw new ArgumentException("quantity " + Quantities.NameOf(quantity) + " is mapped twice", "quantity");
                }

                if (_function[row] == function && address < _address[row] + Width(row) && _address[row] < address + width)
                {
                    throw new ArgumentException("register " + address.ToString() + " overlaps register " + ((int)_address[row]).ToString(), "address");
                }
            }

            int at = Count;
            _function[at] = (byte)function;
            _address[at] = (ushort)address;
            _type[at] = (byte)type;
            _lowWordFirst[at] = lowWordFirst;
            _scale[at] = (sbyte)scale;
            _decimals[at] = (byte)decimals;
            _quantity[at] = (byte)quantity;
            Count = at + 1;
            return this;
        }

        /// <summary>Read function of row <paramref name="row"/> (0x03 or 0x04).</summary>
        public int Function(int row)
        {
            return _function[row];
        }

        /// <summary>First register of row <paramref name="row"/>.</summary>
        public int Address(int row)
        {
            return _address[row];
        }

        /// <summary>Registers row <paramref name="row"/> spans.</summary>
        public int Width(int row)
        {
            return ModbusValue.Width((ModbusValueType)_type[row]);
        }

        /// <summary>Value type of row <paramref name="row"/>.</summary>
        public ModbusValueType Type(int row)
        {
            return (ModbusValueType)_type[row];
        }

        /// <summary>True when row <paramref name="row"/>'s 32-bit value comes low word first.</summary>
        public bool LowWordFirst(int row)
        {
            return _lowWordFirst[row];
        }

        /// <summary>Power of ten from the raw value to the quantity's unit.</summary>
        public int Scale(int row)
        {
            return _scale[row];
        }

        /// <summary>Decimals row <paramref name="row"/>'s readings keep.</summary>
        public int Decimals(int row)
        {
            return _decimals[row];
        }

        /// <summary>Quantity of row <paramref name="row"/>.</summary>
        public QuantityId Quantity(int row)
        {
            return (QuantityId)_quantity[row];
        }

        /// <summary>The value of row <paramref name="row"/> from its registers at <paramref name="offset"/> of
        /// <paramref name="data"/>, as a reading's mantissa at <see cref="Decimals"/>; false when the registers hold
        /// no number (see <see cref="ModbusValue.TryScale"/>).</summary>
        public bool TryValue(int row, byte[] data, int offset, out long value)
        {
            return ModbusValue.TryScale(data, offset, (ModbusValueType)_type[row], _lowWordFirst[row], _scale[row] + _decimals[row], out value);
        }
    }
}
