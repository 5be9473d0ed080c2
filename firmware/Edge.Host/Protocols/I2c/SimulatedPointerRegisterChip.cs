namespace Edge.Host.Protocols.I2c
{
    /// <summary>
    /// A chip whose 16-bit registers sit behind a register pointer, most significant byte first, as TI's INA219
    /// (SBOS448) and INA226 (SBOS547) frame them in their serial-interface sections: a write
    /// of one byte sets the pointer; of three, sets the pointer and writes the register; a read returns the register
    /// the pointer names, again and again for a longer read. Each chip keeps only its register map.
    /// </summary>
    public abstract class SimulatedPointerRegisterChip : SimulatedI2cChip
    {
        /// <summary>The register the next read returns.</summary>
        protected int Pointer { get; private set; }

        /// <summary>Puts the pointer back on register 0, as a power-up or reset does.</summary>
        protected void ResetPointer() => Pointer = 0;

        /// <summary>False for a pointer value the chip does not acknowledge (the pointer is still taken).</summary>
        protected virtual bool HasRegister(int pointer) => true;

        /// <summary>Stores a value written to a register.</summary>
        protected abstract void WriteRegister(int pointer, int value);

        /// <summary>The value the register reads.</summary>
        protected abstract int ReadRegister(int pointer);

        protected sealed override bool Received(byte[] data)
        {
            Pointer = data[0];
            if (!HasRegister(Pointer))
            {
                return false;
            }

            if (data.Length == 1)
            {
                return true;
            }

            if (data.Length != 3)
            {
                return false;
            }

            WriteRegister(Pointer, (data[1] << 8) | data[2]);
            return true;
        }

        protected sealed override bool Send(byte[] data)
        {
            int value = ReadRegister(Pointer);
            for (int i = 0; i < data.Length; i++)
            {
                data[i] = (byte)(i % 2 == 0 ? value >> 8 : value);
            }

            return true;
        }
    }
}
