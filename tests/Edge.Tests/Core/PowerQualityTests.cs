using System;
using System.Collections.Generic;
using System.Linq;
using Edge.Core.Aggregation;
using Edge.Core.Model;
using Edge.Core.PowerQuality;
using Edge.Core.Time;
using Edge.Tests.Fakes;
using Xunit;

namespace Edge.Tests.Core
{
    public class PowerQualityTests
    {
        // Monday 2026-11-23 00:00 local (Europe/Paris, UTC+1).
        private static readonly DateTime WeekStart = Utc.At("2026-11-22T23:00:00Z");

        [Theory]
        [InlineData(40, 40, "4", true)]   // 40 of 1008 ten-minute means outside Un +/- 10 %: 3.97 %, compliant
        [InlineData(60, 60, "6", false)]  // 60 of 1008: 5.95 %, over the 5 % of EN 50160
        public void Classifies_a_synthetic_week_of_ten_minute_means(int lowIntervals, int expectedOutside, string sharePrefix, bool compliant)
        {
            var events = new EventLog();
            var monitor = new VoltageQualityMonitor(2300, 1, TimeZoneRule.CentralEurope, events);
            var low = new HashSet<int>(Enumerable.Range(0, lowIntervals).Select(i => 7 + (i * 16))); // spread over the week

            for (int interval = 0; interval < 1008; interval++)
            {
                // 200 V (under 207 V) for the chosen intervals, 231 V otherwise; a sample every 10 s.
                long volts = low.Contains(interval) ? 2000 : 2310;
                for (int s = 0; s < 600; s += 10)
                {
                    DateTime t = WeekStart.AddMinutes(interval * 10).AddSeconds(s);
                    monitor.Tick(t);
                    monitor.OnReading(0, new Reading(QuantityId.PhaseVoltageL1, volts, 1, t, ReadingQuality.Good));
                }
            }

            // The last interval closes with the week's end, at the next tick.
            Assert.Equal(1007, monitor.WeekIntervals(0));
            monitor.Tick(WeekStart.AddDays(7));

            Assert.Equal(expectedOutside, events.Count(MeterEventKind.VoltageIntervalOutOfBand));
            Reading week = events.Single(MeterEventKind.VoltageWeek);
            Assert.Equal(QuantityId.PhaseVoltageL1, week.Quantity);
            Assert.StartsWith(sharePrefix, (week.Value / 10m).ToString(System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(DecimalMath.DivideRounded(expectedOutside * 1000L, 1008), week.Value);
            Assert.Equal(compliant, expectedOutside * 20 <= 1008);

            // Every dip is announced at once and its end too.
            Assert.Equal(lowIntervals, events.Count(MeterEventKind.Undervoltage));
            Assert.Equal(lowIntervals, events.Count(MeterEventKind.VoltageNormal));
            Assert.Equal(0, monitor.WeekIntervals(0));
        }

        [Fact]
        public void Tracks_compliance_during_the_week()
        {
            var monitor = new VoltageQualityMonitor(2300, 1, TimeZoneRule.CentralEurope, new EventLog());
            for (int interval = 0; interval < 20; interval++)
            {
                long volts = interval == 3 ? 2600 : 2300; // one interval over 253 V
                for (int s = 0; s < 600; s += 60)
                {
                    DateTime t = WeekStart.AddMinutes(interval * 10).AddSeconds(s);
                    monitor.Tick(t);
                    monitor.OnReading(0, new Reading(QuantityId.PhaseVoltageL1, volts, 1, t, ReadingQuality.Good));
                }
            }

            monitor.Tick(WeekStart.AddMinutes(200));
            Assert.Equal(20, monitor.WeekIntervals(0));
            Assert.Equal(1, monitor.WeekOutsideTenPercent(0));
            Assert.Equal(1, monitor.WeekOutsideHundredPercentBand(0));
            Assert.False(monitor.WeekCompliant(0)); // above +10 % is outside the 100 % band too
        }

        [Fact]
        public void Reports_an_interruption_when_the_voltage_falls_under_five_percent_and_its_duration_when_it_returns()
        {
            var events = new EventLog();
            var monitor = new VoltageQualityMonitor(2300, 1, TimeZoneRule.CentralEurope, events);
            DateTime t = Utc.At("2026-11-25T20:00:00Z");
            monitor.OnReading(0, new Reading(QuantityId.PhaseVoltageL2, 231, 0, t, ReadingQuality.Good));
            monitor.OnReading(0, new Reading(QuantityId.PhaseVoltageL2, 3, 0, t.AddSeconds(5), ReadingQuality.Good));
            monitor.OnReading(0, new Reading(QuantityId.PhaseVoltageL2, 0, 0, t.AddSeconds(10), ReadingQuality.Good));
            monitor.OnReading(0, new Reading(QuantityId.PhaseVoltageL2, 229, 0, t.AddSeconds(95), ReadingQuality.Good));

            Assert.Equal([MeterEventKind.SupplyInterrupted, MeterEventKind.SupplyRestored], events.Kinds);
            Assert.Equal((QuantityId.PhaseVoltageL2, 90L), (events.Log[1].Reading.Quantity, events.Log[1].Reading.Value));
            Assert.Equal("s", MeterEvents.UnitOf(MeterEventKind.SupplyRestored, QuantityId.PhaseVoltageL2));
        }

        [Fact]
        public void Watches_ten_second_mean_frequency_against_one_percent()
        {
            var events = new EventLog();
            var monitor = new VoltageQualityMonitor(2300, 1, TimeZoneRule.CentralEurope, events);
            DateTime t = Utc.At("2026-11-25T20:00:00Z");
            long[] centiHertz = [5000, 5002, 4998, 4940, 4945, 4990, 5001];
            for (int i = 0; i < centiHertz.Length; i++)
            {
                // One 10-second window each, sampled every second.
                for (int s = 0; s < 10; s++)
                {
                    DateTime at = t.AddSeconds((i * 10) + s);
                    monitor.Tick(at);
                    monitor.OnReading(0, new Reading(QuantityId.Frequency, centiHertz[i], 2, at, ReadingQuality.Good));
                }
            }

            monitor.Tick(t.AddSeconds(80));
            Assert.Equal([MeterEventKind.FrequencyOutOfRange, MeterEventKind.FrequencyNormal], events.Kinds);
            Assert.Equal(4940, events.Log[0].Reading.Value);
        }

        [Fact]
        public void Watching_allocates_nothing_per_sample()
        {
            var monitor = new VoltageQualityMonitor(2300, 1, TimeZoneRule.CentralEurope, new EventLog());
            var reading = new Reading(QuantityId.PhaseVoltageL1, 2301, 1, WeekStart, ReadingQuality.Good);
            monitor.OnReading(0, reading);

            // The first 10-minute and 10-second closes run type initialisers (static tables, the runtime's own
            // first-call work): once per process, not per sample, so they are outside the measurement.
            Watch(monitor, reading, 1, 1300);
            long before = GC.GetAllocatedBytesForCurrentThread();
            Watch(monitor, reading, 1300, 6300);
            Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        private static void Watch(VoltageQualityMonitor monitor, Reading reading, int fromSecond, int toSecond)
        {
            for (int i = fromSecond; i < toSecond; i++)
            {
                reading.Time = WeekStart.AddSeconds(i);
                reading.Value = 2290 + (i % 20);
                monitor.Tick(reading.Time);
                monitor.OnReading(0, reading);
            }
        }

        private sealed class EventLog : IMeterReadingHandler
        {
            public List<(MeterEventKind Kind, Reading Reading)> Log { get; } = new();

            public MeterEventKind[] Kinds => Log.Select(e => e.Kind).ToArray();

            public int Count(MeterEventKind kind) => Log.Count(e => e.Kind == kind);

            public Reading Single(MeterEventKind kind) => Log.Single(e => e.Kind == kind).Reading;

            public void OnReading(int meter, Reading reading)
            {
            }

            public void OnMeterEvent(int meter, MeterEventKind kind, Reading reading) => Log.Add((kind, reading));
        }
    }
}
