#nullable disable
namespace Edge.Drivers.I2c.Sht3x
{
    /// <summary>
    /// The checksum the SHT3x sends after every 16-bit word (datasheet SHT3x-DIS section 4.12, table 19): CRC-8
    /// with polynomial 0x31 (x^8 + x^5 + x^4 + 1), initial value 0xFF, no reflection, no final XOR; the
    /// datasheet's example is 0xBEEF, whose CRC is 0x92. Bit by bit: two bytes per word do not earn a table.
    /// </summary>
    public static class Sht3xCrc
    {
        /// <summary>Generator polynomial, x^8 + x^5 + x^4 + 1 (table 19).</summary>
        public const int Polynomial = 0x31;

        /// <summary>Initial value (table 19).</summary>
        public const int Initial = 0xFF;

        /// <summary>The CRC of the two bytes at <paramref name="at"/> in <paramref name="data"/>.</summary>
        public static int Of(byte[] data, int at)
        {
            int crc = Initial;
            for (int i = at; i < at + 2; i++)
            {
                crc ^= data[i];
                for (int bit = 0; bit < 8; bit++)
                {
                    crc = (crc & 0x80) != 0 ? ((crc << 1) ^ Polynomial) & 0xFF : (crc << 1) & 0xFF;
                }
            }

            return crc;
        }

        /// <summary>True when the byte after the word at <paramref name="at"/> is its CRC.</summary>
        public static bool Checks(byte[] data, int at)
        {
            return Of(data, at) == data[at + 2];
        }
    }
}
