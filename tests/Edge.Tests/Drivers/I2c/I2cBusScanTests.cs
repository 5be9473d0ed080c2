using System.Collections.Generic;
using Edge.Core.Commissioning;
using Edge.Core.Platform;
using Edge.Drivers.I2c;
using Edge.Host.Protocols.I2c;
using Xunit;

namespace Edge.Tests.Drivers.I2c
{
    public class I2cBusScanTests
    {
        private static Dictionary<int, SimulatedI2cChip> Bus() => new()
        {
            [0x40] = new SimulatedIna219(),
            [0x76] = new SimulatedBme280(I2cTestChips.ExampleCalibration()),
            [0x44] = new SimulatedSht3x(),
        };

        [Fact]
        public void Finds_the_chips_that_answer_and_names_them()
        {
            var chips = Bus();
            var scan = new I2cBusScan();
            var probed = new List<int>();
            scan.Run(address =>
            {
                probed.Add(address);
                return chips.TryGetValue(address, out SimulatedI2cChip? chip) ? chip : new Absent();
            });

            Assert.Equal(0x08, probed[0]);
            Assert.Equal(0x77, probed[^1]);
            Assert.Equal(112, probed.Count);
            Assert.Equal(3, scan.Count);
            Assert.Equal("0x40 (ina219/ina226), 0x44 (sht3x or ina219/ina226), 0x76 (bme280/bmp280)", scan.Found());
        }

        [Fact]
        public void Self_test_line_names_an_expected_chip_that_did_not_answer()
        {
            var chips = Bus();
            chips[0x44].Present = false;
            var scan = new I2cBusScan();
            scan.Run(address => chips.TryGetValue(address, out SimulatedI2cChip? chip) ? chip : null!);

            var report = new SelfTestReport();
            scan.Report(report, new[] { 0x40, 0x44 });
            Assert.Equal("FAIL i2c bus: no answer at 0x44 (sht3x or ina219/ina226) (found 0x40 (ina219/ina226), 0x76 (bme280/bmp280)), check SDA/SCL wiring, the pull-ups, power and the address pins",
                report.LineAt(0));

            chips[0x44].Present = true;
            scan.Run(address => chips.TryGetValue(address, out SimulatedI2cChip? chip) ? chip : null!);
            report = new SelfTestReport();
            scan.Report(report, new[] { 0x40, 0x44 });
            Assert.Equal("PASS i2c bus: found 0x40 (ina219/ina226), 0x44 (sht3x or ina219/ina226), 0x76 (bme280/bmp280)", report.LineAt(0));
        }

        [Fact]
        public void An_empty_bus_finds_none()
        {
            var scan = new I2cBusScan();
            scan.Run(_ => new Absent());
            Assert.Equal(0, scan.Count);
            Assert.Equal("none", scan.Found());
        }

        private sealed class Absent : IRegisterBus
        {
            public bool Read(byte[] data) => false;

            public bool Write(byte[] data) => false;

            public bool WriteRead(byte[] write, byte[] read) => false;
        }
    }
}
