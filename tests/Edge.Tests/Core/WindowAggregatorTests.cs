using System;
using Edge.Core.Aggregation;
using Edge.Core.Model;
using Edge.Core.Time;
using Edge.Tests.Fakes;
using Xunit;

namespace Edge.Tests.Core
{
    public class WindowAggregatorTests
    {
        [Theory]
        [InlineData(60, "2026-11-25T20:13:27Z", "2026-11-25T20:13:00Z", "2026-11-25T20:14:00Z")]
        [InlineData(900, "2026-11-25T20:13:27Z", "2026-11-25T20:00:00Z", "2026-11-25T20:15:00Z")]
        [InlineData(900, "2026-11-25T20:15:00Z", "2026-11-25T20:15:00Z", "2026-11-25T20:30:00Z")]
        [InlineData(3600, "2026-11-25T23:59:59.999Z", "2026-11-25T23:00:00Z", "2026-11-26T00:00:00Z")]
        [InlineData(86400, "2026-03-29T12:00:00Z", "2026-03-29T00:00:00Z", "2026-03-30T00:00:00Z")]
        public void Aligns_windows_to_the_wall_clock_not_to_boot_time(int windowSeconds, string now, string start, string end)
        {
            var window = new WindowAggregator(windowSeconds, 1, 4);
            window.Open(Utc.At(now));
            Assert.Equal(Utc.At(start), window.WindowStart);
            Assert.Equal(Utc.At(end), window.WindowEnd);
        }

        [Fact]
        public void Computes_time_weighted_mean_min_max_with_times_first_last_count_and_coverage()
        {
            var window = new WindowAggregator(60, 1, 4);
            window.Open(Utc.At("2026-11-25T20:00:00Z"));
            Add(window, 0, QuantityId.PhaseVoltageL1, 2302, 1, "2026-11-25T20:00:01Z");
            Add(window, 0, QuantityId.PhaseVoltageL1, 2288, 1, "2026-11-25T20:00:11Z");
            Add(window, 0, QuantityId.PhaseVoltageL1, 2315, 1, "2026-11-25T20:00:21Z");
            Add(window, 0, QuantityId.PhaseVoltageL1, 2301, 1, "2026-11-25T20:00:31Z");
            window.Close(Utc.At("2026-11-25T20:01:00Z"));

            Assert.Equal(1, window.SlotCount);
            QuantityStats v = window.Slot(0);
            Assert.Equal(QuantityId.PhaseVoltageL1, v.Quantity);
            Assert.Equal(4, v.Count);
            Assert.Equal(1, v.Decimals);

            // By hand: 230.2 V for 10 s, 228.8 for 10 s, 231.5 for 10 s, 230.1 for the last 29 s; nothing before :01.
            // (2302*10 + 2288*10 + 2315*10 + 2301*29) / 59 = 2301.339 -> 230.13 V.
            Assert.Equal(59000, v.CoveredMs);
            Assert.Equal((2302L * 10 + 2288 * 10 + 2315 * 10 + 2301 * 29) * 1000, v.WeightedSum);
            Assert.Equal(23013, v.Mean(1));
            Assert.Equal(983, v.CoveragePerMille(window.WindowMs));
            Assert.Equal(2288, v.Min);
            Assert.Equal(Utc.At("2026-11-25T20:00:11Z"), v.MinTime);
            Assert.Equal(2315, v.Max);
            Assert.Equal(Utc.At("2026-11-25T20:00:21Z"), v.MaxTime);
            Assert.Equal(2302, v.First);
            Assert.Equal(2301, v.Last);
            Assert.Equal(Utc.At("2026-11-25T20:00:31Z"), v.LastTime);
            Assert.Equal(4, window.SampleCount);
        }

