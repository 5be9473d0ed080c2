#nullable disable
using System;
using Edge.Core.Model;
using Edge.Core.Platform;

namespace Edge.Drivers.I2c.Ina226
{
    /// <summary>
    /// A TI INA226 current and power monitor (datasheet SBOS547): DC bus voltage (0 to 36 V), current through its
    /// shunt and power. Setup checks the manufacturer ID (register FEh, "TI", 0x5449) and the die ID (FFh, device
    /// 0x226 in bits 15-4), resets the chip (power-on configuration: continuous shunt and bus, 1.1 ms conversions)
    /// and writes the calibration of <see cref="InaScaling"/>. Each sample reads the bus voltage, current, power,
    /// calibration and Mask/Enable registers: a calibration that no longer reads back (the chip restarted) is
    /// written again and that sample's current and power refused; the math overflow flag (Mask/Enable bit 2)
    /// refuses them too.
    /// </summary>
    public sealed class Ina226Sensor : I2cSensor
    {
        /// <summary>The chip's name in lines.</summary>
        public const string ChipName = "ina226";

        /// <summary>Address with A0 and A1 tied to GND (section 7.5.5.1, table 2); A0/A1 give 0x40 to 0x4F.</summary>
        public const int DefaultAddress = 0x40;

        /// <summary>Configuration register, 00h (section 7.6.1); bit 15 resets the chip.</summary>
        private const int ConfigurationRegister = 0x00;

        /// <summary>Bus voltage register, 02h: 1.25 mV per bit (7.6.3).</summary>
        private const int BusVoltageRegister = 0x02;

        /// <summary>Power register, 03h (7.6.4).</summary>
        private const int PowerRegister = 0x03;

        /// <summary>Current register, 04h, two's complement (7.6.5).</summary>
        private const int CurrentRegister = 0x04;

        /// <summary>Calibration register, 05h (7.6.6): bit 15 is reserved.</summary>
        private const int CalibrationRegister = 0x05;

        /// <summary>Mask/Enable register, 06h (7.6.7): bit 2 is the math overflow flag (OVF).</summary>
        private const int MaskEnableRegister = 0x06;

        /// <summary>Manufacturer ID register, FEh (7.6.9).</summary>
        private const int ManufacturerIdRegister = 0xFE;

        /// <summary>Die ID register, FFh (7.6.10): device ID in bits 15-4, revision in 3-0.</summary>
        private const int DieIdRegister = 0xFF;

        /// <summary>"TI" in ASCII, the manufacturer ID (7.6.9).</summary>
        public const int ManufacturerId = 0x5449;

        /// <summary>The die ID's device bits (7.6.10).</summary>
        public const int DeviceId = 0x226;

        /// <summary>Bit 15 of the configuration register resets the chip (7.6.1, RST).</summary>
        private const int Reset = 0x8000;

        /// <summary>Math overflow flag of the Mask/Enable register (7.6.7, OVF).</summary>
        private const int OverflowFlag = 0x0004;

        /// <summary>Largest calibration: 15 bits (7.6.6).</summary>
        private const int MaxCalibration = 0x7FFF;

        /// <summary>Power LSB is 25 x Current_LSB (section 7.5 equation 3).</summary>
        private const int PowerFactor = 25;

        /// <summary>Bus voltage LSB, 1.25 mV (7.6.3), as 125 units of 10 uV.</summary>
        private const int BusTenMicrovoltsPerBit = 125;

        /// <summary>The bus input takes 0 to 36 V (section 6.3).</summary>
        private const long MaxBusTenMicrovolts = 3600000;

        /// <summary>The shunt input's full scale, 81.92 mV (section 7.6.2: 2.5 uV x 32768).</summary>
        private const long ShuntRangeMicrovolts = 81920;

        private readonly InaScaling _scaling;
        private readonly long _shuntMicroOhms;
        private readonly long _maxCurrentMilliamps;
        private long _busTenMicrovolts;
        private long _currentValue;

        /// <param name="meterId">Name of the sensor in reports.</param>
        /// <param name="device">The chip's transfers.</param>
        /// <param name="address">7-bit address, 0x40 to 0x4F.</param>
        /// <param name="shuntMicroOhms">The shunt's resistance in micro-ohms (a breakout's R100 is 100000).</param>
        /// <param name="maxCurrentMilliamps">Largest current expected, in mA.</param>
        /// <param name="pollIntervalMs">Least time between two samples.</param>
        public Ina226Sensor(string meterId, IRegisterBus device, int address, long shuntMicroOhms, long maxCurrentMilliamps, long pollIntervalMs)
            : base(meterId, ChipName, device, address, pollIntervalMs)
        {
            string refused = Refusal(shuntMicroOhms, maxCurrentMilliamps);
            if (refused != null)
            {
                throw new ArgumentOutOfRangeException("shuntMicroOhms", refused);
            }

            _scaling = InaScaling.Choose(shuntMicroOhms, maxCurrentMilliamps, InaScaling.Ina226Constant, MaxCalibration, PowerFactor, false);
            _shuntMicroOhms = shuntMicroOhms;
            _maxCurrentMilliamps = maxCurrentMilliamps;
        }

