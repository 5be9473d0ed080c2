// The platform's log as the portable code sees it: the severity levels and the log interface.
#nullable disable
namespace Edge.Core.Platform
{
    /// <summary>Severity of a log message, lowest first, so that a log can keep the levels from a threshold up.</summary>
    public enum LogLevel : byte
    {
        /// <summary>The most verbose level: detail for tracing a fault.</summary>
        Debug = 0,

        /// <summary>Normal operation worth a line: connected to the broker, a meter described at start.</summary>
        Info = 1,

        /// <summary>A fault the node works around: the broker unreachable (retried later), stored settings unreadable
        /// (the provisioned ones used), a meter in its warning state.</summary>
        Warning = 2,

        /// <summary>A fault that loses data or a function: a message too large to publish, a meter failed.</summary>
        Error = 3,
    }

    /// <summary>Leveled, tagged log messages ("s0", "mqtt", "node"). Keep message building off hot paths.</summary>
    public interface ILog
    {
        /// <summary>True if messages of <paramref name="level"/> are written; callers test it before building a
        /// message, so a disabled level costs no allocation.</summary>
        bool IsEnabled(LogLevel level);

        /// <summary>Writes one message under <paramref name="tag"/>, the part of the node it comes from ("node",
        /// "meters").</summary>
        void Write(LogLevel level, string tag, string message);
    }
}
