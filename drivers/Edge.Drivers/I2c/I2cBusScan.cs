#nullable disable
using Edge.Core.Commissioning;
using Edge.Core.Meters.Buses;
using Edge.Core.Platform;

namespace Edge.Drivers.I2c
{
    /// <summary>
    /// Which addresses of an I2C bus answer, for the self-test and the command line: every non-reserved 7-bit
    /// address (0x08 to 0x77, UM10204 section 3.1.12) is probed with a one-byte read, which a chip acknowledges
    /// without any register of it being written; an address that does not acknowledge the read is tried with its
    /// address alone (a write of no byte, no register pointer, no command), because some chips refuse a read with
    /// nothing to send: the SHT3x does not acknowledge a read header before a measurement (SHT3x-DIS section 4.4).
    /// Each address
    /// that answered is named with the chips of this firmware that sit there by their datasheets. The platform
    /// opens a device per address (<see cref="DeviceAt"/>); nothing here touches the hardware.
    /// </summary>
    public sealed class I2cBusScan
    {
        private readonly bool[] _answered = new bool[I2cBus.LastAddress + 1];
        private readonly byte[] _probe = new byte[1];
        private readonly byte[] _addressOnly = new byte[0];

        /// <summary>Opens the device at a 7-bit address (INodePlatform.OpenI2cDevice on the board's bus), or null
        /// when the platform cannot.</summary>
        public delegate IRegisterBus DeviceAt(int address);

        /// <summary>Addresses that answered the last scan.</summary>
        public int Count { get; private set; }

        /// <summary>Probes every address from 0x08 to 0x77 through <paramref name="open"/>.</summary>
        public void Run(DeviceAt open)
        {
            for (int address = I2cBus.FirstAddress; address <= I2cBus.LastAddress; address++)
            {
                Probe(address, open(address));
            }
        }

        /// <summary>Probes one address with a one-byte read, then with the address alone; a null device counts
        /// as no answer.</summary>
        public bool Probe(int address, IRegisterBus device)
        {
            bool answered = device != null && (device.Read(_probe) || device.Write(_addressOnly));
            if (answered && !_answered[address])
            {
                Count++;
            }
            else if (!answered && _answered[address])
            {
                Count--;
            }

            _answered[address] = answered;
            return answered;
        }

        /// <summary>True when the address answered the last probe.</summary>
        public bool Answered(int address)
        {
            return address >= I2cBus.FirstAddress && address <= I2cBus.LastAddress && _answered[address];
        }

        /// <summary>The chips of this firmware that may sit at <paramref name="address"/>, or null: INA219 and INA226
        /// at 0x40 to 0x4F (their A0/A1 pins), SHT3x at 0x44/0x45 (ADDR pin), BME280 and BMP280 at 0x76/0x77
        /// (SDO pin).</summary>
        public static string ChipsAt(int address)
        {
            if (address == 0x44 || address == 0x45)
            {
                return "sht3x or ina219/ina226";
            }

            if (address >= 0x40 && address <= 0x4F)
            {
                return "ina219/ina226";
            }

            if (address == 0x76 || address == 0x77)
            {
                return "bme280/bmp280";
            }

            return null;
        }

        /// <summary>"0x40 (ina219/ina226), 0x76 (bme280/bmp280)", or "none".</summary>
        public string Found()
        {
            string list = string.Empty;
            for (int address = I2cBus.FirstAddress; address <= I2cBus.LastAddress; address++)
            {
                if (_answered[address])
                {
                    list = (list.Length == 0 ? string.Empty : list + ", ") + Named(address);
                }
            }

            return list.Length == 0 ? "none" : list;
        }

        /// <summary>One self-test line for the bus: a pass listing what answered when every address of
        /// <paramref name="expected"/> (the configured sensors) did, else a failure naming the missing ones.</summary>
        public void Report(SelfTestReport report, int[] expected)
        {
            string missing = string.Empty;
            for (int i = 0; i < expected.Length; i++)
            {
                if (!Answered(expected[i]))
                {
                    missing = (missing.Length == 0 ? string.Empty : missing + ", ") + Named(expected[i]);
                }
            }

            if (missing.Length == 0)
            {
                report.Pass("i2c bus", "found " + Found());
            }
            else
            {
                report.Fail("i2c bus", "no answer at " + missing + " (found " + Found() + ")", "check SDA/SCL wiring, the pull-ups, power and the address pins");
            }
        }

        private static string Named(int address)
        {
            string chips = ChipsAt(address);
            return I2cSensor.HexByte(address) + (chips == null ? string.Empty : " (" + chips + ")");
        }
    }
}
