#nullable disable
using System;
using Edge.Core.Model;
using Edge.Core.Platform;

namespace Edge.Drivers.I2c.Bme280
{
    /// <summary>
    /// A Bosch BME280 temperature, humidity and pressure sensor (datasheet BST-BME280-DS002). Setup checks the
    /// chip id (register 0xD0 reads 0x60, section 5.4.1; a BMP280, 0x58, has no humidity and is refused by name),
    /// reads the trimming parameters (section 4.2.2) and starts normal mode: one measurement of each quantity every
    /// second, oversampling x1, filter off (ctrl_hum 0xF2, config 0xF5, ctrl_meas 0xF4, sections 5.4.3 to 5.4.6;
    /// ctrl_hum takes effect with the write to ctrl_meas after it). Each sample reads the eight data registers
    /// 0xF7 to 0xFE in one burst, so that the three values come from one measurement (section 4: "burst read"),
    /// and compensates them with <see cref="Bme280Compensation"/>. A value still at its reset pattern (0x80000,
    /// 0x8000: not measured since the chip started) is refused; a chip that keeps answering only that has restarted
    /// in sleep mode and is set up again.
    /// </summary>
    public sealed class Bme280Sensor : I2cSensor
    {
        /// <summary>The chip's name in lines.</summary>
        public const string ChipName = "bme280";

        /// <summary>Address with SDO to GND (section 6.2); SDO to VDDIO gives 0x77.</summary>
        public const int DefaultAddress = 0x76;

        /// <summary>The other address (SDO to VDDIO).</summary>
        public const int SecondAddress = 0x77;

        /// <summary>Register "id", 0xD0 (5.4.1).</summary>
        private const int IdRegister = 0xD0;

        /// <summary>The BME280's chip id (5.4.1).</summary>
        public const int ChipId = 0x60;

        /// <summary>The BMP280's chip id (BST-BMP280-DS001 section 4.3.1), told apart in the message.</summary>
        private const int Bmp280ChipId = 0x58;

        /// <summary>calib00, the first trimming register (4.2.2, table 16).</summary>
        private const int FirstCalibrationRegister = 0x88;

        /// <summary>calib26, the first humidity trimming register (4.2.2, table 16).</summary>
        private const int SecondCalibrationRegister = 0xE1;

        /// <summary>ctrl_hum, 0xF2 (5.4.3): osrs_h = 001, x1.</summary>
        private const int HumidityControlRegister = 0xF2;

        /// <summary>config, 0xF5 (5.4.6): t_sb = 101 (1000 ms standby), filter off, no SPI 3-wire.</summary>
        private const int ConfigRegister = 0xF5;

        /// <summary>ctrl_meas, 0xF4 (5.4.5).</summary>
        private const int MeasurementControlRegister = 0xF4;

        /// <summary>press_msb, 0xF7, the first of the eight data registers (5.4.7 to 5.4.9).</summary>
        private const int FirstDataRegister = 0xF7;

        private const int HumidityControl = 0x01;
        private const int Config = 0xA0;

        /// <summary>osrs_t = 001, osrs_p = 001 (x1), mode = 11 (normal), 5.4.5.</summary>
        private const int MeasurementControl = 0x27;

        /// <summary>A 20-bit temperature or pressure never measured (5.4.7, 5.4.8: reset value 0x80000).</summary>
        private const int NotMeasured20 = 0x80000;

        /// <summary>A 16-bit humidity never measured (5.4.9: reset value 0x8000).</summary>
        private const int NotMeasured16 = 0x8000;

        /// <summary>Operating range, -40 to +85 degC (table 1), in 0.01 degC.</summary>
        private const int MinCentiCelsius = -4000;
        private const int MaxCentiCelsius = 8500;

        /// <summary>Operating range, 300 to 1100 hPa (table 1), in 0.1 Pa.</summary>
        private const long MinDeciPascals = 300000;
        private const long MaxDeciPascals = 1100000;

        private readonly Bme280Calibration _calibration = new Bme280Calibration();
        private readonly byte[] _firstBlock = new byte[Bme280Calibration.FirstBlockLength];
        private readonly byte[] _secondBlock = new byte[Bme280Calibration.SecondBlockLength];
        private readonly byte[] _data = new byte[8];
        private readonly byte[] _id = new byte[1];
        private int _notMeasured;
        private int _centiCelsius;
        private long _deciPascals = -1;
        private long _centiPercent = -1;

        /// <param name="meterId">Name of the sensor in reports.</param>
        /// <param name="device">The chip's transfers.</param>
        /// <param name="address">7-bit address, 0x76 or 0x77.</param>
        /// <param name="pollIntervalMs">Least time between two samples.</param>
        public Bme280Sensor(string meterId, IRegisterBus device, int address, long pollIntervalMs)
            : base(meterId, ChipName, device, address, pollIntervalMs)
        {
        }

        /// <summary>The trimming parameters read at setup.</summary>
        public Bme280Calibration Calibration
        {
            get { return _calibration; }
        }

        /// <summary>Samples refused because a value was still at its reset pattern.</summary>
        public long NotMeasured { get; private set; }

