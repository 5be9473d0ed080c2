using System;
using Edge.Core.Model;
using Edge.Drivers.I2c.Bme280;

namespace Edge.Tests.Drivers.I2c
{
    /// <summary>What the I2C driver tests share: the BMP280 datasheet's worked example (BST-BMP280-DS001 section
    /// 3.12, the same temperature and pressure formulas as the BME280's) and humidity trimming of the magnitudes a
    /// BME280 carries, and a sink that only counts, for the allocation tests.</summary>
    internal static class I2cTestChips
    {
        public static readonly DateTime Start = new(2026, 3, 1, 12, 0, 0, DateTimeKind.Utc);

        /// <summary>Raw temperature of the worked example: 519888 gives t_fine 128422 and 25.08 degC.</summary>
        public const int ExampleAdcT = 519888;

        /// <summary>Raw pressure of the worked example: 415148 gives 100653 Pa.</summary>
        public const int ExampleAdcP = 415148;

        /// <summary>A raw humidity of mid range.</summary>
        public const int SomeAdcH = 30000;

        public static Bme280Calibration ExampleCalibration() => new()
        {
            T1 = 27504, T2 = 26435, T3 = -1000,
            P1 = 36477, P2 = -10685, P3 = 3024, P4 = 2855, P5 = 140, P6 = -7, P7 = 15500, P8 = -14600, P9 = 6000,
            H1 = 75, H2 = 362, H3 = 0, H4 = 313, H5 = 50, H6 = 30,
        };

        internal sealed class CountingSink : IReadingSink
        {
            public int Count;

            public void Add(Reading reading) => Count++;

            public void AddEvent(MeterEventKind kind, Reading reading) => Count++;
        }
    }
}