        [Fact]
        public void Unequal_sampling_does_not_bias_the_mean()
        {
            // 100 W for 50 s, then 200 W for 10 s: the plain mean of the two samples would say 150 W.
            var window = new WindowAggregator(60, 1, 4);
            window.Open(Utc.At("2026-11-25T20:00:00Z"));
            Add(window, 0, QuantityId.TotalActivePower, 100, 0, "2026-11-25T20:00:00Z");
            Add(window, 0, QuantityId.TotalActivePower, 200, 0, "2026-11-25T20:00:50Z");
            window.Close(Utc.At("2026-11-25T20:01:00Z"));

            Assert.Equal(11667, window.Slot(0).Mean(2)); // (100*50 + 200*10) / 60 = 116.67 W
            Assert.Equal(1000, window.Slot(0).CoveragePerMille(window.WindowMs));
        }

        [Fact]
        public void A_value_holds_no_longer_than_the_hold_limit_and_coverage_shows_the_silence()
        {
            var window = new WindowAggregator(new FixedWindowCalendar(900), 1, 4, maxHoldMs: 60000);
            window.Open(Utc.At("2026-11-25T20:00:00Z"));
            Add(window, 0, QuantityId.PhaseVoltageL1, 230, 0, "2026-11-25T20:00:00Z");
            Add(window, 0, QuantityId.PhaseVoltageL1, 240, 0, "2026-11-25T20:10:00Z");
            window.Close(Utc.At("2026-11-25T20:15:00Z"));

            // Each value covers one minute: 2 of 15 minutes covered, and the mean weighs them equally.
            QuantityStats v = window.Slot(0);
            Assert.Equal(120000, v.CoveredMs);
            Assert.Equal(133, v.CoveragePerMille(window.WindowMs));
            Assert.Equal(2350, v.Mean(1));
        }

        [Fact]
        public void A_held_value_carries_into_the_next_window()
        {
            var window = new WindowAggregator(60, 1, 4);
            window.Open(Utc.At("2026-11-25T20:00:00Z"));
            Add(window, 0, QuantityId.PhaseVoltageL1, 230, 0, "2026-11-25T20:00:50Z");
            window.Close(Utc.At("2026-11-25T20:01:00Z"));
            window.Open(Utc.At("2026-11-25T20:01:00Z"));
            Add(window, 0, QuantityId.PhaseVoltageL1, 250, 0, "2026-11-25T20:01:30Z");
            window.Close(Utc.At("2026-11-25T20:02:00Z"));

            // 230 V held from 20:00:50 until 20:01:30 (within the 60 s limit), then 250 V to the end.
            QuantityStats v = window.Slot(0);
            Assert.Equal(60000, v.CoveredMs);
            Assert.Equal(2400, v.Mean(1));
            Assert.Equal(230, v.Min);
            Assert.Equal(Utc.At("2026-11-25T20:01:00Z"), v.MinTime);
            Assert.Equal(1, v.Count);
        }

        [Fact]
        public void Keeps_meters_and_quantities_apart()
        {
            var window = new WindowAggregator(60, 2, 8);
            window.Open(Utc.At("2026-11-25T20:00:00Z"));
            Add(window, 0, QuantityId.TotalActivePower, 500, 0, "2026-11-25T20:00:01Z");
            Add(window, 1, QuantityId.TotalActivePower, 1500, 0, "2026-11-25T20:00:01Z");
            Add(window, 0, QuantityId.TotalActiveEnergyImport, 1000, 0, "2026-11-25T20:00:01Z");
            Add(window, 1, QuantityId.TotalActivePower, 1700, 0, "2026-11-25T20:00:02Z");

            Assert.Equal(3, window.SlotCount);
            Assert.Equal((0, QuantityId.TotalActivePower, 1, 500L), Describe(window.Slot(0)));
            Assert.Equal((1, QuantityId.TotalActivePower, 2, 1700L), Describe(window.Slot(1)));
            Assert.Equal((0, QuantityId.TotalActiveEnergyImport, 1, 1000L), Describe(window.Slot(2)));
        }

