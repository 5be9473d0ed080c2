#nullable disable
using System;
using Edge.Core.Aggregation;
using Edge.Core.Model;
using Edge.Core.Time;

namespace Edge.Core.PowerQuality
{
    /// <summary>
    /// Supply voltage and frequency against EN 50160 ("Voltage characteristics of electricity supplied by public
    /// distribution networks"), at the edge:
    /// <list type="bullet">
    /// <item>10-minute mean voltage per phase (time-weighted) classified against Un +/- 10 % and the band Un + 10 % /
    /// - 15 % (section 4.2.2.2: during each week 95 % of the means within +/- 10 %, all within +10/-15 %), with the
    /// week's count N of intervals and N1 outside +/- 10 %; at the end of each local week (Monday 00:00) a
    /// <c>voltageWeek</c> event per phase gives N1/N in percent;</item>
    /// <item>10-second mean frequency against 50 Hz +/- 1 % (section 4.2.1) where the meter gives frequency;</item>
    /// <item>events at once: a sample over Un + 10 % or under Un - 10 %, a voltage under 5 % of Un (an interruption,
    /// section 3.17), and the return to normal.</item>
    /// </list>
    /// Everything is allocated at construction; readings and ticks allocate nothing.
    /// </summary>
    public sealed class VoltageQualityMonitor
    {
        private const int Normal = 0;
        private const int Over = 1;
        private const int Under = 2;
        private const int Interrupted = 3;

        private static readonly QuantityId[] Phases = { QuantityId.PhaseVoltageL1, QuantityId.PhaseVoltageL2, QuantityId.PhaseVoltageL3 };

        private readonly long _nominal;
        private readonly int _decimals;
        private readonly TimeZoneRule _zone;
        private readonly IMeterReadingHandler _events;
        private readonly WindowAggregator _tenMinutes;
        private readonly WindowAggregator _tenSeconds;
        private readonly int[] _state = new int[3];
        private readonly DateTime[] _interruptedSince = new DateTime[3];
        private readonly int[] _weekIntervals = new int[3];
        private readonly int[] _weekOutside10 = new int[3];
        private readonly int[] _weekOutside100 = new int[3];
        private bool _frequencyOut;
        private int _voltageMeter = -1;
        private DateTime _weekStart;
        private bool _weekKnown;

        /// <param name="nominalVoltage">Un as a mantissa (2300 with 1 decimal: 230.0 V).</param>
        /// <param name="decimals">Decimals of <paramref name="nominalVoltage"/>.</param>
        /// <param name="zone">Where local weeks start.</param>
        /// <param name="events">Receives the events (the node publishes them at once).</param>
        public VoltageQualityMonitor(long nominalVoltage, int decimals, TimeZoneRule zone, IMeterReadingHandler events)
        {
            if (nominalVoltage <= 0)
            {
                throw new ArgumentOutOfRangeException("nominalVoltage");
            }

            _nominal = nominalVoltage;
            _decimals = decimals;
            _zone = zone;
            _events = events;
            _tenMinutes = new WindowAggregator(new WindowPlan(new FixedWindowCalendar(600), Phases, StatisticSet.Mean), 1, 3, WindowAggregator.DefaultMaxHoldMs);
            _tenSeconds = new WindowAggregator(new WindowPlan(new FixedWindowCalendar(10), new QuantityId[] { QuantityId.Frequency }, StatisticSet.Mean), 1, 1, 10000);
        }

        /// <summary>Un in tenths of a volt.</summary>
        public long NominalVoltage
        {
            get { return _nominal; }
        }

        /// <summary>10-minute intervals counted this week for the phase (0..2).</summary>
        public int WeekIntervals(int phase)
        {
            return _weekIntervals[phase];
        }

        /// <summary>This week's 10-minute means outside Un +/- 10 % (N1).</summary>
        public int WeekOutsideTenPercent(int phase)
        {
            return _weekOutside10[phase];
        }

        /// <summary>This week's 10-minute means outside Un + 10 % / - 15 %.</summary>
        public int WeekOutsideHundredPercentBand(int phase)
        {
            return _weekOutside100[phase];
        }

        /// <summary>EN 50160 so far this week: N1/N at most 5 % and every mean within + 10 % / - 15 %.</summary>
        public bool WeekCompliant(int phase)
        {
            return _weekOutside10[phase] * 20 <= _weekIntervals[phase] && _weekOutside100[phase] == 0;
        }

        /// <summary>Takes a reading of any meter: voltages and frequency are watched, the rest ignored.</summary>
        public void OnReading(int meter, Reading reading)
        {
            int phase = PhaseOf(reading.Quantity);
            if (phase >= 0)
            {
                // The supply is watched through one meter: the first that gives voltages.
                if (_voltageMeter < 0)
                {
                    _voltageMeter = meter;
                }
                else if (meter != _voltageMeter)
                {
                    return;
                }

                if (!_tenMinutes.IsOpen)
                {
                    StartAt(reading.Time);
                }

                _tenMinutes.Add(0, reading);
                Classify(meter, phase, reading);
            }
            else if (reading.Quantity == QuantityId.Frequency)
            {
                if (!_tenSeconds.IsOpen)
                {
                    _tenSeconds.Open(reading.Time);
                }

                _tenSeconds.Add(0, reading);
            }
        }

        /// <summary>Closes the intervals whose end has passed; call at every node tick.</summary>
        public void Tick(DateTime now)
        {
            if (_tenMinutes.IsDue(now))
            {
                _tenMinutes.Close(now);
                CloseTenMinutes();
                if (now >= NextWeekStart())
                {
                    CloseWeek();
                }

                _tenMinutes.Open(now);
            }

            if (_tenSeconds.IsDue(now))
            {
                _tenSeconds.Close(now);
                CloseTenSeconds();
                _tenSeconds.Open(now);
            }
        }

