#nullable disable
using System;
using Edge.Core.Meters;
using Edge.Core.Model;

namespace Edge.Drivers.Modbus
{
    /// <summary>
    /// Turns the register table a node configuration gives (<see cref="ModbusTableSpec"/>) into a
    /// <see cref="ModbusRegisterMap"/>, refusing a bad row with the field's name ("modbusTable.registers[2].type"),
    /// so any Modbus meter can be read without a driver of its own.
    /// </summary>
    public static class ModbusCustomMap
    {
        /// <summary>Model name of a table that gives none.</summary>
        public const string DefaultModel = "custom";

        /// <summary>The map of <paramref name="table"/>; <paramref name="prefix"/> starts every refusal ("meter 'pv': ").</summary>
        public static ModbusRegisterMap Build(ModbusTableSpec table, string prefix)
        {
            if (table.Registers == null || table.Registers.Length == 0)
            {
                throw new ArgumentException(prefix + "modbusTable.registers is empty", "modbusTable.registers");
            }

            int max = table.MaxRegistersPerRequest == 0 ? ModbusFunction.MaxReadRegisters : table.MaxRegistersPerRequest;
            if (max < 1 || max > ModbusFunction.MaxReadRegisters)
            {
                throw new ArgumentException(prefix + "modbusTable.maxRegistersPerRequest " + max.ToString() + " is outside 1..125", "modbusTable.maxRegistersPerRequest");
            }

            if (table.MaxGap < 0)
            {
                throw new ArgumentException(prefix + "modbusTable.maxGap may not be negative", "modbusTable.maxGap");
            }

            string model = table.Model == null || table.Model.Length == 0 ? DefaultModel : table.Model;
            ModbusRegisterMap map = new ModbusRegisterMap(model, table.Registers.Length, max, table.MaxGap);
            for (int i = 0; i < table.Registers.Length; i++)
            {
                string field = "modbusTable.registers[" + i.ToString() + "]";
                ModbusRegisterSpec row = table.Registers[i];
                if (row == null)
                {
                    throw new ArgumentException(prefix + field + " is missing", field);
                }

                ModbusValueType type;
                if (!TryType(row.Type, out type))
                {
                    throw new ArgumentException(prefix + field + ".type '" + row.Type + "' is not one of float32, int16, uint16, int32, uint32", field + ".type");
                }

                QuantityId quantity;
                if (!Quantities.TryParse(row.Quantity, out quantity))
                {
                    throw new ArgumentException(prefix + field + ".quantity '" + row.Quantity + "' is not a quantity of the vocabulary", field + ".quantity");
                }

                int function = row.Function == 0 ? ModbusFunction.ReadInputRegisters : row.Function;
                try
                {
                    map.Add(function, row.Address, type, row.LowWordFirst, row.Scale, row.Decimals, quantity);
                }
                catch (ArgumentException e)
                {
                    throw new ArgumentException(prefix + field + "." + e.ParamName + ": " + Sentence(e), field + "." + e.ParamName);
                }
            }

            return map;
        }

        /// <summary>The value type a configuration names ("float32"...); false for another name.</summary>
        public static bool TryType(string name, out ModbusValueType type)
        {
            switch (name)
            {
                case "float32":
                    type = ModbusValueType.Float32;
                    return true;
                case "int16":
                    type = ModbusValueType.Int16;
                    return true;
                case "uint16":
                    type = ModbusValueType.UInt16;
                    return true;
                case "int32":
                    type = ModbusValueType.Int32;
                    return true;
                case "uint32":
                    type = ModbusValueType.UInt32;
                    return true;
                default:
                    type = ModbusValueType.Float32;
                    return false;
            }
        }

        /// <summary>The refusal's own words, without the parameter line .NET appends to an exception's message.</summary>
        private static string Sentence(ArgumentException e)
        {
            string message = e.Message;
            int cut = message.IndexOf(" (Parameter");
            return cut > 0 ? message.Substring(0, cut) : message;
        }
    }
}
