namespace Edge.Host.Protocols.I2c
{
    /// <summary>
    /// A TI INA219 at register level (SBOS448 section 8.6): six 16-bit registers behind a register pointer, most
    /// significant byte first. A write of one byte sets the pointer; of three, writes the register. The test sets
    /// what the analog front end converts (<see cref="ShuntRegister"/> in 10 uV, <see cref="BusRegister"/> as the
    /// bus voltage register's 13-bit value in 4 mV); current and power follow as the chip computes them (section
    /// 8.5.1): Current = Shunt x Cal / 4096, Power = Current x Bus / 5000. A reset (bit 15 of the configuration)
    /// or a power-up restores the defaults: configuration 0x399F, calibration 0 (current and power read 0).
    /// </summary>
    public sealed class SimulatedIna219 : SimulatedPointerRegisterChip
    {
        public SimulatedIna219()
        {
            PowerUp();
        }

        public int Configuration { get; set; }

        public int Calibration { get; set; }

        /// <summary>The shunt voltage register, signed, 10 uV per bit.</summary>
        public int ShuntRegister { get; set; }

        /// <summary>The bus voltage, 4 mV per bit (bits 15-3 of register 02h).</summary>
        public int BusRegister { get; set; }

        /// <summary>Sets the math overflow flag (bit 0 of register 02h).</summary>
        public bool Overflow { get; set; }

        public override void PowerUp()
        {
            Configuration = 0x399F;
            Calibration = 0;
            ResetPointer();
        }

        /// <summary>The current register, as the chip computes it.</summary>
        public int CurrentRegister => (int)((long)ShuntRegister * Calibration / 4096);

        /// <summary>The power register, as the chip computes it.</summary>
        public int PowerRegister => (int)(System.Math.Abs((long)CurrentRegister) * BusRegister / 5000);

        // A pointer past the six registers is taken; what it points at reads 0.
        protected override void WriteRegister(int pointer, int value)
        {
            if (pointer == 0)
            {
                if ((value & 0x8000) != 0)
                {
                    PowerUp();
                }
                else
                {
                    Configuration = value;
                }
            }
            else if (pointer == 5)
            {
                // Bit 0 of the calibration register is not used and reads 0 (8.6.3.5).
                Calibration = value & 0xFFFE;
            }
        }

        protected override int ReadRegister(int pointer) => pointer switch
        {
            0 => Configuration,
            1 => ShuntRegister & 0xFFFF,
            2 => (BusRegister << 3) | 0x2 | (Overflow ? 1 : 0),
            3 => PowerRegister & 0xFFFF,
            4 => CurrentRegister & 0xFFFF,
            5 => Calibration,
            _ => 0,
        };
    }
}
