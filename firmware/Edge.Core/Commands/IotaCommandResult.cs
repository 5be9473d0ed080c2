#nullable disable

namespace Edge.Core.Commands
{
    /// <summary>
    /// The payload a node publishes on a device's cmdexe topic: <c>{"&lt;command&gt;": &lt;result&gt;}</c>. The IoT
    /// Agent JSON sets <c>&lt;command&gt;_status</c> to OK and puts the value in <c>&lt;command&gt;_info</c> for each
    /// member (iotagent-json user manual, "Commands"; iotagent-node-lib doc/api.md, "Command confirmation").
    /// The context broker refuses a whole update whose values hold any of &lt; &gt; " ' = ; ( ) (Orion manual,
    /// "Forbidden characters"), which would leave the command PENDING for ever: inside the result's strings those
    /// characters are replaced by ones it accepts, so that an error message such as
    /// <c>field "a" appears twice</c> still reaches <c>_info</c> (as <c>field `a` appears twice</c>).
    /// </summary>
    public static class IotaCommandResult
    {
        /// <summary>Wraps the JSON result (the first <paramref name="length"/> bytes of <paramref name="result"/>)
        /// as the value of the command's member.</summary>
        public static byte[] Wrap(string command, byte[] result, int length)
        {
            byte[] wrapped = new byte[command.Length + 5 + length];
            int at = 0;
            wrapped[at++] = (byte)'{';
            wrapped[at++] = (byte)'"';
            for (int i = 0; i < command.Length; i++)
            {
                wrapped[at++] = (byte)command[i];
            }

            wrapped[at++] = (byte)'"';
            wrapped[at++] = (byte)':';
            bool inString = false;
            for (int i = 0; i < length; i++)
            {
                byte c = result[i];
                if (!inString)
                {
                    inString = c == '"';
                    wrapped[at++] = c;
                }
                else if (c == '\\' && i + 1 < length && result[i + 1] == '"')
                {
                    // An escaped quote inside a string: one accepted character instead of the two bytes.
                    wrapped[at++] = Accepted((byte)'"');
                    i++;
                }
                else if (c == '\\' && i + 1 < length)
                {
                    wrapped[at++] = c;
                    wrapped[at++] = result[++i];
                }
                else if (c == '"')
                {
                    inString = false;
                    wrapped[at++] = c;
                }
                else
                {
                    wrapped[at++] = Accepted(c);
                }
            }

            wrapped[at++] = (byte)'}';
            if (at == wrapped.Length)
            {
                return wrapped;
            }

            byte[] exact = new byte[at];
            System.Array.Copy(wrapped, exact, at);
            return exact;
        }

        /// <summary>A character the context broker accepts in a value: brackets for the parentheses and angle
        /// brackets, a back quote for the quotes, a colon for the equals sign, a comma for the semicolon.</summary>
        private static byte Accepted(byte c)
        {
            switch (c)
            {
                case (byte)'<':
                case (byte)'(':
                    return (byte)'[';
                case (byte)'>':
                case (byte)')':
                    return (byte)']';
                case (byte)'"':
                case (byte)'\'':
                    return (byte)'`';
                case (byte)'=':
                    return (byte)':';
                case (byte)';':
                    return (byte)',';
                default:
                    return c;
            }
        }
    }
}
