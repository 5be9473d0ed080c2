using System;
using System.Linq;
using Edge.Core.Model;
using Edge.Drivers.S0;
using Edge.Tests.Fakes;
using Xunit;

namespace Edge.Tests.Drivers
{
    public class S0PulseMeterTests
    {
        private static readonly DateTime T0 = Utc.At("2026-11-25T20:00:00Z");

        [Fact]
        public void First_poll_reports_the_commissioned_register_and_no_power()
        {
            var input = new FakePulseInput();
            var meter = new S0PulseMeter("main", input, 1000, 4_210_000, 0);
            var sink = new RecordingSink();

            meter.Poll(T0, 0, sink);

            Reading energy = Assert.Single(sink.Readings);
            Assert.Equal(QuantityId.TotalActiveEnergyImport, energy.Quantity);
            Assert.Equal(4_210_000, energy.Value);
            Assert.Equal(0, energy.Decimals);
            Assert.Equal(T0, energy.Time);
        }

        [Fact]
        public void Power_follows_from_the_pulse_interval()
        {
            // 1000 imp/kWh: one pulse per Wh. A pulse every 3.6 s is 1 Wh per 3.6 s = 1000 W.
            var input = new FakePulseInput();
            var meter = new S0PulseMeter("main", input, 1000, 0, 0);
            var sink = new RecordingSink();
            input.Pulse(500);
            meter.Poll(T0, 1000, sink);
            input.Pulse(4100);
            sink.Readings.Clear();

            meter.Poll(T0.AddSeconds(5), 5000, sink);

            Reading power = sink.Readings.Single(r => r.Quantity == QuantityId.TotalActivePower);
            Assert.Equal(10000, power.Value);
            Assert.Equal(1, power.Decimals);
            Assert.Equal(ReadingQuality.Good, power.Quality);
            Assert.Equal(1, sink.Readings.Single(r => r.Quantity == QuantityId.TotalActiveEnergyImport).Value);
        }

        [Fact]
        public void Several_pulses_between_polls_give_their_mean_power()
        {
            // 800 imp/kWh: 1.25 Wh per pulse. 4 pulses (5 Wh) over 6 s = 3000 W.
            var input = new FakePulseInput();
            var meter = new S0PulseMeter("main", input, 800, 0, 0);
            var sink = new RecordingSink();
            input.Pulse(1000);
            meter.Poll(T0, 1000, sink);
            input.Pulse(7000, 4);
            sink.Readings.Clear();

            meter.Poll(T0.AddSeconds(7), 7000, sink);

            Assert.Equal(30000, sink.Readings.Single(r => r.Quantity == QuantityId.TotalActivePower).Value);
        }

        [Fact]
        public void Energy_is_floored_from_the_total_count_so_no_rounding_accumulates()
        {
            // 800 imp/kWh: 1.25 Wh per pulse; after 3 pulses 3.75 Wh -> 3 Wh; after 800 pulses exactly 1000 Wh.
            var input = new FakePulseInput();
            var meter = new S0PulseMeter("main", input, 800, 100, 0);
            var sink = new RecordingSink();
            meter.Poll(T0, 0, sink);
            long ms = 0;
            for (int i = 1; i <= 800; i++)
            {
                ms += 1000;
                input.Pulse(ms);
                meter.Poll(T0.AddMilliseconds(ms), ms, sink);
                if (i == 3)
                {
                    Assert.Equal(103, meter.EnergyWh);
                }
            }

            Assert.Equal(1100, meter.EnergyWh);
            Assert.Equal(1100, sink.Readings.Last(r => r.Quantity == QuantityId.TotalActiveEnergyImport).Value);
        }

