#nullable disable
using System;
using Edge.Core.Commissioning;
using Edge.Core.Meters;
using Edge.Core.Model;
using Edge.Core.Platform;

namespace Edge.Drivers.I2c
{
    /// <summary>
    /// What the I2C chip drivers share: the chip's register transfers over its <see cref="IRegisterBus"/> (the
    /// node's <c>I2cChannel</c>) with buffers allocated once, the chip check at setup, and the failed state. A chip
    /// that does not answer, or answers as another chip would, fails with a reason naming its address and what to
    /// check; a chip that stops answering fails after <see cref="MissesBeforeFailed"/> samples in a row, so that one
    /// disturbed transfer is counted but does not drop the sensor. The base class retries setup every
    /// <see cref="MeterDriver.RetryMs"/>: the chip is probed again, and a chip that comes back is counted as a
    /// recovery. Every sample refused (a bad checksum, a measurement not ready, an overflow) is counted.
    /// </summary>
    public abstract class I2cSensor : MeterDriver, ICounterSource
    {
        /// <summary>Samples in a row whose transfers fail before the sensor is failed: one disturbed transfer (a
        /// contact bounce on a connector, a burst of noise) is a miss, three are a chip gone.</summary>
        public const int MissesBeforeFailed = 3;

        /// <summary>Sensors read once every 10 s unless configured otherwise: temperature, humidity and a DC bus
        /// change slowly, and each read is a few I2C transfers.</summary>
        public const long DefaultPollIntervalMs = 10000;

        private const string HexDigits = "0123456789abcdef";

        private readonly IRegisterBus _device;
        private readonly byte[] _pointer = new byte[1];
        private readonly byte[] _word = new byte[2];
        private readonly byte[] _registerWrite = new byte[3];
        private int _misses;
        private bool _failedBefore;

        /// <param name="meterId">Name of the sensor in reports.</param>
        /// <param name="chip">The chip's name in lines ("bme280").</param>
        /// <param name="device">The chip's transfers (the node's channel at its address).</param>
        /// <param name="address">The chip's 7-bit address, for messages.</param>
        /// <param name="pollIntervalMs">Least time between two samples.</param>
        protected I2cSensor(string meterId, string chip, IRegisterBus device, int address, long pollIntervalMs)
            : base(meterId, pollIntervalMs)
        {
            if (device == null)
            {
                throw new ArgumentNullException("device");
            }

            if (address < Edge.Core.Meters.Buses.I2cBus.FirstAddress || address > Edge.Core.Meters.Buses.I2cBus.LastAddress)
            {
                throw new ArgumentOutOfRangeException("address", "7-bit I2C addresses go from 0x08 to 0x77");
            }

            _device = device;
            Chip = chip;
            Address = address;
            AddressText = HexByte(address);
        }

        /// <summary>The chip's name in lines ("bme280", "ina219").</summary>
        public string Chip { get; private set; }

        /// <summary>The chip's 7-bit I2C address.</summary>
        public int Address { get; private set; }

        /// <summary>The address as lines write it ("0x76").</summary>
        public string AddressText { get; private set; }

        /// <summary>Samples read in full.</summary>
        public long Samples { get; private set; }

        /// <summary>Samples lost to a transfer the chip did not acknowledge.</summary>
        public long Misses { get; private set; }

        /// <summary>Samples the chip answered but the driver refused (the chip's own counters say why).</summary>
        public long Rejected { get; private set; }

        /// <summary>Setups that succeeded after the sensor had failed: the chip came back.</summary>
        public long Recoveries { get; private set; }

        /// <summary>"sensor &lt;chip&gt;@&lt;address&gt;": the self-test names the chip where the installer looks for it.</summary>
        public override string SelfTestItem
        {
            get { return "sensor " + Chip + "@" + AddressText; }
        }

