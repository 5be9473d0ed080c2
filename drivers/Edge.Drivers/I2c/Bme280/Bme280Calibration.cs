#nullable disable
namespace Edge.Drivers.I2c.Bme280
{
    /// <summary>
    /// The trimming parameters a BME280 holds in its NVM (datasheet BST-BME280-DS002, section 4.2.2, table 16):
    /// calib00..calib25 at 0x88..0xA1 and calib26..calib41 at 0xE1..0xF0, little-endian words. dig_H4 and dig_H5
    /// are 12-bit values sharing register 0xE5: dig_H4 is 0xE4 (signed) times 16 plus the low nibble of 0xE5,
    /// dig_H5 is 0xE6 (signed) times 16 plus the high nibble of 0xE5.
    /// </summary>
    public sealed class Bme280Calibration
    {
        /// <summary>Bytes of the first block, 0x88 to 0xA1.</summary>
        public const int FirstBlockLength = 26;

        /// <summary>Bytes of the second block read, 0xE1 to 0xE7 (the humidity parameters).</summary>
        public const int SecondBlockLength = 7;

        /// <summary>dig_T1, unsigned short at 0x88.</summary>
        public int T1;

        /// <summary>dig_T2, signed short at 0x8A.</summary>
        public int T2;

        /// <summary>dig_T3, signed short at 0x8C.</summary>
        public int T3;

        /// <summary>dig_P1, unsigned short at 0x8E.</summary>
        public int P1;

        /// <summary>dig_P2, signed short at 0x90.</summary>
        public int P2;

        /// <summary>dig_P3, signed short at 0x92.</summary>
        public int P3;

        /// <summary>dig_P4, signed short at 0x94.</summary>
        public int P4;

        /// <summary>dig_P5, signed short at 0x96.</summary>
        public int P5;

        /// <summary>dig_P6, signed short at 0x98.</summary>
        public int P6;

        /// <summary>dig_P7, signed short at 0x9A.</summary>
        public int P7;

        /// <summary>dig_P8, signed short at 0x9C.</summary>
        public int P8;

        /// <summary>dig_P9, signed short at 0x9E.</summary>
        public int P9;

        /// <summary>dig_H1, unsigned char at 0xA1.</summary>
        public int H1;

        /// <summary>dig_H2, signed short at 0xE1.</summary>
        public int H2;

        /// <summary>dig_H3, unsigned char at 0xE3.</summary>
        public int H3;

        /// <summary>dig_H4, signed 12 bits from 0xE4 and 0xE5[3:0].</summary>
        public int H4;

        /// <summary>dig_H5, signed 12 bits from 0xE6 and 0xE5[7:4].</summary>
        public int H5;

        /// <summary>dig_H6, signed char at 0xE7.</summary>
        public int H6;

        /// <summary>Fills the parameters from the two blocks as read from the chip.</summary>
        public void Read(byte[] first, byte[] second)
        {
            T1 = Unsigned(first, 0);
            T2 = Signed(first, 2);
            T3 = Signed(first, 4);
            P1 = Unsigned(first, 6);
            P2 = Signed(first, 8);
            P3 = Signed(first, 10);
            P4 = Signed(first, 12);
            P5 = Signed(first, 14);
            P6 = Signed(first, 16);
            P7 = Signed(first, 18);
            P8 = Signed(first, 20);
            P9 = Signed(first, 22);
            H1 = first[25];
            H2 = Signed(second, 0);
            H3 = second[2];
            H4 = (SignedByte(second[3]) * 16) | (second[4] & 0x0F);
            H5 = (SignedByte(second[5]) * 16) | (second[4] >> 4);
            H6 = SignedByte(second[6]);
        }

        /// <summary>False when the temperature or pressure parameters that divide or scale every result are 0: the
        /// NVM was not read (a chip still starting, a bus that read zeros).</summary>
        public bool Plausible
        {
            get { return T1 != 0 && P1 != 0; }
        }

        private static int Unsigned(byte[] bytes, int at)
        {
            return bytes[at] | (bytes[at + 1] << 8);
        }

        private static int Signed(byte[] bytes, int at)
        {
            int value = Unsigned(bytes, at);
            return value >= 0x8000 ? value - 0x10000 : value;
        }

        private static int SignedByte(byte value)
        {
            return value >= 0x80 ? value - 0x100 : value;
        }
    }
}
