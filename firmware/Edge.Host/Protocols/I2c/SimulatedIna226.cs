namespace Edge.Host.Protocols.I2c
{
    /// <summary>
    /// A TI INA226 at register level (SBOS547 section 7.6): 16-bit registers behind a pointer, most significant
    /// byte first, with the manufacturer ID 0x5449 at FEh and the die ID 0x2260 at FFh. The test sets the converted
    /// shunt (2.5 uV per bit) and bus (1.25 mV per bit) registers; current and power follow as the chip computes
    /// them (section 7.5): Current = Shunt x CAL / 2048, Power = Current x Bus / 20000. A reset or power-up
    /// restores configuration 0x4127 and calibration 0.
    /// </summary>
    public sealed class SimulatedIna226 : SimulatedPointerRegisterChip
    {
        public SimulatedIna226()
        {
            PowerUp();
        }

        public int Configuration { get; set; }

        public int Calibration { get; set; }

        public int ShuntRegister { get; set; }

        public int BusRegister { get; set; }

        /// <summary>Sets the math overflow flag (Mask/Enable bit 2).</summary>
        public bool Overflow { get; set; }

        public int ManufacturerId { get; set; } = 0x5449;

        public int DieId { get; set; } = 0x2260;

        public override void PowerUp()
        {
            Configuration = 0x4127;
            Calibration = 0;
            ResetPointer();
        }

        public int CurrentRegister => (int)((long)ShuntRegister * Calibration / 2048);

        public int PowerRegister => (int)(System.Math.Abs((long)CurrentRegister) * BusRegister / 20000);

        /// <summary>Registers 00h-07h, then the IDs at FEh and FFh (SBOS547 table 7-3).</summary>
        protected override bool HasRegister(int pointer) => pointer <= 7 || pointer >= 0xFE;

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
                // Bit 15 of the calibration register is reserved (7.6.6).
                Calibration = value & 0x7FFF;
            }
        }

        protected override int ReadRegister(int pointer) => pointer switch
        {
            0 => Configuration,
            1 => ShuntRegister & 0xFFFF,
            2 => BusRegister & 0x7FFF,
            3 => PowerRegister & 0xFFFF,
            4 => CurrentRegister & 0xFFFF,
            5 => Calibration,
            6 => 0x0008 | (Overflow ? 0x0004 : 0),
            7 => 0,
            0xFE => ManufacturerId,
            _ => DieId,
        };
    }
}
