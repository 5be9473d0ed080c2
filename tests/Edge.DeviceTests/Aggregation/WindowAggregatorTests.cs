#nullable disable
using System;
using Edge.Core.Aggregation;
using Edge.Core.Model;
using Edge.Core.Time;
using Edge.DeviceTests.Support;
using nanoFramework.TestFramework;

namespace Edge.DeviceTests.Aggregation
{
    /// <summary>
    /// Windows on the device's integer arithmetic: aligned to the wall clock, means weighted by time, values held
    /// no longer than the hold limit, and every sample that cannot be kept counted.
    /// </summary>
    [TestClass]
    public class WindowAggregatorTests
    {
        [TestMethod]
        [DataRow(60, 13, 27, 13, 0, 14, 0)]
        [DataRow(900, 13, 27, 0, 0, 15, 0)]
        [DataRow(900, 15, 0, 15, 0, 30, 0)]
        [DataRow(3600, 59, 59, 0, 0, 0, 60)]
        public void Aligns_windows_to_the_wall_clock_not_to_boot_time(int seconds, int minute, int second, int startMinute, int startSecond, int endMinute, int endSecondsPastHour)
        {
            WindowAggregator window = new WindowAggregator(seconds, 1, 4);
            window.Open(Day.At(20, minute, second));

            Assert.AreEqual(Day.At(20, startMinute, startSecond), window.WindowStart);
            DateTime expectedEnd = endSecondsPastHour == 60 ? Day.At(21, 0, 0) : Day.At(20, endMinute, 0);
            Assert.AreEqual(expectedEnd, window.WindowEnd);
        }

        [TestMethod]
        public void Computes_the_time_weighted_mean_extremes_and_coverage()
        {
            WindowAggregator window = new WindowAggregator(60, 1, 4);
            window.Open(Day.At(20, 0, 0));
            Add(window, 0, QuantityId.PhaseVoltageL1, 2302, 1, Day.At(20, 0, 1));
            Add(window, 0, QuantityId.PhaseVoltageL1, 2288, 1, Day.At(20, 0, 11));
            Add(window, 0, QuantityId.PhaseVoltageL1, 2315, 1, Day.At(20, 0, 21));
            Add(window, 0, QuantityId.PhaseVoltageL1, 2301, 1, Day.At(20, 0, 31));
            window.Close(Day.At(20, 1, 0));

            // By hand: 230.2 V for 10 s, 228.8 V for 10 s, 231.5 V for 10 s, 230.1 V for the last 29 s, nothing
            // before :01. (2302*10 + 2288*10 + 2315*10 + 2301*29) / 59 = 2301.339: 230.13 V.
            QuantityStats v = window.Slot(0);
            Assert.AreEqual(1, window.SlotCount);
            Assert.AreEqual(4, v.Count);
            Assert.AreEqual(59000L, v.CoveredMs);
            Assert.AreEqual((2302L * 10 + 2288 * 10 + 2315 * 10 + 2301 * 29) * 1000, v.WeightedSum);
            Assert.AreEqual(23013L, v.Mean(1));
            Assert.AreEqual(983L, v.CoveragePerMille(window.WindowMs));
            Assert.AreEqual(2288L, v.Min);
            Assert.AreEqual(Day.At(20, 0, 11), v.MinTime);
            Assert.AreEqual(2315L, v.Max);
            Assert.AreEqual(Day.At(20, 0, 21), v.MaxTime);
            Assert.AreEqual(2302L, v.First);
            Assert.AreEqual(2301L, v.Last);
        }

        [TestMethod]
        public void Unequal_sampling_does_not_bias_the_mean()
        {
            // 100 W for 50 s, then 200 W for 10 s: the plain mean of the two samples would say 150 W.
            WindowAggregator window = new WindowAggregator(60, 1, 4);
            window.Open(Day.At(20, 0, 0));
            Add(window, 0, QuantityId.TotalActivePower, 100, 0, Day.At(20, 0, 0));
            Add(window, 0, QuantityId.TotalActivePower, 200, 0, Day.At(20, 0, 50));
            window.Close(Day.At(20, 1, 0));

            Assert.AreEqual(11667L, window.Slot(0).Mean(2)); // (100*50 + 200*10) / 60 = 116.67 W
            Assert.AreEqual(1000L, window.Slot(0).CoveragePerMille(window.WindowMs));
        }

        [TestMethod]
        public void A_value_holds_no_longer_than_the_hold_limit()
        {
            WindowAggregator window = new WindowAggregator(new FixedWindowCalendar(900), 1, 4, 60000);
            window.Open(Day.At(20, 0, 0));
            Add(window, 0, QuantityId.PhaseVoltageL1, 230, 0, Day.At(20, 0, 0));
            Add(window, 0, QuantityId.PhaseVoltageL1, 240, 0, Day.At(20, 10, 0));
            window.Close(Day.At(20, 15, 0));

            // Each value covers one minute: 2 of 15 minutes covered, and the mean weighs them equally.
            QuantityStats v = window.Slot(0);
            Assert.AreEqual(120000L, v.CoveredMs);
            Assert.AreEqual(133L, v.CoveragePerMille(window.WindowMs));
            Assert.AreEqual(2350L, v.Mean(1));
        }

