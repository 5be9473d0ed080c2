#nullable disable
using Edge.Core.Platform;
using Edge.DeviceTests.Support;
using Edge.Drivers.I2c;
using nanoFramework.TestFramework;

namespace Edge.DeviceTests.Hil
{
    /// <summary>
    /// The I2C bus of the harness (hardware/test-harness.md): the bus scan the self-test uses finds exactly the sensors
    /// fitted, and the BME280 answers its chip id.
    /// </summary>
    [TestClass]
    public class I2cScanTests
    {
        /// <summary>BME280 "id" register and its value (Bosch BME280 datasheet §5.4.1: 0xD0 reads 0x60).</summary>
        private const byte Bme280IdRegister = 0xD0;
        private const byte Bme280Id = 0x60;

        [TestMethod]
        public void Finds_exactly_the_sensors_of_the_harness()
        {
            LoopbackHarness harness = LoopbackHarness.Require();
            I2cBusScan scan = new I2cBusScan();

            scan.Run(new I2cBusScan.DeviceAt(harness.OpenI2c));

            int[] expected = harness.I2cAddresses;
            OutputHelper.WriteLine("I2C found: " + scan.Found());
            Assert.AreEqual(expected.Length, scan.Count, "found " + scan.Found());
            for (int i = 0; i < expected.Length; i++)
            {
                Assert.IsTrue(scan.Answered(expected[i]), "no answer at " + I2cSensor.HexByte(expected[i]));
            }
        }

        [TestMethod]
        public void Reads_the_chip_id_of_the_bme280()
        {
            LoopbackHarness harness = LoopbackHarness.Require();
            int address = Bme280Address(harness.I2cAddresses);
            Assert.IsTrue(address > 0, "the harness has a BME280 at 0x76 or 0x77 (hardware/test-harness.md)");
            IRegisterBus device = harness.OpenI2c(address);
            byte[] id = new byte[1];

            Assert.IsTrue(device.WriteRead(new byte[] { Bme280IdRegister }, id));

            Assert.AreEqual(Bme280Id, id[0]);
        }

        private static int Bme280Address(int[] addresses)
        {
            for (int i = 0; i < addresses.Length; i++)
            {
                if (addresses[i] == 0x76 || addresses[i] == 0x77)
                {
                    return addresses[i];
                }
            }

            return -1;
        }
    }
}
