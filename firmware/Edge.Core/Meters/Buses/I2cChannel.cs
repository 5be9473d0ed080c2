#nullable disable
using Edge.Core.Platform;

namespace Edge.Core.Meters.Buses
{
    /// <summary>One chip's view of an <see cref="I2cBus"/>: its device's transfers, counted for the chip and the bus.</summary>
    public sealed class I2cChannel : IRegisterBus
    {
        private readonly I2cBus _bus;
        private readonly IRegisterBus _device;

        internal I2cChannel(I2cBus bus, int address, IRegisterBus device)
        {
            _bus = bus;
            _device = device;
            Address = address;
        }

        /// <summary>The chip's 7-bit I2C address.</summary>
        public int Address { get; private set; }

        /// <summary>The bus the chip is on.</summary>
        public I2cBus Bus
        {
            get { return _bus; }
        }

        /// <summary>Transfers this chip did not acknowledge in full.</summary>
        public long Failures { get; private set; }

        /// <summary>Writes to the chip through its device; a failure is counted for the chip and the bus.</summary>
        /// <returns>True when the chip acknowledged the whole transfer.</returns>
        public bool Write(byte[] data)
        {
            return Count(_device.Write(data));
        }

        /// <summary>Reads from the chip through its device; a failure is counted for the chip and the bus.</summary>
        /// <returns>True when the chip acknowledged the whole transfer.</returns>
        public bool Read(byte[] data)
        {
            return Count(_device.Read(data));
        }

        /// <summary>Writes then reads in one transfer through the chip's device; a failure is counted for the chip and the bus.</summary>
        /// <returns>True when the chip acknowledged the whole transfer.</returns>
        public bool WriteRead(byte[] write, byte[] read)
        {
            return Count(_device.WriteRead(write, read));
        }

        private bool Count(bool ok)
        {
            if (!ok)
            {
                Failures++;
            }

            return _bus.Count(ok);
        }
    }
}
