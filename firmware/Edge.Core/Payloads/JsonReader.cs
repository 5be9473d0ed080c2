#nullable disable

namespace Edge.Core.Payloads
{
    /// <summary>
    /// Pulls the tokens of one JSON text (RFC 8259) out of a byte array, one <see cref="Read"/> at a time, checking its
    /// grammar as it goes: structure, strings with their escapes (section 7), numbers (section 6), nesting up to a
    /// depth fixed at construction. Reading allocates nothing; only <see cref="GetString"/> makes a string. Any text,
    /// however broken or truncated, ends in <see cref="JsonToken.End"/> or <see cref="JsonToken.Error"/> with what is
    /// wrong and where; nothing throws.
    /// </summary>
    public sealed class JsonReader
    {
        /// <summary>Depth used by the parameterless constructor: far beyond any message the node takes.</summary>
        public const int DefaultMaxDepth = 16;

        // Where the next token may be, in the grammar of RFC 8259 section 2.
        private const byte StateValue = 0;
        private const byte StateObjectStart = 1;
        private const byte StateName = 2;
        private const byte StateColon = 3;
        private const byte StateArrayStart = 4;
        private const byte StateAfterValue = 5;
        private const byte StateDone = 6;

        private readonly bool[] _inObject;
        private byte[] _text;
        private int _offset;
        private int _at;
        private int _end;
        private byte _state;

        /// <summary>A reader nesting up to <see cref="DefaultMaxDepth"/>, over an empty text until <see cref="Reset"/>.</summary>
        public JsonReader()
            : this(DefaultMaxDepth)
        {
        }

        /// <param name="maxDepth">Objects and arrays that may be open at once; one more is an error.</param>
        public JsonReader(int maxDepth)
        {
            _inObject = new bool[maxDepth];
            Reset(new byte[0], 0, 0);
        }

        /// <summary>The token the last <see cref="Read"/> stopped on; <see cref="JsonToken.None"/> after
        /// <see cref="Reset"/>.</summary>
        public JsonToken Token { get; private set; }

        /// <summary>Objects and arrays open around the current token (a BeginObject counts its own).</summary>
        public int Depth { get; private set; }

        /// <summary>Byte where the current token starts, from the start of the text.</summary>
        public int Position { get; private set; }

        /// <summary>Start of a string's characters (inside its quotes) or of a number, in the array.</summary>
        public int ValueStart { get; private set; }

        /// <summary>Bytes of a string's raw characters (escapes undecoded) or of a number.</summary>
        public int ValueLength { get; private set; }

        /// <summary>Why the text is not JSON once <see cref="Token"/> is <see cref="JsonToken.Error"/>;
        /// <see cref="JsonError.None"/> otherwise.</summary>
        public JsonError ErrorKind { get; private set; }

        /// <summary>Byte where the text stopped being JSON, from the start of the text.</summary>
        public int ErrorPosition { get; private set; }

        /// <summary>What is wrong, without the position (see <see cref="ErrorPosition"/>); null without an error.</summary>
        public string Error
        {
            get { return JsonErrors.Message(ErrorKind); }
        }

        /// <summary>The array being read, for a caller that keeps a value's bytes.</summary>
        public byte[] Text
        {
            get { return _text; }
        }

        /// <summary>Starts over on the <paramref name="length"/> bytes of <paramref name="text"/> from
        /// <paramref name="offset"/>, which are read in place, not copied: the array must not change while it is read.</summary>
        public void Reset(byte[] text, int offset, int length)
        {
            _text = text;
            _offset = offset;
            _at = offset;
            _end = offset + length;
            _state = StateValue;
            Token = JsonToken.None;
            Depth = 0;
            Position = 0;
            ValueStart = offset;
            ValueLength = 0;
            ErrorKind = JsonError.None;
            ErrorPosition = -1;
        }

        /// <summary>Moves to the next token; false at the end of the text or at an error (see <see cref="Token"/>).</summary>
        public bool Read()
        {
            if (Token == JsonToken.Error || Token == JsonToken.End)
            {
                return false;
            }

            if (Token == JsonToken.EndObject || Token == JsonToken.EndArray)
            {
                Depth--;
            }

            SkipSpace();
            Position = _at - _offset;
            switch (_state)
            {
                case StateObjectStart:
                    return Peek() == '}' ? Close(true) : ReadName();
                case StateName:
                    return ReadName();
                case StateColon:
                    if (Peek() != ':')
                    {
                        return Fail(JsonError.ExpectedColon, _at);
                    }

                    _at++;
                    SkipSpace();
                    Position = _at - _offset;
                    return ReadValue();
                case StateArrayStart:
                    return Peek() == ']' ? Close(false) : ReadValue();
                case StateAfterValue:
                    return AfterValue();
                case StateDone:
                    if (_at < _end)
                    {
                        return Fail(JsonError.TextAfterValue, _at);
                    }

                    Token = JsonToken.End;
                    return false;
                default:
                    return ReadValue();
            }
        }

