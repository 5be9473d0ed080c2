using System;
using System.Linq;
using Edge.Core.Meters;
using Edge.Core.Platform;
using Edge.Core.Setup;
using Xunit;
using static Edge.Tests.Setup.SetupTexts;

namespace Edge.Tests.Setup
{
    /// <summary>The setup reader on Modbus and P1 meters: their fields, the defaults it fills in, the RS-485 line
    /// the Modbus meters share, and each wrong value refused with its path and what is allowed.</summary>
    public class ModbusAndP1SetupTests
    {
        [Fact]
        public void Reads_the_modbus_example_with_each_meter_s_address_model_and_line()
        {
            (NodeSetup setup, string[] problems) = Read(ModbusConfig, ModbusSecrets, Board("wt32-eth01"));

            Assert.Empty(problems);
            Assert.Equal(
                new[] { ("feeder-a", "modbus", "rs485", 1, 1000L), ("feeder-b", "modbus", "rs485", 2, 5000L), ("transformer", "modbus", "rs485", 17, 10000L) },
                setup.Meters.Select(m => (m.Id, m.Kind, m.Port, m.Address, m.PollIntervalMs)));
            Assert.Equal(new[] { "sdm630", "sdm72", null }, setup.Meters.Select(m => m.ModbusModel));
            // The SDM630 and SDM72 leave the factory at 9600 8N1; the custom meter says so itself.
            Assert.All(setup.Meters, m => Assert.Equal((9600, SerialParity.None, 1), (m.Baud, m.Parity, m.StopBits)));
            Assert.Null(setup.Meters[0].ModbusTable);

            ModbusTableSpec table = setup.Meters[2].ModbusTable;
            Assert.Equal(("transformer-monitor", 40, 0), (table.Model, table.MaxRegistersPerRequest, table.MaxGap));
            Assert.Equal(
                new[]
                {
                    (3, 0, "uint16", false, -1, 1, "phaseVoltage.L1"),
                    (3, 1, "uint16", false, -1, 1, "phaseVoltage.L2"),
                    (3, 2, "uint16", false, -1, 1, "phaseVoltage.L3"),
                    (3, 16, "int16", false, -1, 1, "temperature"),
                    (4, 256, "uint32", true, 3, 0, "totalActiveEnergyImport"),
                },
                table.Registers.Select(r => (r.Function, r.Address, r.Type, r.LowWordFirst, r.Scale, r.Decimals, r.Quantity)));
        }

        [Theory]
        [InlineData("sdm120", 2400, SerialParity.None)]
        [InlineData("sdm230", 2400, SerialParity.None)]
        [InlineData("sdm630", 9600, SerialParity.None)]
        [InlineData("sdm72", 9600, SerialParity.None)]
        public void A_shipped_model_without_line_settings_gets_its_factory_line(string model, int baud, SerialParity parity)
        {
            string config = With(ModbusConfig, "meters", $"[{{ \"id\": \"m\", \"kind\": \"modbus\", \"port\": \"rs485\", \"address\": 5, \"modbusModel\": \"{model}\" }}]");

            (NodeSetup setup, string[] problems) = Read(config, ModbusSecrets, Board("wt32-eth01"));

            Assert.Empty(problems);
            Assert.Equal((baud, parity, 1, 0L), (setup.Meters[0].Baud, setup.Meters[0].Parity, setup.Meters[0].StopBits, setup.Meters[0].PollIntervalMs));
        }

        [Fact]
        public void A_custom_table_without_line_settings_gets_the_modbus_default_19200_8e1_and_decimals_from_its_scale()
        {
            string config = With(ModbusConfig, "meters",
                "[{ \"id\": \"m\", \"kind\": \"modbus\", \"port\": \"rs485\", \"address\": 9, \"modbusTable\": { \"registers\": [ { \"address\": 4, \"type\": \"int32\", \"scale\": -2, \"quantity\": \"frequency\" } ] } }]");

            (NodeSetup setup, string[] problems) = Read(config, ModbusSecrets, Board("wt32-eth01"));

            Assert.Empty(problems);
            MeterSpec meter = setup.Meters[0];
            Assert.Equal((19200, SerialParity.Even, 1), (meter.Baud, meter.Parity, meter.StopBits));
            ModbusRegisterSpec row = meter.ModbusTable.Registers.Single();
            Assert.Equal((0, 4, "int32", -2, 2, "frequency"), (row.Function, row.Address, row.Type, row.Scale, row.Decimals, row.Quantity));
            Assert.Equal((null, 0, 0), (meter.ModbusTable.Model, meter.ModbusTable.MaxRegistersPerRequest, meter.ModbusTable.MaxGap));
        }

        [Fact]
        public void Meters_whose_defaults_differ_on_one_line_are_refused_naming_both_settings()
        {
            string config = With(With(ModbusConfig, "meters[1].modbusModel", "\"sdm120\""), "meters[2].parity", "\"even\"");

            (_, string[] problems) = Read(config, ModbusSecrets, Board("wt32-eth01"));

            const string Allowed = " (allowed: the same baud, parity and stopBits on every meter of the rs485 line (a model's defaults: sdm120, sdm230 2400 8N1; sdm630, sdm72 9600 8N1; a modbusTable 19200 8E1))";
            Assert.Equal(
                new[]
                {
                    "$.meters[1]: the line at 2400 8N1 but $.meters[0] runs it at 9600 8N1" + Allowed,
                    "$.meters[2]: the line at 9600 8E1 but $.meters[0] runs it at 9600 8N1" + Allowed,
                },
                problems);
        }