        [Fact]
        public void Without_pulses_power_decays_to_the_bound_one_pulse_allows()
        {
            // Last measured 1000 W. 36 s without a pulse: at most 1 Wh in 36 s = 100 W.
            var input = new FakePulseInput();
            var meter = new S0PulseMeter("main", input, 1000, 0, 0);
            var sink = new RecordingSink();
            input.Pulse(1000);
            meter.Poll(T0, 1000, sink);
            input.Pulse(4600);
            meter.Poll(T0.AddSeconds(5), 5000, sink);
            sink.Readings.Clear();

            meter.Poll(T0.AddSeconds(6), 5600, sink);
            meter.Poll(T0.AddSeconds(37), 40600, sink);

            var powers = sink.Readings.Where(r => r.Quantity == QuantityId.TotalActivePower).ToArray();
            Assert.Equal(2, powers.Length);
            Assert.Equal((10000L, ReadingQuality.Good), (powers[0].Value, powers[0].Quality));
            Assert.Equal((1000L, ReadingQuality.Uncertain), (powers[1].Value, powers[1].Quality));
        }

        [Fact]
        public void Rejects_and_counts_an_implausibly_fast_pulse_train()
        {
            // 1000 imp/kWh and a 10 kW ceiling: two pulses 100 ms apart would be 36 kW.
            var input = new FakePulseInput();
            var meter = new S0PulseMeter("main", input, 1000, 0, 10_000);
            var sink = new RecordingSink();
            input.Pulse(1000);
            meter.Poll(T0, 1000, sink);
            input.Pulse(1100);
            sink.Readings.Clear();

            meter.Poll(T0.AddSeconds(1), 2000, sink);

            Assert.Equal(1, meter.ImplausibleIntervals);
            Assert.DoesNotContain(sink.Readings, r => r.Quantity == QuantityId.TotalActivePower);
        }

        [Fact]
        public void Survives_the_platform_counter_wrapping_around()
        {
            var input = new FakePulseInput { Count = int.MaxValue - 1, LastEdgeMs = 0 };
            var meter = new S0PulseMeter("main", input, 1000, 0, 0);
            var sink = new RecordingSink();
            meter.Poll(T0, 0, sink);
            input.Pulse(3600, 3);

            meter.Poll(T0.AddSeconds(4), 4000, sink);

            Assert.Equal(3, meter.TotalPulses);
            Assert.Equal(30000, sink.Readings.Single(r => r.Quantity == QuantityId.TotalActivePower).Value);
        }

        [Fact]
        public void Ignores_a_poll_where_the_platform_counter_went_backwards()
        {
            var input = new FakePulseInput();
            var meter = new S0PulseMeter("main", input, 1000, 0, 0);
            var sink = new RecordingSink();
            input.Pulse(1000, 10);
            meter.Poll(T0, 1000, sink);
            input.Count = 2;
            input.LastEdgeMs = 2000;

            meter.Poll(T0.AddSeconds(2), 2000, sink);

            Assert.Equal(0, meter.TotalPulses);
        }

        [Theory]
        [InlineData(0)]
        [InlineData(-1)]
        [InlineData(100001)]
        public void Rejects_an_impossible_meter_constant(int pulsesPerKwh)
        {
            var error = Assert.Throws<ArgumentOutOfRangeException>(() => new S0PulseMeter("main", new FakePulseInput(), pulsesPerKwh, 0, 0));
            Assert.Equal("pulsesPerKwh", error.ParamName);
        }

        [Fact]
        public void Polling_allocates_nothing()
        {
            var input = new FakePulseInput();
            var meter = new S0PulseMeter("main", input, 1000, 0, 0);
            var window = new Edge.Core.Aggregation.WindowAggregator(86400, 1, 4);
            window.Open(T0);
            var sink = new Edge.Core.Aggregation.MeterReadingSink(new WindowHandler(window), 0);
            meter.Poll(T0, 0, sink);
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 1; i < 5000; i++)
            {
                if (i % 3 == 0)
                {
                    input.Pulse(i * 1000L);
                }

                meter.Poll(T0.AddSeconds(i), i * 1000L, sink);
            }

            Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
            Assert.Equal(0, window.DroppedOutOfWindow);
        }
    }
}