        private void StartAt(DateTime time)
        {
            _tenMinutes.Open(time);
            if (!_weekKnown)
            {
                _weekStart = LocalWeekStart(time);
                _weekKnown = true;
            }
        }

        private void Classify(int meter, int phase, Reading reading)
        {
            long value = DecimalMath.Rescale(reading.Value, reading.Decimals, _decimals);
            int state;
            if (value * 20 < _nominal)
            {
                state = Interrupted;
            }
            else if (value * 10 > _nominal * 11)
            {
                state = Over;
            }
            else if (value * 10 < _nominal * 9)
            {
                state = Under;
            }
            else
            {
                state = Normal;
            }

            int previous = _state[phase];
            if (state == previous)
            {
                return;
            }

            _state[phase] = state;
            if (previous == Interrupted)
            {
                Reading restored = reading;
                restored.Value = (reading.Time.Ticks - _interruptedSince[phase].Ticks) / TimeSpan.TicksPerSecond;
                restored.Decimals = 0;
                _events.OnMeterEvent(meter, MeterEventKind.SupplyRestored, restored);
            }

            switch (state)
            {
                case Interrupted:
                    _interruptedSince[phase] = reading.Time;
                    _events.OnMeterEvent(meter, MeterEventKind.SupplyInterrupted, reading);
                    break;
                case Over:
                    _events.OnMeterEvent(meter, MeterEventKind.Overvoltage, reading);
                    break;
                case Under:
                    _events.OnMeterEvent(meter, MeterEventKind.Undervoltage, reading);
                    break;
                default:
                    if (previous != Interrupted)
                    {
                        _events.OnMeterEvent(meter, MeterEventKind.VoltageNormal, reading);
                    }

                    break;
            }
        }

        private void CloseTenMinutes()
        {
            for (int i = 0; i < _tenMinutes.SlotCount; i++)
            {
                QuantityStats stats = _tenMinutes.Slot(i);
                if (stats.Count == 0 && stats.CoveredMs == 0)
                {
                    continue;
                }

                int phase = PhaseOf(stats.Quantity);
                long mean = DecimalMath.Rescale(stats.Mean(0), stats.Decimals, _decimals);
                _weekIntervals[phase]++;
                bool outside10 = mean * 10 > _nominal * 11 || mean * 10 < _nominal * 9;
                bool outside100 = mean * 10 > _nominal * 11 || mean * 20 < _nominal * 17;
                if (outside10)
                {
                    _weekOutside10[phase]++;
                    _events.OnMeterEvent(_voltageMeter, MeterEventKind.VoltageIntervalOutOfBand, new Reading(stats.Quantity, mean, _decimals, _tenMinutes.WindowStart, ReadingQuality.Good));
                }

                if (outside100)
                {
                    _weekOutside100[phase]++;
                }
            }
        }

        private void CloseTenSeconds()
        {
            if (_tenSeconds.SlotCount == 0 || _tenSeconds.Slot(0).Count == 0)
            {
                return;
            }

            QuantityStats stats = _tenSeconds.Slot(0);
            long mean = stats.Mean(0);
            long nominal = 50 * DecimalMath.Pow10(stats.Decimals);
            bool out1 = mean * 100 > nominal * 101 || mean * 100 < nominal * 99;
            if (out1 != _frequencyOut)
            {
                _frequencyOut = out1;
                Reading reading = new Reading(QuantityId.Frequency, mean, stats.Decimals, _tenSeconds.WindowStart, ReadingQuality.Good);
                _events.OnMeterEvent(_voltageMeter < 0 ? 0 : _voltageMeter, out1 ? MeterEventKind.FrequencyOutOfRange : MeterEventKind.FrequencyNormal, reading);
            }
        }

        private void CloseWeek()
        {
            for (int phase = 0; phase < 3; phase++)
            {
                if (_weekIntervals[phase] > 0)
                {
                    // Share in percent with one decimal: N1 * 1000 / N tenths of a percent.
                    long share = DecimalMath.DivideRounded(_weekOutside10[phase] * 1000L, _weekIntervals[phase]);
                    _events.OnMeterEvent(_voltageMeter, MeterEventKind.VoltageWeek, new Reading(Phases[phase], share, 1, _weekStart, ReadingQuality.Good));
                }

                _weekIntervals[phase] = 0;
                _weekOutside10[phase] = 0;
                _weekOutside100[phase] = 0;
            }

            _weekStart = NextWeekStart();
        }

        private DateTime NextWeekStart()
        {
            DateTime day = _weekStart;
            for (int i = 0; i < 7; i++)
            {
                day = _zone.NextLocalDayStart(day);
            }

            return day;
        }

        /// <summary>Local Monday 00:00 of the week containing the instant.</summary>
        private DateTime LocalWeekStart(DateTime utc)
        {
            DateTime day = _zone.LocalDayStart(utc);
            int back = ((int)_zone.ToLocal(day).DayOfWeek + 6) % 7;
            for (int i = 0; i < back; i++)
            {
                day = _zone.LocalDayStart(day.AddHours(-1));
            }

            return day;
        }

        /// <summary>Whether the monitor does anything with a reading of <paramref name="quantity"/>: a phase voltage
        /// or the frequency.</summary>
        internal static bool Watches(QuantityId quantity)
        {
            return PhaseOf(quantity) >= 0 || quantity == QuantityId.Frequency;
        }

        private static int PhaseOf(QuantityId quantity)
        {
            switch (quantity)
            {
                case QuantityId.PhaseVoltageL1:
                    return 0;
                case QuantityId.PhaseVoltageL2:
                    return 1;
                case QuantityId.PhaseVoltageL3:
                    return 2;
                default:
                    return -1;
            }
        }
    }
}
