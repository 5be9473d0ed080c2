using Edge.Drivers.I2c.Sht3x;

namespace Edge.Host.Protocols.I2c
{
    /// <summary>
    /// A Sensirion SHT3x at command level (SHT3x-DIS sections 4.3 to 4.12): a single-shot command (0x24xx clock
    /// stretching off, 0x2Cxx on) makes the next read return temperature and humidity, each word followed by its
    /// CRC-8; the status command (0xF32D) makes the next read return the status word and its CRC; a read with
    /// nothing to return is not acknowledged, as the chip does while it has no data (section 4.4). Soft reset
    /// (0x30A2) and a power-up set the status to its reset value (0x8010: alert pending, reset detected). A test
    /// may spoil the temperature word's CRC (<see cref="BadCrc"/>).
    /// </summary>
    public sealed class SimulatedSht3x : SimulatedI2cChip
    {
        private readonly byte[] _pending = new byte[6];
        private int _pendingLength;

        public SimulatedSht3x()
        {
            PowerUp();
        }

        /// <summary>Raw temperature S_T of the next measurement.</summary>
        public int RawTemperature { get; set; }

        /// <summary>Raw humidity S_RH of the next measurement.</summary>
        public int RawHumidity { get; set; }

        /// <summary>The status word (section 4.11, table 18).</summary>
        public int Status { get; set; }

        /// <summary>When set, the temperature word's CRC is sent wrong.</summary>
        public bool BadCrc { get; set; }

        /// <summary>Measurements started.</summary>
        public int Measurements { get; private set; }

        public override void PowerUp()
        {
            Status = 0x8010;
            _pendingLength = 0;
        }

        protected override bool Received(byte[] data)
        {
            if (data.Length != 2)
            {
                return false;
            }

            int command = (data[0] << 8) | data[1];
            if (data[0] == 0x24 || data[0] == 0x2C)
            {
                Measurements++;
                Put(0, RawTemperature);
                Put(3, RawHumidity);
                if (BadCrc)
                {
                    _pending[2] ^= 0x01;
                }

                _pendingLength = 6;
                return true;
            }

            switch (command)
            {
                case 0xF32D:
                    Put(0, Status);
                    _pendingLength = 3;
                    return true;
                case 0x30A2:
                    PowerUp();
                    return true;
                default:
                    // Heater, break, clear status and the periodic modes are acknowledged and do nothing here.
                    _pendingLength = 0;
                    return true;
            }
        }

        protected override bool Send(byte[] data)
        {
            if (_pendingLength == 0 || data.Length > _pendingLength)
            {
                return false;
            }

            System.Array.Copy(_pending, data, data.Length);
            _pendingLength = 0;
            return true;
        }

        private void Put(int at, int word)
        {
            _pending[at] = (byte)(word >> 8);
            _pending[at + 1] = (byte)word;
            _pending[at + 2] = (byte)Sht3xCrc.Of(_pending, at);
        }
    }
}
