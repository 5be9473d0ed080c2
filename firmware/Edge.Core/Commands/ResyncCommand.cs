#nullable disable
using Edge.Core.Node;
using Edge.Core.Payloads;

namespace Edge.Core.Commands
{
    /// <summary>resync: publishes again the acknowledged reports still held, from a sequence number.</summary>
    public sealed class ResyncCommand : CommandHandler
    {
        private readonly EdgeNode _node;

        /// <summary>The resync command of <paramref name="node"/>.</summary>
        public ResyncCommand(EdgeNode node)
            : base("resync")
        {
            _node = node;
        }

        /// <summary>Publishes again the held reports from sequence "from"; answers with how many were republished and the oldest held.</summary>
        public override void Execute(CommandFields fields, CommandResult result, long monotonicMs)
        {
            int fromIndex = fields.IndexOf("from");
            long from;
            if (fromIndex < 0 || !fields.TryWhole(fromIndex, out from) || from < 1)
            {
                result.Fail("from: the first sequence number to publish again (a whole number from 1) expected");
                return;
            }

            int count = _node.Resync(from);
            long oldest = _node.OldestHeldSequence;
            JsonWriter writer = result.Begin();
            writer.BeginObject();
            writer.Name("republished");
            writer.Integer(count);
            writer.Name("oldestHeld");
            if (oldest < 0)
            {
                writer.Null();
            }
            else
            {
                writer.Integer(oldest);
            }

            writer.EndObject();
            result.End();
        }
    }
}
