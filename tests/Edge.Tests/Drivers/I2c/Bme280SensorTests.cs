using System;
using System.Linq;
using Edge.Core.Meters;
using Edge.Core.Model;
using Edge.Drivers.I2c.Bme280;
using Edge.Host.Protocols.I2c;
using Edge.Tests.Fakes;
using Xunit;

namespace Edge.Tests.Drivers.I2c
{
    public class Bme280SensorTests
    {
        private static SimulatedBme280 ExampleChip() => new(I2cTestChips.ExampleCalibration())
        {
            AdcT = I2cTestChips.ExampleAdcT,
            AdcP = I2cTestChips.ExampleAdcP,
            AdcH = I2cTestChips.SomeAdcH,
        };

        [Fact]
        public void Reports_the_datasheet_example_from_simulated_registers()
        {
            var chip = ExampleChip();
            var sensor = new Bme280Sensor("room", chip, 0x76, 10000);
            var sink = new RecordingSink();
            sensor.Poll(I2cTestChips.Start, 0, sink);

            Assert.Equal(MeterState.Ready, sensor.State);
            Assert.Equal(3, chip.Mode);
            Assert.Equal(27504, sensor.Calibration.T1);
            Assert.Equal(313, sensor.Calibration.H4);
            Assert.Equal(50, sensor.Calibration.H5);
            var calibration = I2cTestChips.ExampleCalibration();
            int tFine = Bme280Compensation.TemperatureFine(calibration, I2cTestChips.ExampleAdcT);
            long deciPa = ((Bme280Compensation.PressureQ24(calibration, I2cTestChips.ExampleAdcP, tFine) * 10) + 128) >> 8;
            long centiRh = ((Bme280Compensation.HumidityQ10(calibration, I2cTestChips.SomeAdcH, tFine) * 100L) + 512) >> 10;
            Assert.Equal(
                new[] { (QuantityId.Temperature, 2508L, (byte)2), (QuantityId.Pressure, deciPa, (byte)1), (QuantityId.RelativeHumidity, centiRh, (byte)2) },
                sink.Readings.Select(r => (r.Quantity, r.Value, r.Decimals)).ToArray());
            Assert.Equal(1006533, deciPa);
            Assert.Equal(1, sensor.Samples);
        }

        [Fact]
        public void Refuses_a_bmp280_by_its_chip_id()
        {
            var chip = ExampleChip();
            chip.ChipId = 0x58;
            var sensor = new Bme280Sensor("room", chip, 0x76, 10000);
            sensor.Poll(I2cTestChips.Start, 0, new RecordingSink());
            Assert.Equal(MeterState.Failed, sensor.State);
            Assert.Equal("FAIL sensor bme280@0x76: chip at 0x76 answers id 0x58 (a BMP280, which measures no humidity), not the BME280's 0x60, check the part and the SDO address pin",
                SelfTests.Line(sensor, 0));
        }

        [Fact]
        public void Missing_chip_gives_the_failed_state_and_a_self_test_line_then_recovers()
        {
            var chip = ExampleChip();
            chip.Present = false;
            var sensor = new Bme280Sensor("room", chip, 0x76, 10000);
            var sink = new RecordingSink();
            sensor.Poll(I2cTestChips.Start, 0, sink);

            Assert.Equal(MeterState.Failed, sensor.State);
            Assert.Equal("FAIL sensor bme280@0x76: no answer at 0x76, check SDA/SCL wiring, power and the address pin", SelfTests.Line(sensor, 0));
            Assert.Empty(sink.Readings);

            chip.Present = true;
            sensor.Poll(I2cTestChips.Start, MeterDriver.DefaultRetryMs - 1, sink);
            Assert.Equal(MeterState.Failed, sensor.State);
            sensor.Poll(I2cTestChips.Start, MeterDriver.DefaultRetryMs, sink);
            Assert.Equal(MeterState.Ready, sensor.State);
            Assert.Equal(1, sensor.Recoveries);
            Assert.Equal(3, sink.Readings.Count);
            Assert.Equal("PASS sensor bme280@0x76: present, 25.08 C, " + (sink.Readings[2].Value / 100.0).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture) + " %RH, 100.653 kPa",
                SelfTests.Line(sensor, MeterDriver.DefaultRetryMs));
        }

