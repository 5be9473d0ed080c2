#nullable disable
using System;

namespace Edge.DeviceTests.Support
{
    /// <summary>
    /// ASCII text between strings and bytes. mscorlib 1.17.11 has no System.Text.Encoding (it comes with another
    /// package), and every text these tests exchange with the node is ASCII, as the node's JSON writer escapes the rest.
    /// </summary>
    public static class Text
    {
        /// <summary>The bytes of <paramref name="text"/>; throws on a character beyond ASCII, which no test sends.</summary>
        public static byte[] Bytes(string text)
        {
            byte[] bytes = new byte[text.Length];
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (c > 0x7F)
                {
                    throw new ArgumentException("not ASCII at " + i.ToString());
                }

                bytes[i] = (byte)c;
            }

            return bytes;
        }

        /// <summary>The first <paramref name="length"/> bytes of <paramref name="bytes"/> as text, one character a byte.</summary>
        public static string Of(byte[] bytes, int length)
        {
            char[] chars = new char[length];
            for (int i = 0; i < length; i++)
            {
                chars[i] = (char)bytes[i];
            }

            return new string(chars);
        }

        /// <summary>True if <paramref name="text"/> holds <paramref name="part"/>.</summary>
        public static bool Contains(string text, string part)
        {
            return text.IndexOf(part) >= 0;
        }
    }
}
