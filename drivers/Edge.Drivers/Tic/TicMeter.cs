#nullable disable
using System;
using Edge.Core.Commissioning;
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
        /// <summary>Line speed of historique mode, 7E1 (Enedis-NOI-CPT_02E; Enedis-NOI-CPT_54E for Linky).</summary>
        public const int HistoriqueBaud = 1200;

        /// <summary>Line speed of standard mode, 7E1 (Enedis-NOI-CPT_54E).</summary>
        public const int StandardBaud = 9600;

        /// <summary>A historique frame takes about 2 s at 1200 baud and a group at most 0.2 s: 4 s without one
        /// valid group means the speed is wrong (or nothing is connected).</summary>
        public const long AutoSwitchMs = 4000;

        /// <summary>In a fixed mode, this long without a valid group while bytes arrive makes the driver listen at the
        /// other mode's speed for <see cref="AutoSwitchMs"/>, then return: a meter heard there speaks the other mode,
        /// which the self-test then says (a meter configured historique while the node expects standard is the classic
        /// commissioning mistake). Readings are lost only while nothing valid arrives anyway.</summary>
        public const long ProbeAfterMs = 20000;

        /// <summary>A group within this long is the line working, for the self-test.</summary>
        private const long SelfTestRecentMs = 10000;

        /// <summary>Above this share of rejected groups the self-test warns: a sound line loses none, a meter room's
        /// noise a few in a thousand.</summary>
        public const int MaxRejectedPercent = 2;

        /// <summary>Bytes handled per poll at most, so that a flood of noise cannot stall the node loop.</summary>
        private const int MaxBytesPerPoll = 4096;

        private readonly ISerialLink _link;
        private readonly byte[] _rx = new byte[256];
        private readonly TicReader _reader;
        private long _lastValidGroupMs;
        private long _lastGroupSeenMs = -1;
        private long _bytesReceived;

        /// <summary>A TIC meter read on every poll: the UART buffers what arrives between polls.</summary>
        /// <param name="meterId">Name of the meter in reports.</param>
        /// <param name="link">The UART wired to the meter's I1 and I2 terminals through the optocoupler; opened at setup.</param>
        /// <param name="mode">Historique or Standard fixes the speed; Auto starts at 1200 baud and searches.</param>
        /// <param name="identity">How the meter's address may be published; null to keep none.</param>
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

        /// <summary>The meter's address (ADCO, or ADSC in standard mode) in the form the identity's policy allows;
        /// null before a frame carried it, under the omit policy, or without an identity.</summary>
        public override string PublishedMeterId
        {
            get { return _reader.Frame.Identity == null ? null : _reader.Frame.Identity.Published; }
        }

        /// <summary>What the identity's policy publishes at its longest: nothing under the omit policy or without an
        /// identity.</summary>
        public override int LongestPublishedMeterIdChars
        {
            get { return _reader.Frame.Identity == null ? 0 : _reader.Frame.Identity.LongestPublishedChars; }
        }

        /// <summary>Line speed in use.</summary>
        public int Baud { get; private set; }

        /// <summary>Times the driver changed speed looking for the meter's mode: in auto mode, and in a fixed mode to
        /// listen at the other mode's speed and back (see <see cref="ProbeAfterMs"/>).</summary>
        public int SpeedSwitches { get; private set; }

        /// <summary>What the decoder and interpreter saw, by outcome and cause (see <see cref="TicCounters"/>).</summary>
        public TicCounters Counters
        {
            get { return _reader.Counters; }
        }

        /// <summary>The decoder of the line's bytes: configured and detected mode, last group, last rejection.</summary>
        public TicFrameDecoder Decoder
        {
            get { return _reader.Decoder; }
        }

        /// <summary>Meter clock, status and tariff period as last decoded.</summary>
        public TicFrameInterpreter Frame
        {
            get { return _reader.Frame; }
        }

        /// <summary>The counters of <see cref="Counters"/>, then "speedSwitches".</summary>
        public int CounterCount
        {
            get { return _reader.Counters.CounterCount + 1; }
        }

        /// <summary>Name of counter <paramref name="index"/>: those of <see cref="TicCounters"/>, then "speedSwitches" last.</summary>
        public string CounterName(int index)
        {
            return index < _reader.Counters.CounterCount ? _reader.Counters.CounterName(index) : "speedSwitches";
        }

        /// <summary>Value of counter <paramref name="index"/>, in the order of <see cref="CounterName"/>.</summary>
        public long CounterValue(int index)
        {
            return index < _reader.Counters.CounterCount ? _reader.Counters.CounterValue(index) : SpeedSwitches;
        }

        /// <summary>Says plainly what the TIC line shows: groups arriving and their rejection rate, or what is wired or
        /// set wrong, the meter speaking the other mode than the one configured among them.</summary>
        public override void SelfTest(SelfTestReport report, long monotonicMs)
        {
            if (ReportState(report, monotonicMs))
            {
                return;
            }

            string item = SelfTestItem;
            TicFrameDecoder decoder = _reader.Decoder;
            TicCounters counters = _reader.Counters;
            if (decoder.OtherModeSeen)
            {
                TicMode other = decoder.ConfiguredMode == TicMode.Standard ? TicMode.Historique : TicMode.Standard;
                report.Fail(item, "the meter sends TIC " + ModeName(other) + " (" + SpeedOf(other).ToString() + " baud) but the node is configured "
                    + ModeName(decoder.ConfiguredMode), "set ticMode to " + ModeName(other) + " (or auto) in the node's configuration");
                return;
            }

            if (_lastGroupSeenMs >= 0 && monotonicMs - _lastGroupSeenMs < SelfTestRecentMs)
            {
                long rejected = counters.Rejected;
                long groups = counters.GroupsValid + rejected;
                string seen = "TIC " + ModeName(decoder.DetectedMode) + " at " + Baud.ToString() + " baud, last group "
                    + ((monotonicMs - _lastGroupSeenMs) / 1000).ToString() + " s ago, " + rejected.ToString() + " of " + groups.ToString() + " groups rejected";
                if (rejected * 100 > groups * MaxRejectedPercent)
                {
                    report.Warn(item, seen, "more than " + MaxRejectedPercent.ToString() + " % is a damaged signal: check the optocoupler's pull-up (too slow at 9600 baud), the cable's length and its route away from power cables");
                }
                else
                {
                    report.Pass(item, seen);
                }

                return;
            }

            if (_bytesReceived == 0)
            {
                report.Fail(item, "no data on the TIC line", "check the wires from the meter's I1 and I2 terminals to the optocoupler, its pull-up supply, and the UART RX pin");
                return;
            }

            if (counters.RejectedChecksum > 0)
            {
                report.Fail(item, "TIC data arrive but fail their checksum", "check the line speed (1200 baud historique, 9600 standard), the optocoupler's pull-up (too slow at 9600 baud) and whether the signal is inverted");
                return;
            }

            report.Fail(item, "bytes arrive on the TIC line but no valid group in the last " + (SelfTestRecentMs / 1000).ToString() + " s",
                "check the signal polarity and the line speed; in a fixed mode the node listens at the other mode's speed for "
                + (AutoSwitchMs / 1000).ToString() + " s every " + (ProbeAfterMs / 1000).ToString() + " s of silence, so run the self-test again in a minute to know whether the mode is wrong");
        }

        /// <summary>The mode configured (historique, standard or auto) and the line speed in use.</summary>
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

        /// <summary>Decodes what the line buffered (about 4 KB a poll at most) into readings stamped
        /// <paramref name="utcNow"/>; in auto mode, switches speed after <see cref="AutoSwitchMs"/> without a valid group.</summary>
        protected override void Update(DateTime utcNow, long monotonicMs, IReadingSink sink)
        {
            // The reader loops over a block's events itself; the time of the last group is stored once a poll, as
            // every group of a poll has the poll's time anyway.
            TicReader reader = _reader;
            byte[] rx = _rx;
            int handled = 0;
            bool sawGroup = false;
            while (handled < MaxBytesPerPoll)
            {
                int count = _link.Read(rx, 0, rx.Length);
                if (count <= 0)
                {
                    break;
                }

                if (reader.ReadAll(rx, 0, count, utcNow, sink) > 0)
                {
                    sawGroup = true;
                }

                handled += count;
                _bytesReceived += count;
            }

            if (sawGroup)
            {
                _lastValidGroupMs = monotonicMs;
                _lastGroupSeenMs = monotonicMs;
            }

            TicMode configured = _reader.Decoder.ConfiguredMode;
            long silentMs = monotonicMs - _lastValidGroupMs;
            bool switchSpeed;
            if (configured == TicMode.Auto)
            {
                switchSpeed = silentMs > AutoSwitchMs;
            }
            else if (Baud != SpeedOf(configured))
            {
                // Back from listening at the other mode's speed.
                switchSpeed = silentMs > AutoSwitchMs;
            }
            else
            {
                switchSpeed = silentMs > ProbeAfterMs && _bytesReceived > 0;
            }

            if (switchSpeed)
            {
                Baud = Baud == HistoriqueBaud ? StandardBaud : HistoriqueBaud;
                _link.Open(Baud, 7, SerialParity.Even, 1);
                _reader.Decoder.Reset();
                _lastValidGroupMs = monotonicMs;
                SpeedSwitches++;
            }
        }

        private static int SpeedOf(TicMode mode)
        {
            return mode == TicMode.Standard ? StandardBaud : HistoriqueBaud;
        }

        private static string ModeName(TicMode mode)
        {
            return mode == TicMode.Standard ? "standard" : mode == TicMode.Historique ? "historique" : "auto";
        }
    }
}
