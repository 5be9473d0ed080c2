using System;
using System.IO;
using Edge.Core.Platform;

namespace Edge.Host.Platform
{
    /// <summary>Log lines on a text writer (stderr by default, so stdout stays for data).</summary>
    public sealed class ConsoleLog : ILog
    {
        private readonly TextWriter _writer;
        private readonly LogLevel _minimum;
        private readonly object _gate = new();

        public ConsoleLog(LogLevel minimum, TextWriter? writer = null)
        {
            _minimum = minimum;
            _writer = writer ?? Console.Error;
        }

        public bool IsEnabled(LogLevel level) => level >= _minimum;

        public void Write(LogLevel level, string tag, string message)
        {
            if (!IsEnabled(level))
            {
                return;
            }

            lock (_gate)
            {
                _writer.WriteLine($"{DateTime.UtcNow:HH:mm:ss} {level.ToString().ToLowerInvariant(),-7} [{tag}] {message}");
            }
        }
    }
}
