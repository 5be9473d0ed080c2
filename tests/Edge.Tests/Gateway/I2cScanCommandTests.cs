using System;
using System.Collections.Generic;
using System.Device.I2c;
using System.IO;
using Edge.Host.Cli;
using Xunit;

namespace Edge.Tests.Gateway
{
    /// <summary>`edge i2c-scan`, the bus faked below .NET IoT: one device per address, acknowledging only where a chip sits.</summary>
    public class I2cScanCommandTests
    {
        [Fact]
        public void Lists_each_address_that_answers_with_the_chips_that_sit_there()
        {
            var opened = new List<I2cConnectionSettings>();
            var output = new StringWriter();

            int exit = I2cScanCommand.Run(Bus(opened, 0x40, 0x44, 0x76, 0x50), 1, output, TextWriter.Null);

            Assert.Equal(ExitCodes.Success, exit);
            Assert.Equal(
                "i2c-scan: /dev/i2c-1: 4 device(s) answered\n" +
                "  0x40  ina219/ina226\n" +
                "  0x44  sht3x or ina219/ina226\n" +
                "  0x50  not a chip of this project\n" +
                "  0x76  bme280/bmp280\n",
                output.ToString().ReplaceLineEndings("\n"));
            Assert.Equal(0x77 - 0x08 + 1, opened.Count);
            Assert.All(opened, s => Assert.Equal(1, s.BusId));
            Assert.Equal(0x08, opened[0].DeviceAddress);
            Assert.Equal(0x77, opened[^1].DeviceAddress);
        }

        [Fact]
        public void Says_to_check_the_wiring_and_exits_5_when_nothing_answers()
        {
            var output = new StringWriter();

            int exit = I2cScanCommand.Run(Bus(new List<I2cConnectionSettings>()), 3, output, TextWriter.Null);

            Assert.Equal(ExitCodes.SelfTestFailed, exit);
            Assert.Equal("i2c-scan: /dev/i2c-3: no device answered from 0x08 to 0x77; check SDA/SCL wiring, the pull-ups and the sensors' power\n", output.ToString().ReplaceLineEndings("\n"));
        }

        [Fact]
        public void A_bus_it_cannot_open_is_named_with_the_likely_cause_and_exit_7()
        {
            var error = new StringWriter();

            int exit = I2cScanCommand.Run(_ => throw new IOException("Error 2 performing I2C data transfer.\nCan not open I2C device file '/dev/i2c-1'."), 1, TextWriter.Null, error);

            Assert.Equal(ExitCodes.DeviceUnavailable, exit);
            Assert.Equal(
                "i2c-scan: cannot open I2C bus /dev/i2c-1: Error 2 performing I2C data transfer. Can not open I2C device file '/dev/i2c-1'; is the bus enabled (raspi-config, dtparam=i2c_arm=on) and the user in the i2c group?\n",
                error.ToString().ReplaceLineEndings("\n"));
        }

        [Fact]
        public void Finds_a_chip_that_acknowledges_only_its_address_alone()
        {
            // The SHT3x does not acknowledge a read header before a measurement (SHT3x-DIS section 4.4): the scan
            // then tries the address alone, a write of no byte.
            var output = new StringWriter();

            int exit = I2cScanCommand.Run(
                settings => new RegisterMapI2cDevice(settings) { Acknowledges = settings.DeviceAddress == 0x45, RefusesReads = settings.DeviceAddress == 0x45 },
                1, output, TextWriter.Null);

            Assert.Equal(ExitCodes.Success, exit);
            Assert.Contains("  0x45  sht3x or ina219/ina226", output.ToString(), StringComparison.Ordinal);
        }

        private static Func<I2cConnectionSettings, I2cDevice> Bus(List<I2cConnectionSettings> opened, params int[] chips) => settings =>
        {
            opened.Add(settings);
            return new RegisterMapI2cDevice(settings) { Acknowledges = Array.IndexOf(chips, settings.DeviceAddress) >= 0 };
        };
    }
}