        [Fact]
        public void An_sdm120_on_a_line_set_to_9600_is_taken_when_it_says_so()
        {
            string config = With(With(ModbusConfig, "meters[1].modbusModel", "\"sdm120\""), "meters[1].baud", "9600");

            (NodeSetup setup, string[] problems) = Read(config, ModbusSecrets, Board("wt32-eth01"));

            Assert.Empty(problems);
            Assert.Equal(("sdm120", 9600), (setup.Meters[1].ModbusModel, setup.Meters[1].Baud));
        }

        public static TheoryData<string, string?, string, string> ModbusRejections => new()
        {
            // edit of the Modbus example, new value (null: removed), problem line expected, why
            { "meters[0].address", "0", "$.meters[0].address: out of range or not a whole number (allowed: a whole number from 1 to 247)", "broadcast is no meter" },
            { "meters[0].address", "248", "$.meters[0].address: out of range or not a whole number (allowed: a whole number from 1 to 247)", "reserved addresses" },
            { "meters[0].address", null, "$.meters[0].address: missing (allowed: the meter's Modbus slave address, 1 to 247)", "no address" },
            { "meters[1].address", "1", "$.meters[1].address: 1 is the address of $.meters[0] on the same line (allowed: a slave address of its own, 1 to 247)", "two meters, one address" },
            { "meters[0].port", "\"s0-1\"", "$.meters[0].port: \"s0-1\" is not the RS-485 line (allowed: rs485)", "Modbus on a pulse input" },
            { "meters[0].modbusModel", "\"sdm999\"", "$.meters[0].modbusModel: \"sdm999\" is not one of them (allowed: sdm120, sdm230, sdm630, sdm72)", "unknown model" },
            { "meters[0].modbusModel", null, "$.meters[0].modbusModel: missing (allowed: sdm120, sdm230, sdm630, sdm72, or a modbusTable)", "no table at all" },
            { "meters[2].modbusModel", "\"sdm630\"", "$.meters[2].modbusTable: given with modbusModel (allowed: either modbusModel or modbusTable)", "two tables" },
            { "meters[0].baud", "12345", "$.meters[0].baud: 12345 is not a Modbus line speed (allowed: 1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200)", "odd speed" },
            { "meters[0].parity", "\"mark\"", "$.meters[0].parity: \"mark\" is not one of them (allowed: none, odd, even)", "unknown parity" },
            { "meters[0].stopBits", "3", "$.meters[0].stopBits: out of range or not a whole number (allowed: a whole number from 1 to 2)", "stop bits" },
            { "meters[0].pollIntervalMs", "50", "$.meters[0].pollIntervalMs: out of range or not a whole number (allowed: a whole number from 100 to 3600000)", "polling too fast" },
            { "meters[0].ticMode", "\"auto\"", "$.meters[0].ticMode: not a field of a modbus meter (allowed: id, kind, port, address, pollIntervalMs, modbusModel, modbusTable, baud, parity, stopBits)", "a field of another kind" },
            { "meters[0].p1Line", "\"115200-8N1\"", "$.meters[0].p1Line: not a field of a modbus meter", "a P1 field" },
            { "meters[2].modbusTable.registers", "[]", "$.meters[2].modbusTable.registers: empty: a table reads at least one register (allowed: an array of 1 to 64 registers)", "empty table" },
            { "meters[2].modbusTable.registers", null, "$.meters[2].modbusTable.registers: missing (allowed: an array of 1 to 64 registers)", "table without rows" },
            { "meters[2].modbusTable.maxRegistersPerRequest", "126", "$.meters[2].modbusTable.maxRegistersPerRequest: out of range or not a whole number (allowed: a whole number from 1 to 125)", "beyond a read's limit" },
            { "meters[2].modbusTable.colour", "1", "$.meters[2].modbusTable.colour: unknown field (allowed: model, maxRegistersPerRequest, maxGap, registers)", "typo in the table" },
            { "meters[2].modbusTable.registers[0].type", "\"float64\"", "$.meters[2].modbusTable.registers[0].type: \"float64\" is not one of them (allowed: float32, int16, uint16, int32, uint32)", "unknown value type" },
            { "meters[2].modbusTable.registers[0].function", "6", "$.meters[2].modbusTable.registers[0].function: out of range or not a whole number (allowed: a whole number from 3 to 4)", "a write function" },
            { "meters[2].modbusTable.registers[0].address", "65536", "$.meters[2].modbusTable.registers[0].address: out of range or not a whole number (allowed: a whole number from 0 to 65535)", "beyond 16 bits" },
            { "meters[2].modbusTable.registers[0].quantity", "\"voltage\"", "$.meters[2].modbusTable.registers[0].quantity: \"voltage\" is not a quantity of the vocabulary", "not a canonical quantity" },
            { "meters[2].modbusTable.registers[0].quantity", null, "$.meters[2].modbusTable.registers[0].quantity: missing", "row without quantity" },
            { "meters[2].modbusTable.registers[0].decimals", "0", "$.meters[2].modbusTable.registers[0].decimals: 0 with scale -1 (allowed: at least -scale and at most 10 - scale decimals)", "tenths rounded away" },
            { "meters[2].modbusTable.registers[0].scale", "10", "$.meters[2].modbusTable.registers[0].scale: out of range or not a whole number (allowed: a whole number from -9 to 9)", "scale" },
            { "meters[2].modbusTable.registers[0].wordOrder", "\"low\"", "$.meters[2].modbusTable.registers[0].wordOrder: unknown field (allowed: function, address, type, lowWordFirst, scale, decimals, quantity)", "typo in a row" },
        };

