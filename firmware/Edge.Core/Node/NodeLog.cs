#nullable disable
using Edge.Core.Platform;

namespace Edge.Core.Node
{
    /// <summary>The node's log lines, under the "node" category; a node without a log writes nothing.</summary>
    public sealed class NodeLog
    {
        private const string Category = "node";
        private readonly ILog _log;

        public NodeLog(ILog log)
        {
            _log = log;
        }

        /// <summary>The platform's log, for the parts that write under a category of their own (null: none).</summary>
        public ILog Platform
        {
            get { return _log; }
        }

        public void Write(LogLevel level, string message)
        {
            if (_log != null && _log.IsEnabled(level))
            {
                _log.Write(level, Category, message);
            }
        }
    }
}
