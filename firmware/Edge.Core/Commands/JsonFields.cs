#nullable disable
using System;

namespace Edge.Core.Commands
{
    /// <summary>Kinds of a flat JSON value.</summary>
    public enum JsonKind : byte
    {
        String = 0,
        Number = 1,
        True = 2,
        False = 3,
        Null = 4,
    }

    /// <summary>
    /// A flat JSON object (RFC 8259) read into names and values: what commands carry. Nested objects and arrays are
    /// refused with a message saying where; numbers are kept as their text, so that they can be read exactly.
    /// Commands are rare, so this allocates (the strings of the names and values); the hot path never uses it.
    /// </summary>
    public sealed class JsonFields
    {
        private const int MaxFields = 32;

        private readonly string[] _names = new string[MaxFields];
        private readonly string[] _values = new string[MaxFields];
        private readonly JsonKind[] _kinds = new JsonKind[MaxFields];
        private byte[] _text;
        private int _at;
        private int _end;

        public int Count { get; private set; }

        /// <summary>Why the last <see cref="TryParse"/> failed.</summary>
        public string Error { get; private set; }

        public string Name(int index)
        {
            return _names[index];
        }

        public JsonKind Kind(int index)
        {
            return _kinds[index];
        }

        public string Value(int index)
        {
            return _values[index];
        }

        /// <summary>Index of the field, or -1.</summary>
        public int IndexOf(string name)
        {
            for (int i = 0; i < Count; i++)
            {
                if (_names[i] == name)
                {
                    return i;
                }
            }

            return -1;
        }

        public bool TryParse(byte[] text, int offset, int length)
        {
            _text = text;
            _at = offset;
            _end = offset + length;
            Count = 0;
            Error = null;
            SkipSpace();
            if (!Expect('{'))
            {
                return Fail("a JSON object is expected");
            }

            SkipSpace();
            if (Peek() == '}')
            {
                _at++;
                return End();
            }

            while (true)
            {
                SkipSpace();
                string name;
                if (Peek() != '"' || !ReadString(out name))
                {
                    return Fail(Error != null ? Error : "a field name in quotes is expected at byte " + (_at - offset).ToString());
                }

                SkipSpace();
                if (!Expect(':'))
                {
                    return Fail("':' is expected after " + Quoted(name));
                }

                SkipSpace();
                if (Count == MaxFields)
                {
                    return Fail("more than " + MaxFields.ToString() + " fields");
                }

                if (IndexOf(name) >= 0)
                {
                    return Fail("field " + Quoted(name) + " appears twice");
                }

                if (!ReadValue(name))
                {
                    return false;
                }

                SkipSpace();
                int c = Peek();
                _at++;
                if (c == '}')
                {
                    return End();
                }

                if (c != ',')
                {
                    return Fail("',' or '}' is expected after " + Quoted(name));
                }
            }
        }

        /// <summary>A field name as error messages quote it: cut after 64 characters, so that an error about a long
        /// name still fits a command's result.</summary>
        private static string Quoted(string name)
        {
            return "\"" + (name.Length <= 64 ? name : name.Substring(0, 64) + "...") + "\"";
        }

        private bool End()
        {
            SkipSpace();
            return _at == _end ? true : Fail("text after the object");
        }

        private bool ReadValue(string name)
        {
            int c = Peek();
            string value;
            JsonKind kind;
            if (c == '"')
            {
                if (!ReadString(out value))
                {
                    return false;
                }

                kind = JsonKind.String;
            }
            else if (c == '{' || c == '[')
            {
                return Fail("field " + Quoted(name) + ": nested objects and arrays are not accepted in commands");
            }
            else if (Word("true"))
            {
                value = "true";
                kind = JsonKind.True;
            }
            else if (Word("false"))
            {
                value = "false";
                kind = JsonKind.False;
            }
            else if (Word("null"))
            {
                value = null;
                kind = JsonKind.Null;
            }
            else
            {
                int start = _at;
                if (Peek() == '-')
                {
                    _at++;
                }

                while (_at < _end && ((_text[_at] >= '0' && _text[_at] <= '9') || _text[_at] == '.' || _text[_at] == 'e' || _text[_at] == 'E' || _text[_at] == '+' || _text[_at] == '-'))
                {
                    _at++;
                }

                if (_at == start || (_at == start + 1 && _text[start] == '-'))
                {
                    return Fail("field " + Quoted(name) + ": a value is expected");
                }

                value = Ascii(start, _at);
                kind = JsonKind.Number;
            }

            _names[Count] = name;
            _values[Count] = value;
            _kinds[Count] = kind;
            Count++;
            return true;
        }

