#nullable disable
namespace Edge.Core.Setup
{
    /// <summary>The names of a node's setup files, in its storage directory (on the device <c>I:\edge\</c>).</summary>
    public static class SetupFiles
    {
        /// <summary>The node's configuration: what it reads, how it reports, where its broker is.</summary>
        public const string Config = "config.json";

        /// <summary>The node's secrets: Wi-Fi and MQTT passwords, the client key. Never logged, published or echoed.</summary>
        public const string Secrets = "secrets.json";

        /// <summary>The board profile (a copy of hardware/boards/&lt;board&gt;.json) uploaded beside the configuration.</summary>
        public const string Board = "board.json";

        /// <summary>The three files of the last setup that read good, kept as one file so that it is replaced at once.</summary>
        public const string LastGood = "setup.good";
    }
}