        /// <summary>The current string or name, decoded. Allocates: for the few values a caller keeps.</summary>
        public string GetString()
        {
            char[] chars = new char[ValueLength];
            int n = 0;
            int end = ValueStart + ValueLength;
            for (int i = ValueStart; i < end;)
            {
                chars[n++] = JsonText.NextChar(_text, ref i);
            }

            return new string(chars, 0, n);
        }

        /// <summary>True when the current string or name decodes to exactly <paramref name="value"/>; allocates nothing.</summary>
        public bool ValueEquals(string value)
        {
            int n = 0;
            int end = ValueStart + ValueLength;
            for (int i = ValueStart; i < end; n++)
            {
                if (n == value.Length || JsonText.NextChar(_text, ref i) != value[n])
                {
                    return false;
                }
            }

            return n == value.Length;
        }

        /// <summary>The current number when it is written as an integer (no fraction, no exponent) that fits.</summary>
        public bool TryGetInteger(out long value)
        {
            return JsonText.TryInteger(_text, ValueStart, ValueLength, out value);
        }

        /// <summary>The current number times 10^<paramref name="decimals"/>, when that is an integer written
        /// without an exponent: 230.5 with one decimal is 2305; 230.55 is refused.</summary>
        public bool TryGetScaled(int decimals, out long value)
        {
            return JsonText.TryScaled(_text, ValueStart, ValueLength, decimals, out value);
        }

        private bool ReadName()
        {
            if (Peek() != '"')
            {
                return Fail(JsonError.ExpectedName, _at);
            }

            if (!ScanString())
            {
                return false;
            }

            Token = JsonToken.Name;
            _state = StateColon;
            return true;
        }

        private bool ReadValue()
        {
            int c = Peek();
            if (c == '{' || c == '[')
            {
                if (Depth == _inObject.Length)
                {
                    return Fail(JsonError.TooDeep, _at);
                }

                _inObject[Depth++] = c == '{';
                _at++;
                Token = c == '{' ? JsonToken.BeginObject : JsonToken.BeginArray;
                _state = c == '{' ? StateObjectStart : StateArrayStart;
                return true;
            }

            if (c == '"')
            {
                if (!ScanString())
                {
                    return false;
                }

                return Scalar(JsonToken.String);
            }

            if (c == '-' || (c >= '0' && c <= '9'))
            {
                int start = _at;
                int bad = JsonText.ScanNumber(_text, ref _at, _end);
                if (bad >= 0)
                {
                    return Fail(JsonError.BadNumber, bad);
                }

                ValueStart = start;
                ValueLength = _at - start;
                return Scalar(JsonToken.Number);
            }

            if (Word("true"))
            {
                return Scalar(JsonToken.True);
            }

            if (Word("false"))
            {
                return Scalar(JsonToken.False);
            }

            return Word("null") ? Scalar(JsonToken.Null) : Fail(JsonError.ExpectedValue, _at);
        }

        private bool Scalar(JsonToken token)
        {
            Token = token;
            _state = Depth == 0 ? StateDone : StateAfterValue;
            return true;
        }

        private bool AfterValue()
        {
            int c = Peek();
            bool inObject = _inObject[Depth - 1];
            if (c == ',')
            {
                _at++;
                SkipSpace();
                Position = _at - _offset;
                if (inObject)
                {
                    return ReadName();
                }

                return ReadValue();
            }

            if ((c == '}' && inObject) || (c == ']' && !inObject))
            {
                return Close(inObject);
            }

            return Fail(JsonError.ExpectedCommaOrClose, _at);
        }

        /// <summary>The closing bracket at the current byte; the depth drops at the next Read, so that an End token
        /// has the depth of its Begin.</summary>
        private bool Close(bool inObject)
        {
            _at++;
            Token = inObject ? JsonToken.EndObject : JsonToken.EndArray;
            _state = Depth == 1 ? StateDone : StateAfterValue;
            return true;
        }

        /// <summary>A string from its opening quote: checks its characters and escapes, keeps where they are.</summary>
        private bool ScanString()
        {
            int start = ++_at;
            JsonError error = JsonText.ScanString(_text, ref _at, _end);
            if (error != JsonError.None)
            {
                return Fail(error, _at);
            }

            ValueStart = start;
            ValueLength = _at - 1 - start;
            return true;
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

        private int Peek()
        {
            return _at < _end ? _text[_at] : -1;
        }

        private void SkipSpace()
        {
            // RFC 8259 section 2: the four white space characters.
            while (_at < _end && (_text[_at] == ' ' || _text[_at] == '\t' || _text[_at] == '\n' || _text[_at] == '\r'))
            {
                _at++;
            }
        }

        private bool Fail(JsonError error, int at)
        {
            Token = JsonToken.Error;
            ErrorKind = error;
            ErrorPosition = at - _offset;
            return false;
        }
    }
}
