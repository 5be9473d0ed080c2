#nullable disable
using System;
using Edge.Core.Commissioning;
using Edge.Core.Meters;
using Edge.Core.Model;
using Edge.Core.Platform;

namespace Edge.Drivers.S0
{
    /// <summary>
    /// An energy meter's S0 pulse output (EN 62053-31): one pulse per fixed quantum of energy, e.g. 1000
    /// imp/kWh = 1 Wh per pulse. Energy is the pulse count times the quantum; power follows from the interval
    /// between pulses: P = 3.6e9 / (imp/kWh x interval ms) W.
    /// Between pulses the power cannot be measured, only bounded: if no pulse came for t ms, the power is at most
    /// one quantum over t. When that bound falls below the last measured power the driver reports the bound,
    /// marked Uncertain, so a load that switched off decays towards 0 instead of freezing at its last value.
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

        private readonly IPulseInput _input;
        private readonly int _pulsesPerKwh;
        private readonly long _initialEnergyWh;
        private readonly long _maxPowerDeciwatts;

        private bool _started;
        private int _lastCount;
        private long _totalPulses;
        private long _lastEdgeMs = -1;
        private long _lastPowerDeciwatts = -1;
        private long _startedMs = -1;

        /// <param name="meterId">Name of the meter in reports.</param>
        /// <param name="input">The counted pulse input.</param>
        /// <param name="pulsesPerKwh">Meter constant printed on the meter (imp/kWh), e.g. 1000, 800, 2000.</param>
        /// <param name="initialEnergyWh">Meter register at commissioning, so reports follow the meter's display.</param>
        /// <param name="maxPowerW">Largest plausible power (installation rating); a faster pulse train is a wiring
        /// or bounce fault: its power is counted as implausible and not reported. 0 disables the check.</param>
        public S0PulseMeter(string meterId, IPulseInput input, int pulsesPerKwh, long initialEnergyWh, int maxPowerW)
            : base(meterId, 0)
        {
            if (input == null)
            {
                throw new ArgumentNullException("input");
            }

            if (pulsesPerKwh <= 0 || pulsesPerKwh > MaxPulsesPerKwh)
            {
                throw new ArgumentOutOfRangeException("pulsesPerKwh", "meter constant must be 1..100000 imp/kWh");
            }

            if (initialEnergyWh < 0)
            {
                throw new ArgumentOutOfRangeException("initialEnergyWh");
            }

            if (maxPowerW < 0)
            {
                throw new ArgumentOutOfRangeException("maxPowerW");
            }

            _input = input;
            _pulsesPerKwh = pulsesPerKwh;
            _initialEnergyWh = initialEnergyWh;
            _maxPowerDeciwatts = maxPowerW * 10L;
        }

        /// <summary>Pulses counted since the driver started.</summary>
        public long TotalPulses
        {
            get { return _totalPulses; }
        }

        /// <summary>Pulse intervals that implied more than the plausible maximum power.</summary>
        public int ImplausibleIntervals { get; private set; }

        /// <summary>Energy register in Wh: floor of pulses x 1000 / (imp/kWh), computed from the total count
        /// each time, so no rounding error accumulates whatever the meter constant.</summary>
        public long EnergyWh
        {
            get { return _initialEnergyWh + (_totalPulses * 1000L / _pulsesPerKwh); }
        }

        /// <summary>Number of diagnostic counters: pulses and implausible intervals.</summary>
        public int CounterCount
        {
            get { return 2; }
        }

        /// <summary>Name of the counter at <paramref name="index"/>: 0 is "pulses", 1 "implausibleIntervals".</summary>
        public string CounterName(int index)
        {
            return index == 0 ? "pulses" : "implausibleIntervals";
        }

        /// <summary>Value of the counter at <paramref name="index"/>.</summary>
        public long CounterValue(int index)
        {
            return index == 0 ? _totalPulses : ImplausibleIntervals;
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
                report.Fail(item, "implausibly fast pulses (" + ImplausibleIntervals.ToString() + ")", "contact bounce or interference: check the debounce, the cable and its screen");
                return;
            }

            long sinceStartMin = _startedMs < 0 ? 0 : (monotonicMs - _startedMs) / 60000;
            if (_totalPulses == 0)
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
            report.Pass(item, _totalPulses.ToString() + " pulses in the " + sinceStartMin.ToString() + " min since start, the last " + lastS.ToString() + " s ago, "
                + _pulsesPerKwh.ToString() + " imp/kWh");
        }

        /// <summary>One line for the operator: meter constant (imp/kWh), starting register (Wh) and power ceiling (W) if set.</summary>
        public override string Describe()
        {
            return "S0 pulse output, " + _pulsesPerKwh.ToString() + " imp/kWh, register from " + _initialEnergyWh.ToString() + " Wh"
                + (_maxPowerDeciwatts > 0 ? ", at most " + (_maxPowerDeciwatts / 10).ToString() + " W" : string.Empty);
        }

        /// <summary>Every poll reads the counter, so that a power bound decays smoothly between pulses.</summary>
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
                sink.Add(new Reading(QuantityId.TotalActiveEnergyImport, EnergyWh, 0, utcNow, ReadingQuality.Good));
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
                    // Mean interval of the pulses since the last poll: exact energy over exact time.
                    long power = DeciwattMillisecondsPerKwhPulse * newPulses / (_pulsesPerKwh * (edgeMs - _lastEdgeMs));
                    if (_maxPowerDeciwatts > 0 && power > _maxPowerDeciwatts)
                    {
                        ImplausibleIntervals++;
                    }
                    else
                    {
                        _lastPowerDeciwatts = power;
                        sink.Add(new Reading(QuantityId.TotalActivePower, power, PowerDecimals, utcNow, ReadingQuality.Good));
                    }
                }

                _lastEdgeMs = edgeMs;
            }
            else if (_lastPowerDeciwatts >= 0 && _lastEdgeMs >= 0 && monotonicMs > _lastEdgeMs)
            {
                long bound = DeciwattMillisecondsPerKwhPulse / (_pulsesPerKwh * (monotonicMs - _lastEdgeMs));
                if (bound < _lastPowerDeciwatts)
                {
                    sink.Add(new Reading(QuantityId.TotalActivePower, bound, PowerDecimals, utcNow, ReadingQuality.Uncertain));
                }
                else
                {
                    sink.Add(new Reading(QuantityId.TotalActivePower, _lastPowerDeciwatts, PowerDecimals, utcNow, ReadingQuality.Good));
                }
            }

            sink.Add(new Reading(QuantityId.TotalActiveEnergyImport, EnergyWh, 0, utcNow, ReadingQuality.Good));
        }
    }
}
