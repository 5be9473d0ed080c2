#nullable disable

namespace Edge.Core.Commands
{
    /// <summary>
    /// One command of the node, by the name that follows .../cmd/ in its topic: runs it from the node loop and answers
    /// it exactly once through the <see cref="CommandResult"/> it is given. A command with a timed action (a relay
    /// pulse, a reboot after its answer) does it in <see cref="RunDue"/>, called on every pass of the loop.
    /// </summary>
    public abstract class CommandHandler
    {
        /// <summary>A handler for the command <paramref name="name"/> (the part of the topic after .../cmd/).</summary>
        protected CommandHandler(string name)
        {
            Name = name;
        }

        /// <summary>The command's name in its topic: "config/get", "relay/set".</summary>
        public string Name { get; private set; }

        /// <summary>Runs the command with the members of its payload (the "id" among them) and answers it.</summary>
        public abstract void Execute(CommandFields fields, CommandResult result, long monotonicMs);

        /// <summary>Does what is due by now; true when the pass of the loop must end here (the node is rebooting).</summary>
        public virtual bool RunDue(long monotonicMs)
        {
            return false;
        }
    }
}
