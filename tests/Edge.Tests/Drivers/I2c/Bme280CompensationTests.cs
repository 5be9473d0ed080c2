using System;
using Edge.Drivers.I2c.Bme280;
using Xunit;

namespace Edge.Tests.Drivers.I2c
{
    public class Bme280CompensationTests
    {
        [Fact]
        public void Reproduces_the_datasheet_temperature_example()
        {
            var calibration = I2cTestChips.ExampleCalibration();
            int tFine = Bme280Compensation.TemperatureFine(calibration, I2cTestChips.ExampleAdcT);
            Assert.Equal(128422, tFine);
            Assert.Equal(2508, Bme280Compensation.CentiCelsius(tFine));
        }

        [Fact]
        public void Reproduces_the_datasheet_pressure_example()
        {
            var calibration = I2cTestChips.ExampleCalibration();
            int tFine = Bme280Compensation.TemperatureFine(calibration, I2cTestChips.ExampleAdcT);
            long q24 = Bme280Compensation.PressureQ24(calibration, I2cTestChips.ExampleAdcP, tFine);
            // Section 3.12 gives 100653.27 Pa in floating point and 100653 Pa in integers.
            Assert.Equal(100653, q24 / 256);
            Assert.InRange(q24 / 256.0, 100653.0, 100653.5);
        }

        [Fact]
        public void Pressure_is_zero_when_dig_P1_is_zero()
        {
            var calibration = I2cTestChips.ExampleCalibration();
            calibration.P1 = 0;
            Assert.Equal(0, Bme280Compensation.PressureQ24(calibration, I2cTestChips.ExampleAdcP, 128422));
        }

        [Theory]
        [InlineData(20000)]
        [InlineData(30000)]
        [InlineData(40000)]
        [InlineData(26000)]
        public void Humidity_agrees_with_the_floating_point_formula_of_the_datasheet(int adcH)
        {
            var c = I2cTestChips.ExampleCalibration();
            int tFine = Bme280Compensation.TemperatureFine(c, I2cTestChips.ExampleAdcT);
            double integer = Bme280Compensation.HumidityQ10(c, adcH, tFine) / 1024.0;
            Assert.InRange(integer - FloatingHumidity(c, adcH, tFine), -0.01, 0.01);
        }

        [Fact]
        public void Humidity_is_held_within_0_and_100_percent()
        {
            var c = I2cTestChips.ExampleCalibration();
            Assert.Equal(0, Bme280Compensation.HumidityQ10(c, 0, 128422));
            Assert.Equal(100 * 1024, Bme280Compensation.HumidityQ10(c, 65535, 128422));
        }

        [Fact]
        public void Reads_the_trimming_parameters_from_their_registers()
        {
            // calib00..25 then calib26..32 as table 16 lays them out; dig_H4 and dig_H5 share 0xE5 and are negative here.
            byte[] first = new byte[26];
            byte[] second = new byte[7];
            Put(first, 0, 27504); Put(first, 2, 26435); Put(first, 4, -1000); Put(first, 6, 36477);
            int[] p = { -10685, 3024, 2855, 140, -7, 15500, -14600, 6000 };
            for (int i = 0; i < p.Length; i++)
            {
                Put(first, 8 + (2 * i), p[i]);
            }

            first[25] = 75;
            Put(second, 0, 362);
            second[2] = 7;
            second[3] = 0xEC; // dig_H4 = -20 * 16 + 3 = -317
            second[4] = 0x53; // low nibble 3 for dig_H4, high nibble 5 for dig_H5
            second[5] = 0xFE; // dig_H5 = -2 * 16 + 5 = -27
            second[6] = 0xE2; // dig_H6 = -30
            var c = new Bme280Calibration();
            c.Read(first, second);
            Assert.Equal((27504, 26435, -1000, 36477), (c.T1, c.T2, c.T3, c.P1));
            Assert.Equal(p, new[] { c.P2, c.P3, c.P4, c.P5, c.P6, c.P7, c.P8, c.P9 });
            Assert.Equal((75, 362, 7, -317, -27, -30), (c.H1, c.H2, c.H3, c.H4, c.H5, c.H6));
            Assert.True(c.Plausible);
        }

        private static void Put(byte[] bytes, int at, int value)
        {
            bytes[at] = (byte)value;
            bytes[at + 1] = (byte)(value >> 8);
        }

        /// <summary>The double-precision humidity compensation of datasheet section 8.1, for comparison.</summary>
        private static double FloatingHumidity(Bme280Calibration c, int adcH, int tFine)
        {
            double h = tFine - 76800.0;
            h = (adcH - ((c.H4 * 64.0) + (c.H5 / 16384.0 * h))) * (c.H2 / 65536.0 * (1.0 + (c.H6 / 67108864.0 * h * (1.0 + (c.H3 / 67108864.0 * h)))));
            h *= 1.0 - (c.H1 * h / 524288.0);
            return Math.Clamp(h, 0.0, 100.0);
        }
    }
}
