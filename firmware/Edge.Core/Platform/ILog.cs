#nullable disable
namespace Edge.Core.Platform
{
    public enum LogLevel : byte
    {
        Debug = 0,
        Info = 1,
        Warning = 2,
        Error = 3,
    }

    /// <summary>Leveled, tagged log messages ("s0", "mqtt", "node"). Keep message building off hot paths.</summary>
    public interface ILog
    {
        bool IsEnabled(LogLevel level);

        void Write(LogLevel level, string tag, string message);
    }
}
