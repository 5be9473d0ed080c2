#nullable disable
using Edge.Core.Platform;

namespace Edge.Core.Node
{
    /// <summary>The node's log lines, under the "node" category; a node without a log writes nothing.</summary>
    public sealed class NodeLog
    {
        private const string Category = "node";
        private readonly ILog _log;

        /// <summary>The node log over <paramref name="log"/> (null: nothing is written).</summary>
        public NodeLog(ILog log)
        {
            _log = log;
        }

        /// <summary>The platform's log, for the parts that write under a category of their own (null: none).</summary>
        public ILog Platform
        {
            get { return _log; }
        }

        /// <summary>Writes <paramref name="message"/> under the "node" category when <paramref name="level"/> is enabled.</summary>
        public void Write(LogLevel level, string message)
        {
            if (_log != null && _log.IsEnabled(level))
            {
                _log.Write(level, Category, message);
            }
        }
    }
}
