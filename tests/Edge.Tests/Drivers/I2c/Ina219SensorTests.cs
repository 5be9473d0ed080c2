using System;
using System.Linq;
using Edge.Core.Meters;
using Edge.Core.Model;
using Edge.Drivers.I2c;
using Edge.Drivers.I2c.Ina219;
using Edge.Host.Protocols.I2c;
using Edge.Tests.Fakes;
using Xunit;

namespace Edge.Tests.Drivers.I2c
{
    public class Ina219SensorTests
    {
        /// <summary>The calibration example of SBOS448 section 8.5.1 (table 3): a 10 A load on a 2 mOhm shunt, 20 mV in
        /// the 40 mV range (so up to 20 A), a 1 mA current LSB: calibration 20480 (5000h); shunt register 2000, bus
        /// 2995 (11.98 V) give current 10000 (10.0 A) and power 5990 (20 mW each, 119.8 W).</summary>
        private static SimulatedIna219 ExampleChip() => new() { ShuntRegister = 2000, BusRegister = 2995 };

        private static Ina219Sensor ExampleSensor(SimulatedIna219 chip) => new("dc", chip, 0x40, 2000, 20000, 1000);

        [Fact]
        public void Reproduces_the_datasheet_calibration_example()
        {
            var scaling = ExampleSensor(ExampleChip()).Scaling;
            Assert.Equal(1000000, scaling.CurrentLsbNanoamps);
            Assert.Equal(20480, scaling.Calibration);
            Assert.Equal((1L, 3), (scaling.CurrentUnit, scaling.CurrentDecimals));
            Assert.Equal((2L, 2), (scaling.PowerUnit, scaling.PowerDecimals));
        }

        [Fact]
        public void Reads_the_datasheet_example_from_simulated_registers()
        {
            var chip = ExampleChip();
            var sensor = ExampleSensor(chip);
            var sink = new RecordingSink();
            sensor.Poll(I2cTestChips.Start, 0, sink);

            Assert.Equal(MeterState.Ready, sensor.State);
            Assert.Equal(20480, chip.Calibration);
            Assert.Equal(10000, chip.CurrentRegister);
            Assert.Equal(5990, chip.PowerRegister);
            // The 40 mV shunt range (PGA /1), 32 V bus, 12-bit, continuous.
            Assert.Equal(0x219F, chip.Configuration);
            Assert.Equal(
                new[] { (QuantityId.DcVoltage, 11980L, (byte)3), (QuantityId.DcCurrent, 10000L, (byte)3), (QuantityId.DcPower, 11980L, (byte)2) },
                sink.Readings.Select(r => (r.Quantity, r.Value, r.Decimals)).ToArray());
            Assert.Equal("PASS sensor ina219@0x40: present, 11.980 V, 10.000 A", SelfTests.Line(sensor, 0));
            Assert.Equal("INA219 at 0x40 on the I2C bus, 0.002000 ohm shunt, up to 20.000 A", sensor.Describe());
        }

        [Theory]
        [InlineData(100000, 2000, 100000, 4096, 0x399F)]   // a breakout's 0.1 ohm, 2 A: 100 uA per bit, 200 mV in the 320 mV range
        [InlineData(100000, 400, 20000, 20480, 0x219F)]    // 0.1 ohm, 400 mA: 20 uA per bit, 40 mV, just the 40 mV range
        [InlineData(10000, 10000, 500000, 8192, 0x319F)]   // 10 mOhm, 10 A: 500 uA per bit, 100 mV in the 160 mV range
        public void Chooses_the_current_lsb_calibration_and_shunt_range(long shuntMicroOhms, long maxMilliamps, long lsbNanoamps, int calibration, int configuration)
        {
            var sensor = new Ina219Sensor("dc", new SimulatedIna219(), 0x41, shuntMicroOhms, maxMilliamps, 1000);
            Assert.Equal(lsbNanoamps, sensor.Scaling.CurrentLsbNanoamps);
            Assert.Equal(calibration, sensor.Scaling.Calibration);
            Assert.Equal(configuration, sensor.Configuration);
        }

