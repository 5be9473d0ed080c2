#nullable disable
namespace Edge.Drivers.Modbus
{
    /// <summary>
    /// CRC-16/MODBUS, the error check of every RTU frame (MODBUS over Serial Line V1.02, §2.5.1.2 and §6.2.2):
    /// polynomial 0xA001 (0x8005 reflected), initial value 0xFFFF, no final xor, sent low byte first. Computed bit by
    /// bit rather than from the spec's 512-byte table, which would sit in the device's heap for a saving of
    /// microseconds on frames of at most 256 bytes.
    /// </summary>
    public static class ModbusCrc
    {
        /// <summary>Register value before the first byte (§6.2.2, step 1).</summary>
        private const int Initial = 0xFFFF;

        /// <summary>The generator 0x8005 bit-reversed, as the register shifts right (§6.2.2, step 3).</summary>
        private const int Polynomial = 0xA001;

        /// <summary>The CRC of <paramref name="count"/> bytes of <paramref name="buffer"/> from <paramref name="offset"/>.</summary>
        public static int Compute(byte[] buffer, int offset, int count)
        {
            int crc = Initial;
            int end = offset + count;
            for (int i = offset; i < end; i++)
            {
                crc ^= buffer[i];
                for (int bit = 0; bit < 8; bit++)
                {
                    crc = (crc & 1) != 0 ? (crc >> 1) ^ Polynomial : crc >> 1;
                }
            }

            return crc;
        }

        /// <summary>Writes the CRC of the first <paramref name="length"/> bytes after them, low byte first
        /// (§2.5.1.2); returns the frame's length with the CRC.</summary>
        public static int Append(byte[] frame, int length)
        {
            int crc = Compute(frame, 0, length);
            frame[length] = (byte)crc;
            frame[length + 1] = (byte)(crc >> 8);
            return length + 2;
        }

        /// <summary>True when the last two of <paramref name="length"/> bytes are the CRC of those before them.</summary>
        public static bool Holds(byte[] frame, int length)
        {
            if (length < 3)
            {
                return false;
            }

            int crc = Compute(frame, 0, length - 2);
            return frame[length - 2] == (byte)crc && frame[length - 1] == (byte)(crc >> 8);
        }
    }
}
