#nullable disable
using System;
using Edge.Core.Commissioning;
using Edge.Core.Meters;
using Edge.Core.Model;
using Edge.Core.Platform;

namespace Edge.Drivers.P1
{
    /// <summary>
    /// A DSMR (Netherlands, Luxembourg) or e-MUCS (Belgium) meter read from its P1 port: a UART at 115200 8N1 (DSMR
    /// 4/5) or 9600 7E1 (DSMR 2.2/3.0) whose open-collector signal is inverted (by the UART or on the board, see
    /// hardware/wiring/p1.md), and, when the board has one, the Data Request output the meter sends while it is
    /// raised (P1 Companion Standard 5.0.2 §5.4). Each valid telegram gives one reading per quantity it carries.
    /// After <see cref="FailAfter"/> telegrams in a row are refused, the meter is failed in health; its setup is tried
    /// again after <see cref="MeterDriver.RetryMs"/>, so it recovers by itself when the line does.
    /// </summary>
    public sealed class P1Meter : MeterDriver, ICounterSource
    {
        /// <summary>Name of the digital output that drives the Data Request line (pin 2), when the board has one.</summary>
        public const string RequestPort = "p1-request";

        /// <summary>Line settings of DSMR 4 and 5 (P1 Companion Standard 5.0.2 §6.1), the default.</summary>
        public const string Dsmr5Line = "115200-8N1";

        /// <summary>Line settings of DSMR 2.2 and 3.0.</summary>
        public const string Dsmr22Line = "9600-7E1";

        /// <summary>Refused telegrams in a row that make the meter failed: at one telegram a second (DSMR 5), five
        /// seconds of nothing but damaged ones, more than a stray burst of noise.</summary>
        public const int FailAfter = 5;

        /// <summary>Without a valid telegram for this long the meter is in warning: three times the 10 s period of
        /// DSMR 4, the slowest (DSMR 5 sends every second).</summary>
        public const long SilenceMs = 30000;

        private const string SilenceReason = "no valid P1 telegram for 30 s";

        /// <summary>Setup is tried again this long after a failure: a P1 meter sends without being asked, so a short
        /// delay costs nothing and brings the readings back soon after the line does.</summary>
        public const long P1RetryMs = 10000;

        /// <summary>Bytes handled per poll at most (a DSMR 5 telegram is 1 to 2 KB), so a flood cannot stall the loop.</summary>
        private const int MaxBytesPerPoll = 8192;

        private readonly ISerialLink _link;
        private readonly IDigitalOutput _request;
        private readonly P1TelegramDecoder _decoder;
        private readonly byte[] _rx = new byte[512];
        private readonly bool _invertRx;
        private int _dataBits;
        private SerialParity _parity;
        private int _stopBits;
        private int _refusedInRow;
        private long _lastValidMs;
        private long _bytesReceived;

        /// <param name="meterId">Name of the meter in reports.</param>
        /// <param name="link">The UART on the port's Data line (pin 5); opened at setup.</param>
        /// <param name="request">The output on Data Request (pin 2); null when the line is tied to +5 V.</param>
        /// <param name="line">"115200-8N1" (null or empty: the same) or "9600-7E1".</param>
        /// <param name="invertRx">True when the UART must invert the signal (no inverter on the board).</param>
        public P1Meter(string meterId, ISerialLink link, IDigitalOutput request, string line, bool invertRx)
            : base(meterId, 0)
        {
            if (link == null)
            {
                throw new ArgumentNullException("link");
            }

            if (line == null || line.Length == 0)
            {
                line = Dsmr5Line;
            }

            int baud;
            if (!TryParseLine(line, out baud, out _dataBits, out _parity, out _stopBits))
            {
                throw new ArgumentException("line '" + line + "' is not of the form 115200-8N1", "line");
            }

            _link = link;
            _request = request;
            _invertRx = invertRx;
            Line = line;
            Baud = baud;
            RetryMs = P1RetryMs;

            // DSMR 2.2 and 3.0 are the 7-bit versions and the only ones without a CRC.
            _decoder = new P1TelegramDecoder(_dataBits == 7);
        }

        /// <summary>The line settings, e.g. "115200-8N1".</summary>
        public string Line { get; private set; }

        /// <summary>Line speed.</summary>
        public int Baud { get; private set; }

        /// <summary>The decoder: last telegram, outcome and counters.</summary>
        public P1TelegramDecoder Decoder
        {
            get { return _decoder; }
        }

        /// <summary>What the decoder saw, by outcome and cause.</summary>
        public P1Counters Counters
        {
            get { return _decoder.Counters; }
        }

        /// <summary>Refused telegrams since the last valid one.</summary>
        public int RefusedInRow
        {
            get { return _refusedInRow; }
        }

        /// <summary>The counters of <see cref="P1Counters"/>, then "failures" (times the meter went failed).</summary>
        public int CounterCount
        {
            get { return _decoder.Counters.CounterCount + 1; }
        }

        /// <summary>Name of counter <paramref name="index"/>: those of <see cref="P1Counters"/>, then "failures".</summary>
        public string CounterName(int index)
        {
            return index < _decoder.Counters.CounterCount ? _decoder.Counters.CounterName(index) : "failures";
        }

        /// <summary>Value of counter <paramref name="index"/>, in the order of <see cref="CounterName"/>.</summary>
        public long CounterValue(int index)
        {
            return index < _decoder.Counters.CounterCount ? _decoder.Counters.CounterValue(index) : Failures;
        }