        [Fact]
        public void A_plan_takes_only_its_quantities_of_its_meters()
        {
            var plan = new WindowPlan(new FixedWindowCalendar(60), [QuantityId.TotalActivePower], StatisticSet.All, [1]);
            var window = new WindowAggregator(plan, 2, 8, WindowAggregator.DefaultMaxHoldMs);
            window.Open(Utc.At("2026-11-25T20:00:00Z"));
            Add(window, 0, QuantityId.TotalActivePower, 500, 0, "2026-11-25T20:00:01Z");
            Add(window, 1, QuantityId.TotalActivePower, 700, 0, "2026-11-25T20:00:01Z");
            Add(window, 1, QuantityId.PhaseVoltageL1, 230, 0, "2026-11-25T20:00:01Z");

            Assert.Equal(1, window.SlotCount);
            Assert.Equal((1, QuantityId.TotalActivePower, 700L), (window.Slot(0).Meter, window.Slot(0).Quantity, window.Slot(0).Last));
            Assert.Equal(0, window.DroppedOutOfWindow + window.DroppedNoSlot);
        }

        [Fact]
        public void Converts_samples_to_the_decimals_of_the_first_sample()
        {
            var window = new WindowAggregator(60, 1, 4);
            window.Open(Utc.At("2026-11-25T20:00:00Z"));
            Add(window, 0, QuantityId.CurrentL1, 512, 2, "2026-11-25T20:00:01Z"); // 5.12 A
            Add(window, 0, QuantityId.CurrentL1, 6, 0, "2026-11-25T20:00:02Z");   // 6 A
            Add(window, 0, QuantityId.CurrentL1, 5126, 3, "2026-11-25T20:00:03Z"); // 5.126 A -> 5.13 A

            QuantityStats current = window.Slot(0);
            Assert.Equal(2, current.Decimals);
            Assert.Equal(512, current.Min);
            Assert.Equal(600, current.Max);
            Assert.Equal(513, current.Last);
        }

        [Fact]
        public void Drops_and_counts_samples_outside_the_open_window()
        {
            var window = new WindowAggregator(60, 1, 4);
            window.Open(Utc.At("2026-11-25T20:00:30Z"));
            Add(window, 0, QuantityId.Frequency, 5000, 2, "2026-11-25T19:59:59Z");
            Add(window, 0, QuantityId.Frequency, 5000, 2, "2026-11-25T20:01:00Z");
            Add(window, 0, QuantityId.Frequency, 4999, 2, "2026-11-25T20:00:00Z");

            Assert.Equal(2, window.DroppedOutOfWindow);
            Assert.Equal(1, window.SampleCount);
        }

        [Fact]
        public void Counts_samples_that_find_no_free_slot()
        {
            var window = new WindowAggregator(60, 1, 2);
            window.Open(Utc.At("2026-11-25T20:00:00Z"));
            Add(window, 0, QuantityId.CurrentL1, 1, 0, "2026-11-25T20:00:01Z");
            Add(window, 0, QuantityId.CurrentL2, 1, 0, "2026-11-25T20:00:01Z");
            Add(window, 0, QuantityId.CurrentL3, 1, 0, "2026-11-25T20:00:01Z");

            Assert.Equal(2, window.SlotCount);
            Assert.Equal(1, window.DroppedNoSlot);
        }

        [Fact]
        public void Next_window_starts_empty_but_keeps_the_slot_order()
        {
            var window = new WindowAggregator(60, 1, 4);
            window.Open(Utc.At("2026-11-25T20:00:00Z"));
            Add(window, 0, QuantityId.CurrentL1, 3, 0, "2026-11-25T20:00:01Z");
            Add(window, 0, QuantityId.CurrentL2, 4, 0, "2026-11-25T20:00:01Z");

            window.Open(Utc.At("2026-11-25T20:01:00Z"));
            Assert.Equal(0, window.SampleCount);
            Assert.Equal(0, window.Slot(0).Count);
            Add(window, 0, QuantityId.CurrentL2, 9, 0, "2026-11-25T20:01:01Z");
            Assert.Equal(QuantityId.CurrentL1, window.Slot(0).Quantity);
            Assert.Equal(QuantityId.CurrentL2, window.Slot(1).Quantity);
            Assert.Equal(9, window.Slot(1).First);
        }

