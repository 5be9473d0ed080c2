#nullable disable
using Edge.Core.Node;
using Edge.Core.Payloads;
using Edge.Core.Platform;

namespace Edge.Core.Commands
{
    /// <summary>config/set: validates every field first (nothing changes if one is wrong), applies them, persists the
    /// settings and says which apply at once and which after a reboot.</summary>
    public sealed class ConfigSetCommand : CommandHandler
    {
        private readonly EdgeNode _node;
        private readonly NodeConfig _config;
        private readonly IStore _store;

        /// <summary>config/set: validates and applies settings to <paramref name="config"/> and keeps them in <paramref name="store"/> (see StoredSettings).</summary>
        public ConfigSetCommand(EdgeNode node, NodeConfig config, IStore store)
            : base("config/set")
        {
            _node = node;
            _config = config;
            _store = store;
        }

        /// <summary>Validates the settings given, applies them and answers; invalid settings are refused with the error naming the field.</summary>
        public override void Execute(CommandFields fields, CommandResult result, long monotonicMs)
        {
            string error = ConfigFields.Validate(fields);
            if (error != null)
            {
                result.Fail(error);
                return;
            }

            ConfigFields.Apply(fields, _config);
            _node.ApplyRuntimeSettings();
            if (_store != null)
            {
                // The settings (about 200 bytes, where the result has over 1 KB) go where the result will, before it.
                JsonWriter stored = result.Scratch();
                ConfigFields.Write(_config, stored);
                _store.Write("config", stored.Buffer, 0, stored.Length);
            }

            JsonWriter writer = result.Begin();
            writer.BeginObject();
            writer.Name("applied");
            WriteNames(fields, writer, false);
            writer.Name("afterReboot");
            WriteNames(fields, writer, true);
            writer.Name("persisted");
            writer.Boolean(_store != null);
            writer.EndObject();
            result.End();
        }

        private static void WriteNames(CommandFields fields, JsonWriter writer, bool afterReboot)
        {
            writer.BeginArray();
            for (int i = 0; i < fields.Count; i++)
            {
                string field = fields.Name(i);
                if (field != "id" && ConfigFields.AfterReboot(field) == afterReboot)
                {
                    writer.String(field);
                }
            }

            writer.EndArray();
        }
    }
}
