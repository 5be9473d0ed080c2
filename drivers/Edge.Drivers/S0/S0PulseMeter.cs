#nullable disable
using System;
using Edge.Core.Commissioning;
using Edge.Core.Meters;
using Edge.Core.Model;
using Edge.Core.Platform;

namespace Edge.Drivers.S0
{
    /// <summary>
    /// A meter's S0 pulse output (EN 62053-31): one pulse per fixed quantum, e.g. 1000 imp/kWh = 1 Wh per pulse, or
    /// for a water or gas meter 100 imp/m3 = 10 L per pulse. The register is the pulse count times the quantum; power
    /// (or flow) follows from the interval between pulses: P = 3.6e9 / (imp/kWh x interval ms) W, and likewise
    /// Q = 3.6e6 / (imp/m3 x interval ms) m3/h.
    /// Between pulses the rate cannot be measured, only bounded: if no pulse came for t ms, it is at most one quantum
    /// over t. When that bound falls below the last measured rate the driver reports the bound, marked Uncertain, so
    /// a load that switched off decays towards 0 instead of freezing at its last value; once no pulse came for the
    /// zero timeout, it reads 0 (Uncertain too: not measured, bounded).
    /// With a <see cref="PulseCounterStore"/> the cumulative count survives reboots: it is restored at the first
    /// poll and offered to the store's write policy at every poll that counted pulses.
    /// When the input is a <see cref="PulseQualifier"/>, the glitches and bounces it refused are counters too.
    /// </summary>
    public sealed class S0PulseMeter : MeterDriver, ICounterSource
    {
        /// <summary>Power is reported in tenths of a watt.</summary>
        public const int PowerDecimals = 1;

        /// <summary>3600 s x 1000 ms x 1000 Wh/kWh x 10 (tenths of W): P[0.1 W] = this / (imp/kWh x interval ms).</summary>
        private const long DeciwattMillisecondsPerKwhPulse = 36000000000L;

        /// <summary>Largest meter constant taken (imp/kWh); household meters print 100 to 10000.</summary>
        public const int MaxPulsesPerKwh = Edge.Core.Meters.MeterKinds.MaxPulsesPerKwh;

        /// <summary>No pulse at all for this long is a wiring fault: a meter's own consumption makes one within it.</summary>
        private const long NoPulseFaultMs = 900000;

        /// <summary>Flow is reported in m3/h with 4 decimals (0.1 L/h): Q[1e-4 m3/h] = 3.6e6 ms/h x 1e4 / (imp/m3 x
        /// interval ms), the same 3.6e10 over the same product as power in tenths of a watt.</summary>
        public const int FlowDecimals = 4;

        /// <summary>Volume registers are reported in m3 with 3 decimals: whole litres.</summary>
        public const int VolumeDecimals = 3;

        /// <summary>Glitches below this many never warn: a switching transient now and then is no fault.</summary>
        private const int GlitchesBeforeWarning = 10;

        /// <summary>Glitches warn once they are one for every this many counted pulses or more.</summary>
        private const int PulsesPerGlitchTolerated = 10;

        private readonly IPulseInput _input;
        private readonly PulseQualifier _qualifier;
        private readonly PulseCounterStore _store;
        private readonly int _pulsesPerKwh;
        private readonly long _initialEnergyWh;
        private readonly long _maxPowerDeciwatts;
        private readonly long _zeroAfterMs;
        private readonly QuantityId _register;
        private readonly int _registerDecimals;
        private readonly QuantityId _rate;
        private readonly int _rateDecimals;
        private readonly string _unit;

        private bool _started;
        private int _lastCount;
        private long _totalPulses;
        private long _lastEdgeMs = -1;
        private long _lastPowerDeciwatts = -1;
        private long _startedMs = -1;
        private long _restoredPulses;

        /// <param name="meterId">Name of the meter in reports.</param>
        /// <param name="input">The counted pulse input.</param>
        /// <param name="pulsesPerKwh">Meter constant printed on the meter (imp/kWh), e.g. 1000, 800, 2000.</param>
        /// <param name="initialEnergyWh">Meter register at commissioning, so reports follow the meter's display.</param>
        /// <param name="maxPowerW">Largest plausible power (installation rating); a faster pulse train is a wiring
        /// or bounce fault: its power is counted as implausible and not reported. 0 disables the check.</param>
        public S0PulseMeter(string meterId, IPulseInput input, int pulsesPerKwh, long initialEnergyWh, int maxPowerW)
            : this(meterId, input, MeterKinds.S0Electricity, pulsesPerKwh, initialEnergyWh, maxPowerW, PulseMeterSpec.DefaultZeroAfterS * 1000L, null)
        {
        }