        /// <summary>"P1 on a serial line" with its settings, inversion and Data Request.</summary>
        public override string Describe()
        {
            return "P1 on a serial line, " + Line + (_invertRx ? ", RX inverted by the UART" : "") + (_request == null ? ", data request tied high" : ", data request on " + RequestPort);
        }

        /// <summary>Says plainly what the P1 line shows: telegrams arriving and how many were refused, or what is
        /// wired or set wrong.</summary>
        public override void SelfTest(SelfTestReport report, long monotonicMs)
        {
            if (ReportState(report, monotonicMs))
            {
                return;
            }

            string item = SelfTestItem;
            P1Counters counters = _decoder.Counters;
            if (counters.TelegramsValid > 0 && monotonicMs - _lastValidMs < SilenceMs)
            {
                report.Pass(item, "P1 telegrams at " + Line + ", last " + ((monotonicMs - _lastValidMs) / 1000).ToString() + " s ago, "
                    + counters.TelegramsValid.ToString() + " valid");
                return;
            }

            if (_bytesReceived == 0)
            {
                report.Fail(item, "no data on the P1 line", "check the RJ12 cable (6 wires), Data Request (pin 2) at +5 V, the pull-up on pin 5 and the RX pin");
                return;
            }

            report.Fail(item, "bytes arrive on the P1 line but no valid telegram", "check the line settings (" + Line + ") and whether the signal is inverted once (p1InvertRx or an inverter, not both)");
        }

        /// <summary>Reads "baud-bits parity stop" as "115200-8N1"; false when it is not of that form.</summary>
        public static bool TryParseLine(string line, out int baud, out int dataBits, out SerialParity parity, out int stopBits)
        {
            baud = 0;
            dataBits = 0;
            parity = SerialParity.None;
            stopBits = 0;
            if (line == null)
            {
                return false;
            }

            int dash = line.IndexOf('-');
            if (dash <= 0 || dash != line.Length - 4)
            {
                return false;
            }

            for (int i = 0; i < dash; i++)
            {
                char c = line[i];
                if (c < '0' || c > '9' || baud > 10000000)
                {
                    return false;
                }

                baud = baud * 10 + (c - '0');
            }

            dataBits = line[dash + 1] - '0';
            stopBits = line[dash + 3] - '0';
            switch (line[dash + 2])
            {
                case 'N': parity = SerialParity.None; break;
                case 'E': parity = SerialParity.Even; break;
                case 'O': parity = SerialParity.Odd; break;
                default: return false;
            }

            return baud >= 300 && (dataBits == 7 || dataBits == 8) && (stopBits == 1 || stopBits == 2);
        }

        /// <summary>Sets the inversion, opens the line and raises Data Request.</summary>
        protected override void Setup(long monotonicMs)
        {
            if (_invertRx)
            {
                IInvertibleSerialLink invertible = _link as IInvertibleSerialLink;
                if (invertible == null || !invertible.InvertRx(true))
                {
                    MarkFailed("this UART cannot invert its RX line: fit an inverter (hardware/wiring/p1.md, option B) and set p1InvertRx to false");
                    return;
                }
            }

            _link.Open(Baud, _dataBits, _parity, _stopBits);
            _decoder.Reset();
            _refusedInRow = 0;
            _lastValidMs = monotonicMs;
            if (_request != null)
            {
                _request.Set(true);
            }
        }

        /// <summary>Decodes what the line buffered into readings stamped <paramref name="utcNow"/>; counts refused
        /// telegrams in a row and fails after <see cref="FailAfter"/>.</summary>
        protected override void Update(DateTime utcNow, long monotonicMs, IReadingSink sink)
        {
            P1TelegramDecoder decoder = _decoder;
            byte[] rx = _rx;
            int handled = 0;
            while (handled < MaxBytesPerPoll)
            {
                int count = _link.Read(rx, 0, rx.Length);
                if (count <= 0)
                {
                    break;
                }

                _bytesReceived += count;
                handled += count;
                int at = 0;
                while (at < count)
                {
                    at += decoder.Feed(rx, at, count - at);
                    P1Outcome outcome = decoder.Outcome;
                    if (outcome == P1Outcome.Valid)
                    {
                        decoder.Telegram.WriteReadings(utcNow, sink);
                        _refusedInRow = 0;
                        _lastValidMs = monotonicMs;
                        ClearWarning();
                    }
                    else if (outcome != P1Outcome.None && Refused(outcome))
                    {
                        return;
                    }
                }
            }

            if (monotonicMs - _lastValidMs > SilenceMs)
            {
                MarkWarning(SilenceReason);
            }
        }

        /// <summary>Counts a refused telegram; true when it made the meter failed.</summary>
        private bool Refused(P1Outcome outcome)
        {
            _refusedInRow++;
            string reason = outcome == P1Outcome.BadCrc ? "P1 telegrams fail their CRC"
                : outcome == P1Outcome.MissingCrc ? "P1 telegrams carry no CRC (a DSMR 2.2/3.0 meter needs p1Line 9600-7E1)"
                : outcome == P1Outcome.Truncated ? "P1 telegrams arrive cut short"
                : "P1 lines run past " + P1TelegramDecoder.MaxLineLength.ToString() + " bytes";
            if (_refusedInRow < FailAfter)
            {
                MarkWarning(reason);
                return false;
            }

            // Released while failed: raising it again at setup restarts the meter's output.
            if (_request != null)
            {
                _request.Set(false);
            }

            MarkFailed(reason + " (" + _refusedInRow.ToString() + " in a row)");
            return true;
        }
    }
}
