#nullable disable
using Edge.Core.Payloads;

namespace Edge.Core.Setup
{
    /// <summary>
    /// Reads one setup file (configuration, secrets, board profile) token by token over <see cref="JsonReader"/>,
    /// without building a tree, and records what is wrong as <see cref="SetupProblem"/>s with JSON paths: a field
    /// of the wrong type, out of range, unknown (a typo must not pass unseen) or given twice, and a text that is not
    /// JSON at all. A bad value is skipped whole and reading goes on, so every problem of a file is found in one pass.
    /// Paths are built only when a problem is recorded. Messages say what is wrong with a value, never the value of a
    /// string (the secrets file is read with the same methods).
    /// </summary>
    public sealed class SetupJson
    {
        // A setup file nests objects in arrays in objects ($.meters[0], $.reserved[0].gpio, $.ethernet.refClock):
        // 8 levels is twice what any holds.
        private const int MaxDepth = 8;

        private readonly JsonReader _reader = new JsonReader(MaxDepth);
        private readonly SetupProblems _problems;
        private string _file;
        private byte[] _text;

        /// <summary>A reader recording its problems into <paramref name="problems"/>.</summary>
        public SetupJson(SetupProblems problems)
        {
            _problems = problems;
        }

        /// <summary>The problems recorded so far (this file's and the others').</summary>
        public SetupProblems Problems
        {
            get { return _problems; }
        }

        /// <summary>The file being read, named in its problems.</summary>
        public string File
        {
            get { return _file; }
        }

        /// <summary>True once the text turned out not to be JSON: nothing more is read from it.</summary>
        public bool Broken { get; private set; }

        /// <summary>The token the reader stands on: the value of the field <see cref="NextField"/> returned.</summary>
        public JsonToken Token
        {
            get { return _reader.Token; }
        }

        /// <summary>Starts reading <paramref name="length"/> bytes of <paramref name="text"/> as the file
        /// <paramref name="file"/> and moves to its first value; false (with the problem recorded) when there is none.</summary>
        public bool Start(string file, byte[] text, int length)
        {
            _file = file;
            _text = text;
            Broken = false;
            _reader.Reset(text, 0, length);
            return Next();
        }

        /// <summary>"PARENT.NAME", or <paramref name="at"/> alone when <paramref name="name"/> is null.</summary>
        public static string PathOf(string at, string name)
        {
            return name == null ? at : at + "." + name;
        }

        /// <summary>"PARENT[INDEX]".</summary>
        public static string ItemOf(string at, int index)
        {
            return at + "[" + index.ToString() + "]";
        }

        /// <summary>Records a problem of the current file.</summary>
        public void Add(string path, string problem, string allowed)
        {
            _problems.Add(_file, path, problem, allowed);
        }

        /// <summary>True when the current value is an object; otherwise records that one was expected there and
        /// skips the value.</summary>
        public bool IsObject(string at, string name, string allowed)
        {
            return Is(JsonToken.BeginObject, at, name, "an object", allowed);
        }

        /// <summary>True when the current value is an array; otherwise records that one was expected and skips it.</summary>
        public bool IsArray(string at, string name, string allowed)
        {
            return Is(JsonToken.BeginArray, at, name, "an array", allowed);
        }

        /// <summary>
        /// Moves to the next field of the object being read whose name is one of <paramref name="names"/> and returns
        /// its index there, standing on its value; -1 at the end of the object (or of a broken text). A name not in
        /// the list, or one already in <paramref name="seen"/> (a bit per index), is recorded as a problem at
        /// <paramref name="at"/>.NAME and its value skipped.
        /// </summary>
        public int NextField(string[] names, ref int seen, string at)
        {
            while (Next())
            {
                if (_reader.Token != JsonToken.Name)
                {
                    return -1;
                }

                int index = IndexOf(names);
                string unknown = index < 0 ? _reader.GetString() : null;
                if (!Next())
                {
                    return -1;
                }

                if (index < 0)
                {
                    Add(PathOf(at, unknown), "unknown field", Join(names));
                    Skip();
                    continue;
                }

                int bit = 1 << index;
                if ((seen & bit) != 0)
                {
                    Add(PathOf(at, names[index]), "given twice", "each field once");
                    Skip();
                    continue;
                }

                seen |= bit;
                return index;
            }

            return -1;
        }

        /// <summary>True when field <paramref name="index"/> is in <paramref name="seen"/>; otherwise records it as
        /// missing from the object at <paramref name="at"/>.</summary>
        public bool Require(int seen, int index, string[] names, string at, string allowed)
        {
            if ((seen & (1 << index)) != 0)
            {
                return true;
            }

            Add(PathOf(at, names[index]), "missing", allowed);
            return false;
        }

        /// <summary>Moves to the next item of the array being read; false at its end (or of a broken text).</summary>
        public bool NextItem()
        {
            return Next() && _reader.Token != JsonToken.EndArray;
        }

        /// <summary>Skips the current value: an object or array to its closing bracket.</summary>
        public void Skip()
        {
            JsonToken token = _reader.Token;
            if (token != JsonToken.BeginObject && token != JsonToken.BeginArray)
            {
                return;
            }

            int depth = _reader.Depth;
            while (Next())
            {
                if ((_reader.Token == JsonToken.EndObject || _reader.Token == JsonToken.EndArray) && _reader.Depth == depth)
                {
                    return;
                }
            }
        }

        /// <summary>True when the current value is null.</summary>
        public bool IsNull
        {
            get { return _reader.Token == JsonToken.Null; }
        }