        [Fact]
        public void Is_due_at_its_end_and_when_the_clock_goes_back()
        {
            var window = new WindowAggregator(60, 1, 4);
            Assert.False(window.IsDue(Utc.At("2026-11-25T20:00:00Z")));
            window.Open(Utc.At("2026-11-25T20:00:10Z"));
            Assert.False(window.IsDue(Utc.At("2026-11-25T20:00:59.999Z")));
            Assert.True(window.IsDue(Utc.At("2026-11-25T20:01:00Z")));
            Assert.True(window.IsDue(Utc.At("2026-11-25T19:59:59Z")));
        }

        [Fact]
        public void Adding_samples_and_closing_windows_allocates_nothing()
        {
            var window = new WindowAggregator(60, 1, 8);
            window.Open(Utc.At("2026-11-25T20:00:00Z"));
            var reading = new Reading(QuantityId.PhaseVoltageL1, 2302, 1, Utc.At("2026-11-25T20:00:01Z"), ReadingQuality.Good);
            window.Add(0, reading);
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 10000; i++)
            {
                reading.Value = 2290 + (i % 20);
                window.Add(0, reading);
            }

            window.Close(Utc.At("2026-11-25T20:01:00Z"));
            window.Open(Utc.At("2026-11-25T20:01:00Z"));
            Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        [Fact]
        public void Register_deltas_of_consecutive_windows_add_up_to_the_register_difference()
        {
            var window = new WindowAggregator(60, 1, 4);
            long[] registers = [1000, 1003, 1003, 1010, 1011, 1030, 1031, 1032, 1040, 1041, 1060, 1061];
            long total = 0;
            window.Open(Utc.At("2026-11-25T20:00:00Z"));
            for (int i = 0; i < registers.Length; i++)
            {
                DateTime t = Utc.At("2026-11-25T20:00:00Z").AddSeconds(i * 20);
                if (window.IsDue(t))
                {
                    window.Close(t);
                    total += window.Slot(0).Delta;
                    window.Open(t);
                }

                window.Add(0, new Reading(QuantityId.TotalActiveEnergyImport, registers[i], 0, t, ReadingQuality.Good));
            }

            window.Close(Utc.At("2026-11-25T20:04:00Z"));
            total += window.Slot(0).Delta;
            Assert.Equal(1061 - 1000, total);
        }

        [Fact]
        public void A_nine_digit_tic_register_that_wraps_counts_what_crossed_the_wrap()
        {
            var window = new WindowAggregator(60, 1, 4);
            window.SetRegisterRule(new RegisterRule(0, QuantityId.TotalActiveEnergyImport, 1_000_000_000, 0));
            window.Open(Utc.At("2026-11-25T20:00:00Z"));
            Add(window, 0, QuantityId.TotalActiveEnergyImport, 999_999_990, 0, "2026-11-25T20:00:10Z");
            Add(window, 0, QuantityId.TotalActiveEnergyImport, 5, 0, "2026-11-25T20:00:20Z");

            Assert.Equal(15, window.Slot(0).Delta);
            Assert.Equal(1, window.Slot(0).Rollovers);
            Assert.Equal(0, window.Slot(0).Resets);
        }

        [Fact]
        public void A_register_drop_is_a_reset_not_negative_consumption()
        {
            // A replaced meter starts near zero: the series restarts there.
            var window = new WindowAggregator(60, 1, 4);
            window.Open(Utc.At("2026-11-25T20:00:00Z"));
            Add(window, 0, QuantityId.TotalActiveEnergyImport, 52_000_000, 0, "2026-11-25T20:00:10Z");
            Add(window, 0, QuantityId.TotalActiveEnergyImport, 52_000_004, 0, "2026-11-25T20:00:20Z");
            Add(window, 0, QuantityId.TotalActiveEnergyImport, 12, 0, "2026-11-25T20:00:30Z");
            Add(window, 0, QuantityId.TotalActiveEnergyImport, 15, 0, "2026-11-25T20:00:40Z");

            QuantityStats e = window.Slot(0);
            Assert.Equal(4 + 3, e.Delta);
            Assert.Equal(1, e.Resets);
            Assert.Equal(0, e.Rollovers);
        }

