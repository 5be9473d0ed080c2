#nullable disable
using System;
using Edge.Core.Model;
using Edge.Core.Platform;

namespace Edge.Drivers.I2c.Ina219
{
    /// <summary>
    /// A TI INA219 current and power monitor (datasheet SBOS448): DC bus voltage, current through its shunt and
    /// power. The chip has no identification register, so setup resets it and checks that the configuration
    /// register reads its power-on value (section 8.6.3.1, 0x399F): a chip that does not is not an INA219. Setup
    /// then writes the configuration (32 V bus range, the smallest shunt range that holds the largest current,
    /// 12-bit conversions, shunt and bus continuous) and the calibration of <see cref="InaScaling"/>. The chip
    /// converts on its own; each sample reads the bus voltage, current, power and calibration registers. A
    /// calibration that no longer reads back (the chip was reset by a supply dip) is written again and that
    /// sample's current and power refused; a math overflow flag (OVF) refuses them too.
    /// </summary>
    public sealed class Ina219Sensor : I2cSensor
    {
        /// <summary>The chip's name in lines.</summary>
        public const string ChipName = "ina219";

        /// <summary>Address with A0 and A1 tied to GND (table 1); A0/A1 give 0x40 to 0x4F.</summary>
        public const int DefaultAddress = 0x40;

        /// <summary>Configuration register, 00h (section 8.6.3.1).</summary>
        private const int ConfigurationRegister = 0x00;

        /// <summary>Bus voltage register, 02h: bits 15-3 the voltage in 4 mV, bit 1 CNVR, bit 0 OVF (8.6.3.2).</summary>
        private const int BusVoltageRegister = 0x02;

        /// <summary>Power register, 03h (8.6.3.3).</summary>
        private const int PowerRegister = 0x03;

        /// <summary>Current register, 04h, two's complement (8.6.3.4).</summary>
        private const int CurrentRegister = 0x04;

        /// <summary>Calibration register, 05h (8.6.3.5).</summary>
        private const int CalibrationRegister = 0x05;

        /// <summary>Bit 15 of the configuration register resets the chip (8.6.3.1, RST).</summary>
        private const int Reset = 0x8000;

        /// <summary>The configuration register's power-on value (8.6.3.1): 32 V, /8, 12-bit, continuous.</summary>
        public const int PowerOnConfiguration = 0x399F;

        /// <summary>BRNG = 1 (32 V), BADC = SADC = 0011 (12-bit, 532 us), MODE = 111 (shunt and bus continuous); the
        /// PGA bits (12-11) are added for the shunt range (8.6.3.1, table 4 to 6).</summary>
        private const int ConfigurationWithoutGain = 0x219F;

        /// <summary>Full scale of the /1 shunt range, in uV (table 4); each PGA step doubles it: 40, 80, 160, 320 mV.</summary>
        private const long SmallestShuntRangeMicrovolts = 40000;

        /// <summary>Largest calibration: 16 bits, bit 0 unused (8.6.3.5).</summary>
        private const int MaxCalibration = 0xFFFE;

        /// <summary>Power LSB is 20 x Current_LSB (8.5.1 equation 3).</summary>
        private const int PowerFactor = 20;

        /// <summary>Bus voltage LSB, 4 mV (8.6.3.2).</summary>
        private const int BusMillivoltsPerBit = 4;

        private readonly InaScaling _scaling;
        private readonly int _configuration;
        private readonly long _shuntMicroOhms;
        private readonly long _maxCurrentMilliamps;
        private long _busMillivolts;
        private long _currentValue;

        /// <param name="meterId">Name of the sensor in reports.</param>
        /// <param name="device">The chip's transfers.</param>
        /// <param name="address">7-bit address, 0x40 to 0x4F.</param>
        /// <param name="shuntMicroOhms">The shunt's resistance in micro-ohms (a breakout's R100 is 100000).</param>
        /// <param name="maxCurrentMilliamps">Largest current expected, in mA.</param>
        /// <param name="pollIntervalMs">Least time between two samples.</param>
        public Ina219Sensor(string meterId, IRegisterBus device, int address, long shuntMicroOhms, long maxCurrentMilliamps, long pollIntervalMs)
            : base(meterId, ChipName, device, address, pollIntervalMs)
        {
            string refused = Refusal(shuntMicroOhms, maxCurrentMilliamps);
            if (refused != null)
            {
                throw new ArgumentOutOfRangeException("shuntMicroOhms", refused);
            }

            _scaling = InaScaling.Choose(shuntMicroOhms, maxCurrentMilliamps, InaScaling.Ina219Constant, MaxCalibration, PowerFactor, true);
            _configuration = ConfigurationWithoutGain | (GainOf(shuntMicroOhms, maxCurrentMilliamps) << 11);
            _shuntMicroOhms = shuntMicroOhms;
            _maxCurrentMilliamps = maxCurrentMilliamps;
        }