        [TestMethod]
        public void A_held_value_carries_into_the_next_window()
        {
            WindowAggregator window = new WindowAggregator(60, 1, 4);
            window.Open(Day.At(20, 0, 0));
            Add(window, 0, QuantityId.PhaseVoltageL1, 230, 0, Day.At(20, 0, 50));
            window.Close(Day.At(20, 1, 0));
            window.Open(Day.At(20, 1, 0));
            Add(window, 0, QuantityId.PhaseVoltageL1, 250, 0, Day.At(20, 1, 30));
            window.Close(Day.At(20, 2, 0));

            // 230 V held from 20:00:50 to 20:01:30 (within the 60 s limit), then 250 V to the end.
            QuantityStats v = window.Slot(0);
            Assert.AreEqual(60000L, v.CoveredMs);
            Assert.AreEqual(2400L, v.Mean(1));
            Assert.AreEqual(230L, v.Min);
            Assert.AreEqual(Day.At(20, 1, 0), v.MinTime);
            Assert.AreEqual(1, v.Count);
        }

        [TestMethod]
        public void Keeps_meters_and_quantities_apart()
        {
            WindowAggregator window = new WindowAggregator(60, 2, 8);
            window.Open(Day.At(20, 0, 0));
            Add(window, 0, QuantityId.TotalActivePower, 500, 0, Day.At(20, 0, 1));
            Add(window, 1, QuantityId.TotalActivePower, 1500, 0, Day.At(20, 0, 1));
            Add(window, 0, QuantityId.TotalActiveEnergyImport, 1000, 0, Day.At(20, 0, 1));
            Add(window, 1, QuantityId.TotalActivePower, 1700, 0, Day.At(20, 0, 2));

            Assert.AreEqual(3, window.SlotCount);
            AssertSlot(window.Slot(0), 0, QuantityId.TotalActivePower, 1, 500);
            AssertSlot(window.Slot(1), 1, QuantityId.TotalActivePower, 2, 1700);
            AssertSlot(window.Slot(2), 0, QuantityId.TotalActiveEnergyImport, 1, 1000);
        }

        [TestMethod]
        public void Converts_samples_to_the_decimals_of_the_first_sample()
        {
            WindowAggregator window = new WindowAggregator(60, 1, 4);
            window.Open(Day.At(20, 0, 0));
            Add(window, 0, QuantityId.CurrentL1, 512, 2, Day.At(20, 0, 1)); // 5.12 A
            Add(window, 0, QuantityId.CurrentL1, 6, 0, Day.At(20, 0, 2)); // 6 A
            Add(window, 0, QuantityId.CurrentL1, 5126, 3, Day.At(20, 0, 3)); // 5.126 A, rounded to 5.13 A

            QuantityStats current = window.Slot(0);
            Assert.AreEqual(2, current.Decimals);
            Assert.AreEqual(512L, current.Min);
            Assert.AreEqual(600L, current.Max);
            Assert.AreEqual(513L, current.Last);
        }

        [TestMethod]
        public void Counts_samples_outside_the_window_and_samples_without_a_free_slot()
        {
            WindowAggregator window = new WindowAggregator(60, 1, 2);
            window.Open(Day.At(20, 0, 30));
            Add(window, 0, QuantityId.CurrentL1, 1, 0, Day.At(19, 59, 59));
            Add(window, 0, QuantityId.CurrentL1, 1, 0, Day.At(20, 1, 0));
            Add(window, 0, QuantityId.CurrentL1, 1, 0, Day.At(20, 0, 1));
            Add(window, 0, QuantityId.CurrentL2, 1, 0, Day.At(20, 0, 1));
            Add(window, 0, QuantityId.CurrentL3, 1, 0, Day.At(20, 0, 1));

            Assert.AreEqual(2, window.DroppedOutOfWindow);
            Assert.AreEqual(1, window.DroppedNoSlot);
            Assert.AreEqual(2, window.SlotCount);
            Assert.AreEqual(2, window.SampleCount);
        }

        [TestMethod]
        public void Reports_a_registers_delta_across_a_rollover_and_a_reset()
        {
            WindowAggregator window = new WindowAggregator(60, 1, 4);
            window.SetRegisterRule(new RegisterRule(0, QuantityId.TotalActiveEnergyImport, 1000000000, 0));
            window.Open(Day.At(20, 0, 0));
            Add(window, 0, QuantityId.TotalActiveEnergyImport, 999999998, 0, Day.At(20, 0, 10));
            window.Close(window.WindowEnd);
            window.Open(Day.At(20, 5, 0));
            Add(window, 0, QuantityId.TotalActiveEnergyImport, 3, 0, Day.At(20, 5, 10));
            Add(window, 0, QuantityId.TotalActiveEnergyImport, 1, 0, Day.At(20, 5, 20));
            window.Close(window.WindowEnd);

            // 999 999 998 -> 3 wraps the 9-digit register (+5 Wh); 3 -> 1 goes back: a reset, counted, adding nothing.
            QuantityStats e = window.Slot(0);
            Assert.IsTrue(e.HasDelta);
            Assert.AreEqual(5L, e.Delta);
            Assert.AreEqual(1, e.Rollovers);
            Assert.AreEqual(1, e.Resets);
            Assert.AreEqual(Day.At(20, 0, 10), e.DeltaSince);
        }

        private static void Add(WindowAggregator window, int meter, QuantityId quantity, long value, int decimals, DateTime time)
        {
            window.Add(meter, new Reading(quantity, value, decimals, time, ReadingQuality.Good));
        }

        private static void AssertSlot(QuantityStats s, int meter, QuantityId quantity, int count, long last)
        {
            Assert.AreEqual(meter, s.Meter);
            Assert.AreEqual((int)quantity, (int)s.Quantity);
            Assert.AreEqual(count, s.Count);
            Assert.AreEqual(last, s.Last);
        }
    }
}
