using System;

namespace Edge.Host.Listening
{
    /// <summary>The channels of the MQTT contract (the AsyncAPI document's channel names, docs/asyncapi.yaml).</summary>
    public enum Channel
    {
        Readings,
        Events,
        Status,
        Health,
        SelfTest,
        Commands,
        CommandResults,
        IotaMeasures,
        IotaCommands,
        IotaCommandResults,
    }

    /// <summary>
    /// What a topic is in the contract: its channel (none when it is not one), the node or IoT Agent device it belongs
    /// to, and for commands the command's name. &lt;prefix&gt;/&lt;nodeId&gt;/(readings|events|status|health|selftest),
    /// &lt;prefix&gt;/&lt;nodeId&gt;/cmd/&lt;command&gt;[/result] (a command's name may have two levels, config/set), and the
    /// IoT Agent JSON's /json/&lt;apikey&gt;/&lt;device&gt;/(attrs|cmdexe) and /&lt;apikey&gt;/&lt;device&gt;/cmd.
    /// </summary>
    public readonly record struct ContractTopic(Channel? Channel, string Node, string? Command)
    {
        /// <summary>Row of the messages whose topic names no node.</summary>
        public const string NoNode = "-";

        public const string UnknownReason = "topic: not a channel of the contract (readings, events, status, health, selftest, cmd/<command>, cmd/<command>/result)";

        /// <summary>Everything under the prefix (so that a topic outside the contract is seen too) and the IoT Agent's topics.</summary>
        public static string[] Filters(string prefix) => [prefix + "/#", "/json/+/+/attrs", "/json/+/+/cmdexe", "/+/+/cmd"];

        /// <summary>The channel's name as the AsyncAPI document spells it.</summary>
        public static string Name(Channel channel) => channel switch
        {
            Listening.Channel.Readings => "readings",
            Listening.Channel.Events => "events",
            Listening.Channel.Status => "status",
            Listening.Channel.Health => "health",
            Listening.Channel.SelfTest => "selfTest",
            Listening.Channel.Commands => "commands",
            Listening.Channel.CommandResults => "commandResults",
            Listening.Channel.IotaMeasures => "iotaMeasures",
            Listening.Channel.IotaCommands => "iotaCommands",
            _ => "iotaCommandResults",
        };

        public static ContractTopic Parse(string topic, string prefix)
        {
            if (topic.StartsWith(prefix + "/", StringComparison.Ordinal))
            {
                return ParseNodeTopic(topic[(prefix.Length + 1)..].Split('/'));
            }

            // IoT Agent JSON: the leading '/' makes an empty first level.
            string[] levels = topic.Split('/');
            if (levels.Length == 5 && levels[0].Length == 0 && levels[1] == "json" && levels[2].Length > 0 && levels[3].Length > 0)
            {
                string device = levels[2] + "/" + levels[3];
                return levels[4] switch
                {
                    "attrs" => new ContractTopic(Listening.Channel.IotaMeasures, device, null),
                    "cmdexe" => new ContractTopic(Listening.Channel.IotaCommandResults, device, null),
                    _ => new ContractTopic(null, device, null),
                };
            }

            if (levels.Length == 4 && levels[0].Length == 0 && levels[1].Length > 0 && levels[2].Length > 0 && levels[3] == "cmd")
            {
                return new ContractTopic(Listening.Channel.IotaCommands, levels[1] + "/" + levels[2], null);
            }

            return new ContractTopic(null, NoNode, null);
        }

        private static ContractTopic ParseNodeTopic(string[] levels)
        {
            string node = levels[0];
            if (node.Length == 0)
            {
                return new ContractTopic(null, NoNode, null);
            }

            if (levels.Length == 2)
            {
                Channel? channel = levels[1] switch
                {
                    "readings" => Listening.Channel.Readings,
                    "events" => Listening.Channel.Events,
                    "status" => Listening.Channel.Status,
                    "health" => Listening.Channel.Health,
                    "selftest" => Listening.Channel.SelfTest,
                    _ => null,
                };
                return new ContractTopic(channel, node, null);
            }

            if (levels.Length >= 3 && levels[1] == "cmd" && Array.IndexOf(levels, string.Empty, 2) < 0)
            {
                return levels.Length >= 4 && levels[^1] == "result"
                    ? new ContractTopic(Listening.Channel.CommandResults, node, string.Join('/', levels[2..^1]))
                    : new ContractTopic(Listening.Channel.Commands, node, string.Join('/', levels[2..]));
            }

            return new ContractTopic(null, node, null);
        }
    }
}
