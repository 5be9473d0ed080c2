#nullable disable

namespace Edge.Core.Payloads
{
    /// <summary>
    /// The lexical pieces of JSON text in a byte array, for <see cref="JsonReader"/> and for callers that keep a
    /// value's bytes: a string's escapes (RFC 8259 section 7), a number's grammar (section 6) and its value as an
    /// integer or a scaled integer. Nothing here allocates.
    /// </summary>
    public static class JsonText
    {
        /// <summary>Digits of the largest integer read: 18 always fit a long.</summary>
        private const int MaxDigits = 18;

        /// <summary>Moves past the characters of a string and its closing quote, from the byte after its opening
        /// quote; on an error, <paramref name="at"/> is where it is.</summary>
        public static JsonError ScanString(byte[] text, ref int at, int end)
        {
            while (at < end)
            {
                int c = text[at];
                if (c == '"')
                {
                    at++;
                    return JsonError.None;
                }

                if (c < 0x20)
                {
                    // Section 7: control characters must be escaped.
                    return JsonError.ControlCharacter;
                }

                if (c != '\\')
                {
                    at++;
                    continue;
                }

                JsonError error = CheckEscape(text, ref at, end);
                if (error != JsonError.None)
                {
                    return error;
                }
            }

            return JsonError.UnclosedString;
        }

        /// <summary>Checks the escape at <paramref name="at"/> (a backslash) and moves past it; on an error,
        /// <paramref name="at"/> is where it is.</summary>
        private static JsonError CheckEscape(byte[] text, ref int at, int end)
        {
            if (at + 1 >= end)
            {
                at = end;
                return JsonError.UnclosedString;
            }

            at++;
            switch (text[at])
            {
                case (byte)'"':
                case (byte)'\\':
                case (byte)'/':
                case (byte)'b':
                case (byte)'f':
                case (byte)'n':
                case (byte)'r':
                case (byte)'t':
                    at++;
                    return JsonError.None;
                case (byte)'u':
                    for (int i = 0; i < 4; i++)
                    {
                        at++;
                        if (at >= end || HexValue(text[at]) < 0)
                        {
                            return JsonError.BadUnicodeEscape;
                        }
                    }

                    at++;
                    return JsonError.None;
                default:
                    return JsonError.UnknownEscape;
            }
        }

        /// <summary>The character at <paramref name="at"/> inside a checked string, escapes decoded, and moves past
        /// it. Characters beyond ASCII read as '?': the node's names and values are ASCII.</summary>
        public static char NextChar(byte[] text, ref int at)
        {
            int c = text[at++];
            if (c == '\\')
            {
                int e = text[at++];
                switch (e)
                {
                    case 'b': return '\b';
                    case 'f': return '\f';
                    case 'n': return '\n';
                    case 'r': return '\r';
                    case 't': return '\t';
                    case 'u':
                        int code = 0;
                        for (int i = 0; i < 4; i++)
                        {
                            code = (code << 4) | HexValue(text[at++]);
                        }

                        return (char)code;
                    default: return (char)e;
                }
            }

            if (c < 0x80)
            {
                return (char)c;
            }

            // A UTF-8 sequence: its continuation bytes are 10xxxxxx.
            while (at < text.Length && (text[at] & 0xC0) == 0x80)
            {
                at++;
            }

            return '?';
        }

        /// <summary>Moves past a number starting at <paramref name="at"/>: -1 when it has the form of RFC 8259
        /// section 6 (-? int frac? exp?, no leading zero), else the byte where it breaks it.</summary>
        public static int ScanNumber(byte[] text, ref int at, int end)
        {
            if (at < end && text[at] == '-')
            {
                at++;
            }

            if (at < end && text[at] == '0')
            {
                at++;
                if (at < end && IsDigit(text[at]))
                {
                    return at;
                }
            }
            else if (!Digits(text, ref at, end))
            {
                return at;
            }

            if (at < end && text[at] == '.')
            {
                at++;
                if (!Digits(text, ref at, end))
                {
                    return at;
                }
            }

            if (at < end && (text[at] == 'e' || text[at] == 'E'))
            {
                at++;
                if (at < end && (text[at] == '+' || text[at] == '-'))
                {
                    at++;
                }

                if (!Digits(text, ref at, end))
                {
                    return at;
                }
            }

            return -1;
        }

        /// <summary>A checked number written as an integer (no fraction, no exponent) of at most 18 digits.</summary>
        public static bool TryInteger(byte[] text, int start, int length, out long value)
        {
            for (int i = start; i < start + length; i++)
            {
                if (text[i] == '.')
                {
                    value = 0;
                    return false;
                }
            }

            // An exponent is refused by TryScaled itself.
            return TryScaled(text, start, length, 0, out value);
        }

        /// <summary>A checked number times 10^<paramref name="decimals"/> when that is an integer and the number
        /// has no exponent: digits of the fraction beyond <paramref name="decimals"/> may only be zeros.</summary>
        public static bool TryScaled(byte[] text, int start, int length, int decimals, out long value)
        {
            value = 0;
            int end = start + length;
            int at = start;
            bool negative = at < end && text[at] == '-';
            if (negative)
            {
                at++;
            }

            int digits = 0;
            for (; at < end && IsDigit(text[at]); at++)
            {
                value = (value * 10) + (text[at] - '0');
                digits++;
            }

            int scale = 0;
            if (at < end && text[at] == '.')
            {
                for (at++; at < end && IsDigit(text[at]); at++)
                {
                    if (scale < decimals)
                    {
                        value = (value * 10) + (text[at] - '0');
                        scale++;
                        digits++;
                    }
                    else if (text[at] != '0')
                    {
                        value = 0;
                        return false;
                    }
                }
            }

            for (; scale < decimals; scale++)
            {
                value *= 10;
                digits++;
            }

            if (digits == 0 || digits > MaxDigits || at != end)
            {
                value = 0;
                return false;
            }

            value = negative ? -value : value;
            return true;
        }

        private static bool Digits(byte[] text, ref int at, int end)
        {
            int start = at;
            while (at < end && IsDigit(text[at]))
            {
                at++;
            }

            return at > start;
        }

        private static bool IsDigit(byte c)
        {
            return c >= '0' && c <= '9';
        }

        private static int HexValue(byte c)
        {
            if (c >= '0' && c <= '9')
            {
                return c - '0';
            }

            if (c >= 'a' && c <= 'f')
            {
                return c - 'a' + 10;
            }

            return c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
        }
    }
}
