#nullable disable
using Edge.Core.Node;

namespace Edge.Core.Commands
{
    /// <summary>config/get: answers with the settable settings.</summary>
    public sealed class ConfigGetCommand : CommandHandler
    {
        private readonly NodeConfig _config;

        /// <summary>config/get: answers with the current settings of <paramref name="config"/>.</summary>
        public ConfigGetCommand(NodeConfig config)
            : base("config/get")
        {
            _config = config;
        }

        /// <summary>Answers with the node's current settings.</summary>
        public override void Execute(CommandFields fields, CommandResult result, long monotonicMs)
        {
            ConfigFields.Write(_config, result.Begin());
            result.End();
        }
    }
}
