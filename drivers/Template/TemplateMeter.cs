#nullable disable
using System;
using Edge.Core.Commissioning;
using Edge.Core.Meters;
using Edge.Core.Model;
using Edge.Core.Platform;

namespace Edge.Drivers.Template
{
    /// <summary>
    /// The shape every driver has, to copy and rename (see drivers/CONVENTIONS.md): a meter on a serial line that
    /// sends lines "P=&lt;watts&gt;" ending in LF, read as total active power. Setup opens the line, Update reads what
    /// arrived without waiting, decodes it in a buffer of its own (no allocation per line), and counts every line it
    /// refuses. Replace the line format by the protocol's, and cite its clauses beside the constants.
    /// </summary>
    public sealed class TemplateMeter : MeterDriver, ICounterSource
    {
        /// <summary>Line speed: the protocol's, with the clause that sets it.</summary>
        public const int Baud = 9600;

        /// <summary>Longer than any valid line: "P=" and up to 9 digits.</summary>
        private const int MaxLineLength = 16;

        private static readonly string[] CounterNames = { "lines", "linesValid", "rejectedFormat", "rejectedOverflow" };

        private readonly ISerialLink _line;
        private readonly byte[] _read = new byte[64];
        private readonly byte[] _text = new byte[MaxLineLength];
        private readonly long[] _counters = new long[4];
        private int _length;
        private bool _overflow;
        private long _lastLineMs = -1;

        /// <summary>A meter named <paramref name="meterId"/> on <paramref name="line"/>, read every second.</summary>
        public TemplateMeter(string meterId, ISerialLink line)
            : base(meterId, 1000)
        {
            if (line == null)
            {
                throw new ArgumentNullException("line");
            }

            _line = line;
        }

        /// <summary>Number of named counters.</summary>
        public int CounterCount
        {
            get { return CounterNames.Length; }
        }

        /// <summary>Name of counter <paramref name="index"/> in health.</summary>
        public string CounterName(int index)
        {
            return CounterNames[index];
        }

        /// <summary>Value of counter <paramref name="index"/>.</summary>
        public long CounterValue(int index)
        {
            return _counters[index];
        }

        /// <summary>One line for the log and the status.</summary>
        public override string Describe()
        {
            return "template meter on a serial line at " + Baud.ToString() + " baud 8N1";
        }

        /// <summary>What is wired wrong, in an installer's words, or that lines arrive.</summary>
        public override void SelfTest(SelfTestReport report, long monotonicMs)
        {
            if (ReportState(report, monotonicMs))
            {
                return;
            }

            if (_lastLineMs < 0)
            {
                report.Fail(SelfTestItem, "no line from the meter yet", "check the wires from its data output to the node's RX pin");
                return;
            }

            report.Pass(SelfTestItem, "last line " + ((monotonicMs - _lastLineMs) / 1000).ToString() + " s ago");
        }

        /// <summary>Opens the line once; a failure marks the driver failed and is retried by the base class.</summary>
        protected override void Setup(long monotonicMs)
        {
            _line.Open(Baud, 8, SerialParity.None, 1);
        }

        /// <summary>Reads what arrived and adds a reading for each valid line.</summary>
        protected override void Update(DateTime utcNow, long monotonicMs, IReadingSink sink)
        {
            int count;
            while ((count = _line.Read(_read, 0, _read.Length)) > 0)
            {
                for (int i = 0; i < count; i++)
                {
                    byte b = _read[i];
                    if (b != (byte)'\n')
                    {
                        if (_length < _text.Length)
                        {
                            _text[_length++] = b;
                        }
                        else
                        {
                            _overflow = true;
                        }

                        continue;
                    }

                    EndLine(utcNow, monotonicMs, sink);
                }
            }
        }

        private void EndLine(DateTime utcNow, long monotonicMs, IReadingSink sink)
        {
            _counters[0]++;
            long watts;
            if (_overflow)
            {
                _counters[3]++;
            }
            else if (TryParse(out watts))
            {
                _counters[1]++;
                _lastLineMs = monotonicMs;
                sink.Add(new Reading(QuantityId.TotalActivePower, watts, 0, utcNow, ReadingQuality.Good));
            }
            else
            {
                _counters[2]++;
            }

            _length = 0;
            _overflow = false;
        }

        /// <summary>"P=" then 1 to 9 digits, nothing else.</summary>
        private bool TryParse(out long watts)
        {
            watts = 0;
            if (_length < 3 || _length > 11 || _text[0] != (byte)'P' || _text[1] != (byte)'=')
            {
                return false;
            }

            for (int i = 2; i < _length; i++)
            {
                int digit = _text[i] - '0';
                if (digit < 0 || digit > 9)
                {
                    return false;
                }

                watts = (watts * 10) + digit;
            }

            return true;
        }
    }
}