        private bool ReadString(out string value)
        {
            value = null;
            _at++;

            // Room for the characters up to the closing quote (escapes only shorten them), not for the rest of the text.
            int close = _at;
            while (close < _end && _text[close] != '"')
            {
                close += _text[close] == '\\' ? 2 : 1;
            }

            char[] chars = new char[(close < _end ? close : _end) - _at];
            int n = 0;
            while (_at < _end)
            {
                int c = _text[_at++];
                if (c == '"')
                {
                    value = new string(chars, 0, n);
                    return true;
                }

                if (c == '\\')
                {
                    if (_at >= _end)
                    {
                        break;
                    }

                    int e = _text[_at++];
                    switch (e)
                    {
                        case '"': chars[n++] = '"'; break;
                        case '\\': chars[n++] = '\\'; break;
                        case '/': chars[n++] = '/'; break;
                        case 'b': chars[n++] = '\b'; break;
                        case 'f': chars[n++] = '\f'; break;
                        case 'n': chars[n++] = '\n'; break;
                        case 'r': chars[n++] = '\r'; break;
                        case 't': chars[n++] = '\t'; break;
                        case 'u':
                            int code = 0;
                            for (int i = 0; i < 4; i++)
                            {
                                int h = _at < _end ? HexValue(_text[_at++]) : -1;
                                if (h < 0)
                                {
                                    Error = "a \\u escape needs four hex digits";
                                    return false;
                                }

                                code = (code << 4) | h;
                            }

                            chars[n++] = (char)code;
                            break;
                        default:
                            Error = "unknown escape in a string";
                            return false;
                    }
                }
                else if (c < 0x20)
                {
                    Error = "a control character in a string";
                    return false;
                }
                else if (c < 0x80)
                {
                    chars[n++] = (char)c;
                }
                else
                {
                    // Multi-byte UTF-8: names and values of commands are ASCII; anything else is kept as '?'.
                    chars[n++] = '?';
                    while (_at < _end && (_text[_at] & 0xC0) == 0x80)
                    {
                        _at++;
                    }
                }
            }

            Error = "a string is not closed";
            return false;
        }

        private bool Word(string word)
        {
            if (_end - _at < word.Length)
            {
                return false;
            }

            for (int i = 0; i < word.Length; i++)
            {
                if (_text[_at + i] != word[i])
                {
                    return false;
                }
            }

            _at += word.Length;
            return true;
        }

        private static int HexValue(int c)
        {
            if (c >= '0' && c <= '9')
            {
                return c - '0';
            }

            if (c >= 'a' && c <= 'f')
            {
                return c - 'a' + 10;
            }

            if (c >= 'A' && c <= 'F')
            {
                return c - 'A' + 10;
            }

            return -1;
        }

        private string Ascii(int start, int end)
        {
            char[] chars = new char[end - start];
            for (int i = start; i < end; i++)
            {
                chars[i - start] = (char)_text[i];
            }

            return new string(chars);
        }

        private int Peek()
        {
            return _at < _end ? _text[_at] : -1;
        }

        private bool Expect(char c)
        {
            if (Peek() == c)
            {
                _at++;
                return true;
            }

            return false;
        }

        private void SkipSpace()
        {
            while (_at < _end && (_text[_at] == ' ' || _text[_at] == '\t' || _text[_at] == '\n' || _text[_at] == '\r'))
            {
                _at++;
            }
        }

        private bool Fail(string message)
        {
            if (Error == null)
            {
                Error = message;
            }

            return false;
        }
    }
}