        /// <param name="meterId">Name of the meter in reports.</param>
        /// <param name="input">The counted pulse input (a <see cref="PulseQualifier"/> on a node).</param>
        /// <param name="measures"><see cref="MeterKinds.S0Electricity"/>, <see cref="MeterKinds.S0Water"/> or
        /// <see cref="MeterKinds.S0Gas"/>: the register and rate quantities follow.</param>
        /// <param name="pulsesPerUnit">Meter constant printed on the meter: imp/kWh, or imp/m3 for water and gas.</param>
        /// <param name="initialRegister">Meter register at commissioning: Wh, or L for water and gas.</param>
        /// <param name="maxPowerW">Largest plausible power (electricity only); 0 disables the check.</param>
        /// <param name="zeroAfterMs">Time without a pulse after which power (or flow) reads 0, 1 ms or more.</param>
        /// <param name="store">Where the cumulative count is kept through reboots, or null to keep it in RAM only.</param>
        public S0PulseMeter(string meterId, IPulseInput input, string measures, int pulsesPerUnit, long initialRegister, int maxPowerW, long zeroAfterMs,
            PulseCounterStore store)
            : base(meterId, 0)
        {
            int pulsesPerKwh = pulsesPerUnit;
            long initialEnergyWh = initialRegister;
            if (input == null)
            {
                throw new ArgumentNullException("input");
            }

            if (pulsesPerKwh <= 0 || pulsesPerKwh > MaxPulsesPerKwh)
            {
                throw new ArgumentOutOfRangeException("pulsesPerKwh", "meter constant must be 1..100000 imp/kWh (or imp/m3)");
            }

            if (initialEnergyWh < 0)
            {
                throw new ArgumentOutOfRangeException("initialEnergyWh");
            }

            if (maxPowerW < 0)
            {
                throw new ArgumentOutOfRangeException("maxPowerW");
            }

            if (zeroAfterMs < 1)
            {
                throw new ArgumentOutOfRangeException("zeroAfterMs");
            }

            if (measures == MeterKinds.S0Water || measures == MeterKinds.S0Gas)
            {
                _register = measures == MeterKinds.S0Water ? QuantityId.WaterVolume : QuantityId.GasVolume;
                _registerDecimals = VolumeDecimals;
                _rate = QuantityId.VolumeFlow;
                _rateDecimals = FlowDecimals;
                _unit = "m3";
            }
            else if (measures == null || measures == MeterKinds.S0Electricity)
            {
                _register = QuantityId.TotalActiveEnergyImport;
                _registerDecimals = 0;
                _rate = QuantityId.TotalActivePower;
                _rateDecimals = PowerDecimals;
                _unit = "kWh";
            }
            else
            {
                throw new ArgumentOutOfRangeException("measures", "electricity, water or gas");
            }

            _input = input;
            _qualifier = input as PulseQualifier;
            _store = store;
            _pulsesPerKwh = pulsesPerKwh;
            _initialEnergyWh = initialEnergyWh;
            _maxPowerDeciwatts = maxPowerW * 10L;
            _zeroAfterMs = zeroAfterMs;
        }

        /// <summary>Pulses counted in all, those restored from the store included.</summary>
        public long TotalPulses
        {
            get { return _totalPulses; }
        }

        /// <summary>Pulse intervals that implied more than the plausible maximum power.</summary>
        public int ImplausibleIntervals { get; private set; }

        /// <summary>Register in thousandths of the unit (Wh of kWh, L of m3): floor of pulses x 1000 / constant,
        /// computed from the total count each time, so no rounding error accumulates whatever the meter constant.</summary>
        public long EnergyWh
        {
            get { return _initialEnergyWh + (_totalPulses * 1000L / _pulsesPerKwh); }
        }

        /// <summary>The quantity of the register: energy, water or gas volume.</summary>
        public QuantityId RegisterQuantity
        {
            get { return _register; }
        }

        /// <summary>The quantity of the rate: power or volume flow.</summary>
        public QuantityId RateQuantity
        {
            get { return _rate; }
        }

        /// <summary>The count's store, or null when it lives in RAM only.</summary>
        public PulseCounterStore Store
        {
            get { return _store; }
        }

