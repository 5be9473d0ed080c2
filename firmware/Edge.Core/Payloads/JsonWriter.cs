#nullable disable
using System;

namespace Edge.Core.Payloads
{
    /// <summary>
    /// A compact JSON writer into a caller-owned, reused byte buffer (UTF-8, RFC 8259). It allocates nothing:
    /// strings are copied character by character, numbers are written from integers by our own exact decimal
    /// writer (never float.ToString(), which could print "1E-05" or float noise like 230.20000457).
    /// When the buffer is too small it stops writing and sets <see cref="Overflowed"/>; the caller then
    /// discards the output instead of publishing truncated JSON.
    /// </summary>
    public sealed class JsonWriter
    {
        /// <summary>Nesting deeper than this is a programming error in an encoder, not a data condition.</summary>
        private const int MaxDepth = 16;

        private readonly bool[] _hasMember = new bool[MaxDepth];
        private readonly byte[] _digits = new byte[20];
        private byte[] _buffer;
        private int _position;
        private int _missed;
        private int _depth;
        private bool _afterName;
        private bool _overflowed;

        /// <summary>Writes into <paramref name="buffer"/>, which the caller owns and reuses.</summary>
        public JsonWriter(byte[] buffer)
        {
            if (buffer == null)
            {
                throw new ArgumentNullException("buffer");
            }

            _buffer = buffer;
        }

        /// <summary>The buffer written into; the document is its first <see cref="Length"/> bytes.</summary>
        public byte[] Buffer
        {
            get { return _buffer; }
        }

        /// <summary>Bytes written so far.</summary>
        public int Length
        {
            get { return _position; }
        }

        /// <summary>Bytes the document needed, including those that did not fit: says how large a refused message was.</summary>
        public int RequiredLength
        {
            get { return _position + _missed; }
        }

        /// <summary>True if some output did not fit; the content is then incomplete and must not be used.</summary>
        public bool Overflowed
        {
            get { return _overflowed; }
        }

        /// <summary>Starts a new document at the start of the buffer.</summary>
        public void Reset()
        {
            _position = 0;
            _missed = 0;
            _depth = 0;
            _afterName = false;
            _overflowed = false;
        }

        /// <summary>Writes '{' and opens an object.</summary>
        public void BeginObject()
        {
            BeforeValue();
            Put((byte)'{');
            Push();
        }

        /// <summary>Closes the current object with '}'.</summary>
        public void EndObject()
        {
            Pop();
            Put((byte)'}');
        }

        /// <summary>Writes '[' and opens an array.</summary>
        public void BeginArray()
        {
            BeforeValue();
            Put((byte)'[');
            Push();
        }

        /// <summary>Closes the current array with ']'.</summary>
        public void EndArray()
        {
            Pop();
            Put((byte)']');
        }

        /// <summary>Writes a member name; the next call writes its value.</summary>
        public void Name(string name)
        {
            BeforeValue();
            WriteQuoted(name);
            Put((byte)':');
            _afterName = true;
        }

        /// <summary>Writes a quoted, escaped string value; null writes null.</summary>
        public void String(string value)
        {
            BeforeValue();
            if (value == null)
            {
                PutAscii("null");
                return;
            }

            WriteQuoted(value);
        }

        /// <summary>Writes the concatenation of up to four strings as one JSON string (null parts are skipped),
        /// without building the concatenated string.</summary>
        public void StringParts(string a, string b, string c, string d)
        {
            BeforeValue();
            Put((byte)'"');
            WriteUnquoted(a);
            WriteUnquoted(b);
            WriteUnquoted(c);
            WriteUnquoted(d);
            Put((byte)'"');
        }

        /// <summary>Writes an integer value in decimal.</summary>
        public void Integer(long value)
        {
            BeforeValue();
            WriteDecimalDigits(value, 0);
        }

        /// <summary>Writes mantissa x 10^-decimals exactly, without trailing zeros in the fraction
        /// (Decimal(2302, 1) is 230.2, Decimal(2300, 2) is 23, Decimal(-5, 3) is -0.005).</summary>
        public void Decimal(long mantissa, int decimals)
        {
            BeforeValue();
            WriteDecimalDigits(mantissa, decimals);
        }

        /// <summary>Writes true or false.</summary>
        public void Boolean(bool value)
        {
            BeforeValue();
            PutAscii(value ? "true" : "false");
        }

        /// <summary>Writes null.</summary>
        public void Null()
        {
            BeforeValue();
            PutAscii("null");
        }

        /// <summary>Writes an RFC 3339 UTC timestamp with second precision: "2026-11-25T20:05:00Z".</summary>
        public void Timestamp(DateTime utc)
        {
            BeforeValue();
            Put((byte)'"');
            PutFixed(utc.Year, 4);
            Put((byte)'-');
            PutFixed(utc.Month, 2);
            Put((byte)'-');
            PutFixed(utc.Day, 2);
            Put((byte)'T');
            PutFixed(utc.Hour, 2);
            Put((byte)':');
            PutFixed(utc.Minute, 2);
            Put((byte)':');
            PutFixed(utc.Second, 2);
            Put((byte)'Z');
            Put((byte)'"');
        }

