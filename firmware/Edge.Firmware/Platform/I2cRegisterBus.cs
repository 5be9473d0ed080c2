using System;
using System.Device.I2c;
using Edge.Core.Meters;
using Edge.Core.Platform;

namespace Edge.Firmware.Platform
{
    /// <summary>
    /// <see cref="IRegisterBus"/> for one chip: an I2cDevice (I2cDevice.Create with I2cConnectionSettings) whose
    /// transfers take SpanByte views of the caller's arrays, so nothing is allocated per transfer. Any status but
    /// FullTransfer is a failed transfer (false), which the portable I2cBus channel counts for health; this adapter
    /// counts each status besides, so that a missing chip (address not acknowledged) shows apart from a noisy bus.
    /// </summary>
    public sealed class I2cRegisterBus : IRegisterBus, ICounterSource, IDisposable
    {
        private readonly I2cDevice _device;

        /// <summary>The chip at 7-bit <paramref name="address"/> on I2C bus <paramref name="busId"/> (1 or 2 on the
        /// ESP32, its pins routed beforehand with Configuration.SetPinFunction), at 100 kHz or, when
        /// <paramref name="fastMode"/>, 400 kHz (UM10204 table 10).</summary>
        public I2cRegisterBus(int busId, int address, bool fastMode)
        {
            _device = I2cDevice.Create(new I2cConnectionSettings(
                busId, address, fastMode ? I2cBusSpeed.FastMode : I2cBusSpeed.StandardMode, I2cSharingMode.Shared));
        }

        /// <summary>Transfers the chip acknowledged only in part (I2cTransferStatus.PartialTransfer).</summary>
        public long PartialTransfers { get; private set; }

        /// <summary>Transfers whose address no chip acknowledged (I2cTransferStatus.SlaveAddressNotAcknowledged).</summary>
        public long AddressNotAcknowledged { get; private set; }

        /// <summary>Transfers abandoned because a chip held the clock low too long (I2cTransferStatus.ClockStretchTimeout).</summary>
        public long ClockStretchTimeouts { get; private set; }

        /// <summary>Transfers failed for a reason the driver does not tell (I2cTransferStatus.UnknownError).</summary>
        public long UnknownErrors { get; private set; }

        /// <summary>Four counters, one per failed I2cTransferStatus.</summary>
        public int CounterCount
        {
            get { return 4; }
        }

        /// <summary>"partialTransfers", "addressNotAcknowledged", "clockStretchTimeouts", "unknownErrors".</summary>
        public string CounterName(int index)
        {
            switch (index)
            {
                case 0:
                    return "partialTransfers";
                case 1:
                    return "addressNotAcknowledged";
                case 2:
                    return "clockStretchTimeouts";
                default:
                    return "unknownErrors";
            }
        }

        /// <summary>The counter named by <see cref="CounterName"/> for that index.</summary>
        public long CounterValue(int index)
        {
            switch (index)
            {
                case 0:
                    return PartialTransfers;
                case 1:
                    return AddressNotAcknowledged;
                case 2:
                    return ClockStretchTimeouts;
                default:
                    return UnknownErrors;
            }
        }

        /// <summary>Writes the bytes; false unless the chip acknowledged them all.</summary>
        public bool Write(byte[] data)
        {
            return Succeeded(_device.Write(new SpanByte(data)));
        }

        /// <summary>Reads the bytes with no write before; false unless the chip sent them all.</summary>
        public bool Read(byte[] data)
        {
            return Succeeded(_device.Read(new SpanByte(data)));
        }

        /// <summary>Writes then reads with a repeated start; false unless both parts completed in full.</summary>
        public bool WriteRead(byte[] write, byte[] read)
        {
            return Succeeded(_device.WriteRead(new SpanByte(write), new SpanByte(read)));
        }

        private bool Succeeded(I2cTransferResult result)
        {
            switch (result.Status)
            {
                case I2cTransferStatus.FullTransfer:
                    return true;
                case I2cTransferStatus.PartialTransfer:
                    PartialTransfers++;
                    return false;
                case I2cTransferStatus.SlaveAddressNotAcknowledged:
                    AddressNotAcknowledged++;
                    return false;
                case I2cTransferStatus.ClockStretchTimeout:
                    ClockStretchTimeouts++;
                    return false;
                default:
                    UnknownErrors++;
                    return false;
            }
        }

        /// <summary>Releases the I2cDevice: the self-test's bus scan opens one per address and closes each after its probe.</summary>
        public void Dispose()
        {
            _device.Dispose();
        }
    }
}
