#nullable disable
namespace Edge.Core.Meters
{
    /// <summary>The kinds of meter a configuration may name (<see cref="MeterSpec.Kind"/>), shared by the setup
    /// reader, which checks a meter's fields, and the driver factory, which builds it.</summary>
    public static class MeterKinds
    {
        /// <summary>A meter read from an S0 pulse output (EN 62053-31).</summary>
        public const string S0 = "s0";

        /// <summary>A Linky meter read from its TIC output (Enedis-NOI-CPT_54E).</summary>
        public const string Tic = "tic";

        /// <summary>A Modbus RTU meter on a shared RS-485 line, read by its register table.</summary>
        public const string Modbus = "modbus";

        /// <summary>A DSMR P1 meter (NL, BE, LU) read from its P1 port.</summary>
        public const string P1 = "p1";

        /// <summary>A TI INA219 current and power monitor on the I2C bus.</summary>
        public const string Ina219 = "ina219";

        /// <summary>A TI INA226 current and power monitor on the I2C bus.</summary>
        public const string Ina226 = "ina226";

        /// <summary>A Bosch BME280 temperature, humidity and pressure sensor on the I2C bus.</summary>
        public const string Bme280 = "bme280";

        /// <summary>A Sensirion SHT3x temperature and humidity sensor on the I2C bus.</summary>
        public const string Sht3x = "sht3x";

        /// <summary>Every kind a node configuration file may name, in the order they are listed to a user; the
        /// setup reader reads the fields of each.</summary>
        public static readonly string[] All = { Tic, S0, Modbus, P1, Ina219, Ina226, Bme280, Sht3x };

        /// <summary>True for the kinds read on the I2C bus.</summary>
        public static bool OnI2c(string kind)
        {
            return kind == Ina219 || kind == Ina226 || kind == Bme280 || kind == Sht3x;
        }

        /// <summary>The chip's address with its address pins to GND (INA219/INA226 0x40, datasheets' address
        /// tables; BME280 0x76, SDO to GND; SHT3x 0x44, ADDR to VSS), or 0 for a kind not on the I2C bus.</summary>
        public static int I2cDefaultAddress(string kind)
        {
            switch (kind)
            {
                case Ina219:
                case Ina226:
                    return 0x40;
                case Bme280:
                    return 0x76;
                case Sht3x:
                    return 0x44;
                default:
                    return 0;
            }
        }

        /// <summary>True when the chip of <paramref name="kind"/> can be strapped to <paramref name="address"/>:
        /// 0x40 to 0x4F for the INAs (A0, A1), 0x76/0x77 for the BME280 (SDO), 0x44/0x45 for the SHT3x (ADDR).</summary>
        public static bool I2cAddressFits(string kind, int address)
        {
            switch (kind)
            {
                case Ina219:
                case Ina226:
                    return address >= 0x40 && address <= 0x4F;
                case Bme280:
                    return address == 0x76 || address == 0x77;
                case Sht3x:
                    return address == 0x44 || address == 0x45;
                default:
                    return false;
            }
        }

        /// <summary>Largest S0 meter constant taken (imp/kWh); household meters print 100 to 10000.</summary>
        public const int MaxPulsesPerKwh = 100000;

        /// <summary>What an S0 meter measures (<see cref="PulseMeterSpec.Measures"/>): energy, one pulse per
        /// 1/(imp/kWh) kWh; the default.</summary>
        public const string S0Electricity = "electricity";

        /// <summary>An S0 (or reed contact) output of a water meter: one pulse per 1/(imp/m3) m3.</summary>
        public const string S0Water = "water";

        /// <summary>An S0 (or reed contact) output of a gas meter: one pulse per 1/(imp/m3) m3.</summary>
        public const string S0Gas = "gas";

        /// <summary>Largest S0 meter constant of a water or gas meter taken (imp/m3): their outputs give 1 to 1000
        /// (1 m3 to 1 L per pulse).</summary>
        public const int MaxPulsesPerM3 = 100000;

        /// <summary>The TIC modes of <see cref="MeterSpec.TicMode"/>: "auto" tells them apart from the bytes.</summary>
        public static readonly string[] TicModes = { "auto", "historique", "standard" };

        /// <summary>The Modbus meter models whose register tables the drivers ship (<see cref="MeterSpec.ModbusModel"/>).</summary>
        public static readonly string[] ModbusModels = { "sdm120", "sdm230", "sdm630", "sdm72" };

        /// <summary>The line speeds a Modbus meter may be set to: the rates of Modbus over Serial Line V1.02
        /// section 2.5.1 and those the Eastron SDM meters offer (1200 to 38400).</summary>
        public static readonly int[] ModbusBauds = { 1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200 };

        /// <summary>The parities of <see cref="MeterSpec.Parity"/> as a configuration names them, in the order of
        /// <c>SerialParity</c> (none, odd, even).</summary>
        public static readonly string[] Parities = { "none", "odd", "even" };

        /// <summary>The P1 line settings of <see cref="MeterSpec.P1Line"/>: 115200 8N1 (the DSMR 4 and 5 P1 companion
        /// standards; hardware/wiring/p1.md) first, the default, then 9600 7E1 (DSMR 2.2 and 3.0).</summary>
        public static readonly string[] P1Lines = { "115200-8N1", "9600-7E1" };

        /// <summary>The value types of a custom Modbus table's rows (<see cref="ModbusRegisterSpec.Type"/>).</summary>
        public static readonly string[] ModbusValueTypes = { "float32", "int16", "uint16", "int32", "uint32" };

        /// <summary>Most rows a custom Modbus table may hold: more than any meter's measurement set (the SDM630
        /// table ships fewer).</summary>
        public const int MaxModbusRows = 64;

        /// <summary>Modbus RTU's default speed for a meter of its own table (Modbus over Serial Line V1.02 section
        /// 2.5.1: 19200 baud, even parity, one stop bit).</summary>
        public const int ModbusDefaultBaud = 19200;

        /// <summary>The factory speed of a shipped model (<see cref="ModbusModels"/>): the Eastron user manuals give
        /// 2400 baud for the SDM120 and SDM230 and 9600 for the SDM630 and SDM72, all 8N1;
        /// <see cref="ModbusDefaultBaud"/> for a custom table (a null or unknown model).</summary>
        public static int ModbusBaudOf(string model)
        {
            switch (model)
            {
                case "sdm120":
                case "sdm230":
                    return 2400;
                case "sdm630":
                case "sdm72":
                    return 9600;
                default:
                    return ModbusDefaultBaud;
            }
        }
    }
}
