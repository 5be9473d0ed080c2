#nullable disable
using Edge.Core.Payloads;

namespace Edge.Core.Commands
{
    /// <summary>
    /// The members of a command's flat JSON object, read with a <see cref="JsonReader"/> and kept by name: strings
    /// decoded, numbers as their bytes in the payload (read exactly on demand), literals as their kind. Nested objects
    /// and arrays, a name given twice and more than <see cref="MaxFields"/> members are refused with an error naming
    /// the member; the members read before an error stay readable, so that an id read before it can be echoed.
    /// Commands are rare, so names and strings are allocated; the hot path never uses this.
    /// </summary>
    public sealed class CommandFields
    {
        /// <summary>Members taken: config/set with every setting and the id has 8; twice that leaves room for
        /// settings to come. Each member costs 25 bytes of tables on 64-bit .NET, 33 on the device.</summary>
        public const int MaxFields = 16;

        private readonly JsonReader _reader = new JsonReader();
        private readonly string[] _names = new string[MaxFields];
        private readonly string[] _strings = new string[MaxFields];
        private readonly JsonToken[] _kinds = new JsonToken[MaxFields];
        private readonly int[] _starts = new int[MaxFields];
        private readonly int[] _lengths = new int[MaxFields];
        private byte[] _text;

        /// <summary>Members read from the last payload.</summary>
        public int Count { get; private set; }

        /// <summary>Why the last read failed.</summary>
        public string Error { get; private set; }

        /// <summary>Name of the <paramref name="index"/>-th member, in payload order.</summary>
        public string Name(int index)
        {
            return _names[index];
        }

        /// <summary>String, Number, True, False or Null.</summary>
        public JsonToken Kind(int index)
        {
            return _kinds[index];
        }

        /// <summary>The decoded string of a String member; null for any other kind.</summary>
        public string Text(int index)
        {
            return _strings[index];
        }

        /// <summary>Index of the member, or -1.</summary>
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

        /// <summary>The String member of that name, or null.</summary>
        public string TextOf(string name)
        {
            int index = IndexOf(name);
            return index < 0 ? null : _strings[index];
        }

        /// <summary>A Number member written as a whole number, without sign, fraction or exponent.</summary>
        public bool TryWhole(int index, out long value)
        {
            value = 0;
            return _kinds[index] == JsonToken.Number && _text[_starts[index]] != '-' && JsonText.TryInteger(_text, _starts[index], _lengths[index], out value);
        }

        /// <summary>A Number member times 10^<paramref name="decimals"/> (see <see cref="JsonText.TryScaled"/>).</summary>
        public bool TryScaled(int index, int decimals, out long value)
        {
            value = 0;
            return _kinds[index] == JsonToken.Number && JsonText.TryScaled(_text, _starts[index], _lengths[index], decimals, out value);
        }

        /// <summary>Reads a whole text that must be one flat object.</summary>
        public bool TryParse(byte[] text, int offset, int length)
        {
            Clear(text);
            _reader.Reset(text, offset, length);
            if (!_reader.Read() || _reader.Token != JsonToken.BeginObject)
            {
                return Fail("a JSON object is expected");
            }

            if (!ReadMembers(_reader))
            {
                return false;
            }

            return !_reader.Read() && _reader.Token == JsonToken.End ? true : Fail("text after the object");
        }

        /// <summary>Starts a set of members that will be read from <paramref name="text"/> after some given ones.</summary>
        public void Clear(byte[] text)
        {
            _text = text;
            Count = 0;
            Error = null;
        }

        /// <summary>A member given by the caller rather than read, such as the id of an IoT Agent command.</summary>
        public void AddText(string name, string value)
        {
            _names[Count] = name;
            _strings[Count] = value;
            _kinds[Count] = JsonToken.String;
            Count++;
        }

        /// <summary>Reads the members of the object whose BeginObject the reader is on, through its EndObject.</summary>
        public bool ReadMembers(JsonReader reader)
        {
            _text = reader.Text;
            int depth = reader.Depth;
            while (true)
            {
                if (!reader.Read())
                {
                    return FailOn(reader, null);
                }

                if (reader.Token == JsonToken.EndObject && reader.Depth == depth)
                {
                    return true;
                }

                string name = reader.GetString();
                bool value = reader.Read();
                if (!value && reader.ErrorKind == JsonError.ExpectedColon)
                {
                    return Fail("':' is expected after " + Quoted(name));
                }

                if (Count == MaxFields)
                {
                    return Fail("more than " + MaxFields.ToString() + " fields");
                }

                if (IndexOf(name) >= 0)
                {
                    return Fail("field " + Quoted(name) + " appears twice");
                }

                if (!value)
                {
                    return FailOn(reader, name);
                }

                if (reader.Token == JsonToken.BeginObject || reader.Token == JsonToken.BeginArray)
                {
                    return Fail("field " + Quoted(name) + ": nested objects and arrays are not accepted in commands");
                }

                Keep(reader, name);
            }
        }

        private void Keep(JsonReader reader, string name)
        {
            _names[Count] = name;
            _kinds[Count] = reader.Token;
            _strings[Count] = reader.Token == JsonToken.String ? reader.GetString() : null;
            _starts[Count] = reader.ValueStart;
            _lengths[Count] = reader.ValueLength;
            Count++;
        }

        /// <summary>The reader's error in the words of a command's error: about the member being read, if any.</summary>
        private bool FailOn(JsonReader reader, string name)
        {
            string last = name != null ? name : Count > 0 ? _names[Count - 1] : null;
            switch (reader.ErrorKind)
            {
                case JsonError.ExpectedName:
                    return Fail("a field name in quotes is expected at byte " + reader.ErrorPosition.ToString());
                case JsonError.ExpectedCommaOrClose:
                    return Fail("',' or '}' is expected after " + Quoted(last));
                case JsonError.ExpectedValue:
                    return Fail("field " + Quoted(last) + ": a value is expected");
                case JsonError.BadNumber:
                    return Fail("field " + Quoted(last) + ": " + reader.Error + " at byte " + reader.ErrorPosition.ToString());
                default:
                    return Fail(reader.Error);
            }
        }

        /// <summary>A field name as error messages quote it: cut after 64 characters, so that an error about a long
        /// name still fits a command's result.</summary>
        private static string Quoted(string name)
        {
            return "\"" + (name.Length <= 64 ? name : name.Substring(0, 64) + "...") + "\"";
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
