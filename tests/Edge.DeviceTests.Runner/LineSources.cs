using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.IO;
using System.IO.Ports;

namespace Edge.DeviceTests.Runner
{
    /// <summary>Where the launcher's console comes from: lines, waited for up to a time, until the source ends.</summary>
    internal interface ILineSource : IDisposable
    {
        /// <summary>True for a saved log: read to its end, even after every test reported (a second run after a
        /// reset shows there). A console or a process is left once every test reported.</summary>
        bool Finite { get; }

        /// <summary>A line, or null after <paramref name="wait"/> without one; <paramref name="ended"/> once nothing more can come.</summary>
        string? Next(TimeSpan wait, out bool ended);
    }

    /// <summary>A saved log (or standard input): ends at its end.</summary>
    internal sealed class TextSource : ILineSource
    {
        private readonly TextReader _reader;

        public TextSource(TextReader reader) => _reader = reader;

        public bool Finite => true;

        public string? Next(TimeSpan wait, out bool ended)
        {
            string? line = _reader.ReadLine();
            ended = line == null;
            return line;
        }

        public void Dispose() => _reader.Dispose();
    }

    /// <summary>A board's serial console (the nanoFramework debug port, 921600 baud by default); never ends by itself.</summary>
    internal sealed class SerialSource : ILineSource
    {
        private readonly SerialPort _port;

        public SerialSource(string port, int baud)
        {
            _port = new SerialPort(port, baud, Parity.None, 8, StopBits.One) { NewLine = "\n" };
            _port.Open();
        }

        public bool Finite => false;

        public string? Next(TimeSpan wait, out bool ended)
        {
            ended = false;
            _port.ReadTimeout = (int)wait.TotalMilliseconds;
            try
            {
                return _port.ReadLine();
            }
            catch (TimeoutException)
            {
                return null;
            }
        }

        public void Dispose() => _port.Dispose();
    }

    /// <summary>
    /// A process started here (the nanoclr virtual device running the test assembly), its standard output read line
    /// by line; ends when it exited and everything it printed was read. Its exit status is ignored: nanoCLR exits 0
    /// after an uncaught exception. Killed on dispose if still running.
    /// </summary>
    internal sealed class ProcessSource : ILineSource
    {
        private readonly Process _process;
        private readonly BlockingCollection<string> _lines = new();
        private int _streamsOpen = 2;

        public ProcessSource(string command, string[] arguments)
        {
            var start = new ProcessStartInfo(command) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (string a in arguments)
            {
                start.ArgumentList.Add(a);
            }

            _process = new Process { StartInfo = start };
            _process.OutputDataReceived += (_, e) => Receive(e.Data);
            _process.ErrorDataReceived += (_, e) => Receive(e.Data);
            _process.Start();
            _process.BeginOutputReadLine();
            _process.BeginErrorReadLine();
        }

        public bool Finite => false;

        public string? Next(TimeSpan wait, out bool ended)
        {
            if (_lines.TryTake(out string? line, wait))
            {
                ended = false;
                return line;
            }

            ended = _lines.IsCompleted;
            return null;
        }

        public void Dispose()
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(5000);
            }

            _process.Dispose();
            _lines.Dispose();
        }

        private void Receive(string? data)
        {
            if (data != null)
            {
                _lines.Add(data);
            }
            else if (System.Threading.Interlocked.Decrement(ref _streamsOpen) == 0)
            {
                _lines.CompleteAdding();
            }
        }
    }
}
