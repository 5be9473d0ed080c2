#nullable disable
using System;
using Edge.Core.Model;
using Edge.Core.Platform;

namespace Edge.Drivers.I2c.Sht3x
{
    /// <summary>
    /// A Sensirion SHT30/31/35 temperature and humidity sensor (datasheet SHT3x-DIS). The chip has no id register:
    /// setup reads its status register (command 0xF32D, section 4.11), whose word must come with a valid CRC
    /// (<see cref="Sht3xCrc"/>): a chip that does not answer, or answers without one, is not an SHT3x. Samples are
    /// single shots with high repeatability and clock stretching off (command 0x2400, section 4.3 table 9): a
    /// measurement takes up to 15 ms (table 4), longer than the loop may wait, so each sample reads the measurement
    /// started by the one before and starts the next; the values are one poll interval old. Each word of the
    /// answer carries its CRC; a sample with a bad one is refused and counted. Conversion (section 4.13):
    /// T = -45 + 175 S_T / (2^16 - 1) degC, RH = 100 S_RH / (2^16 - 1) %.
    /// </summary>
    public sealed class Sht3xSensor : I2cSensor
    {
        /// <summary>The chip's name in lines.</summary>
        public const string ChipName = "sht3x";

        /// <summary>Address with ADDR to VSS (section 3.2 table 7); ADDR to VDD gives 0x45.</summary>
        public const int DefaultAddress = 0x44;

        /// <summary>The other address (ADDR to VDD).</summary>
        public const int SecondAddress = 0x45;

        /// <summary>2^16 - 1, the divisor of the conversion formulas (4.13).</summary>
        private const long FullScale = 65535;

        /// <summary>Operating range -40 to 125 degC (section 2.1, figure), in 0.01 degC.</summary>
        private const int MinCentiCelsius = -4000;
        private const int MaxCentiCelsius = 12500;

        private readonly byte[] _measure = { 0x24, 0x00 };
        private readonly byte[] _readStatus = { 0xF3, 0x2D };
        private readonly byte[] _status = new byte[3];
        private readonly byte[] _answer = new byte[6];
        private bool _started;
        private int _centiCelsius;
        private int _centiPercent;

        /// <param name="meterId">Name of the sensor in reports.</param>
        /// <param name="device">The chip's transfers.</param>
        /// <param name="address">7-bit address, 0x44 or 0x45.</param>
        /// <param name="pollIntervalMs">Least time between two samples.</param>
        public Sht3xSensor(string meterId, IRegisterBus device, int address, long pollIntervalMs)
            : base(meterId, ChipName, device, address, pollIntervalMs)
        {
        }

        /// <summary>Answers refused for a word whose CRC did not match.</summary>
        public long CrcErrors { get; private set; }

        /// <summary>The status word read at setup (section 4.11, table 18).</summary>
        public int Status { get; private set; }

        /// <summary>"SHT3x at 0x44 on the I2C bus, single shots, high repeatability".</summary>
        public override string Describe()
        {
            return "SHT3x at " + AddressText + " on the I2C bus, single shots, high repeatability";
        }

        /// <summary>One counter: "crcErrors".</summary>
        protected override int ChipCounterCount
        {
            get { return 1; }
        }

        /// <summary>The chip's counter name.</summary>
        protected override string ChipCounterName(int index)
        {
            return "crcErrors";
        }

        /// <summary>The chip's counter value.</summary>
        protected override long ChipCounterValue(int index)
        {
            return CrcErrors;
        }

        /// <summary>Reads the status register and checks its CRC.</summary>
        protected override string Probe()
        {
            _started = false;
            if (!WriteCommand(_readStatus) || !ReadBytes(_status))
            {
                return NoAnswer();
            }

            if (!Sht3xCrc.Checks(_status, 0))
            {
                CrcErrors++;
                return "chip at " + AddressText + " answers the status command with a bad CRC: another chip (an INA219/INA226 at 0x44/0x45?) or a noisy bus, check the part, pull-ups and cable length";
            }

            Status = (_status[0] << 8) | _status[1];
            return null;
        }

        /// <summary>Reads the measurement started last time (when there is one) and starts the next.</summary>
        protected override bool Sample(DateTime utcNow, IReadingSink sink)
        {
            if (_started)
            {
                _started = false;
                if (!ReadBytes(_answer))
                {
                    return false;
                }

                Counted();
                if (!Sht3xCrc.Checks(_answer, 0) || !Sht3xCrc.Checks(_answer, 3))
                {
                    CrcErrors++;
                    Reject();
                }
                else
                {
                    long rawT = (_answer[0] << 8) | _answer[1];
                    long rawRh = (_answer[3] << 8) | _answer[4];
                    _centiCelsius = (int)(-4500 + Rounded(17500 * rawT));
                    _centiPercent = (int)Rounded(10000 * rawRh);
                    sink.Add(new Reading(QuantityId.Temperature, _centiCelsius, 2, utcNow, ReadingQuality.Good));
                    sink.Add(new Reading(QuantityId.RelativeHumidity, _centiPercent, 2, utcNow, ReadingQuality.Good));
                }
            }

            if (!WriteCommand(_measure))
            {
                return false;
            }

            _started = true;
            return true;
        }

        /// <summary>-40 to 125 degC, the sensor's range; humidity is 0 to 100 % by construction.</summary>
        protected override string Plausibility()
        {
            return _centiCelsius < MinCentiCelsius || _centiCelsius > MaxCentiCelsius ? "temperature " + Decimal(_centiCelsius, 2) + " C is outside -40..125 C" : null;
        }

        /// <summary>"21.53 C, 45.20 %RH".</summary>
        protected override string LastValues()
        {
            return Decimal(_centiCelsius, 2) + " C, " + Decimal(_centiPercent, 2) + " %RH";
        }

        /// <summary>numerator / (2^16 - 1), rounded half up (the numerator is never negative).</summary>
        private static long Rounded(long numerator)
        {
            return (numerator + (FullScale / 2)) / FullScale;
        }
    }
}