        /// <summary>The calibration the chip is given.</summary>
        public InaScaling Scaling
        {
            get { return _scaling; }
        }

        /// <summary>Samples whose calibration register had lost its value (rewritten).</summary>
        public long CalibrationsLost { get; private set; }

        /// <summary>Samples flagged with a math overflow: current and power out of range.</summary>
        public long Overflows { get; private set; }

        /// <summary>Null when an INA226 can measure up to <paramref name="maxCurrentMilliamps"/> on that shunt,
        /// else why not.</summary>
        public static string Refusal(long shuntMicroOhms, long maxCurrentMilliamps)
        {
            if (shuntMicroOhms <= 0 || maxCurrentMilliamps <= 0)
            {
                return "shuntOhms and maxCurrentA must both be above 0";
            }

            if ((maxCurrentMilliamps * shuntMicroOhms + 999) / 1000 > ShuntRangeMicrovolts)
            {
                return "maxCurrentA x shuntOhms is over the INA226's 81.92 mV shunt range";
            }

            return InaScaling.Choose(shuntMicroOhms, maxCurrentMilliamps, InaScaling.Ina226Constant, MaxCalibration, PowerFactor, false) == null
                ? "no INA226 calibration fits that shunt and current" : null;
        }

        /// <summary>"INA226 at 0x40 on the I2C bus, 0.002 ohm shunt, up to 20 A".</summary>
        public override string Describe()
        {
            return "INA226 at " + AddressText + " on the I2C bus, " + Decimal(_shuntMicroOhms, 6) + " ohm shunt, up to " + Decimal(_maxCurrentMilliamps, 3) + " A";
        }

        /// <summary>Two counters: "calibrationsLost", "overflows".</summary>
        protected override int ChipCounterCount
        {
            get { return 2; }
        }

        /// <summary>The chip's counter names.</summary>
        protected override string ChipCounterName(int index)
        {
            return index == 0 ? "calibrationsLost" : "overflows";
        }

        /// <summary>The chip's counter values.</summary>
        protected override long ChipCounterValue(int index)
        {
            return index == 0 ? CalibrationsLost : Overflows;
        }

        /// <summary>Checks both IDs, resets the chip and writes the calibration.</summary>
        protected override string Probe()
        {
            int manufacturer = ReadWord(ManufacturerIdRegister);
            int die = ReadWord(DieIdRegister);
            if (manufacturer < 0 || die < 0)
            {
                return NoAnswer();
            }

            if (manufacturer != ManufacturerId || (die >> 4) != DeviceId)
            {
                return "chip at " + AddressText + " reads IDs " + HexWord(manufacturer) + "/" + HexWord(die) + ", not the INA226's " + HexWord(ManufacturerId) + "/0x226x"
                    + ": another chip answers there (an INA219?), check the address pins";
            }

            if (!WriteWord(ConfigurationRegister, Reset) || !WriteWord(CalibrationRegister, _scaling.Calibration))
            {
                return NoAnswer();
            }

            return null;
        }

        /// <summary>Bus voltage, current and power; current and power refused on an overflow or a lost calibration.</summary>
        protected override bool Sample(DateTime utcNow, IReadingSink sink)
        {
            int bus = ReadWord(BusVoltageRegister);
            int current = ReadWord(CurrentRegister);
            int power = ReadWord(PowerRegister);
            int calibration = ReadWord(CalibrationRegister);
            int flags = ReadWord(MaskEnableRegister);
            if (bus < 0 || current < 0 || power < 0 || calibration < 0 || flags < 0)
            {
                return false;
            }

            Counted();
            _busTenMicrovolts = (long)bus * BusTenMicrovoltsPerBit;
            sink.Add(new Reading(QuantityId.DcVoltage, _busTenMicrovolts, 5, utcNow, ReadingQuality.Good));
            if (calibration != _scaling.Calibration)
            {
                CalibrationsLost++;
                Reject();
                WriteWord(CalibrationRegister, _scaling.Calibration);
                return true;
            }

            if ((flags & OverflowFlag) != 0)
            {
                Overflows++;
                Reject();
                return true;
            }

            _currentValue = Signed16(current) * _scaling.CurrentUnit;
            sink.Add(new Reading(QuantityId.DcCurrent, _currentValue, _scaling.CurrentDecimals, utcNow, ReadingQuality.Good));
            sink.Add(new Reading(QuantityId.DcPower, power * _scaling.PowerUnit, _scaling.PowerDecimals, utcNow, ReadingQuality.Good));
            return true;
        }

        /// <summary>The bus is 0 to 36 V (section 6.3).</summary>
        protected override string Plausibility()
        {
            return _busTenMicrovolts > MaxBusTenMicrovolts ? "bus voltage " + Decimal(_busTenMicrovolts, 5) + " V is over the INA226's 36 V" : null;
        }

        /// <summary>"12.00000 V, 10.000 A".</summary>
        protected override string LastValues()
        {
            return Decimal(_busTenMicrovolts, 5) + " V, " + Decimal(_currentValue, _scaling.CurrentDecimals) + " A";
        }
    }
}