        [Fact]
        public void Chip_that_stops_answering_fails_after_three_missed_samples()
        {
            var chip = ExampleChip();
            var sensor = new Bme280Sensor("room", chip, 0x77, 1000);
            sensor.Poll(I2cTestChips.Start, 0, new RecordingSink());
            chip.Present = false;
            sensor.Poll(I2cTestChips.Start, 1000, new RecordingSink());
            sensor.Poll(I2cTestChips.Start, 2000, new RecordingSink());
            Assert.Equal(MeterState.Ready, sensor.State);
            sensor.Poll(I2cTestChips.Start, 3000, new RecordingSink());
            Assert.Equal(MeterState.Failed, sensor.State);
            Assert.Equal(3, sensor.Misses);
            Assert.Equal("no answer at 0x77: check SDA/SCL wiring, power and the address pin", sensor.Reason);
        }

        [Fact]
        public void Chip_restarted_in_sleep_mode_is_set_up_again()
        {
            var chip = ExampleChip();
            var sensor = new Bme280Sensor("room", chip, 0x76, 1000);
            sensor.Poll(I2cTestChips.Start, 0, new RecordingSink());

            // A supply dip: the chip answers again, in sleep mode, its data registers at their reset patterns.
            chip.PowerUp();
            var sink = new RecordingSink();
            for (int i = 1; i <= 3; i++)
            {
                sensor.Poll(I2cTestChips.Start, i * 1000, sink);
            }

            Assert.Empty(sink.Readings);
            Assert.Equal(3, sensor.NotMeasured);
            Assert.Equal(3, sensor.Rejected);
            Assert.Equal(MeterState.Failed, sensor.State);
            sensor.Poll(I2cTestChips.Start, 3000 + MeterDriver.DefaultRetryMs, sink);
            Assert.Equal(MeterState.Ready, sensor.State);
            Assert.Equal(3, chip.Mode);
            Assert.Equal(3, sink.Readings.Count);
        }

        [Fact]
        public void Self_test_fails_a_temperature_outside_the_operating_range()
        {
            var chip = ExampleChip();
            chip.AdcT = 800000;
            var sensor = new Bme280Sensor("room", chip, 0x76, 1000);
            var sink = new RecordingSink();
            sensor.Poll(I2cTestChips.Start, 0, sink);
            Assert.True(sink.Readings[0].Value > 8500);
            Assert.StartsWith("FAIL sensor bme280@0x76: temperature ", SelfTests.Line(sensor, 0));
            Assert.EndsWith(" C is outside -40..85 C, check the sensor's placement and wiring; replace it if it persists", SelfTests.Line(sensor, 0));
        }

        [Fact]
        public void Counts_its_samples_and_refusals_for_health()
        {
            var sensor = new Bme280Sensor("room", ExampleChip(), 0x76, 1000);
            sensor.Poll(I2cTestChips.Start, 0, new RecordingSink());
            Assert.Equal(5, sensor.CounterCount);
            Assert.Equal(new[] { "samples", "misses", "rejected", "recoveries", "notMeasured" }, Enumerable.Range(0, 5).Select(sensor.CounterName));
            Assert.Equal(new long[] { 1, 0, 0, 0, 0 }, Enumerable.Range(0, 5).Select(sensor.CounterValue));
        }

        [Fact]
        public void Steady_state_sampling_allocates_nothing()
        {
            var sensor = new Bme280Sensor("room", ExampleChip(), 0x76, 1000);
            var sink = new I2cTestChips.CountingSink();
            sensor.Poll(I2cTestChips.Start, 0, sink);
            sensor.Poll(I2cTestChips.Start, 1000, sink);
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 2; i < 100; i++)
            {
                sensor.Poll(I2cTestChips.Start, i * 1000, sink);
            }

            Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
            Assert.Equal(100 * 3, sink.Count);
        }
    }
}
