using System;
using Edge.Core.Meters;
using Edge.Core.Meters.Buses;
using Edge.Core.Model;
using Edge.Core.Platform;
using Edge.Core.Security;
using Edge.Drivers;
using Edge.Drivers.Modbus;
using Edge.Host.Protocols.Modbus;
using Xunit;

namespace Edge.Tests.Drivers.Modbus
{
    public class ModbusFactoryTests
    {
        private static readonly MeterIdentity Omit = new(MeterIdPolicy.Omit, null!);

        private static readonly Rs485Line Line = new(new VirtualRs485Bus(), 9600, SerialParity.None, 1, 200, 100, 4);

        private static MeterPorts Ports() => new MeterPorts().AddRs485Line("rs485", Line).AddSerialLink("uart1", new VirtualRs485Bus());

        private static ModbusRegisterSpec Row(string type = "float32", string quantity = "phaseVoltage.L1", int address = 0, int scale = 0, int decimals = 1) =>
            new() { Address = address, Type = type, Quantity = quantity, Scale = scale, Decimals = decimals };

        [Fact]
        public void Builds_a_shipped_model_at_its_slave_address_on_the_shared_line()
        {
            var spec = new MeterSpec { Kind = "modbus", Id = "pv", Port = "rs485", Address = 12, ModbusModel = "sdm630", PollIntervalMs = 5000 };

            var meter = Assert.IsType<ModbusMeter>(MeterFactory.Build(spec, Ports(), Omit));

            Assert.Equal((12, "sdm630", 2), (meter.Slave, meter.Plan.Map.Model, meter.Plan.Count));
            Assert.Same(Line, meter.Bus);
            Assert.Equal("Modbus RTU sdm630 at slave 12, 2 requests for 25 values every 5000 ms", meter.Describe());
        }

        [Fact]
        public void Builds_a_meter_of_another_make_from_the_table_of_its_configuration()
        {
            var spec = new MeterSpec
            {
                Kind = "modbus",
                Id = "heat",
                Port = "rs485",
                Address = 3,
                ModbusTable = new ModbusTableSpec
                {
                    Model = "heat-meter",
                    MaxRegistersPerRequest = 10,
                    Registers =
                    [
                        new() { Function = 3, Address = 0x10, Type = "int16", Scale = -1, Decimals = 1, Quantity = "temperature" },
                        new() { Address = 0x20, Type = "uint32", LowWordFirst = true, Scale = 3, Decimals = 0, Quantity = "heatEnergy" },
                    ],
                },
            };

            var meter = Assert.IsType<ModbusMeter>(MeterFactory.Build(spec, Ports(), Omit));

            ModbusRegisterMap map = meter.Plan.Map;
            Assert.Equal(("heat-meter", 2, 10, 0), (map.Model, map.Count, map.MaxRegistersPerRequest, map.MaxGap));
            Assert.Equal((3, ModbusValueType.Int16, -1, QuantityId.Temperature), (map.Function(0), map.Type(0), map.Scale(0), map.Quantity(0)));
            Assert.Equal((4, ModbusValueType.UInt32, true, QuantityId.HeatEnergy), (map.Function(1), map.Type(1), map.LowWordFirst(1), map.Quantity(1)));
            Assert.EndsWith("every 1000 ms", meter.Describe());
        }

        [Theory]
        [InlineData("uart1", 1, "sdm630", false, "port", "meter 'main': port 'uart1' is not an RS-485 line")]
        [InlineData("rs485", 0, "sdm630", false, "address", "meter 'main': address 0 is outside 1..247")]
        [InlineData("rs485", 248, "sdm630", false, "address", "meter 'main': address 248 is outside 1..247")]
        [InlineData("rs485", 1, "sdm999", false, "modbusModel", "meter 'main': modbusModel 'sdm999' is not one of sdm120, sdm230, sdm630, sdm72")]
        [InlineData("rs485", 1, null, false, "modbusModel", "meter 'main': give either modbusModel (sdm120, sdm230, sdm630, sdm72) or modbusTable")]
        [InlineData("rs485", 1, "sdm630", true, "modbusModel", "meter 'main': give either modbusModel")]
        public void Refuses_a_spec_naming_the_field_it_gets_wrong(string port, int address, string? model, bool table, string field, string message)
        {
            var spec = new MeterSpec { Kind = "modbus", Id = "main", Port = port, Address = address, ModbusModel = model, ModbusTable = table ? new ModbusTableSpec { Registers = [Row()] } : null };

            var error = Assert.Throws<ArgumentException>(() => MeterFactory.Build(spec, Ports(), Omit));

            Assert.Equal(field, error.ParamName);
            Assert.StartsWith(message, error.Message);
        }

        [Theory]
        [InlineData("double", "phaseVoltage.L1", 0, 0, 1, "modbusTable.registers[1].type", "meter 'main': modbusTable.registers[1].type 'double' is not one of float32, int16, uint16, int32, uint32")]
        [InlineData("float32", "voltage", 0, 0, 1, "modbusTable.registers[1].quantity", "meter 'main': modbusTable.registers[1].quantity 'voltage' is not a quantity of the vocabulary")]
        [InlineData("float32", "frequency", 1, 0, 1, "modbusTable.registers[1].address", "meter 'main': modbusTable.registers[1].address: register 1 overlaps register 0")]
        [InlineData("int16", "frequency", 8, -2, 1, "modbusTable.registers[1].decimals", "meter 'main': modbusTable.registers[1].decimals: decimals go from 0 to 9, at least -scale")]
        [InlineData("float32", "phaseVoltage.L1", 8, 0, 1, "modbusTable.registers[1].quantity", "meter 'main': modbusTable.registers[1].quantity: quantity phaseVoltage.L1 is mapped twice")]
        public void Refuses_a_bad_row_of_a_custom_table_naming_it(string type, string quantity, int address, int scale, int decimals, string field, string message)
        {
            var spec = new MeterSpec { Kind = "modbus", Id = "main", Port = "rs485", Address = 1, ModbusTable = new ModbusTableSpec { Registers = [Row(), Row(type, quantity, address, scale, decimals)] } };

            var error = Assert.Throws<ArgumentException>(() => MeterFactory.Build(spec, Ports(), Omit));

            Assert.Equal(field, error.ParamName);
            Assert.StartsWith(message, error.Message);
        }

        [Fact]
        public void Refuses_an_empty_table_and_a_request_limit_beyond_the_protocol()
        {
            var empty = new MeterSpec { Kind = "modbus", Id = "main", Port = "rs485", Address = 1, ModbusTable = new ModbusTableSpec() };
            var large = new MeterSpec { Kind = "modbus", Id = "main", Port = "rs485", Address = 1, ModbusTable = new ModbusTableSpec { MaxRegistersPerRequest = 126, Registers = [Row()] } };

            Assert.Equal("modbusTable.registers", Assert.Throws<ArgumentException>(() => MeterFactory.Build(empty, Ports(), Omit)).ParamName);
            Assert.Equal("modbusTable.maxRegistersPerRequest", Assert.Throws<ArgumentException>(() => MeterFactory.Build(large, Ports(), Omit)).ParamName);
        }
    }
}
