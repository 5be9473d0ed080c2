using System;
using System.Linq;
using Edge.Core.Meters;
using Edge.Core.Model;
using Edge.Drivers.I2c.Ina226;
using Edge.Host.Protocols.I2c;
using Edge.Tests.Fakes;
using Xunit;

namespace Edge.Tests.Drivers.I2c
{
    public class Ina226SensorTests
    {
        /// <summary>A 10 A load on a 2 mOhm shunt at 12 V, up to 20 A: Current_LSB 1 mA (at or above 20 A / 2^15),
        /// CAL = 0.00512 / (0.001 x 0.002) = 2560 (SBOS547 section 7.5 equation 1); 20 mV is 8000 shunt LSBs of
        /// 2.5 uV, 12 V is 9600 bus LSBs of 1.25 mV; current 8000 x 2560 / 2048 = 10000, power 10000 x 9600 / 20000
        /// = 4800 of 25 mW.</summary>
        private static SimulatedIna226 LoadChip() => new() { ShuntRegister = 8000, BusRegister = 9600 };

        [Fact]
        public void Calibrates_from_shunt_and_largest_current_by_the_datasheet_equation()
        {
            var sensor = new Ina226Sensor("dc", LoadChip(), 0x40, 2000, 20000, 1000);
            Assert.Equal(1000000, sensor.Scaling.CurrentLsbNanoamps);
            Assert.Equal(2560, sensor.Scaling.Calibration);
            Assert.Equal((25L, 3), (sensor.Scaling.PowerUnit, sensor.Scaling.PowerDecimals));
        }

        [Fact]
        public void Reads_voltage_current_and_power_from_simulated_registers()
        {
            var chip = LoadChip();
            var sensor = new Ina226Sensor("dc", chip, 0x40, 2000, 20000, 1000);
            var sink = new RecordingSink();
            sensor.Poll(I2cTestChips.Start, 0, sink);
            Assert.Equal(MeterState.Ready, sensor.State);
            Assert.Equal(10000, chip.CurrentRegister);
            Assert.Equal(4800, chip.PowerRegister);
            Assert.Equal(
                new[] { (QuantityId.DcVoltage, 1200000L, (byte)5), (QuantityId.DcCurrent, 10000L, (byte)3), (QuantityId.DcPower, 120000L, (byte)3) },
                sink.Readings.Select(r => (r.Quantity, r.Value, r.Decimals)).ToArray());
            Assert.Equal("PASS sensor ina226@0x40: present, 12.00000 V, 10.000 A", SelfTests.Line(sensor, 0));
        }

        [Fact]
        public void Refuses_a_chip_with_other_ids()
        {
            var sensor = new Ina226Sensor("dc", new SimulatedIna219(), 0x40, 2000, 20000, 1000);
            sensor.Poll(I2cTestChips.Start, 0, new RecordingSink());
            Assert.Equal(MeterState.Failed, sensor.State);
            Assert.StartsWith("chip at 0x40 reads IDs 0x0000/0x0000, not the INA226's 0x5449/0x226x", sensor.Reason);
        }

        [Fact]
        public void Refuses_current_and_power_on_a_math_overflow_and_rewrites_a_lost_calibration()
        {
            var chip = LoadChip();
            var sensor = new Ina226Sensor("dc", chip, 0x40, 2000, 20000, 1000);
            chip.Overflow = true;
            var sink = new RecordingSink();
            sensor.Poll(I2cTestChips.Start, 0, sink);
            Assert.Equal(1, sensor.Overflows);
            chip.Overflow = false;
            chip.PowerUp();
            sensor.Poll(I2cTestChips.Start, 1000, sink);
            Assert.Equal(1, sensor.CalibrationsLost);
            Assert.Equal(2560, chip.Calibration);
            Assert.Equal(new[] { QuantityId.DcVoltage, QuantityId.DcVoltage }, sink.Readings.Select(r => r.Quantity).ToArray());
            Assert.Equal(2, sensor.Rejected);
        }

        [Fact]
        public void Refuses_a_current_beyond_the_shunt_range()
        {
            Assert.Equal("maxCurrentA x shuntOhms is over the INA226's 81.92 mV shunt range", Ina226Sensor.Refusal(100000, 1000));
            Assert.Null(Ina226Sensor.Refusal(100000, 800));
        }

        [Fact]
        public void Missing_chip_gives_the_failed_state_and_a_self_test_line_then_recovers()
        {
            var chip = LoadChip();
            chip.Present = false;
            var sensor = new Ina226Sensor("dc", chip, 0x41, 2000, 20000, 1000);
            sensor.Poll(I2cTestChips.Start, 0, new RecordingSink());
            Assert.Equal("FAIL sensor ina226@0x41: no answer at 0x41, check SDA/SCL wiring, power and the address pin", SelfTests.Line(sensor, 0));
            chip.Present = true;
            sensor.Poll(I2cTestChips.Start, MeterDriver.DefaultRetryMs, new RecordingSink());
            Assert.Equal(MeterState.Ready, sensor.State);
            Assert.Equal(1, sensor.Recoveries);
        }

        [Fact]
        public void Steady_state_sampling_allocates_nothing()
        {
            var sensor = new Ina226Sensor("dc", LoadChip(), 0x40, 2000, 20000, 1000);
            var sink = new I2cTestChips.CountingSink();
            sensor.Poll(I2cTestChips.Start, 0, sink);
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 1; i < 100; i++)
            {
                sensor.Poll(I2cTestChips.Start, i * 1000, sink);
            }

            Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
            Assert.Equal(100 * 3, sink.Count);
        }
    }
}