        /// <summary>Bytes <see cref="String"/> writes for the value, quotes included: its exact size in a message.</summary>
        public static int EncodedLength(string value)
        {
            if (value == null)
            {
                return 4;
            }

            int length = 2;
            for (int i = 0; i < value.Length; i++)
            {
                char c = value[i];
                if (c == '"' || c == '\\')
                {
                    length += 2;
                }
                else if (c < 0x20)
                {
                    length += 6;
                }
                else if (c < 0x80)
                {
                    length += 1;
                }
                else if (c < 0x800)
                {
                    length += 2;
                }
                else if (c >= 0xD800 && c <= 0xDBFF && i + 1 < value.Length && value[i + 1] >= 0xDC00 && value[i + 1] <= 0xDFFF)
                {
                    length += 4;
                    i++;
                }
                else
                {
                    length += 3;
                }
            }

            return length;
        }

        private void BeforeValue()
        {
            if (_afterName)
            {
                _afterName = false;
                return;
            }

            if (_depth > 0)
            {
                if (_hasMember[_depth - 1])
                {
                    Put((byte)',');
                }

                _hasMember[_depth - 1] = true;
            }
        }

        private void Push()
        {
            if (_depth == MaxDepth)
            {
                throw new InvalidOperationException("JSON nesting too deep");
            }

            _hasMember[_depth] = false;
            _depth++;
        }

        private void Pop()
        {
            if (_depth == 0)
            {
                throw new InvalidOperationException("JSON end without begin");
            }

            _depth--;
        }

        private void WriteDecimalDigits(long mantissa, int decimals)
        {
            // Magnitude as ulong so that long.MinValue has a positive counterpart.
            ulong magnitude = mantissa < 0 ? (ulong)(-(mantissa + 1)) + 1UL : (ulong)mantissa;

            // Drop trailing zeros of the fraction: 230.20 -> 230.2, 23.00 -> 23.
            while (decimals > 0 && magnitude % 10UL == 0UL)
            {
                magnitude /= 10UL;
                decimals--;
            }

            int count = 0;
            do
            {
                _digits[count++] = (byte)('0' + (int)(magnitude % 10UL));
                magnitude /= 10UL;
            }
            while (magnitude != 0UL);

            // Leading zeros so that the fraction has all its digits: 5 with 3 decimals is 0.005.
            while (count <= decimals)
            {
                _digits[count++] = (byte)'0';
            }

            if (mantissa < 0)
            {
                Put((byte)'-');
            }

            for (int i = count - 1; i >= 0; i--)
            {
                Put(_digits[i]);
                if (i == decimals && i != 0)
                {
                    Put((byte)'.');
                }
            }
        }

        private void WriteQuoted(string value)
        {
            Put((byte)'"');
            WriteUnquoted(value);
            Put((byte)'"');
        }

        /// <summary>The characters of a JSON string, escaped and UTF-8 encoded, without the quotes.</summary>
        private void WriteUnquoted(string value)
        {
            if (value == null)
            {
                return;
            }

            for (int i = 0; i < value.Length; i++)
            {
                char c = value[i];
                if (c == '"' || c == '\\')
                {
                    Put((byte)'\\');
                    Put((byte)c);
                }
                else if (c < 0x20)
                {
                    // RFC 8259 section 7: control characters must be escaped.
                    PutAscii("\\u00");
                    PutHex(c >> 4);
                    PutHex(c & 0xF);
                }
                else if (c < 0x80)
                {
                    Put((byte)c);
                }
                else if (c < 0x800)
                {
                    Put((byte)(0xC0 | (c >> 6)));
                    Put((byte)(0x80 | (c & 0x3F)));
                }
                else if (c >= 0xD800 && c <= 0xDBFF && i + 1 < value.Length && value[i + 1] >= 0xDC00 && value[i + 1] <= 0xDFFF)
                {
                    // A surrogate pair is one code point above U+FFFF: four UTF-8 bytes.
                    int codePoint = 0x10000 + ((c - 0xD800) << 10) + (value[i + 1] - 0xDC00);
                    i++;
                    Put((byte)(0xF0 | (codePoint >> 18)));
                    Put((byte)(0x80 | ((codePoint >> 12) & 0x3F)));
                    Put((byte)(0x80 | ((codePoint >> 6) & 0x3F)));
                    Put((byte)(0x80 | (codePoint & 0x3F)));
                }
                else if (c >= 0xD800 && c <= 0xDFFF)
                {
                    // A lone surrogate has no UTF-8 form: write U+FFFD, the replacement character.
                    Put(0xEF);
                    Put(0xBF);
                    Put(0xBD);
                }
                else
                {
                    Put((byte)(0xE0 | (c >> 12)));
                    Put((byte)(0x80 | ((c >> 6) & 0x3F)));
                    Put((byte)(0x80 | (c & 0x3F)));
                }
            }
        }

        private void PutHex(int nibble)
        {
            Put((byte)(nibble < 10 ? '0' + nibble : 'a' + nibble - 10));
        }

        private void PutFixed(int value, int width)
        {
            int divisor = 1;
            for (int i = 1; i < width; i++)
            {
                divisor *= 10;
            }

            for (; divisor > 0; divisor /= 10)
            {
                Put((byte)('0' + ((value / divisor) % 10)));
            }
        }

        private void PutAscii(string text)
        {
            for (int i = 0; i < text.Length; i++)
            {
                Put((byte)text[i]);
            }
        }

        private void Put(byte b)
        {
            if (_position >= _buffer.Length)
            {
                _overflowed = true;
                _missed++;
                return;
            }

            _buffer[_position++] = b;
        }
    }
}
