using System;
using System.Linq;
using Edge.Core.Meters;
using Edge.Core.Model;
using Edge.Core.Platform;
using Edge.Drivers.S0;
using Edge.Tests.Fakes;
using Xunit;

namespace Edge.Tests.Drivers
{
    /// <summary>
    /// The S0 driver over the pulse qualifier the node opens its inputs with: power and flow from the pulse interval,
    /// the decay and the zero timeout, water and gas registers in m3, the counters and the self-test line of the
    /// glitches and bounces refused, and no allocation per poll.
    /// </summary>
    public class S0PulseCountingTests
    {
        private static readonly DateTime T0 = Utc.At("2026-11-25T20:00:00Z");

        /// <summary>An S0 output's pulse: closed for 50 ms from <paramref name="atMs"/> (the time it is stamped with).</summary>
        private static void PulseAt(PulseQualifier input, long atMs)
        {
            input.Edge(atMs, false);
            input.Edge(atMs + 50, true);
        }

        private static PulseQualifier Input() => new(false, PulseQualifier.DefaultMinWidthMs, PulseQualifier.DefaultMaxBounceMs);

        private static S0PulseMeter Meter(PulseQualifier input, string measures = MeterKinds.S0Electricity, int pulsesPerUnit = 1000, long initial = 0,
            PulseCounterStore? store = null) =>
            new("main", input, measures, pulsesPerUnit, initial, 0, PulseMeterSpec.DefaultZeroAfterS * 1000L, store);

        private static Reading Rate(RecordingSink sink, QuantityId quantity) => sink.Readings.Single(r => r.Quantity == quantity);

        [Fact]
        public void One_pulse_every_3_6_s_at_1000_imp_per_kwh_is_1000_0_w()
        {
            PulseQualifier input = Input();
            S0PulseMeter meter = Meter(input);
            var sink = new RecordingSink();
            PulseAt(input, 500);
            meter.Poll(T0, 1000, sink);
            PulseAt(input, 4100);
            sink.Readings.Clear();

            meter.Poll(T0.AddSeconds(4), 5000, sink);

            Reading power = Rate(sink, QuantityId.TotalActivePower);
            Assert.Equal((10000L, 1, ReadingQuality.Good), (power.Value, power.Decimals, power.Quality));
            Assert.Equal(1, Rate(sink, QuantityId.TotalActiveEnergyImport).Value);
        }

        [Fact]
        public void Power_decays_as_the_bound_of_one_quantum_then_reads_0_after_the_timeout()
        {
            PulseQualifier input = Input();
            S0PulseMeter meter = Meter(input);
            var sink = new RecordingSink();
            PulseAt(input, 500);
            meter.Poll(T0, 1000, sink);
            PulseAt(input, 4100);
            meter.Poll(T0.AddSeconds(4), 5000, sink);

            // 10 s after the last pulse: at most 1 Wh in 10 s = 360.0 W.
            sink.Readings.Clear();
            meter.Poll(T0.AddSeconds(13), 14100, sink);
            Reading tenSeconds = Rate(sink, QuantityId.TotalActivePower);

            // 299 s: 1 Wh in 299 s = 12.04 W, floored to 12.0 W; 300 s: the timeout, 0 W.
            sink.Readings.Clear();
            meter.Poll(T0.AddSeconds(302), 303100, sink);
            Reading justBefore = Rate(sink, QuantityId.TotalActivePower);
            sink.Readings.Clear();
            meter.Poll(T0.AddSeconds(303), 304100, sink);
            Reading timedOut = Rate(sink, QuantityId.TotalActivePower);

            Assert.Equal((3600L, ReadingQuality.Uncertain), (tenSeconds.Value, tenSeconds.Quality));
            Assert.Equal((120L, ReadingQuality.Uncertain), (justBefore.Value, justBefore.Quality));
            Assert.Equal((0L, 1, ReadingQuality.Uncertain), (timedOut.Value, timedOut.Decimals, timedOut.Quality));
            Assert.Equal(1, Rate(sink, QuantityId.TotalActiveEnergyImport).Value);
        }

