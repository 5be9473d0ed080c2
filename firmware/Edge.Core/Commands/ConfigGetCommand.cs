#nullable disable
using Edge.Core.Node;

namespace Edge.Core.Commands
{
    /// <summary>config/get: answers with the settable settings.</summary>
    public sealed class ConfigGetCommand : CommandHandler
    {
        private readonly NodeConfig _config;

        public ConfigGetCommand(NodeConfig config)
            : base("config/get")
        {
            _config = config;
        }

        public override void Execute(CommandFields fields, CommandResult result, long monotonicMs)
        {
            ConfigFields.Write(_config, result.Begin());
            result.End();
        }
    }
}
