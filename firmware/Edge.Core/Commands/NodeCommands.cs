#nullable disable
using Edge.Core.Node;
using Edge.Core.Platform;

namespace Edge.Core.Commands
{
    /// <summary>
    /// The commands a node takes, in the order errors and docs list them: the one place that says which exist.
    /// </summary>
    public static class NodeCommands
    {
        private static string[] _names;

        /// <summary>One handler per command, for a node; <paramref name="store"/> may be null (nothing persists).</summary>
        public static CommandHandler[] Create(EdgeNode node, NodeConfig config, IStore store)
        {
            return new CommandHandler[]
            {
                new ConfigGetCommand(config),
                new ConfigSetCommand(node, config, store),
                new RelaySetCommand(node, config),
                new RebootCommand(node),
                new SelfTestCommand(node),
                new ResyncCommand(node),
            };
        }

        /// <summary>The handlers' names, without a node: for the lists in errors, the IoT Agent's names and docs.</summary>
        public static string[] Names()
        {
            if (_names == null)
            {
                CommandHandler[] handlers = Create(null, null, null);
                string[] names = new string[handlers.Length];
                for (int i = 0; i < handlers.Length; i++)
                {
                    names[i] = handlers[i].Name;
                }

                _names = names;
            }

            return _names;
        }

        /// <summary>"config/get, config/set, ...": the names, for an error that lists them.</summary>
        public static string Known()
        {
            return List(Names());
        }

        /// <summary>Names separated by commas.</summary>
        public static string List(string[] names)
        {
            string list = names[0];
            for (int i = 1; i < names.Length; i++)
            {
                list = list + ", " + names[i];
            }

            return list;
        }
    }
}
