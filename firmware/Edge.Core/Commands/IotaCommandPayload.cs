#nullable disable

namespace Edge.Core.Commands
{
    /// <summary>
    /// Reads what the FIWARE IoT Agent JSON publishes on a device's cmd topic: one object with one member, the
    /// command's name and the value the operator wrote into the command attribute of the entity
    /// (iotagent-json user manual, "Commands"; iotagent-node-lib doc/api.md, "Command execution"). An object value
    /// carries the parameters (<c>{"configSet":{"healthSeconds":60}}</c>); an empty string, the usual value of an
    /// NGSI command without parameters, carries none (<c>{"reboot":""}</c>). Any other value is refused, naming the
    /// command, so that the refusal can be answered on the command's own <c>_info</c> attribute.
    /// </summary>
    public sealed class IotaCommandPayload
    {
        /// <summary>Longest command name taken: the node's are at most 9 characters.</summary>
        private const int MaxNameLength = 32;

        private byte[] _payload;
        private int _at;

        /// <summary>The command's name, or null when the payload does not even name one.</summary>
        public string Name { get; private set; }

        /// <summary>Start of the parameters' members (after the opening brace), or -1 when there are none.</summary>
        public int ParametersStart { get; private set; }

        /// <summary>Length of the parameters' members (between the braces), 0 when there are none.</summary>
        public int ParametersLength { get; private set; }

        /// <summary>Why the last <see cref="TryParse"/> failed.</summary>
        public string Error { get; private set; }

        public bool TryParse(byte[] payload)
        {
            _payload = payload;
            _at = 0;
            Name = null;
            ParametersStart = -1;
            ParametersLength = 0;
            Error = null;
            SkipSpace();
            if (!Take('{'))
            {
                return Fail("an object with one command expected");
            }

            SkipSpace();
            if (!ReadName())
            {
                return Fail("a command name of letters and digits expected");
            }

            SkipSpace();
            if (!Take(':'))
            {
                return Fail("a colon after the command name expected");
            }

            SkipSpace();
            if (!ReadValue())
            {
                return Fail("the value of " + Name + " must be an object of parameters, or an empty string for none");
            }

            SkipSpace();
            if (!Take('}'))
            {
                return Fail("one command per message expected");
            }

            SkipSpace();
            return _at == _payload.Length || Fail("nothing may follow the command object");
        }

        private bool ReadName()
        {
            if (!Take('"'))
            {
                return false;
            }

            int start = _at;
            while (_at < _payload.Length && _payload[_at] != '"')
            {
                byte c = _payload[_at];
                bool word = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
                if (!word || _at - start >= MaxNameLength)
                {
                    return false;
                }

                _at++;
            }

            if (_at == start || !Take('"'))
            {
                return false;
            }

            char[] name = new char[_at - 1 - start];
            for (int i = 0; i < name.Length; i++)
            {
                name[i] = (char)_payload[start + i];
            }

            Name = new string(name);
            return true;
        }

        /// <summary>An empty string (no parameters) or an object, whose end is found by its braces outside strings.</summary>
        private bool ReadValue()
        {
            if (Take('"'))
            {
                return Take('"');
            }

            if (_at >= _payload.Length || _payload[_at] != '{')
            {
                return false;
            }

            int open = _at;
            int depth = 0;
            bool inString = false;
            for (; _at < _payload.Length; _at++)
            {
                byte c = _payload[_at];
                if (inString)
                {
                    if (c == '\\')
                    {
                        _at++;
                    }
                    else if (c == '"')
                    {
                        inString = false;
                    }
                }
                else if (c == '"')
                {
                    inString = true;
                }
                else if (c == '{')
                {
                    depth++;
                }
                else if (c == '}' && --depth == 0)
                {
                    KeepParameters(open + 1, _at);
                    _at++;
                    return true;
                }
            }

            return false;
        }

        /// <summary>The members between the braces; an object of only white space has none.</summary>
        private void KeepParameters(int start, int end)
        {
            for (int i = start; i < end; i++)
            {
                if (!IsSpace(_payload[i]))
                {
                    ParametersStart = start;
                    ParametersLength = end - start;
                    return;
                }
            }
        }

        private static bool IsSpace(byte c)
        {
            // RFC 8259 section 2: the four white space characters of JSON.
            return c == ' ' || c == '\t' || c == '\n' || c == '\r';
        }

        private void SkipSpace()
        {
            while (_at < _payload.Length && IsSpace(_payload[_at]))
            {
                _at++;
            }
        }

        private bool Take(char c)
        {
            if (_at < _payload.Length && _payload[_at] == c)
            {
                _at++;
                return true;
            }

            return false;
        }

        private bool Fail(string error)
        {
            Error = error;
            return false;
        }
    }
}
