#nullable disable

namespace Edge.Core.Commands
{
    /// <summary>
    /// The commands a node takes from the FIWARE IoT Agent: the names an operator provisions as <c>commands</c> of
    /// the node's IoT Agent devices (docs/fiware/iota-device.json), and the node command each one runs. IoT Agent
    /// command names become NGSI attribute names (with <c>_status</c> and <c>_info</c> beside them), so they are
    /// single words in camel case where the node's own commands have levels.
    /// </summary>
    public static class IotaCommands
    {
        private static readonly string[] Names = { "configGet", "configSet", "relaySet", "reboot", "selftest", "resync" };

        private static readonly string[] NodeCommands = { "config/get", "config/set", "relay/set", "reboot", "selftest", "resync" };

        /// <summary>How many commands the node takes from the IoT Agent.</summary>
        public static int Count
        {
            get { return Names.Length; }
        }

        /// <summary>The IoT Agent name of the command at this index.</summary>
        public static string Name(int index)
        {
            return Names[index];
        }

        /// <summary>The node command run for an IoT Agent command name, or null if the node takes no such command.</summary>
        public static string NodeCommand(string name)
        {
            for (int i = 0; i < Names.Length; i++)
            {
                if (Names[i] == name)
                {
                    return NodeCommands[i];
                }
            }

            return null;
        }

        /// <summary>"configGet, configSet, ...": the names, for an error that lists them.</summary>
        public static string Known()
        {
            string known = Names[0];
            for (int i = 1; i < Names.Length; i++)
            {
                known = known + ", " + Names[i];
            }

            return known;
        }
    }
}
