using System.Diagnostics;
using Edge.Core.Platform;

namespace Edge.Firmware.Platform
{
    /// <summary>
    /// <see cref="ILog"/> on the debug output (Debug.WriteLine), which nanoFramework sends to the serial console and
    /// to Visual Studio's output window: one line per message, "level [tag] message". No clock in the line: the
    /// device's wall time is unknown until SNTP has set it.
    /// </summary>
    public sealed class DebugLog : ILog
    {
        private readonly LogLevel _minimum;

        /// <summary>A log writing messages of <paramref name="minimum"/> and above.</summary>
        public DebugLog(LogLevel minimum)
        {
            _minimum = minimum;
        }

        /// <summary>True for <see cref="LogLevel"/> values from the minimum up.</summary>
        public bool IsEnabled(LogLevel level)
        {
            return level >= _minimum;
        }

        /// <summary>Writes the message when its level is enabled.</summary>
        public void Write(LogLevel level, string tag, string message)
        {
            if (level < _minimum)
            {
                return;
            }

            Debug.WriteLine(NameOf(level) + " [" + tag + "] " + message);
        }

        private static string NameOf(LogLevel level)
        {
            // Enum.ToString gives the number on nanoFramework.
            switch (level)
            {
                case LogLevel.Debug:
                    return "debug";
                case LogLevel.Info:
                    return "info";
                case LogLevel.Warning:
                    return "warning";
                default:
                    return "error";
            }
        }
    }
}
