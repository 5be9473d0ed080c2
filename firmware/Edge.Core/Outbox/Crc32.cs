#nullable disable
using System;

namespace Edge.Core.Outbox
{
    /// <summary>
    /// CRC-32 as in IEEE 802.3 (reflected polynomial 0xEDB88320, initial value and final XOR 0xFFFFFFFF), the
    /// checksum of Ethernet, zip and PNG: the check value of the ASCII bytes "123456789" is 0xCBF43926. The outbox
    /// stamps every record and segment header with it. Table-driven by half bytes: a 16-entry table (64 bytes of heap
    /// on the device, where the 256-entry table of a byte at a time took 1 KB), two look-ups per byte.
    /// </summary>
    public static class Crc32
    {
        /// <summary>CRC-32 of the ASCII bytes "123456789", the standard check value of the algorithm.</summary>
        public const uint CheckValue = 0xCBF43926;

        // IEEE 802.3 generator 0x04C11DB7, bit-reversed because the CRC is computed least significant bit first.
        private const uint ReflectedPolynomial = 0xEDB88320;

        // The CRC of each 4-bit value, for the low then the high half of each byte.
        private static readonly uint[] Table = BuildTable();

        /// <summary>CRC-32 of <paramref name="count"/> bytes of <paramref name="data"/> from <paramref name="offset"/>.</summary>
        public static uint Compute(byte[] data, int offset, int count)
        {
            return Update(0, data, offset, count);
        }

        /// <summary>CRC-32 of the bytes already summed into <paramref name="crc"/> (0 for none) followed by
        /// <paramref name="count"/> bytes of <paramref name="data"/> from <paramref name="offset"/>: a message given in
        /// pieces gets the CRC of the whole.</summary>
        public static uint Update(uint crc, byte[] data, int offset, int count)
        {
            if (data == null)
            {
                throw new ArgumentNullException("data");
            }

            if (offset < 0 || count < 0 || offset + count > data.Length)
            {
                throw new ArgumentOutOfRangeException("count");
            }

            uint c = ~crc;
            for (int i = offset; i < offset + count; i++)
            {
                c ^= data[i];
                c = Table[c & 0xF] ^ (c >> 4);
                c = Table[c & 0xF] ^ (c >> 4);
            }

            return ~c;
        }

        private static uint[] BuildTable()
        {
            uint[] table = new uint[16];
            for (uint n = 0; n < 16; n++)
            {
                uint c = n;
                for (int k = 0; k < 4; k++)
                {
                    c = (c & 1) != 0 ? ReflectedPolynomial ^ (c >> 1) : c >> 1;
                }

                table[n] = c;
            }

            return table;
        }
    }
}