        /// <summary>"BME280 at 0x76 on the I2C bus, normal mode, 1 s".</summary>
        public override string Describe()
        {
            return "BME280 at " + AddressText + " on the I2C bus, normal mode, a measurement a second";
        }

        /// <summary>One counter: "notMeasured".</summary>
        protected override int ChipCounterCount
        {
            get { return 1; }
        }

        /// <summary>The chip's counter name.</summary>
        protected override string ChipCounterName(int index)
        {
            return "notMeasured";
        }

        /// <summary>The chip's counter value.</summary>
        protected override long ChipCounterValue(int index)
        {
            return NotMeasured;
        }

        /// <summary>Checks the id, reads the trimming parameters and starts normal mode.</summary>
        protected override string Probe()
        {
            if (!ReadRegisters(IdRegister, _id))
            {
                return NoAnswer();
            }

            int id = _id[0];
            if (id != ChipId)
            {
                string which = id == Bmp280ChipId ? " (a BMP280, which measures no humidity)" : string.Empty;
                return "chip at " + AddressText + " answers id " + HexByte(id) + which + ", not the BME280's " + HexByte(ChipId) + ": check the part and the SDO address pin";
            }

            if (!ReadRegisters(FirstCalibrationRegister, _firstBlock) || !ReadRegisters(SecondCalibrationRegister, _secondBlock))
            {
                return NoAnswer();
            }

            _calibration.Read(_firstBlock, _secondBlock);
            if (!_calibration.Plausible)
            {
                return "chip at " + AddressText + " reads trimming parameters of 0: it is still starting or the bus reads zeros, check the pull-ups";
            }

            if (!WriteByteRegister(HumidityControlRegister, HumidityControl) || !WriteByteRegister(ConfigRegister, Config)
                || !WriteByteRegister(MeasurementControlRegister, MeasurementControl))
            {
                return NoAnswer();
            }

            _notMeasured = 0;
            return null;
        }

        /// <summary>Temperature (0.01 degC), pressure (0.1 Pa) and humidity (0.01 %RH) of one measurement.</summary>
        protected override bool Sample(DateTime utcNow, IReadingSink sink)
        {
            if (!ReadRegisters(FirstDataRegister, _data))
            {
                return false;
            }

            Counted();
            int adcP = (_data[0] << 12) | (_data[1] << 4) | (_data[2] >> 4);
            int adcT = (_data[3] << 12) | (_data[4] << 4) | (_data[5] >> 4);
            int adcH = (_data[6] << 8) | _data[7];
            if (adcT == NotMeasured20)
            {
                NotMeasured++;
                Reject();
                _notMeasured++;
                if (_notMeasured >= MissesBeforeFailed)
                {
                    MarkFailed("chip at " + AddressText + " has stopped measuring (it restarted?): the node sets it up again");
                }

                return true;
            }

            _notMeasured = 0;
            int tFine = Bme280Compensation.TemperatureFine(_calibration, adcT);
            _centiCelsius = Bme280Compensation.CentiCelsius(tFine);
            sink.Add(new Reading(QuantityId.Temperature, _centiCelsius, 2, utcNow, ReadingQuality.Good));
            if (adcP != NotMeasured20)
            {
                long q24 = Bme280Compensation.PressureQ24(_calibration, adcP, tFine);
                _deciPascals = ((q24 * 10) + 128) >> 8;
                sink.Add(new Reading(QuantityId.Pressure, _deciPascals, 1, utcNow, ReadingQuality.Good));
            }
            else
            {
                NotMeasured++;
                Reject();
            }

            if (adcH != NotMeasured16)
            {
                int q10 = Bme280Compensation.HumidityQ10(_calibration, adcH, tFine);
                _centiPercent = ((q10 * 100L) + 512) >> 10;
                sink.Add(new Reading(QuantityId.RelativeHumidity, _centiPercent, 2, utcNow, ReadingQuality.Good));
            }
            else
            {
                NotMeasured++;
                Reject();
            }

            return true;
        }

        /// <summary>-40 to 85 degC and 300 to 1100 hPa, the operating range (table 1); humidity is held within 0 to
        /// 100 %RH by the compensation itself.</summary>
        protected override string Plausibility()
        {
            if (_centiCelsius < MinCentiCelsius || _centiCelsius > MaxCentiCelsius)
            {
                return "temperature " + Decimal(_centiCelsius, 2) + " C is outside -40..85 C";
            }

            if (_deciPascals >= 0 && (_deciPascals < MinDeciPascals || _deciPascals > MaxDeciPascals))
            {
                return "pressure " + Decimal(_deciPascals / 100, 2) + " kPa is outside 30..110 kPa";
            }

            return null;
        }

        /// <summary>"21.53 C, 45.20 %RH, 100.65 kPa".</summary>
        protected override string LastValues()
        {
            return Decimal(_centiCelsius, 2) + " C, " + (_centiPercent >= 0 ? Decimal(_centiPercent, 2) : "-") + " %RH, "
                + (_deciPascals >= 0 ? Decimal(_deciPascals / 10, 3) : "-") + " kPa";
        }
    }
}
