#nullable disable
namespace Edge.Drivers.I2c.Bme280
{
    /// <summary>
    /// The BME280's compensation of its raw ADC values, in the integer forms of datasheet BST-BME280-DS002
    /// section 4.2.3: temperature in 32-bit integers (0.01 degC), pressure in 64-bit integers (Pa in Q24.8: 1/256
    /// Pa), humidity in 32-bit integers (%RH in Q22.10: 1/1024 %RH). Temperature comes first: its t_fine, a
    /// finer temperature, feeds the pressure and humidity formulas. The temperature and pressure formulas are
    /// those of the BMP280 (datasheet BST-BMP280-DS001 section 3.11.3), whose worked example (section 3.12) the
    /// tests reproduce. The arithmetic shifts of the datasheet's C code are arithmetic here too (C# >> on int and
    /// long keeps the sign).
    /// </summary>
    public static class Bme280Compensation
    {
        /// <summary>Largest humidity before the final shift: 100 %RH in Q22.10 shifted left 12 (section 4.2.3).</summary>
        private const int HumidityCeiling = 419430400;

        /// <summary>t_fine of <paramref name="adcT"/>, the 20-bit raw temperature.</summary>
        public static int TemperatureFine(Bme280Calibration c, int adcT)
        {
            int linear = (((adcT >> 3) - (c.T1 << 1)) * c.T2) >> 11;
            int offset = (adcT >> 4) - c.T1;
            int square = (((offset * offset) >> 12) * c.T3) >> 14;
            return linear + square;
        }

        /// <summary>Temperature in 0.01 degC from t_fine: 5120 t_fine units are 1 degC (section 4.2.3).</summary>
        public static int CentiCelsius(int tFine)
        {
            return ((tFine * 5) + 128) >> 8;
        }

        /// <summary>Pressure in Pa times 256 (Q24.8) of <paramref name="adcP"/>, the 20-bit raw pressure, at
        /// t_fine; 0 when dig_P1 is 0 (the datasheet's guard against a division by zero).</summary>
        public static long PressureQ24(Bme280Calibration c, int adcP, int tFine)
        {
            long x = (long)tFine - 128000;
            long quadratic = x * x * c.P6;
            quadratic += (x * c.P5) << 17;
            quadratic += (long)c.P4 << 35;
            long gain = ((x * x * c.P3) >> 8) + ((x * c.P2) << 12);
            gain = ((((long)1 << 47) + gain) * c.P1) >> 33;
            if (gain == 0)
            {
                return 0;
            }

            long p = 1048576 - adcP;
            p = (((p << 31) - quadratic) * 3125) / gain;
            long square = (c.P9 * (p >> 13) * (p >> 13)) >> 25;
            long slope = (c.P8 * p) >> 19;
            return ((p + square + slope) >> 8) + ((long)c.P7 << 4);
        }

        /// <summary>Relative humidity in %RH times 1024 (Q22.10) of <paramref name="adcH"/>, the 16-bit raw
        /// humidity, at t_fine, held within 0 to 100 %RH as the datasheet does.</summary>
        public static int HumidityQ10(Bme280Calibration c, int adcH, int tFine)
        {
            int x = tFine - 76800;
            int offset = ((adcH << 14) - (c.H4 << 20) - (c.H5 * x) + 16384) >> 15;
            int temperatureTerm = ((((x * c.H6) >> 10) * (((x * c.H3) >> 11) + 32768)) >> 10) + 2097152;
            int h = offset * (((temperatureTerm * c.H2) + 8192) >> 14);
            h -= ((((h >> 15) * (h >> 15)) >> 7) * c.H1) >> 4;
            h = h < 0 ? 0 : h;
            h = h > HumidityCeiling ? HumidityCeiling : h;
            return h >> 12;
        }
    }
}
