using System;
using Edge.Core.Platform;

namespace Edge.Host.Protocols.I2c
{
    /// <summary>
    /// A chip on a simulated I2C bus, seen through the same <see cref="IRegisterBus"/> the portable drivers use:
    /// each transfer is acknowledged or not as the real chip would, and goes to the chip's register model. A chip
    /// taken off the bus (<see cref="Present"/> false) acknowledges nothing, as a chip unplugged or unpowered; put
    /// back, it answers as after a power-up (<see cref="PowerUp"/>). A write of no bytes is the address alone,
    /// which a present chip acknowledges. Transfers are counted for the tests.
    /// </summary>
    public abstract class SimulatedI2cChip : IRegisterBus
    {
        private bool _present = true;

        /// <summary>False while the chip is off the bus: no transfer is acknowledged.</summary>
        public bool Present
        {
            get => _present;
            set
            {
                if (value && !_present)
                {
                    PowerUp();
                }

                _present = value;
            }
        }

        /// <summary>Transfers made, acknowledged or not.</summary>
        public int Transfers { get; private set; }

        /// <summary>Writes the chip received in full.</summary>
        public int Writes { get; private set; }

        public bool Write(byte[] data)
        {
            Transfers++;
            if (!_present)
            {
                return false;
            }

            if (data.Length == 0)
            {
                // The address alone, acknowledged: a bus scan's quick write.
                return true;
            }

            Writes++;
            return Received(data);
        }

        public bool Read(byte[] data)
        {
            Transfers++;
            return _present && Send(data);
        }

        public bool WriteRead(byte[] write, byte[] read)
        {
            Transfers++;
            return _present && write.Length > 0 && Received(write) && Send(read);
        }

        /// <summary>Puts every register back to its power-on value.</summary>
        public abstract void PowerUp();

        /// <summary>Takes the bytes of a write (a register pointer and data, or a command); false to refuse them.</summary>
        protected abstract bool Received(byte[] data);

        /// <summary>Fills a read; false when the chip does not acknowledge a read now.</summary>
        protected abstract bool Send(byte[] data);
    }
}
