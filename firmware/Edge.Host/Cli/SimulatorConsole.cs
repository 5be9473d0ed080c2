using System.IO;

namespace Edge.Host.Cli
{
    /// <summary>
    /// Report lines on stdout and a progress line on stderr. On a terminal the progress line is redrawn in place
    /// and cleared before each report line; redirected, progress is printed as ordinary lines, less often.
    /// </summary>
    public sealed class SimulatorConsole
    {
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
        }

        public void Line(string text)
        {
            lock (_gate)
            {
                ClearProgress();
                _output.WriteLine(text);
                _output.Flush();
            }
        }

        public void Progress(string text)
        {
            lock (_gate)
            {
                if (_interactive)
                {
                    _error.Write("\r" + text.PadRight(_progressWidth));
                    _progressWidth = text.Length;
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
    }
}
