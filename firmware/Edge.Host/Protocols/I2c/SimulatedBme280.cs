using Edge.Drivers.I2c.Bme280;

namespace Edge.Host.Protocols.I2c
{
    /// <summary>
    /// A Bosch BME280 at register level (BST-BME280-DS002 section 5.3, table 18): a 256-byte map read from a
    /// pointer that increments after each byte (burst read, section 6.2.2); a write is the pointer and data, then
    /// further pairs of register and data (section 6.2.1). The id at 0xD0 is 0x60 unless a test gives another
    /// (0x58 plays a BMP280). The trimming parameters are laid out from a <see cref="Bme280Calibration"/> as
    /// table 16 places them. The data registers hold the reset patterns (0x80000, 0x8000) until a measurement is
    /// made: in normal mode at once, in forced mode once per write of ctrl_meas, after which the chip is back in
    /// sleep mode (section 3.3). Writing 0xB6 to 0xE0 resets the chip, as a power-up does.
    /// </summary>
    public sealed class SimulatedBme280 : SimulatedI2cChip
    {
        private readonly byte[] _map = new byte[256];
        private readonly Bme280Calibration _calibration;
        private int _pointer;

        public SimulatedBme280(Bme280Calibration calibration)
        {
            _calibration = calibration;
            PowerUp();
        }

        /// <summary>What 0xD0 reads.</summary>
        public int ChipId { get; set; } = 0x60;

        /// <summary>Raw 20-bit temperature the next measurement gives.</summary>
        public int AdcT { get; set; }

        /// <summary>Raw 20-bit pressure the next measurement gives.</summary>
        public int AdcP { get; set; }

        /// <summary>Raw 16-bit humidity the next measurement gives.</summary>
        public int AdcH { get; set; }

        /// <summary>Measurements made.</summary>
        public int Measurements { get; private set; }

        /// <summary>The mode bits of ctrl_meas: 0 sleep, 1 or 2 forced, 3 normal.</summary>
        public int Mode => _map[0xF4] & 0x3;

        public override void PowerUp()
        {
            System.Array.Clear(_map);
            Word(0x88, _calibration.T1);
            Word(0x8A, _calibration.T2);
            Word(0x8C, _calibration.T3);
            Word(0x8E, _calibration.P1);
            Word(0x90, _calibration.P2);
            Word(0x92, _calibration.P3);
            Word(0x94, _calibration.P4);
            Word(0x96, _calibration.P5);
            Word(0x98, _calibration.P6);
            Word(0x9A, _calibration.P7);
            Word(0x9C, _calibration.P8);
            Word(0x9E, _calibration.P9);
            _map[0xA1] = (byte)_calibration.H1;
            Word(0xE1, _calibration.H2);
            _map[0xE3] = (byte)_calibration.H3;
            _map[0xE4] = (byte)(_calibration.H4 >> 4);
            _map[0xE5] = (byte)((_calibration.H4 & 0x0F) | ((_calibration.H5 & 0x0F) << 4));
            _map[0xE6] = (byte)(_calibration.H5 >> 4);
            _map[0xE7] = (byte)_calibration.H6;
            Twenty(0xF7, 0x80000);
            Twenty(0xFA, 0x80000);
            _map[0xFD] = 0x80;
            _map[0xFE] = 0x00;
            _pointer = 0;
        }

        protected override bool Received(byte[] data)
        {
            _pointer = data[0];
            if (data.Length >= 2)
            {
                Store(data[0], data[1]);
            }

            for (int i = 2; i + 1 < data.Length; i += 2)
            {
                Store(data[i], data[i + 1]);
            }

            return true;
        }

        protected override bool Send(byte[] data)
        {
            if (Mode == 3)
            {
                Measure();
            }

            _map[0xD0] = (byte)ChipId;
            for (int i = 0; i < data.Length; i++)
            {
                data[i] = _map[(_pointer + i) & 0xFF];
            }

            _pointer = (_pointer + data.Length) & 0xFF;
            return true;
        }

        private void Store(int register, byte value)
        {
            if (register == 0xE0)
            {
                if (value == 0xB6)
                {
                    PowerUp();
                }

                return;
            }

            if (register != 0xF2 && register != 0xF4 && register != 0xF5)
            {
                return;
            }

            _map[register] = value;
            if (register == 0xF4 && (value & 0x3) is 1 or 2)
            {
                Measure();
                _map[0xF4] = (byte)(value & 0xFC);
            }
        }

        private void Measure()
        {
            Measurements++;
            Twenty(0xF7, AdcP);
            Twenty(0xFA, AdcT);
            _map[0xFD] = (byte)(AdcH >> 8);
            _map[0xFE] = (byte)AdcH;
        }

        private void Word(int at, int value)
        {
            _map[at] = (byte)value;
            _map[at + 1] = (byte)(value >> 8);
        }

        private void Twenty(int at, int value)
        {
            _map[at] = (byte)(value >> 12);
            _map[at + 1] = (byte)(value >> 4);
            _map[at + 2] = (byte)((value & 0xF) << 4);
        }
    }
}
