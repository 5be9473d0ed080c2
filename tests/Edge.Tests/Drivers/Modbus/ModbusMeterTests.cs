using System;
using System.Linq;
using Edge.Core.Meters;
using Edge.Core.Model;
using Edge.Drivers.Modbus;
using Edge.Host.Protocols.Modbus;
using Edge.Tests.Fakes;
using Xunit;

namespace Edge.Tests.Drivers.Modbus
{
    /// <summary>The master against simulated slaves over an in-memory RS-485 line.</summary>
    public class ModbusMeterTests
    {
        private static ModbusRegisterMap Sdm630 => EastronRegisterMaps.Named(EastronRegisterMaps.Sdm630)!;

        private static SimulatedSdm630 Slave(ModbusBus bus, int address, float volts)
        {
            SimulatedSdm630 slave = bus.Wire.Attach(new SimulatedSdm630(address));
            slave.SetPhase(1, volts, 5.5f, 1200.5f);
            slave.SetInputFloat(0x0048, 4210.123f);
            slave.SetInputFloat(0x00E0, 0.125f);
            return slave;
        }

        [Fact]
        public void Reads_every_value_of_an_sdm630_in_one_cycle_of_two_requests()
        {
            var bus = new ModbusBus();
            Slave(bus, 1, 230.2f);
            ModbusMeter meter = bus.Add(1, Sdm630);

            bus.Run(600);

            var sink = bus.SinkOf(meter);
            Assert.Equal(25, sink.Readings.Count);
            Assert.Equal(230.2m, ModbusBus.Last(sink, QuantityId.PhaseVoltageL1));
            Assert.Equal(5.5m, ModbusBus.Last(sink, QuantityId.CurrentL1));
            Assert.Equal(1200.5m, ModbusBus.Last(sink, QuantityId.ActivePowerL1));
            Assert.Equal(4210123m, ModbusBus.Last(sink, QuantityId.TotalActiveEnergyImport));
            Assert.Equal(0.125m, ModbusBus.Last(sink, QuantityId.CurrentN));
            Assert.Equal(50m, ModbusBus.Last(sink, QuantityId.Frequency));
            Assert.Equal((1L, 2L, 2L, 0L), (meter.Counters.Cycles, meter.Counters.Requests, meter.Counters.Answers, meter.Counters.Rejected));
            Assert.Equal(MeterState.Ready, meter.State);
            Assert.Equal(9600, bus.Wire.OpenedBaud);
        }

        [Fact]
        public void Polls_without_waiting_a_request_goes_out_on_one_poll_and_its_reply_is_read_on_a_later_one()
        {
            var bus = new ModbusBus();
            Slave(bus, 1, 230.2f);
            ModbusMeter meter = bus.Add(1, Sdm630);

            bus.Run(5);
            Assert.True(meter.InCycle);
            Assert.Equal(1, meter.Counters.Requests);
            Assert.Empty(bus.SinkOf(meter).Readings);
            bus.Run(250);
            Assert.Equal(24, bus.SinkOf(meter).Readings.Count);
        }

        [Fact]
        public void Serves_three_meters_on_one_line_each_by_its_slave_address_each_cycle()
        {
            var bus = new ModbusBus();
            Slave(bus, 1, 230.1f);
            Slave(bus, 2, 231.2f);
            SimulatedModbusSlave single = bus.Wire.Attach(new SimulatedSdm630(7));
            single.SetInputFloat(0x0000, 229.9f);
            ModbusMeter first = bus.Add(1, Sdm630);
            ModbusMeter second = bus.Add(2, Sdm630);
            ModbusMeter third = bus.Add(7, EastronRegisterMaps.Named("sdm120")!);

            bus.Run(3900);

            Assert.Equal(230.1m, ModbusBus.Last(bus.SinkOf(first), QuantityId.PhaseVoltageL1));
            Assert.Equal(231.2m, ModbusBus.Last(bus.SinkOf(second), QuantityId.PhaseVoltageL1));
            Assert.Equal(229.9m, ModbusBus.Last(bus.SinkOf(third), QuantityId.PhaseVoltageL1));
            Assert.All(new[] { first, second, third }, m => Assert.Equal((4L, 0L, 0L), (m.Counters.Cycles, m.Counters.Timeouts, m.Counters.Rejected)));
            Assert.Equal(8 * 3, bus.Wire.Written.Count);
            Assert.Equal(new[] { 1, 2, 7 }, bus.Wire.Written.Select(w => (int)w.Frame[0]).Distinct().ToArray());
        }