        /// <summary>The current value as a string of 1 to <paramref name="maxLength"/> characters; otherwise records
        /// what is wrong (not its value) and returns null. Null is accepted (and returned) when
        /// <paramref name="nullable"/>.</summary>
        public string Text(string at, string name, int maxLength, bool nullable, string allowed)
        {
            if (nullable && IsNull)
            {
                return null;
            }

            if (_reader.Token != JsonToken.String)
            {
                Wrong(at, name, "a string", allowed);
                return null;
            }

            string text = _reader.GetString();
            if (text.Length == 0 || text.Length > maxLength)
            {
                Add(PathOf(at, name), text.Length == 0 ? "empty" : "too long (" + text.Length.ToString() + " characters)", allowed);
                return null;
            }

            return text;
        }

        /// <summary>The current value when it is a string equal to one of <paramref name="choices"/> (that string is
        /// returned, so nothing is allocated); otherwise records the problem and returns <paramref name="fallback"/>.</summary>
        public string Choice(string at, string name, string[] choices, string fallback)
        {
            if (_reader.Token == JsonToken.String)
            {
                for (int i = 0; i < choices.Length; i++)
                {
                    if (_reader.ValueEquals(choices[i]))
                    {
                        return choices[i];
                    }
                }

                Add(PathOf(at, name), "\"" + _reader.GetString() + "\" is not one of them", Join(choices));
                return fallback;
            }

            Wrong(at, name, "a string", Join(choices));
            return fallback;
        }

        /// <summary>The current value when it is a whole number from <paramref name="min"/> to <paramref name="max"/>;
        /// otherwise records the problem and returns <paramref name="fallback"/>.</summary>
        public long Whole(string at, string name, long min, long max, long fallback)
        {
            long value;
            if (_reader.Token == JsonToken.Number && _reader.TryGetInteger(out value) && value >= min && value <= max)
            {
                return value;
            }

            OutOfRange(at, name, "a whole number from " + min.ToString() + " to " + max.ToString());
            return fallback;
        }

        /// <summary>The current number times 10^<paramref name="decimals"/> when that is a whole number from
        /// <paramref name="min"/> to <paramref name="max"/> (in those units); otherwise records the problem, with
        /// <paramref name="allowed"/>, and returns <paramref name="fallback"/>.</summary>
        public long Scaled(string at, string name, int decimals, long min, long max, long fallback, string allowed)
        {
            long value;
            if (_reader.Token == JsonToken.Number && _reader.TryGetScaled(decimals, out value) && value >= min && value <= max)
            {
                return value;
            }

            OutOfRange(at, name, allowed);
            return fallback;
        }

        /// <summary>The current value when it is true or false; otherwise records the problem and returns
        /// <paramref name="fallback"/>.</summary>
        public bool Flag(string at, string name, bool fallback)
        {
            if (_reader.Token == JsonToken.True || _reader.Token == JsonToken.False)
            {
                return _reader.Token == JsonToken.True;
            }

            Wrong(at, name, "true or false", "true, false");
            return fallback;
        }

        /// <summary>Records that the value at <paramref name="at"/>.<paramref name="name"/> is not of the
        /// <paramref name="expected"/> kind, and skips it.</summary>
        public void Wrong(string at, string name, string expected, string allowed)
        {
            Add(PathOf(at, name), "expected " + expected + ", found " + Kind(), allowed);
            Skip();
        }

        /// <summary>"a, b, c".</summary>
        public static string Join(string[] names)
        {
            string list = string.Empty;
            for (int i = 0; i < names.Length; i++)
            {
                list = i == 0 ? names[i] : list + ", " + names[i];
            }

            return list;
        }

        private void OutOfRange(string at, string name, string allowed)
        {
            if (_reader.Token != JsonToken.Number)
            {
                Wrong(at, name, "a number", allowed);
                return;
            }

            Add(PathOf(at, name), "out of range or not a whole number", allowed);
        }

        private bool Is(JsonToken token, string at, string name, string what, string allowed)
        {
            if (_reader.Token == token)
            {
                return true;
            }

            if (!Broken)
            {
                Wrong(at, name, what, allowed);
            }

            return false;
        }

        private string Kind()
        {
            switch (_reader.Token)
            {
                case JsonToken.BeginObject: return "an object";
                case JsonToken.BeginArray: return "an array";
                case JsonToken.String: return "a string";
                case JsonToken.Number: return "a number";
                case JsonToken.True:
                case JsonToken.False: return "a boolean";
                case JsonToken.Null: return "null";
                default: return "nothing";
            }
        }

        private int IndexOf(string[] names)
        {
            for (int i = 0; i < names.Length; i++)
            {
                if (_reader.ValueEquals(names[i]))
                {
                    return i;
                }
            }

            return -1;
        }

        private bool Next()
        {
            if (Broken)
            {
                return false;
            }

            if (_reader.Read())
            {
                return true;
            }

            if (_reader.Token == JsonToken.Error)
            {
                Broken = true;
                int line = 1;
                int column = 1;
                for (int i = 0; i < _reader.ErrorPosition && i < _text.Length; i++)
                {
                    if (_text[i] == '\n')
                    {
                        line++;
                        column = 1;
                    }
                    else
                    {
                        column++;
                    }
                }

                Add("$", "not JSON: " + _reader.Error + " at line " + line.ToString() + ", column " + column.ToString(), "a JSON text (RFC 8259)");
            }

            return false;
        }
    }
}