        [Fact]
        public void Power_comes_back_with_the_next_pulse_after_the_timeout()
        {
            PulseQualifier input = Input();
            S0PulseMeter meter = Meter(input);
            var sink = new RecordingSink();
            PulseAt(input, 500);
            meter.Poll(T0, 1000, sink);
            PulseAt(input, 4100);
            meter.Poll(T0.AddSeconds(4), 5000, sink);
            meter.Poll(T0.AddSeconds(400), 401000, sink);

            // 1 Wh over the 400 s since the last pulse: 9.0 W, measured.
            PulseAt(input, 404100);
            sink.Readings.Clear();
            meter.Poll(T0.AddSeconds(404), 405000, sink);

            Reading power = Rate(sink, QuantityId.TotalActivePower);
            Assert.Equal((90L, ReadingQuality.Good), (power.Value, power.Quality));
        }

        [Fact]
        public void A_water_meter_reports_its_volume_in_m3_and_its_flow_in_m3_per_hour()
        {
            // 100 imp/m3: 10 L per pulse; one every 36 s is 1000 L/h = 1.0000 m3/h.
            PulseQualifier input = Input();
            S0PulseMeter meter = Meter(input, MeterKinds.S0Water, 100, 123_456);
            var sink = new RecordingSink();
            PulseAt(input, 500);
            meter.Poll(T0, 1000, sink);
            Reading start = Assert.Single(sink.Readings);
            PulseAt(input, 36_500);
            PulseAt(input, 72_500);
            sink.Readings.Clear();

            meter.Poll(T0.AddSeconds(72), 73_000, sink);

            Assert.Equal((QuantityId.WaterVolume, 123_456L, 3), (start.Quantity, start.Value, start.Decimals));
            Reading flow = Rate(sink, QuantityId.VolumeFlow);
            Assert.Equal((10000L, 4, ReadingQuality.Good), (flow.Value, flow.Decimals, flow.Quality));
            Reading volume = Rate(sink, QuantityId.WaterVolume);
            Assert.Equal((123_476L, 3), (volume.Value, volume.Decimals));
            Assert.Equal("m3/h", Quantities.UnitOf(QuantityId.VolumeFlow));
            Assert.DoesNotContain(sink.Readings, r => r.Quantity is QuantityId.TotalActiveEnergyImport or QuantityId.TotalActivePower);
        }

        [Fact]
        public void A_gas_meter_reports_gas_volume_and_its_flow_decays_to_0()
        {
            // 1 imp/m3 (a diaphragm meter's reed contact, 1 m3 a turn): a pulse each hour is 1.0000 m3/h.
            PulseQualifier input = Input();
            S0PulseMeter meter = Meter(input, MeterKinds.S0Gas, 1, 4_000_000);
            var sink = new RecordingSink();
            PulseAt(input, 500);
            meter.Poll(T0, 1000, sink);
            PulseAt(input, 3_600_500);
            meter.Poll(T0.AddHours(1), 3_601_000, sink);
            Reading flow = Rate(sink, QuantityId.VolumeFlow);
            sink.Readings.Clear();

            meter.Poll(T0.AddHours(1).AddSeconds(300), 3_900_500, sink);

            Assert.Equal(10000L, flow.Value);
            Assert.Equal((0L, 4), (Rate(sink, QuantityId.VolumeFlow).Value, Rate(sink, QuantityId.VolumeFlow).Decimals));
            Assert.Equal((QuantityId.GasVolume, 4_001_000L), (Rate(sink, QuantityId.GasVolume).Quantity, Rate(sink, QuantityId.GasVolume).Value));
            Assert.Equal("S0 pulse output, 1 imp/m3 (gas), register from 4000000 L", meter.Describe());
        }