        /// <summary>Diagnostic counters: pulses and implausible intervals; the glitches, bounces and repeated levels
        /// refused when the input is a <see cref="PulseQualifier"/>; the count's records and store errors when it is
        /// persisted.</summary>
        public int CounterCount
        {
            get { return 2 + (_qualifier != null ? 3 : 0) + (_store != null ? 2 : 0); }
        }

        /// <summary>Name of the counter at <paramref name="index"/>: "pulses", "implausibleIntervals", then
        /// "refusedGlitches", "bridgedBounces" and "repeatedLevels" (qualified input), then "counterWrites" and
        /// "counterStoreErrors" (persisted count).</summary>
        public string CounterName(int index)
        {
            switch (CounterAt(index))
            {
                case 0:
                    return "pulses";
                case 1:
                    return "implausibleIntervals";
                case 2:
                    return "refusedGlitches";
                case 3:
                    return "bridgedBounces";
                case 4:
                    return "repeatedLevels";
                case 5:
                    return "counterWrites";
                default:
                    return "counterStoreErrors";
            }
        }

        /// <summary>Value of the counter at <paramref name="index"/>.</summary>
        public long CounterValue(int index)
        {
            switch (CounterAt(index))
            {
                case 0:
                    return _totalPulses;
                case 1:
                    return ImplausibleIntervals;
                case 2:
                    return _qualifier.Glitches;
                case 3:
                    return _qualifier.Bounces;
                case 4:
                    return _qualifier.RepeatedLevels;
                case 5:
                    return _store.Writes;
                default:
                    return _store.StoreErrors;
            }
        }

        /// <summary>The counter an index names, 0 to 6 as in <see cref="CounterName"/>, skipping absent ones.</summary>
        private int CounterAt(int index)
        {
            if (index >= 2 && _qualifier == null)
            {
                index += 3;
            }

            return index;
        }

        /// <summary>A meter always consumes something (its own electronics, standby loads): pulses since start and the
        /// time of the last one pass; none yet is a warning until 15 minutes have gone by, then a wiring fault;
        /// implausibly fast pulses are bounce or interference.</summary>
        public override void SelfTest(SelfTestReport report, long monotonicMs)
        {
            if (ReportState(report, monotonicMs))
            {
                return;
            }

            string item = SelfTestItem;
            if (ImplausibleIntervals > 0)
            {
                report.Fail(item, "implausibly fast pulses (" + ImplausibleIntervals.ToString() + ")", "contact bounce or interference: check the minimum pulse width, the cable and its screen");
                return;
            }

            int glitches = _qualifier == null ? 0 : _qualifier.Glitches;
            if (glitches >= GlitchesBeforeWarning && (long)glitches * PulsesPerGlitchTolerated >= _totalPulses - _restoredPulses)
            {
                report.Warn(item, glitches.ToString() + " glitches refused (shorter than " + _qualifier.MinWidthMs.ToString() + " ms) beside "
                    + (_totalPulses - _restoredPulses).ToString() + " pulses, " + _qualifier.Bounces.ToString() + " bounces bridged",
                    "interference on the S0 cable: use twisted pair, the RC filter or the optocoupler of hardware/wiring/s0.md");
                return;
            }

            if (_store != null && _store.StoreErrors > 0 && _totalPulses - _store.Persisted >= _store.StepPulses)
            {
                // Failing now, not once long ago: the record lags the count by a step or more.
                report.Warn(item, "the pulse count is not kept: " + _store.StoreErrors.ToString() + " store errors, the last record " + (_totalPulses - _store.Persisted).ToString() + " pulses behind",
                    "a reboot would lose them: the store may be full or worn, see the storage line of the self-test");
                return;
            }

            long sinceStartMin = _startedMs < 0 ? 0 : (monotonicMs - _startedMs) / 60000;
            if (_totalPulses == _restoredPulses)
            {
                if (_startedMs >= 0 && monotonicMs - _startedMs >= NoPulseFaultMs)
                {
                    report.Fail(item, "no pulse from the S0 output for " + sinceStartMin.ToString() + " minutes", "check S0+ and S0- polarity and the pull-up");
                }
                else
                {
                    report.Warn(item, "no pulse yet (" + sinceStartMin.ToString() + " min since start)", "switch a load on and run the self-test again; check S0+ and S0- polarity if none comes");
                }

                return;
            }

            long lastS = _lastEdgeMs < 0 ? 0 : (monotonicMs - _lastEdgeMs) / 1000;
            report.Pass(item, (_totalPulses - _restoredPulses).ToString() + " pulses in the " + sinceStartMin.ToString() + " min since start, the last " + lastS.ToString() + " s ago, "
                + _pulsesPerKwh.ToString() + " imp/" + _unit
                + (_qualifier != null ? ", glitches refused: " + glitches.ToString() + ", bounces bridged: " + _qualifier.Bounces.ToString() : string.Empty)
                + (_store != null ? ", count kept in the store (" + _store.Writes.ToString() + " records, " + _store.StoreErrors.ToString() + " store errors)" : string.Empty));
        }

