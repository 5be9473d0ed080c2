using System;
using Edge.Core.Aggregation;
using Edge.Core.Model;
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
        public void Computes_mean_min_max_first_last_and_count_per_quantity()
        {
            var window = new WindowAggregator(60, 1, 4);
            window.Open(Utc.At("2026-11-25T20:00:00Z"));
            Add(window, 0, QuantityId.PhaseVoltageL1, 2302, 1, "2026-11-25T20:00:01Z");
            Add(window, 0, QuantityId.PhaseVoltageL1, 2288, 1, "2026-11-25T20:00:11Z");
            Add(window, 0, QuantityId.PhaseVoltageL1, 2315, 1, "2026-11-25T20:00:21Z");
            Add(window, 0, QuantityId.PhaseVoltageL1, 2301, 1, "2026-11-25T20:00:31Z");

            Assert.Equal(1, window.SlotCount);
            QuantityStats v = window.Slot(0);
            Assert.Equal(QuantityId.PhaseVoltageL1, v.Quantity);
            Assert.Equal(4, v.Count);
            Assert.Equal(1, v.Decimals);
            Assert.Equal(9206, v.Sum);
            Assert.Equal(23015, v.Mean(1));        // 230.15 V
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
        public void Adding_samples_allocates_nothing()
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

            window.Open(Utc.At("2026-11-25T20:01:00Z"));
            Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        private static void Add(WindowAggregator window, int meter, QuantityId quantity, long value, int decimals, string time) =>
            window.Add(meter, new Reading(quantity, value, decimals, Utc.At(time), ReadingQuality.Good));

        private static (int, QuantityId, int, long) Describe(QuantityStats s) => (s.Meter, s.Quantity, s.Count, s.Last);
    }
}
