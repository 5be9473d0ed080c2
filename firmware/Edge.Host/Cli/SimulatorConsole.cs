using System.IO;
using System.Text;

namespace Edge.Host.Cli
{
    /// <summary>
    /// Message lines on stdout and a progress line on stderr. On a terminal the progress line is redrawn in place
    /// ('\r'), cut to fit an 80-column terminal (a longer one would wrap, and each redraw would leave a line
    /// behind), and cleared before any other line; redirected, progress is printed as ordinary whole lines, as
    /// often as the caller asks (the simulator: every 5 s).
    /// </summary>
    public sealed class SimulatorConsole
    {
        /// <summary>One column short of 80: a terminal that wraps on the 80th column still keeps the line whole.</summary>
        public const int ProgressColumns = 79;

        private readonly TextWriter _output;
        private readonly TextWriter _error;
        private readonly bool _interactive;
        private readonly object _gate = new();
        private int _progressWidth;

        public SimulatorConsole(TextWriter output, TextWriter error, bool interactive)
        {
            _output = output;
            _error = error;
            _interactive = interactive;
            ErrorLines = new LineWriter(this);
        }

        /// <summary>A writer for other lines on stderr (the node's log, the watcher's notes), kept off the progress line.</summary>
        public TextWriter ErrorLines { get; }

        public void Line(string text)
        {
            lock (_gate)
            {
                ClearProgress();
                _output.WriteLine(text);
                _output.Flush();
            }
        }

        public void ErrorLine(string text)
        {
            lock (_gate)
            {
                ClearProgress();
                _error.WriteLine(text);
                _error.Flush();
            }
        }

        public void Progress(string text)
        {
            lock (_gate)
            {
                if (_interactive)
                {
                    string fitted = text.Length > ProgressColumns ? text[..(ProgressColumns - 3)] + "..." : text;
                    _error.Write("\r" + fitted.PadRight(_progressWidth));
                    _progressWidth = fitted.Length;
                }
                else
                {
                    _error.WriteLine(text);
                }

                _error.Flush();
            }
        }

        public void EndProgress()
        {
            lock (_gate)
            {
                if (_interactive && _progressWidth > 0)
                {
                    _error.WriteLine();
                    _progressWidth = 0;
                }
            }
        }

        private void ClearProgress()
        {
            if (_interactive && _progressWidth > 0)
            {
                _error.Write("\r" + new string(' ', _progressWidth) + "\r");
                _error.Flush();
                _progressWidth = 0;
            }
        }

        /// <summary>Collects what is written and hands each whole line to <see cref="ErrorLine"/>.</summary>
        private sealed class LineWriter : TextWriter
        {
            private readonly SimulatorConsole _console;
            private readonly StringBuilder _line = new();

            public LineWriter(SimulatorConsole console) => _console = console;

            public override Encoding Encoding => Encoding.UTF8;

            public override void Write(char value)
            {
                lock (_line)
                {
                    if (value == '\n')
                    {
                        _console.ErrorLine(_line.ToString().TrimEnd('\r'));
                        _line.Clear();
                    }
                    else
                    {
                        _line.Append(value);
                    }
                }
            }
        }
    }
}
