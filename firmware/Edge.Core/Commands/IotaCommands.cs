#nullable disable

namespace Edge.Core.Commands
{
    /// <summary>
    /// The names of the node's commands as the FIWARE IoT Agent takes them: the names an operator provisions as
    /// <c>commands</c> of the node's IoT Agent devices (docs/fiware/iota-device.json). IoT Agent command names become
    /// NGSI attribute names (with <c>_status</c> and <c>_info</c> beside them), so each is the node command's levels
    /// in camel case: config/get is configGet, selftest stays selftest.
    /// </summary>
    public static class IotaCommands
    {
        private static string[] _names;

        /// <summary>How many commands the node takes from the IoT Agent.</summary>
        public static int Count
        {
            get { return NodeCommands.Names().Length; }
        }

        /// <summary>The IoT Agent name of the command at this index (the order of <see cref="NodeCommands"/>).</summary>
        public static string Name(int index)
        {
            return Names()[index];
        }

        /// <summary>The node command run for an IoT Agent command name, or null if the node takes no such command.</summary>
        public static string NodeCommand(string name)
        {
            string[] names = Names();
            for (int i = 0; i < names.Length; i++)
            {
                if (names[i] == name)
                {
                    return NodeCommands.Names()[i];
                }
            }

            return null;
        }

        /// <summary>"configGet, configSet, ...": the names, for an error that lists them.</summary>
        public static string Known()
        {
            return NodeCommands.List(Names());
        }

        private static string[] Names()
        {
            if (_names == null)
            {
                string[] commands = NodeCommands.Names();
                string[] names = new string[commands.Length];
                for (int i = 0; i < commands.Length; i++)
                {
                    names[i] = CamelCase(commands[i]);
                }

                _names = names;
            }

            return _names;
        }

        /// <summary>"config/get" as "configGet": each level after the first starts with a capital.</summary>
        private static string CamelCase(string command)
        {
            char[] chars = new char[command.Length];
            int n = 0;
            bool upper = false;
            for (int i = 0; i < command.Length; i++)
            {
                char c = command[i];
                if (c == '/')
                {
                    upper = true;
                    continue;
                }

                chars[n++] = upper && c >= 'a' && c <= 'z' ? (char)(c - 'a' + 'A') : c;
                upper = false;
            }

            return new string(chars, 0, n);
        }
    }
}
