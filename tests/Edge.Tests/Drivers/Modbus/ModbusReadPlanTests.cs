using System;
using System.Linq;
using Edge.Core.Model;
using Edge.Drivers.Modbus;
using Xunit;

namespace Edge.Tests.Drivers.Modbus
{
    public class ModbusReadPlanTests
    {
        private const int Input = ModbusFunction.ReadInputRegisters;
        private const int Holding = ModbusFunction.ReadHoldingRegisters;

        private static (int Function, int Start, int Registers, int Rows)[] Reads(ModbusReadPlan plan) =>
            Enumerable.Range(0, plan.Count).Select(i => (plan.Function(i), plan.Start(i), plan.Registers(i), plan.Rows(i))).ToArray();

        [Fact]
        public void Reads_the_sdm630_in_two_requests_its_first_80_registers_and_the_neutral_current()
        {
            var plan = new ModbusReadPlan(EastronRegisterMaps.Named("sdm630")!);

            Assert.Equal(new[] { (Input, 0x0000, 80, 24), (Input, 0x00E0, 2, 1) }, Reads(plan));
            Assert.Equal(80, plan.LargestRead);
        }

        [Theory]
        [InlineData("sdm120")]
        [InlineData("sdm230")]
        public void Reads_a_single_phase_eastron_within_its_60_register_limit(string model)
        {
            var plan = new ModbusReadPlan(EastronRegisterMaps.Named(model)!);

            Assert.Equal(new[] { (Input, 0x0000, 32, 6), (Input, 0x0046, 10, 5) }, Reads(plan));
        }

        [Fact]
        public void Reads_the_sdm72_in_one_request()
        {
            Assert.Equal(new[] { (Input, 0x0034, 24, 3) }, Reads(new ModbusReadPlan(EastronRegisterMaps.Named("sdm72")!)));
        }

        [Fact]
        public void Splits_at_a_gap_the_meter_does_not_allow_and_at_a_change_of_function_whatever_the_table_order()
        {
            var map = new ModbusRegisterMap("custom", 5, 125, 0)
                .Add(Holding, 0x0010, ModbusValueType.UInt16, false, 0, 0, QuantityId.Temperature)
                .Add(Input, 0x0002, ModbusValueType.Int32, false, 0, 0, QuantityId.ActivePowerL1)
                .Add(Input, 0x0000, ModbusValueType.UInt32, false, 0, 0, QuantityId.TotalActiveEnergyImport)
                .Add(Input, 0x0005, ModbusValueType.Int16, false, -1, 1, QuantityId.PhaseVoltageL1)
                .Add(Holding, 0x0011, ModbusValueType.UInt16, false, 0, 0, QuantityId.RelativeHumidity);
            var plan = new ModbusReadPlan(map);

            Assert.Equal(new[] { (Holding, 0x0010, 2, 2), (Input, 0x0000, 4, 2), (Input, 0x0005, 1, 1) }, Reads(plan));
            Assert.Equal(new[] { 2, 1 }, new[] { plan.Row(1, 0), plan.Row(1, 1) });
        }

        [Fact]
        public void Never_asks_for_more_than_125_registers_in_one_request()
        {
            var map = new ModbusRegisterMap("custom", 3, 125, 200)
                .Add(Input, 0, ModbusValueType.Float32, false, 0, 1, QuantityId.PhaseVoltageL1)
                .Add(Input, 122, ModbusValueType.Float32, false, 0, 1, QuantityId.PhaseVoltageL2)
                .Add(Input, 123 + 125, ModbusValueType.Float32, false, 0, 1, QuantityId.PhaseVoltageL3);

            Assert.Equal(new[] { (Input, 0, 124, 2), (Input, 248, 2, 1) }, Reads(new ModbusReadPlan(map)));
            map = new ModbusRegisterMap("custom", 2, 125, 200)
                .Add(Input, 0, ModbusValueType.Float32, false, 0, 1, QuantityId.PhaseVoltageL1)
                .Add(Input, 124, ModbusValueType.Float32, false, 0, 1, QuantityId.PhaseVoltageL2);
            Assert.Equal(new[] { (Input, 0, 2, 1), (Input, 124, 2, 1) }, Reads(new ModbusReadPlan(map)));
        }

        [Fact]
        public void Refuses_rows_that_overlap_repeat_a_quantity_or_cannot_be_kept_exactly()
        {
            var map = new ModbusRegisterMap("custom", 4, 125, 0).Add(Input, 0, ModbusValueType.Float32, false, 0, 1, QuantityId.PhaseVoltageL1);

            Assert.Contains("overlaps", Assert.Throws<ArgumentException>(() => map.Add(Input, 1, ModbusValueType.UInt16, false, 0, 0, QuantityId.Frequency)).Message);
            Assert.Contains("mapped twice", Assert.Throws<ArgumentException>(() => map.Add(Input, 8, ModbusValueType.UInt16, false, 0, 0, QuantityId.PhaseVoltageL1)).Message);
            Assert.Equal("decimals", Assert.Throws<ArgumentOutOfRangeException>(() => map.Add(Input, 8, ModbusValueType.UInt16, false, -2, 1, QuantityId.Frequency)).ParamName);
            Assert.Equal("function", Assert.Throws<ArgumentOutOfRangeException>(() => map.Add(6, 8, ModbusValueType.UInt16, false, 0, 0, QuantityId.Frequency)).ParamName);
            Assert.Equal(1, map.Count);
        }
    }
}
