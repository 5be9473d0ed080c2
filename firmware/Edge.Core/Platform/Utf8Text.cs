#nullable disable
namespace Edge.Core.Platform
{
    /// <summary>
    /// UTF-8 bytes to a string, for the one platform API that takes text where the node has bytes: M2Mqtt's
    /// <c>Connect</c> takes the Last Will as a string (and encodes it back to UTF-8 itself). nanoFramework mscorlib
    /// 1.17.11 has no System.Text.Encoding, so the node decodes its own JSON here.
    /// </summary>
    public static class Utf8Text
    {
        /// <summary>U+FFFD, which stands for each malformed sequence (RFC 3629 section 3 forbids passing one through).</summary>
        public const char Replacement = '\uFFFD';

        /// <summary>Decodes <paramref name="count"/> bytes from <paramref name="offset"/> (RFC 3629): a malformed,
        /// overlong or truncated sequence, or an encoded surrogate, gives one <see cref="Replacement"/> per byte that
        /// starts it; code points above U+FFFF become a surrogate pair.</summary>
        public static string Decode(byte[] data, int offset, int count)
        {
            char[] chars = new char[count];
            int n = 0;
            int at = offset;
            int end = offset + count;
            while (at < end)
            {
                int lead = data[at];
                int length;
                int codePoint;
                int minimum;
                if (lead < 0x80)
                {
                    chars[n++] = (char)lead;
                    at++;
                    continue;
                }
                else if ((lead & 0xE0) == 0xC0)
                {
                    length = 2;
                    codePoint = lead & 0x1F;
                    minimum = 0x80;
                }
                else if ((lead & 0xF0) == 0xE0)
                {
                    length = 3;
                    codePoint = lead & 0x0F;
                    minimum = 0x800;
                }
                else if ((lead & 0xF8) == 0xF0)
                {
                    length = 4;
                    codePoint = lead & 0x07;
                    minimum = 0x10000;
                }
                else
                {
                    chars[n++] = Replacement;
                    at++;
                    continue;
                }

                bool valid = at + length <= end;
                for (int i = 1; valid && i < length; i++)
                {
                    int next = data[at + i];
                    valid = (next & 0xC0) == 0x80;
                    codePoint = (codePoint << 6) | (next & 0x3F);
                }

                // Overlong forms, encoded surrogates (U+D800-U+DFFF) and values past U+10FFFF are malformed (RFC 3629 section 3).
                if (!valid || codePoint < minimum || (codePoint >= 0xD800 && codePoint <= 0xDFFF) || codePoint > 0x10FFFF)
                {
                    chars[n++] = Replacement;
                    at++;
                    continue;
                }

                if (codePoint >= 0x10000)
                {
                    int v = codePoint - 0x10000;
                    chars[n++] = (char)(0xD800 + (v >> 10));
                    chars[n++] = (char)(0xDC00 + (v & 0x3FF));
                }
                else
                {
                    chars[n++] = (char)codePoint;
                }

                at += length;
            }

            return new string(chars, 0, n);
        }
    }
}
