#nullable disable
using Edge.Core.Node;

namespace Edge.Core.Commands
{
    /// <summary>reboot: answers first, then on the next pass of the loop stops the node (which says offline) and
    /// reboots the device.</summary>
    public sealed class RebootCommand : CommandHandler
    {
        private readonly EdgeNode _node;
        private bool _requested;

        /// <summary>The reboot command of <paramref name="node"/> (through its <see cref="EdgeNode.Control"/>).</summary>
        public RebootCommand(EdgeNode node)
            : base("reboot")
        {
            _node = node;
        }

        /// <summary>Answers, and asks for the reboot on the next pass of the loop; fails when the node has no Control.</summary>
        public override void Execute(CommandFields fields, CommandResult result, long monotonicMs)
        {
            if (_node.Control == null)
            {
                result.Fail("this node cannot be rebooted remotely");
                return;
            }

            _requested = true;
            result.Succeed();
        }

        /// <summary>Stops the node and reboots the device once a reboot was asked for; true then, so the pass of the loop ends.</summary>
        public override bool RunDue(long monotonicMs)
        {
            if (!_requested || _node.Control == null)
            {
                return false;
            }

            _requested = false;
            _node.Stop();
            _node.Control.Reboot();
            return true;
        }
    }
}