        /// <summary>Four counters shared by every chip, then the chip's own (<see cref="ChipCounterCount"/>).</summary>
        public int CounterCount
        {
            get { return 4 + ChipCounterCount; }
        }

        /// <summary>"samples", "misses", "rejected", "recoveries", then the chip's.</summary>
        public string CounterName(int index)
        {
            switch (index)
            {
                case 0:
                    return "samples";
                case 1:
                    return "misses";
                case 2:
                    return "rejected";
                case 3:
                    return "recoveries";
                default:
                    return ChipCounterName(index - 4);
            }
        }

        /// <summary>The counter named by <see cref="CounterName"/> for that index.</summary>
        public long CounterValue(int index)
        {
            switch (index)
            {
                case 0:
                    return Samples;
                case 1:
                    return Misses;
                case 2:
                    return Rejected;
                case 3:
                    return Recoveries;
                default:
                    return ChipCounterValue(index - 4);
            }
        }

        /// <summary>A failure or warning as the base class says it; otherwise what the chip measured last, checked
        /// against the chip's plausible range (<see cref="Plausibility"/>). The first chip of a bus then adds the
        /// bus's own line (<see cref="Edge.Core.Meters.Buses.I2cBus.Check"/>): what answers where, so a chip
        /// strapped to another address shows there.</summary>
        public override void SelfTest(SelfTestReport report, long monotonicMs)
        {
            SelfTestChip(report, monotonicMs);
            Edge.Core.Meters.Buses.I2cChannel channel = _device as Edge.Core.Meters.Buses.I2cChannel;
            if (channel != null && channel.Bus.Check != null && channel.Bus.ChannelAt(0) == channel)
            {
                channel.Bus.Check.SelfTest(report, monotonicMs);
            }
        }

        private void SelfTestChip(SelfTestReport report, long monotonicMs)
        {
            if (ReportState(report, monotonicMs))
            {
                return;
            }

            if (Samples == 0)
            {
                report.Warn(SelfTestItem, "present, no sample read yet", "run the self-test again after the next sample");
                return;
            }

            string wrong = Plausibility();
            if (wrong != null)
            {
                report.Fail(SelfTestItem, wrong, "check the sensor's placement and wiring; replace it if it persists");
                return;
            }

            report.Pass(SelfTestItem, "present, " + LastValues());
        }

        /// <summary>"0x76": a byte as lines write an address or a chip id.</summary>
        public static string HexByte(int value)
        {
            char[] text = new char[4];
            text[0] = '0';
            text[1] = 'x';
            text[2] = HexDigits[(value >> 4) & 0xF];
            text[3] = HexDigits[value & 0xF];
            return new string(text);
        }

        /// <summary>"0x5449": a 16-bit register value as lines write it.</summary>
        public static string HexWord(int value)
        {
            return HexByte((value >> 8) & 0xFF) + HexByte(value & 0xFF).Substring(2);
        }

        /// <summary>The chip's own counters besides the shared four.</summary>
        protected virtual int ChipCounterCount
        {
            get { return 0; }
        }

        /// <summary>The name of the chip's own counter <paramref name="index"/>.</summary>
        protected virtual string ChipCounterName(int index)
        {
            return null;
        }

        /// <summary>The value of the chip's own counter <paramref name="index"/>.</summary>
        protected virtual long ChipCounterValue(int index)
        {
            return 0;
        }

        /// <summary>Checks that the chip at the address is the one expected and sets it up; null when it is, else
        /// the reason, written "what is wrong: what to do" (see <see cref="NoAnswer"/>).</summary>
        protected abstract string Probe();

        /// <summary>Reads one sample into <paramref name="sink"/>: false when a transfer failed (a miss), true
        /// when the chip answered, whether the sample was kept or refused (<see cref="Reject"/>).</summary>
        protected abstract bool Sample(DateTime utcNow, IReadingSink sink);

        /// <summary>Null when the last sample is within the chip's plausible range, else what is out of it.</summary>
        protected abstract string Plausibility();

