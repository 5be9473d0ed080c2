#nullable disable
namespace Edge.Drivers.Tic
{
    /// <summary>Allocation-free helpers on ASCII bytes of a group.</summary>
    public static class TicText
    {
        /// <summary>True if the <paramref name="length"/> bytes from <paramref name="start"/> are exactly
        /// <paramref name="text"/> (ASCII, case-sensitive), without making a string.</summary>
        public static bool Equals(byte[] buffer, int start, int length, string text)
        {
            if (length != text.Length)
            {
                return false;
            }

            for (int i = 0; i < length; i++)
            {
                if (buffer[start + i] != text[i])
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>Parses unsigned decimal digits; false if empty, not all digits, or over 18 digits.</summary>
        public static bool TryParseDecimal(byte[] buffer, int start, int length, out long value)
        {
            value = 0;
            if (length <= 0 || length > 18)
            {
                return false;
            }

            for (int i = start; i < start + length; i++)
            {
                int digit = buffer[i] - '0';
                if (digit < 0 || digit > 9)
                {
                    value = 0;
                    return false;
                }

                value = (value * 10) + digit;
            }

            return true;
        }

        /// <summary>Parses hexadecimal digits (upper or lower case) into 32 bits; false if not 1..8 hex digits.</summary>
        public static bool TryParseHex(byte[] buffer, int start, int length, out uint value)
        {
            value = 0;
            if (length <= 0 || length > 8)
            {
                return false;
            }

            for (int i = start; i < start + length; i++)
            {
                int c = buffer[i];
                int digit;
                if (c >= '0' && c <= '9')
                {
                    digit = c - '0';
                }
                else if (c >= 'A' && c <= 'F')
                {
                    digit = c - 'A' + 10;
                }
                else if (c >= 'a' && c <= 'f')
                {
                    digit = c - 'a' + 10;
                }
                else
                {
                    value = 0;
                    return false;
                }

                value = (value << 4) | (uint)digit;
            }

            return true;
        }

        /// <summary>A string of the ASCII bytes (allocates).</summary>
        public static string ToString(byte[] buffer, int start, int length)
        {
            char[] chars = new char[length];
            for (int i = 0; i < length; i++)
            {
                chars[i] = (char)buffer[start + i];
            }

            return new string(chars);
        }
    }
}