        [Fact]
        public void Refuses_a_current_beyond_the_shunt_range()
        {
            Assert.Equal("maxCurrentA x shuntOhms is over the INA219's 320 mV shunt range", Ina219Sensor.Refusal(100000, 4000));
            Assert.Equal("shuntOhms and maxCurrentA must both be above 0", Ina219Sensor.Refusal(0, 4000));
            Assert.Null(Ina219Sensor.Refusal(100000, 3200));
            Assert.Throws<ArgumentOutOfRangeException>(() => new Ina219Sensor("dc", new SimulatedIna219(), 0x40, 100000, 4000, 1000));
        }

        [Fact]
        public void Reads_a_reverse_current_as_negative()
        {
            var chip = new SimulatedIna219 { ShuntRegister = -2000, BusRegister = 2995 };
            var sink = new RecordingSink();
            ExampleSensor(chip).Poll(I2cTestChips.Start, 0, sink);
            Assert.Equal(-10000, sink.Readings.Single(r => r.Quantity == QuantityId.DcCurrent).Value);
        }

        [Fact]
        public void Writes_a_lost_calibration_again_and_refuses_that_samples_current()
        {
            var chip = ExampleChip();
            var sensor = ExampleSensor(chip);
            sensor.Poll(I2cTestChips.Start, 0, new RecordingSink());
            chip.PowerUp();
            var sink = new RecordingSink();
            sensor.Poll(I2cTestChips.Start, 1000, sink);
            Assert.Equal(new[] { QuantityId.DcVoltage }, sink.Readings.Select(r => r.Quantity).ToArray());
            Assert.Equal(1, sensor.CalibrationsLost);
            Assert.Equal(1, sensor.Rejected);
            Assert.Equal(20480, chip.Calibration);
            Assert.Equal(0x219F, chip.Configuration);

            sink.Readings.Clear();
            sensor.Poll(I2cTestChips.Start, 2000, sink);
            Assert.Equal(3, sink.Readings.Count);
        }

        [Fact]
        public void Refuses_current_and_power_on_a_math_overflow()
        {
            var chip = ExampleChip();
            chip.Overflow = true;
            var sensor = ExampleSensor(chip);
            var sink = new RecordingSink();
            sensor.Poll(I2cTestChips.Start, 0, sink);
            Assert.Equal(new[] { QuantityId.DcVoltage }, sink.Readings.Select(r => r.Quantity).ToArray());
            Assert.Equal(1, sensor.Overflows);
            Assert.Equal(new[] { "samples", "misses", "rejected", "recoveries", "calibrationsLost", "overflows" }, Enumerable.Range(0, 6).Select(sensor.CounterName));
            Assert.Equal(new long[] { 1, 0, 1, 0, 0, 1 }, Enumerable.Range(0, 6).Select(sensor.CounterValue));
        }

        [Fact]
        public void Refuses_another_chip_at_its_address()
        {
            // An INA226 reads 0x4127 after a reset where an INA219 reads 0x399F.
            var sensor = new Ina219Sensor("dc", new SimulatedIna226(), 0x40, 2000, 20000, 1000);
            sensor.Poll(I2cTestChips.Start, 0, new RecordingSink());
            Assert.Equal(MeterState.Failed, sensor.State);
            Assert.Equal("FAIL sensor ina219@0x40: chip at 0x40 reads configuration 0x4127 after a reset, not the INA219's 0x399f, another chip answers there (an INA226 or an SHT3x at 0x44/0x45?), check the address pins",
                SelfTests.Line(sensor, 0));
        }

        [Fact]
        public void Missing_chip_gives_the_failed_state_and_a_self_test_line_then_recovers()
        {
            var chip = ExampleChip();
            chip.Present = false;
            var sensor = ExampleSensor(chip);
            sensor.Poll(I2cTestChips.Start, 0, new RecordingSink());
            Assert.Equal("FAIL sensor ina219@0x40: no answer at 0x40, check SDA/SCL wiring, power and the address pin", SelfTests.Line(sensor, 0));
            chip.Present = true;
            var sink = new RecordingSink();
            sensor.Poll(I2cTestChips.Start, MeterDriver.DefaultRetryMs, sink);
            Assert.Equal(MeterState.Ready, sensor.State);
            Assert.Equal(1, sensor.Recoveries);
            Assert.Equal(3, sink.Readings.Count);
        }

        [Fact]
        public void Steady_state_sampling_allocates_nothing()
        {
            var sensor = ExampleSensor(ExampleChip());
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