        /// <summary>The last sample for the self-test line ("21.53 C, 45.20 %RH").</summary>
        protected abstract string LastValues();

        /// <summary>The reason of a chip that does not acknowledge its address.</summary>
        protected string NoAnswer()
        {
            return "no answer at " + AddressText + ": check SDA/SCL wiring, power and the address pin";
        }

        /// <summary>Counts a sample the chip answered but the driver refused.</summary>
        protected void Reject()
        {
            Rejected++;
        }

        /// <summary>Probes the chip; a chip that answers right after a failure counts as a recovery.</summary>
        protected sealed override void Setup(long monotonicMs)
        {
            string wrong = Probe();
            if (wrong != null)
            {
                _failedBefore = true;
                MarkFailed(wrong);
                return;
            }

            if (_failedBefore)
            {
                Recoveries++;
                _failedBefore = false;
            }

            _misses = 0;
        }

        /// <summary>One sample; a run of <see cref="MissesBeforeFailed"/> misses fails the sensor.</summary>
        protected sealed override void Update(DateTime utcNow, long monotonicMs, IReadingSink sink)
        {
            if (Sample(utcNow, sink))
            {
                _misses = 0;
                return;
            }

            Misses++;
            _misses++;
            if (_misses >= MissesBeforeFailed)
            {
                _failedBefore = true;
                MarkFailed(NoAnswer());
            }
        }

        /// <summary>Counts a sample read in full (kept or refused).</summary>
        protected void Counted()
        {
            Samples++;
        }

        /// <summary>Reads <paramref name="into"/>.Length bytes from <paramref name="register"/> on: the register
        /// pointer written, then the bytes read after a repeated start, as the INA and BME280 chips take it.</summary>
        protected bool ReadRegisters(int register, byte[] into)
        {
            _pointer[0] = (byte)register;
            return _device.WriteRead(_pointer, into);
        }

        /// <summary>A 16-bit register, most significant byte first (the INA219 and INA226 order), or -1 when the
        /// transfer failed.</summary>
        protected int ReadWord(int register)
        {
            if (!ReadRegisters(register, _word))
            {
                return -1;
            }

            return (_word[0] << 8) | _word[1];
        }

        /// <summary>Writes a 16-bit register, most significant byte first.</summary>
        protected bool WriteWord(int register, int value)
        {
            _registerWrite[0] = (byte)register;
            _registerWrite[1] = (byte)(value >> 8);
            _registerWrite[2] = (byte)value;
            return _device.Write(_registerWrite);
        }

        /// <summary>Writes an 8-bit register (the BME280's control registers).</summary>
        protected bool WriteByteRegister(int register, int value)
        {
            _word[0] = (byte)register;
            _word[1] = (byte)value;
            return _device.Write(_word);
        }

        /// <summary>Writes a command as it is (the SHT3x's 16-bit commands).</summary>
        protected bool WriteCommand(byte[] command)
        {
            return _device.Write(command);
        }

        /// <summary>Reads bytes with no pointer or command before (the SHT3x's measurement).</summary>
        protected bool ReadBytes(byte[] into)
        {
            return _device.Read(into);
        }

        /// <summary>A signed 16-bit value from an unsigned register word.</summary>
        protected static int Signed16(int word)
        {
            return word >= 0x8000 ? word - 0x10000 : word;
        }

        /// <summary>"21.53": a value with its decimals, for self-test lines.</summary>
        protected static string Decimal(long value, int decimals)
        {
            bool negative = value < 0;
            long magnitude = negative ? -value : value;
            long scale = DecimalMath.Pow10(decimals);
            string whole = (magnitude / scale).ToString();
            if (decimals == 0)
            {
                return negative ? "-" + whole : whole;
            }

            string fraction = (scale + (magnitude % scale)).ToString().Substring(1);
            return (negative ? "-" : string.Empty) + whole + "." + fraction;
        }
    }
}