        [Fact]
        public void The_node_roster_runs_a_line_two_meters_share_once_a_loop_and_both_are_read()
        {
            var bus = new ModbusBus();
            Slave(bus, 1, 230.1f);
            Slave(bus, 2, 231.2f);
            var first = new ModbusMeter("a", bus.Line, 1, Sdm630, 1000);
            var second = new ModbusMeter("b", bus.Line, 2, Sdm630, 1000);
            var roster = new MeterRoster([first, second], null);
            var sinks = new[] { new Fakes.RecordingSink(), new Fakes.RecordingSink() };

            for (long ms = 5; ms <= 1000; ms += 5)
            {
                bus.Wire.AdvanceTo(ms);
                roster.RunBuses(ms);
                for (int m = 0; m < 2; m++)
                {
                    roster.Poll(m, ModbusBus.Start.AddMilliseconds(ms), ms, sinks[m]);
                }
            }

            Assert.Equal((230.1m, 231.2m), (ModbusBus.Last(sinks[0], QuantityId.PhaseVoltageL1), ModbusBus.Last(sinks[1], QuantityId.PhaseVoltageL1)));
            Assert.Equal(4L, bus.Line.Transactions);
        }

        [Fact]
        public void A_request_that_times_out_is_sent_again_and_the_retry_gives_the_values()
        {
            var bus = new ModbusBus(responseTimeoutMs: 100);
            SimulatedSdm630 slave = Slave(bus, 1, 230.2f);
            slave.IgnoreNext = 1;
            ModbusMeter meter = bus.Add(1, Sdm630);

            bus.Run(800);

            Assert.Equal((1L, 1L, 0L), (meter.Counters.Timeouts, meter.Counters.Retries, meter.Counters.Failures));
            Assert.Equal(230.2m, ModbusBus.Last(bus.SinkOf(meter), QuantityId.PhaseVoltageL1));
            Assert.Equal(25, bus.SinkOf(meter).Readings.Count);
            Assert.Equal(1L, bus.Line.Timeouts);
        }

        [Theory]
        [InlineData("crc")]
        [InlineData("slave")]
        public void A_reply_with_a_bad_crc_or_from_another_slave_gives_no_reading_is_counted_and_the_retry_gives_the_true_values(string fault)
        {
            var bus = new ModbusBus();
            SimulatedSdm630 slave = Slave(bus, 1, 230.2f);
            slave.CorruptNext = fault == "crc" ? 1 : 0;
            slave.WrongAddressNext = fault == "slave" ? 1 : 0;
            ModbusMeter meter = bus.Add(1, Sdm630);

            bus.Run(700);

            Assert.Equal(fault == "crc" ? (1L, 0L) : (0L, 1L), (meter.Counters.RejectedCrc, meter.Counters.RejectedSlave));
            Assert.Equal((1L, 2L, 3L), (meter.Counters.Retries, meter.Counters.Answers, meter.Counters.Requests));
            Assert.Equal(25, bus.SinkOf(meter).Readings.Count);
            Assert.All(bus.SinkOf(meter).Readings.Where(r => r.Quantity == QuantityId.PhaseVoltageL1), r => Assert.Equal(2302, r.Value));
        }