        [Fact]
        public void Counts_one_hundred_bouncing_pulses_among_glitches_as_one_hundred_watt_hours()
        {
            PulseQualifier input = Input();
            S0PulseMeter meter = Meter(input);
            var sink = new RecordingSink();
            meter.Poll(T0, 0, sink);
            for (int i = 0; i < 100; i++)
            {
                long start = 1000 + (i * 3600L);
                input.Edge(start - 1000, false);
                input.Edge(start - 995, true);
                for (int b = 0; b < 4; b++)
                {
                    input.Edge(start + (2 * b), false);
                    input.Edge(start + (2 * b) + 1, true);
                }

                input.Edge(start + 8, false);
                input.Edge(start + 80, true);
                input.Edge(start + 81, false);
                input.Edge(start + 82, true);
                meter.Poll(T0.AddMilliseconds(start + 1000), start + 1000, sink);
            }

            Assert.Equal(100, meter.TotalPulses);
            Assert.Equal(100, meter.EnergyWh);
            Assert.Equal(new[] { "pulses", "implausibleIntervals", "refusedGlitches", "bridgedBounces", "repeatedLevels" },
                Enumerable.Range(0, meter.CounterCount).Select(meter.CounterName));
            Assert.Equal(new long[] { 100, 0, 100, 500, 0 }, Enumerable.Range(0, meter.CounterCount).Select(meter.CounterValue));
        }

        [Fact]
        public void The_self_test_warns_of_many_refused_glitches()
        {
            PulseQualifier input = Input();
            S0PulseMeter meter = Meter(input);
            meter.Poll(T0, 0, new RecordingSink());
            for (int i = 0; i < 20; i++)
            {
                long start = 10_000 + (i * 10_000L);
                input.Edge(start - 2000, false);
                input.Edge(start - 1995, true);
                input.Edge(start - 1000, false);
                input.Edge(start - 995, true);
                PulseAt(input, start);
            }

            input.Edge(300_000, false);
            input.Edge(300_005, true);
            meter.Poll(T0.AddSeconds(301), 301_000, new RecordingSink());

            // The last glitch is judged at the next edge: 40 of the 41 so far.
            Assert.Equal("WARN meter main: 40 glitches refused (shorter than 30 ms) beside 20 pulses, 0 bounces bridged, "
                + "interference on the S0 cable: use twisted pair, the RC filter or the optocoupler of hardware/wiring/s0.md", SelfTests.Line(meter, 302_000));
        }

        [Fact]
        public void The_self_test_passes_a_few_glitches_and_shows_them()
        {
            PulseQualifier input = Input();
            S0PulseMeter meter = Meter(input);
            meter.Poll(T0, 0, new RecordingSink());
            input.Edge(5000, false);
            input.Edge(5005, true);
            for (int i = 0; i < 20; i++)
            {
                PulseAt(input, 10_000 + (i * 10_000L));
            }

            meter.Poll(T0.AddSeconds(201), 201_000, new RecordingSink());

            Assert.Equal("PASS meter main: 20 pulses in the 3 min since start, the last 1 s ago, 1000 imp/kWh, glitches refused: 1, bounces bridged: 0",
                SelfTests.Line(meter, 201_000));
        }

        [Fact]
        public void Polling_a_qualified_input_with_a_persisted_count_allocates_nothing()
        {
            PulseQualifier input = Input();
            var store = new ReusingStore(PulseCounterStore.RecordBytes);
            S0PulseMeter meter = Meter(input, store: new PulseCounterStore(store, "s0-main", 10, 60_000));
            var window = new Edge.Core.Aggregation.WindowAggregator(86400, 1, 4);
            window.Open(T0);
            var sink = new Edge.Core.Aggregation.MeterReadingSink(new WindowHandler(window), 0);
            meter.Poll(T0, 0, sink);

            // Both copies written once, so the store reuses its buffers from here on.
            for (int i = 1; i <= 40; i++)
            {
                PulseAt(input, i * 1000L);
                meter.Poll(T0.AddSeconds(i), (i * 1000L) + 100, sink);
            }

            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 41; i < 5000; i++)
            {
                if (i % 3 == 0)
                {
                    PulseAt(input, i * 1000L);
                }

                meter.Poll(T0.AddSeconds(i), (i * 1000L) + 100, sink);
            }

            Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
            Assert.Equal(0, window.DroppedOutOfWindow);
            Assert.True(meter.Store!.Writes > 100, meter.Store.Writes + " writes");
        }
    }
}
