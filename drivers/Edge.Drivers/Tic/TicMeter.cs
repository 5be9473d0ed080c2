#nullable disable
using System;
using Edge.Core.Meters;
using Edge.Core.Model;
using Edge.Core.Platform;
using Edge.Core.Security;

namespace Edge.Drivers.Tic
{
    /// <summary>
    /// A Linky (or earlier Enedis electronic) meter read through its TIC output on a UART: 7 data bits, even parity,
    /// 1 stop bit, at 1200 baud (historique) or 9600 baud (standard). In <see cref="TicMode.Auto"/> the speed is
    /// not known in advance: the driver listens at one speed and switches to the other when no valid group came for
    /// <see cref="AutoSwitchMs"/>, so an installer need not know which mode the meter was configured in.
    /// </summary>
    public sealed class TicMeter : MeterDriver, ICounterSource
    {
        public const int HistoriqueBaud = 1200;
        public const int StandardBaud = 9600;

        /// <summary>A historique frame takes about 2 s at 1200 baud and a group at most 0.2 s: 4 s without one
        /// valid group means the speed is wrong (or nothing is connected).</summary>
        public const long AutoSwitchMs = 4000;

        /// <summary>Bytes handled per poll at most, so that a flood of noise cannot stall the node loop.</summary>
        private const int MaxBytesPerPoll = 4096;

        private readonly ISerialLink _link;
        private readonly byte[] _rx = new byte[256];
        private readonly TicReader _reader;
        private long _lastValidGroupMs;
        private long _lastGroupSeenMs = -1;
        private long _bytesReceived;

        public TicMeter(string meterId, ISerialLink link, TicMode mode, MeterIdentity identity)
            : base(meterId, 0)
        {
            if (link == null)
            {
                throw new ArgumentNullException("link");
            }

            _link = link;
            _reader = new TicReader(mode, identity);
            Baud = mode == TicMode.Standard ? StandardBaud : HistoriqueBaud;
        }

        /// <summary>TIC energy registers have 9 digits (Enedis-NOI-CPT_54E): they wrap after 999,999,999 Wh.</summary>
        public const long RegisterModulus = 1000000000;

        public override string PublishedMeterId
        {
            get { return _reader.Frame.Identity == null ? null : _reader.Frame.Identity.Published; }
        }

        /// <summary>Line speed in use.</summary>
        public int Baud { get; private set; }

        /// <summary>Times the driver changed speed looking for the meter's mode.</summary>
        public int SpeedSwitches { get; private set; }

        public TicCounters Counters
        {
            get { return _reader.Counters; }
        }

        public TicFrameDecoder Decoder
        {
            get { return _reader.Decoder; }
        }

        /// <summary>Meter clock, status and tariff period as last decoded.</summary>
        public TicFrameInterpreter Frame
        {
            get { return _reader.Frame; }
        }

        public int CounterCount
        {
            get { return _reader.Counters.CounterCount + 1; }
        }

        public string CounterName(int index)
        {
            return index < _reader.Counters.CounterCount ? _reader.Counters.CounterName(index) : "speedSwitches";
        }

        public long CounterValue(int index)
        {
            return index < _reader.Counters.CounterCount ? _reader.Counters.CounterValue(index) : SpeedSwitches;
        }

        /// <summary>Says plainly what is wrong on the TIC line, from what the driver saw.</summary>
        public override string SelfTest(long monotonicMs)
        {
            string failed = base.SelfTest(monotonicMs);
            if (failed != null)
            {
                return failed;
            }

            if (_lastGroupSeenMs >= 0 && monotonicMs - _lastGroupSeenMs < 10000)
            {
                return null;
            }

            if (_bytesReceived == 0)
            {
                return "no data on the TIC line: check the wires from the meter's I1 and I2 terminals to the optocoupler, its pull-up supply, and the UART RX pin";
            }

            if (Counters.RejectedChecksum > 0)
            {
                return "TIC data arrive but fail their checksum: check the line speed (1200 baud historique, 9600 standard), the optocoupler's pull-up (too slow at 9600 baud) and whether the signal is inverted";
            }

            return "bytes arrive on the TIC line but no valid group in the last 10 s: check the line speed and the signal polarity";
        }

        public override string Describe()
        {
            return "TIC on a serial line, mode " + ModeName(_reader.Decoder.ConfiguredMode) + ", " + Baud.ToString() + " baud";
        }

        /// <summary>Every energy register a TIC meter sends wraps at <see cref="RegisterModulus"/>.</summary>
        public override Edge.Core.Aggregation.RegisterRule[] RegisterRules(int meter)
        {
            // The historique total (sum of the indexes) wraps with them.
            Edge.Core.Aggregation.RegisterRule[] rules = new Edge.Core.Aggregation.RegisterRule[TicLabels.RegisterCount + 1];
            for (int slot = 0; slot < TicLabels.RegisterCount; slot++)
            {
                rules[slot] = new Edge.Core.Aggregation.RegisterRule(meter, TicLabels.Register(slot).Quantity, RegisterModulus, 0);
            }

            rules[TicLabels.RegisterCount] = new Edge.Core.Aggregation.RegisterRule(meter, QuantityId.TotalActiveEnergyImport, RegisterModulus, 0);
            return rules;
        }

        /// <summary>Opens the line at the configured (or, in auto mode, the first tried) speed.</summary>
        protected override void Setup(long monotonicMs)
        {
            _link.Open(Baud, 7, SerialParity.Even, 1);
            _lastValidGroupMs = monotonicMs;
        }

        protected override void Update(DateTime utcNow, long monotonicMs, IReadingSink sink)
        {
            int handled = 0;
            while (handled < MaxBytesPerPoll)
            {
                int count = _link.Read(_rx, 0, _rx.Length);
                if (count <= 0)
                {
                    break;
                }

                int at = 0;
                while (at < count)
                {
                    int consumed;
                    if (_reader.Read(_rx, at, count - at, out consumed, utcNow, sink) == TicEvent.Group)
                    {
                        _lastValidGroupMs = monotonicMs;
                        _lastGroupSeenMs = monotonicMs;
                    }

                    at += consumed;
                }

                handled += count;
                _bytesReceived += count;
            }

            if (_reader.Decoder.ConfiguredMode == TicMode.Auto && monotonicMs - _lastValidGroupMs > AutoSwitchMs)
            {
                Baud = Baud == HistoriqueBaud ? StandardBaud : HistoriqueBaud;
                _link.Open(Baud, 7, SerialParity.Even, 1);
                _reader.Decoder.Reset();
                _lastValidGroupMs = monotonicMs;
                SpeedSwitches++;
            }
        }

        private static string ModeName(TicMode mode)
        {
            return mode == TicMode.Standard ? "standard" : mode == TicMode.Historique ? "historique" : "auto";
        }
    }
}