        /// <summary>The calibration the chip is given.</summary>
        public InaScaling Scaling
        {
            get { return _scaling; }
        }

        /// <summary>The configuration register written at setup.</summary>
        public int Configuration
        {
            get { return _configuration; }
        }

        /// <summary>Samples whose calibration register had lost its value (rewritten).</summary>
        public long CalibrationsLost { get; private set; }

        /// <summary>Samples flagged with a math overflow (OVF): current and power out of range.</summary>
        public long Overflows { get; private set; }

        /// <summary>Null when an INA219 can measure up to <paramref name="maxCurrentMilliamps"/> on that shunt,
        /// else why not.</summary>
        public static string Refusal(long shuntMicroOhms, long maxCurrentMilliamps)
        {
            if (shuntMicroOhms <= 0 || maxCurrentMilliamps <= 0)
            {
                return "shuntOhms and maxCurrentA must both be above 0";
            }

            if (GainOf(shuntMicroOhms, maxCurrentMilliamps) < 0)
            {
                return "maxCurrentA x shuntOhms is over the INA219's 320 mV shunt range";
            }

            return InaScaling.Choose(shuntMicroOhms, maxCurrentMilliamps, InaScaling.Ina219Constant, MaxCalibration, PowerFactor, true) == null
                ? "no INA219 calibration fits that shunt and current" : null;
        }

        /// <summary>"INA219 at 0x40 on the I2C bus, 0.1 ohm shunt, up to 2 A".</summary>
        public override string Describe()
        {
            return "INA219 at " + AddressText + " on the I2C bus, " + Decimal(_shuntMicroOhms, 6) + " ohm shunt, up to " + Decimal(_maxCurrentMilliamps, 3) + " A";
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

        /// <summary>Resets the chip, checks its power-on configuration, writes configuration and calibration.</summary>
        protected override string Probe()
        {
            if (!WriteWord(ConfigurationRegister, Reset))
            {
                return NoAnswer();
            }

            int configuration = ReadWord(ConfigurationRegister);
            if (configuration < 0)
            {
                return NoAnswer();
            }

            if (configuration != PowerOnConfiguration)
            {
                return "chip at " + AddressText + " reads configuration " + HexWord(configuration) + " after a reset, not the INA219's " + HexWord(PowerOnConfiguration)
                    + ": another chip answers there (an INA226 or an SHT3x at 0x44/0x45?), check the address pins";
            }

            if (!WriteWord(ConfigurationRegister, _configuration) || !WriteWord(CalibrationRegister, _scaling.Calibration))
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
            if (bus < 0 || current < 0 || power < 0 || calibration < 0)
            {
                return false;
            }

            Counted();
            _busMillivolts = (bus >> 3) * BusMillivoltsPerBit;
            sink.Add(new Reading(QuantityId.DcVoltage, _busMillivolts, 3, utcNow, ReadingQuality.Good));
            if (calibration != _scaling.Calibration)
            {
                // The chip restarted (a supply dip) with its calibration at 0: current and power read 0 until
                // the calibration is written again.
                CalibrationsLost++;
                Reject();
                WriteWord(ConfigurationRegister, _configuration);
                WriteWord(CalibrationRegister, _scaling.Calibration);
                return true;
            }

            if ((bus & 1) != 0)
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

        /// <summary>The bus is 0 to 26 V (section 7.1, absolute maximum on IN+ and IN-).</summary>
        protected override string Plausibility()
        {
            return _busMillivolts > 26000 ? "bus voltage " + Decimal(_busMillivolts, 3) + " V is over the INA219's 26 V" : null;
        }

        /// <summary>"12.000 V, 1.500 A".</summary>
        protected override string LastValues()
        {
            return Decimal(_busMillivolts, 3) + " V, " + Decimal(_currentValue, _scaling.CurrentDecimals) + " A";
        }

        /// <summary>The PGA setting (0 for /1 to 3 for /8) of the smallest shunt range holding the largest
        /// current's shunt voltage, or -1 when none does.</summary>
        private static int GainOf(long shuntMicroOhms, long maxCurrentMilliamps)
        {
            // mA x uOhm = nV.
            long microvolts = (maxCurrentMilliamps * shuntMicroOhms + 999) / 1000;
            for (int i = 0; i < 4; i++)
            {
                if (microvolts <= SmallestShuntRangeMicrovolts << i)
                {
                    return i;
                }
            }

            return -1;
        }
    }
}
