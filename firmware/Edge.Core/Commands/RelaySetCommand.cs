#nullable disable
using Edge.Core.Node;
using Edge.Core.Payloads;

namespace Edge.Core.Commands
{
    /// <summary>relay/set: on, off or a pulse; "on" is bounded too, so that a relay left on by a lost command switches
    /// off at the safety limit (NodeConfig.RelayMaxSeconds); and once off, the relay stays off at least
    /// NodeConfig.RelayMinOffSeconds, so that no burst of commands cycles the load it drives. "off" is always obeyed:
    /// it is the safe state.</summary>
    public sealed class RelaySetCommand : CommandHandler
    {
        private readonly EdgeNode _node;
        private readonly NodeConfig _config;
        private long _offAtMs = -1;

        // When the relay last switched off (-1: not since start).
        private long _offSinceMs = -1;

        /// <summary>The relay/set command of <paramref name="node"/>'s relay, bounded by <paramref name="config"/>.RelayMaxSeconds.</summary>
        public RelaySetCommand(EdgeNode node, NodeConfig config)
            : base("relay/set")
        {
            _node = node;
            _config = config;
        }

        /// <summary>Sets the relay: "state" on, off or pulse, "seconds" from 1 to RelayMaxSeconds (required for a pulse).</summary>
        public override void Execute(CommandFields fields, CommandResult result, long monotonicMs)
        {
            if (_node.Relay == null)
            {
                result.Fail("no relay on this node");
                return;
            }

            string state = fields.TextOf("state");
            int secondsIndex = fields.IndexOf("seconds");
            long seconds = _config.RelayMaxSeconds;
            if (secondsIndex >= 0)
            {
                long parsed;
                if (!fields.TryWhole(secondsIndex, out parsed) || parsed < 1 || parsed > _config.RelayMaxSeconds)
                {
                    result.Fail("seconds: a whole number from 1 to " + _config.RelayMaxSeconds.ToString() + " (the safety limit) expected");
                    return;
                }

                seconds = parsed;
            }

            if (state == "off")
            {
                SwitchOff(monotonicMs);
            }
            else if (state == "on" || state == "pulse")
            {
                if (state == "pulse" && secondsIndex < 0)
                {
                    result.Fail("seconds: required for a pulse");
                    return;
                }

                long offMs = monotonicMs - _offSinceMs;
                long minOffMs = _config.RelayMinOffSeconds * 1000L;
                if (!_node.Relay.IsOn && _offSinceMs >= 0 && offMs < minOffMs)
                {
                    result.Fail("busy: the relay switched off " + (offMs / 1000).ToString() + " s ago and stays off at least "
                        + _config.RelayMinOffSeconds.ToString() + " s (relayMinOffSeconds) to protect its load; send it again in "
                        + (((minOffMs - offMs) + 999) / 1000).ToString() + " s");
                    return;
                }

                _node.Relay.Set(true);
                _offAtMs = monotonicMs + (seconds * 1000);
            }
            else
            {
                result.Fail("state: on, off or pulse expected");
                return;
            }

            JsonWriter writer = result.Begin();
            writer.BeginObject();
            writer.Name("relay");
            writer.String(_node.Relay.IsOn ? "on" : "off");
            if (_offAtMs >= 0)
            {
                writer.Name("offInSeconds");
                writer.Integer(seconds);
            }

            writer.EndObject();
            result.End();
        }

        /// <summary>Switches the relay off when its pulse or its safety limit ends.</summary>
        public override bool RunDue(long monotonicMs)
        {
            if (_offAtMs >= 0 && monotonicMs >= _offAtMs && _node.Relay != null)
            {
                SwitchOff(monotonicMs);
            }

            return false;
        }

        private void SwitchOff(long monotonicMs)
        {
            if (_node.Relay.IsOn)
            {
                _offSinceMs = monotonicMs;
            }

            _node.Relay.Set(false);
            _offAtMs = -1;
        }
    }
}