        [Theory]
        [MemberData(nameof(ModbusRejections))]
        public void Refuses_each_wrong_modbus_value_with_its_path_and_what_is_allowed(string path, string? value, string expected, string why)
        {
            (_, string[] problems) = Read(With(ModbusConfig, path, value), ModbusSecrets, Board("wt32-eth01"));

            Assert.True(problems.Any(p => p.StartsWith(expected, StringComparison.Ordinal)), $"{why}: expected '{expected}' among {string.Join(" | ", problems)}");
        }

        [Fact]
        public void Reports_every_problem_of_the_modbus_meters_in_one_pass()
        {
            string config = With(With(With(ModbusConfig, "meters[0].address", "300"), "meters[1].baud", "1234"), "meters[2].modbusTable.registers[1].type", "\"double\"");

            (_, string[] problems) = Read(config, ModbusSecrets, Board("wt32-eth01"));

            Assert.Equal(
                new[]
                {
                    "$.meters[0].address: out of range or not a whole number (allowed: a whole number from 1 to 247)",
                    "$.meters[1].baud: 1234 is not a Modbus line speed (allowed: 1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200)",
                    "$.meters[2].modbusTable.registers[1].type: \"double\" is not one of them (allowed: float32, int16, uint16, int32, uint32)",
                },
                problems);
        }

        [Fact]
        public void Reads_the_p1_example_with_its_line_and_inversion()
        {
            (NodeSetup setup, string[] problems) = Read(P1Config, P1Secrets, Board("esp32-devkitc"));

            Assert.Empty(problems);
            MeterSpec meter = setup.Meters.Single();
            Assert.Equal(("main", "p1", "p1", "115200-8N1", true), (meter.Id, meter.Kind, meter.Port, meter.P1Line, meter.P1InvertRx));
            Assert.Equal((34, 14), (setup.Pins.P1Rx, setup.Pins.P1Request));
        }

        [Fact]
        public void A_p1_meter_without_line_settings_reads_dsmr_5_with_the_uart_inverting()
        {
            (NodeSetup setup, string[] problems) = Read(With(With(P1Config, "meters[0].p1Line", null), "meters[0].p1InvertRx", null), P1Secrets, Board("esp32-devkitc"));

            Assert.Empty(problems);
            Assert.Equal(("115200-8N1", true), (setup.Meters[0].P1Line, setup.Meters[0].P1InvertRx));
        }

        [Fact]
        public void A_dsmr_2_2_meter_behind_an_inverter_is_read_as_configured()
        {
            (NodeSetup setup, string[] problems) = Read(With(With(P1Config, "meters[0].p1Line", "\"9600-7E1\""), "meters[0].p1InvertRx", "false"), P1Secrets, Board("esp32-devkitc"));

            Assert.Empty(problems);
            Assert.Equal(("9600-7E1", false), (setup.Meters[0].P1Line, setup.Meters[0].P1InvertRx));
        }

        public static TheoryData<string, string?, string> P1Rejections => new()
        {
            { "meters[0].port", "\"tic\"", "$.meters[0].port: \"tic\" is not the P1 line (allowed: p1)" },
            { "meters[0].p1Line", "\"9600-8N1\"", "$.meters[0].p1Line: \"9600-8N1\" is not one of them (allowed: 115200-8N1, 9600-7E1)" },
            { "meters[0].p1InvertRx", "\"yes\"", "$.meters[0].p1InvertRx: expected true or false, found a string (allowed: true, false)" },
            { "meters[0].address", "1", "$.meters[0].address: not a field of a p1 meter (allowed: id, kind, port, p1Line, p1InvertRx)" },
            { "meters[0].pulsesPerKwh", "1000", "$.meters[0].pulsesPerKwh: not a field of a p1 meter (allowed: id, kind, port, p1Line, p1InvertRx)" },
        };

        [Theory]
        [MemberData(nameof(P1Rejections))]
        public void Refuses_each_wrong_p1_value_with_its_path_and_what_is_allowed(string path, string? value, string expected)
        {
            (_, string[] problems) = Read(With(P1Config, path, value), P1Secrets, Board("esp32-devkitc"));

            Assert.Equal(new[] { expected }, problems);
        }
    }
}