        [Fact]
        public void An_exception_reply_costs_its_registers_only_is_not_retried_and_the_self_test_names_it()
        {
            var bus = new ModbusBus();
            Slave(bus, 1, 230.2f);
            var map = new ModbusRegisterMap("custom", 2, 125, 0)
                .Add(ModbusFunction.ReadInputRegisters, 0x0000, ModbusValueType.Float32, false, 0, 1, QuantityId.PhaseVoltageL1)
                .Add(ModbusFunction.ReadInputRegisters, 0x0400, ModbusValueType.Float32, false, 0, 1, QuantityId.Temperature);
            ModbusMeter meter = bus.Add(1, map);

            bus.Run(400);

            Assert.Equal((1L, 0L, 1L, ModbusFunction.IllegalDataAddress), (meter.Counters.Exceptions, meter.Counters.Retries, meter.Counters.Failures, meter.Counters.LastExceptionCode));
            Assert.Equal(QuantityId.PhaseVoltageL1, Assert.Single(bus.SinkOf(meter).Readings).Quantity);
            Assert.Equal(MeterState.Warning, meter.State);
            Assert.Contains("exception 02", SelfTests.Line(meter, bus.NowMs));
        }

        [Fact]
        public void Is_failed_after_three_failed_requests_in_a_row_and_recovers_by_itself_when_the_meter_answers_again()
        {
            var bus = new ModbusBus(responseTimeoutMs: 100);
            SimulatedSdm630 slave = Slave(bus, 1, 230.2f);
            slave.Silent = true;
            ModbusMeter meter = bus.Add(1, Sdm630);

            bus.Run(2500);

            Assert.Equal(MeterState.Failed, meter.State);
            Assert.Equal((3L, 9L, 6L), (meter.Counters.Failures, meter.Counters.Timeouts, meter.Counters.Retries));
            Assert.Contains("no answer from Modbus slave 1", SelfTests.Line(meter, bus.NowMs));
            Assert.Equal(("failedInRow", 3L, "timesFailed", 1L), (meter.CounterName(15), meter.CounterValue(15), meter.CounterName(16), meter.CounterValue(16)));
            Assert.Empty(bus.SinkOf(meter).Readings);
            long requests = meter.Counters.Requests;
            bus.Run(10_000);
            Assert.Equal(requests, meter.Counters.Requests);

            slave.Silent = false;
            bus.Run(MeterDriver.DefaultRetryMs);

            Assert.Equal(MeterState.Ready, meter.State);
            Assert.Equal(230.2m, ModbusBus.Last(bus.SinkOf(meter), QuantityId.PhaseVoltageL1));
            Assert.StartsWith("PASS meter ", SelfTests.Line(meter, bus.NowMs));
            Assert.Equal((0L, 1L), (meter.CounterValue(15), meter.CounterValue(16)));
        }

        [Fact]
        public void Writes_configuration_registers_with_functions_6_and_16_before_the_next_read()
        {
            var bus = new ModbusBus();
            SimulatedSdm630 slave = Slave(bus, 1, 230.2f);
            slave.SetHolding(0x0012, 0);
            slave.SetHolding(0x0013, 0);
            slave.SetHolding(0x001C, 0);
            ModbusMeter meter = bus.Add(1, Sdm630);
            bus.Run(300);

            Assert.True(meter.Write(0x001C, [0x0005], 1));
            Assert.False(meter.Write(0x001C, [0x0006], 1));
            bus.Run(1000);
            Assert.True(meter.Write(0x0012, [0x4000, 0x0000], 2));
            bus.Run(1000);
            Assert.True(meter.Write(0x0100, [0x0001], 1));
            bus.Run(1000);

            Assert.Equal((ushort?)0x0005, slave.Holding(0x001C));
            Assert.Equal(((ushort?)0x4000, (ushort?)0x0000), (slave.Holding(0x0012), slave.Holding(0x0013)));
            Assert.Equal((2L, 1L), (meter.Counters.Writes, meter.Counters.WritesFailed));
            Assert.Contains(bus.Wire.Written, w => w.Frame[1] == 0x06);
            Assert.Contains(bus.Wire.Written, w => w.Frame[1] == 0x10);
            Assert.Equal(MeterState.Ready, meter.State);
        }
    }
}
