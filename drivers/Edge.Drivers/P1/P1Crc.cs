#nullable disable
namespace Edge.Drivers.P1
{
    /// <summary>
    /// CRC-16/ARC, the check of a DSMR 4.0 and later telegram (DSMR 5.0.2 P1 Companion Standard §6.2): polynomial
    /// x^16 + x^15 + x^2 + 1 (0x8005, 0xA001 bit-reversed, as the register shifts right), initial value 0x0000, no
    /// final xor, over every byte from the '/' of the header to the '!' that ends the data, and printed after the
    /// '!' as hex, most significant digit first. Check value of "123456789": 0xBB3D.
    /// Two ways: a nibble at a time from a static 16-entry table (<see cref="Compute"/>, for tools and tests: two
    /// rounds a byte, where the bitwise loop of <c>ModbusCrc</c> costs eight), and a byte at a time from a 256-entry
    /// table (<see cref="BuildByteTable"/>) that the telegram decoder holds as its own, so that only a node with a P1
    /// meter pays its 512 B of heap: a telegram is 1 to 2 KB every second, and the CRC is most of the decoder's work.
    /// </summary>
    public static class P1Crc
    {
        /// <summary>Register value before the first byte (§6.2: "CRC16 ... initial value 0").</summary>
        public const int Initial = 0x0000;

        /// <summary>The generator 0x8005 bit-reversed.</summary>
        public const int Polynomial = 0xA001;

        private static readonly ushort[] Nibble = BuildNibbleTable();

        /// <summary>The register after <paramref name="b"/> goes through it.</summary>
        public static int Update(int crc, byte b)
        {
            ushort[] table = Nibble;
            crc = (crc >> 4) ^ table[(crc ^ b) & 0x0F];
            return (crc >> 4) ^ table[(crc ^ (b >> 4)) & 0x0F];
        }

        /// <summary>The register after <paramref name="count"/> bytes of <paramref name="buffer"/> from
        /// <paramref name="offset"/> go through it, starting from <paramref name="crc"/>.</summary>
        public static int Update(int crc, byte[] buffer, int offset, int count)
        {
            ushort[] table = Nibble;
            int end = offset + count;
            for (int i = offset; i < end; i++)
            {
                int b = buffer[i];
                crc = (crc >> 4) ^ table[(crc ^ b) & 0x0F];
                crc = (crc >> 4) ^ table[(crc ^ (b >> 4)) & 0x0F];
            }

            return crc;
        }

        /// <summary>The 256-entry table of <see cref="Update(int, ushort[], byte[], int, int)"/>: entry n is the
        /// register after the eight bits of n are shifted out of a register holding n alone.</summary>
        public static ushort[] BuildByteTable()
        {
            return BuildTable(8);
        }

        /// <summary>As <see cref="Update(int, byte[], int, int)"/>, a byte a round from <paramref name="byteTable"/>
        /// (<see cref="BuildByteTable"/>).</summary>
        public static int Update(int crc, ushort[] byteTable, byte[] buffer, int offset, int count)
        {
            int end = offset + count;
            for (int i = offset; i < end; i++)
            {
                crc = (crc >> 8) ^ byteTable[(crc ^ buffer[i]) & 0xFF];
            }

            return crc;
        }

        /// <summary>The CRC of <paramref name="count"/> bytes of <paramref name="buffer"/> from <paramref name="offset"/>.</summary>
        public static int Compute(byte[] buffer, int offset, int count)
        {
            return Update(Initial, buffer, offset, count);
        }

        private static ushort[] BuildNibbleTable()
        {
            return BuildTable(4);
        }

        /// <summary>Entry n is the register after the <paramref name="bits"/> bits of n are shifted out of a register
        /// holding n alone.</summary>
        private static ushort[] BuildTable(int bits)
        {
            ushort[] table = new ushort[1 << bits];
            for (int n = 0; n < table.Length; n++)
            {
                int crc = n;
                for (int bit = 0; bit < bits; bit++)
                {
                    crc = (crc & 1) != 0 ? (crc >> 1) ^ Polynomial : crc >> 1;
                }

                table[n] = (ushort)crc;
            }

            return table;
        }
    }
}
