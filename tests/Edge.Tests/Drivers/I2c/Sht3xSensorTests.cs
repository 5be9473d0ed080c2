using System;
using System.Linq;
using Edge.Core.Meters;
using Edge.Core.Model;
using Edge.Drivers.I2c.Sht3x;
using Edge.Host.Protocols.I2c;
using Edge.Tests.Fakes;
using Xunit;

namespace Edge.Tests.Drivers.I2c
{
    public class Sht3xSensorTests
    {
        [Fact]
        public void Crc_reproduces_the_datasheet_example()
        {
            Assert.Equal(0x92, Sht3xCrc.Of(new byte[] { 0xBE, 0xEF }, 0));
            Assert.True(Sht3xCrc.Checks(new byte[] { 0xBE, 0xEF, 0x92 }, 0));
            Assert.False(Sht3xCrc.Checks(new byte[] { 0xBE, 0xEF, 0x93 }, 0));
        }

        [Fact]
        public void Reads_the_measurement_started_by_the_sample_before()
        {
            // S_T = 0x6666: -45 + 175 x 26214 / 65535 = 25.0004 degC; S_RH = 0x8000: 100 x 32768 / 65535 = 50.0008 %.
            var chip = new SimulatedSht3x { RawTemperature = 0x6666, RawHumidity = 0x8000 };
            var sensor = new Sht3xSensor("room", chip, 0x44, 10000);
            var sink = new RecordingSink();
            sensor.Poll(I2cTestChips.Start, 0, sink);
            Assert.Equal(MeterState.Ready, sensor.State);
            Assert.Equal(0x8010, sensor.Status);
            Assert.Empty(sink.Readings);
            Assert.Equal(1, chip.Measurements);

            sensor.Poll(I2cTestChips.Start, 10000, sink);
            Assert.Equal(new[] { (QuantityId.Temperature, 2500L, (byte)2), (QuantityId.RelativeHumidity, 5000L, (byte)2) },
                sink.Readings.Select(r => (r.Quantity, r.Value, r.Decimals)).ToArray());
            Assert.Equal(2, chip.Measurements);
            Assert.Equal("PASS sensor sht3x@0x44: present, 25.00 C, 50.00 %RH", SelfTests.Line(sensor, 10000));
        }

        [Theory]
        [InlineData(0, 0, -4500, 0)]
        [InlineData(0xFFFF, 0xFFFF, 13000, 10000)]
        [InlineData(0x4000, 0x1000, -125, 625)]
        public void Converts_raw_values_with_the_datasheet_formulas(int rawT, int rawRh, long centiCelsius, long centiPercent)
        {
            var chip = new SimulatedSht3x { RawTemperature = rawT, RawHumidity = rawRh };
            var sensor = new Sht3xSensor("room", chip, 0x45, 1000);
            var sink = new RecordingSink();
            sensor.Poll(I2cTestChips.Start, 0, sink);
            sensor.Poll(I2cTestChips.Start, 1000, sink);
            Assert.Equal(new[] { centiCelsius, centiPercent }, sink.Readings.Select(r => r.Value).ToArray());
        }

        [Fact]
        public void Rejects_a_measurement_with_a_bad_crc()
        {
            // The answer is made when the measurement starts: the first one started with the CRC spoilt.
            var chip = new SimulatedSht3x { RawTemperature = 0x6666, RawHumidity = 0x8000, BadCrc = true };
            var sensor = new Sht3xSensor("room", chip, 0x44, 1000);
            var sink = new RecordingSink();
            sensor.Poll(I2cTestChips.Start, 0, sink);
            chip.BadCrc = false;
            sensor.Poll(I2cTestChips.Start, 1000, sink);
            Assert.Empty(sink.Readings);
            Assert.Equal(1, sensor.CrcErrors);
            Assert.Equal(1, sensor.Rejected);
            Assert.Equal(MeterState.Ready, sensor.State);

            sensor.Poll(I2cTestChips.Start, 2000, sink);
            Assert.Equal(2, sink.Readings.Count);
            Assert.Equal(new[] { "samples", "misses", "rejected", "recoveries", "crcErrors" }, Enumerable.Range(0, 5).Select(sensor.CounterName));
            Assert.Equal(new long[] { 2, 0, 1, 0, 1 }, Enumerable.Range(0, 5).Select(sensor.CounterValue));
        }

        [Fact]
        public void Refuses_a_chip_whose_status_has_a_bad_crc()
        {
            var chip = new SimulatedSht3x { BadCrc = true };
            var bad = new BadStatus(chip);
            var sensor = new Sht3xSensor("room", bad, 0x44, 1000);
            sensor.Poll(I2cTestChips.Start, 0, new RecordingSink());
            Assert.Equal(MeterState.Failed, sensor.State);
            Assert.StartsWith("FAIL sensor sht3x@0x44: chip at 0x44 answers the status command with a bad CRC, another chip", SelfTests.Line(sensor, 0));
        }

        [Fact]
        public void Missing_chip_gives_the_failed_state_and_a_self_test_line_then_recovers()
        {
            var chip = new SimulatedSht3x { RawTemperature = 0x6666, RawHumidity = 0x8000, Present = false };
            var sensor = new Sht3xSensor("room", chip, 0x44, 1000);
            sensor.Poll(I2cTestChips.Start, 0, new RecordingSink());
            Assert.Equal("FAIL sensor sht3x@0x44: no answer at 0x44, check SDA/SCL wiring, power and the address pin", SelfTests.Line(sensor, 0));
            chip.Present = true;
            var sink = new RecordingSink();
            sensor.Poll(I2cTestChips.Start, MeterDriver.DefaultRetryMs, sink);
            sensor.Poll(I2cTestChips.Start, MeterDriver.DefaultRetryMs + 1000, sink);
            Assert.Equal(MeterState.Ready, sensor.State);
            Assert.Equal(1, sensor.Recoveries);
            Assert.Equal(2, sink.Readings.Count);
        }

        [Fact]
        public void Steady_state_sampling_allocates_nothing()
        {
            var sensor = new Sht3xSensor("room", new SimulatedSht3x { RawTemperature = 0x6666, RawHumidity = 0x8000 }, 0x44, 1000);
            var sink = new I2cTestChips.CountingSink();
            sensor.Poll(I2cTestChips.Start, 0, sink);
            sensor.Poll(I2cTestChips.Start, 1000, sink);
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 2; i < 100; i++)
            {
                sensor.Poll(I2cTestChips.Start, i * 1000, sink);
            }

            Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
            Assert.Equal(99 * 2, sink.Count);
        }

        /// <summary>A chip that answers the status command with a spoilt CRC (a chip of another kind at the address).</summary>
        private sealed class BadStatus : Edge.Core.Platform.IRegisterBus
        {
            private readonly SimulatedSht3x _chip;

            public BadStatus(SimulatedSht3x chip) => _chip = chip;

            public bool Write(byte[] data) => _chip.Write(data);

            public bool Read(byte[] data)
            {
                bool ok = _chip.Read(data);
                data[^1] ^= 0x5A;
                return ok;
            }

            public bool WriteRead(byte[] write, byte[] read) => _chip.WriteRead(write, read);
        }
    }
}