        /// <summary>One line for the operator: meter constant (imp/kWh or imp/m3), starting register (Wh or L) and
        /// power ceiling (W) if set.</summary>
        public override string Describe()
        {
            return "S0 pulse output, " + _pulsesPerKwh.ToString() + " imp/" + _unit + (_register == QuantityId.WaterVolume ? " (water)" : _register == QuantityId.GasVolume ? " (gas)" : string.Empty)
                + ", register from " + _initialEnergyWh.ToString() + (_unit == "m3" ? " L" : " Wh")
                + (_maxPowerDeciwatts > 0 ? ", at most " + (_maxPowerDeciwatts / 10).ToString() + " W" : string.Empty);
        }

        /// <summary>Every poll reads the counter, so that a rate bound decays smoothly between pulses.</summary>
        protected override void Update(DateTime utcNow, long monotonicMs, IReadingSink sink)
        {
            int count = _input.Count;
            long edgeMs = _input.LastEdgeMs;
            if (!_started)
            {
                // Pulses counted before the driver started belong to no known interval.
                _started = true;
                _startedMs = monotonicMs;
                _lastCount = count;
                _lastEdgeMs = edgeMs;
                if (_store != null)
                {
                    // The count resumes from the newest valid record: what came after it was lost, never doubled.
                    _restoredPulses = _store.Restore(monotonicMs);
                    _totalPulses = _restoredPulses;
                }

                sink.Add(new Reading(_register, EnergyWh, _registerDecimals, utcNow, ReadingQuality.Good));
                return;
            }

            int newPulses = unchecked(count - _lastCount);
            _lastCount = count;
            if (newPulses < 0)
            {
                // The platform counter was reset (input re-opened): nothing can be inferred from this poll.
                _lastEdgeMs = edgeMs;
                newPulses = 0;
            }

            if (newPulses > 0)
            {
                _totalPulses += newPulses;
                if (_lastEdgeMs >= 0 && edgeMs > _lastEdgeMs)
                {
                    // Mean interval of the pulses since the last poll: exact quantity over exact time.
                    long rate = DeciwattMillisecondsPerKwhPulse * newPulses / (_pulsesPerKwh * (edgeMs - _lastEdgeMs));
                    if (_maxPowerDeciwatts > 0 && rate > _maxPowerDeciwatts)
                    {
                        ImplausibleIntervals++;
                    }
                    else
                    {
                        _lastPowerDeciwatts = rate;
                        sink.Add(new Reading(_rate, rate, _rateDecimals, utcNow, ReadingQuality.Good));
                    }
                }

                _lastEdgeMs = edgeMs;
            }
            else if (_lastPowerDeciwatts >= 0 && _lastEdgeMs >= 0 && monotonicMs > _lastEdgeMs)
            {
                long quiet = monotonicMs - _lastEdgeMs;
                long bound = DeciwattMillisecondsPerKwhPulse / (_pulsesPerKwh * quiet);
                if (quiet >= _zeroAfterMs)
                {
                    sink.Add(new Reading(_rate, 0, _rateDecimals, utcNow, ReadingQuality.Uncertain));
                }
                else if (bound < _lastPowerDeciwatts)
                {
                    sink.Add(new Reading(_rate, bound, _rateDecimals, utcNow, ReadingQuality.Uncertain));
                }
                else
                {
                    sink.Add(new Reading(_rate, _lastPowerDeciwatts, _rateDecimals, utcNow, ReadingQuality.Good));
                }
            }

            if (_store != null)
            {
                // The policy decides: a step of pulses or the schedule, never each pulse.
                _store.Offer(_totalPulses, monotonicMs);
            }

            sink.Add(new Reading(_register, EnergyWh, _registerDecimals, utcNow, ReadingQuality.Good));
        }
    }
}