        [Fact]
        public void A_decrease_within_the_noise_tolerance_is_no_consumption_and_no_reset()
        {
            // Float32 registers read over Modbus jitter in their last digit.
            var window = new WindowAggregator(60, 1, 4);
            window.SetRegisterRule(new RegisterRule(0, QuantityId.TotalActiveEnergyImport, 0, 2));
            window.Open(Utc.At("2026-11-25T20:00:00Z"));
            Add(window, 0, QuantityId.TotalActiveEnergyImport, 1000, 0, "2026-11-25T20:00:10Z");
            Add(window, 0, QuantityId.TotalActiveEnergyImport, 999, 0, "2026-11-25T20:00:20Z");
            Add(window, 0, QuantityId.TotalActiveEnergyImport, 1003, 0, "2026-11-25T20:00:30Z");

            Assert.Equal(3, window.Slot(0).Delta);
            Assert.Equal(0, window.Slot(0).Resets);
        }

        [Fact]
        public void A_delta_after_missing_windows_spans_the_gap_and_says_since_when()
        {
            var window = new WindowAggregator(60, 1, 4);
            window.Open(Utc.At("2026-11-25T20:00:00Z"));
            Add(window, 0, QuantityId.TotalActiveEnergyImport, 500, 0, "2026-11-25T20:00:40Z");
            window.Close(Utc.At("2026-11-25T20:01:00Z"));

            // Nothing for three windows, then the register again.
            window.Open(Utc.At("2026-11-25T20:04:00Z"));
            Add(window, 0, QuantityId.TotalActiveEnergyImport, 560, 0, "2026-11-25T20:04:10Z");

            QuantityStats e = window.Slot(0);
            Assert.True(e.HasDelta);
            Assert.Equal(60, e.Delta);
            Assert.True(e.DeltaSpansGap);
            Assert.Equal(Utc.At("2026-11-25T20:00:40Z"), e.DeltaSince);
        }

        [Theory]
        [InlineData("2026-03-29T12:00:00Z", "2026-03-28T23:00:00Z", "2026-03-29T22:00:00Z", 23)]
        [InlineData("2026-10-25T12:00:00Z", "2026-10-24T22:00:00Z", "2026-10-25T23:00:00Z", 25)]
        [InlineData("2026-11-25T22:59:59Z", "2026-11-24T23:00:00Z", "2026-11-25T23:00:00Z", 24)]
        [InlineData("2026-11-25T23:00:00Z", "2026-11-25T23:00:00Z", "2026-11-26T23:00:00Z", 24)]
        [InlineData("2026-07-01T21:59:59Z", "2026-06-30T22:00:00Z", "2026-07-01T22:00:00Z", 24)]
        public void Daily_windows_follow_local_midnights_through_dst_changes(string now, string start, string end, int hours)
        {
            var window = new WindowAggregator(new LocalDayCalendar(TimeZoneRule.CentralEurope), 1, 4, WindowAggregator.DefaultMaxHoldMs);
            window.Open(Utc.At(now));

            Assert.Equal("P1D", window.Calendar.Name);
            Assert.Equal(Utc.At(start), window.WindowStart);
            Assert.Equal(Utc.At(end), window.WindowEnd);
            Assert.Equal(hours * 3_600_000L, window.WindowMs);
        }

        private static void Add(WindowAggregator window, int meter, QuantityId quantity, long value, int decimals, string time) =>
            window.Add(meter, new Reading(quantity, value, decimals, Utc.At(time), ReadingQuality.Good));

        private static (int, QuantityId, int, long) Describe(QuantityStats s) => (s.Meter, s.Quantity, s.Count, s.Last);
    }
}
