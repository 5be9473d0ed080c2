#nullable disable
using Edge.Core.Commands;
using Edge.Core.Platform;

namespace Edge.Core.Node
{
    /// <summary>Settings changed by config/set before a reboot, kept in the store as flat JSON and applied over the
    /// provisioned configuration at start; unreadable or invalid ones are logged and the provisioned ones kept.</summary>
    public static class StoredSettings
    {
        /// <summary>Store key of the settings.</summary>
        public const string Key = "config";

        /// <summary>Applies the settings kept in <paramref name="store"/> over <paramref name="config"/>; logs and ignores unreadable or invalid ones.</summary>
        public static void Apply(IStore store, NodeConfig config, NodeLog log)
        {
            if (store == null || store.Length(Key) <= 0)
            {
                return;
            }

            byte[] stored = new byte[store.Length(Key)];
            int length = store.Read(Key, stored, 0);
            var fields = new CommandFields();
            if (length > 0 && fields.TryParse(stored, 0, length) && ConfigFields.Validate(fields) == null)
            {
                ConfigFields.Apply(fields, config);
                config.Validate();
            }
            else
            {
                log.Write(LogLevel.Warning, "stored settings unreadable; the provisioned ones are used");
            }
        }
    }
}
