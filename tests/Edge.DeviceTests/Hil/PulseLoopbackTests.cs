#nullable disable
using Edge.Core.Platform;
using Edge.DeviceTests.Support;
using nanoFramework.TestFramework;

namespace Edge.DeviceTests.Hil
{
    /// <summary>
    /// A GPIO output wired to an S0 input (hardware/test-harness.md): pulses at 10 Hz are counted exactly, a bouncing
    /// closure once, and a closure shorter than the minimum pulse width not at all. S0 pulses last at least 30 ms
    /// (IEC 62053-31; hardware/wiring/s0.md), so a 50 ms closure every 100 ms is a fast meter's pulse train.
    /// </summary>
    [TestClass]
    public class PulseLoopbackTests
    {
        /// <summary>Half the period of 10 Hz: 50 ms closed, 50 ms open.</summary>
        private const int HalfPeriodMs = 50;

        [TestMethod]
        public void Counts_exactly_one_hundred_pulses_at_10_hz()
        {
            LoopbackHarness harness = LoopbackHarness.Require();
            IDigitalOutput output = harness.PulseOutput;
            IPulseInput input = harness.PulseInput;
            Settle(harness, output);
            int before = input.Count;
            long start = harness.MonotonicMs;

            for (int i = 0; i < 100; i++)
            {
                output.Set(true);
                harness.Pause(HalfPeriodMs);
                output.Set(false);
                harness.Pause(HalfPeriodMs);
            }

            Assert.AreEqual(100, unchecked(input.Count - before));
            Assert.IsTrue(input.LastEdgeMs >= start, "the last edge is from this run");
            Assert.IsTrue(input.LastEdgeMs <= harness.MonotonicMs);
        }

        [TestMethod]
        public void Counts_a_bouncing_closure_once()
        {
            LoopbackHarness harness = LoopbackHarness.Require();
            IDigitalOutput output = harness.PulseOutput;
            IPulseInput input = harness.PulseInput;
            Settle(harness, output);
            int before = input.Count;

            // A reed contact bounces for a few ms as it closes and opens: changes 1 ms apart, bridged as bounce.
            for (int i = 0; i < 5; i++)
            {
                output.Set(true);
                harness.Pause(1);
                output.Set(false);
                harness.Pause(1);
            }

            output.Set(true);
            harness.Pause(HalfPeriodMs + harness.MinPulseMs);
            for (int i = 0; i < 5; i++)
            {
                output.Set(false);
                harness.Pause(1);
                output.Set(true);
                harness.Pause(1);
            }

            output.Set(false);
            harness.Pause(HalfPeriodMs + harness.MinPulseMs);

            Assert.AreEqual(1, unchecked(input.Count - before));
        }

        [TestMethod]
        public void Ignores_a_glitch_shorter_than_the_minimum_pulse()
        {
            LoopbackHarness harness = LoopbackHarness.Require();
            IDigitalOutput output = harness.PulseOutput;
            Settle(harness, output);
            int before = harness.PulseInput.Count;

            output.Set(true);
            harness.Pause(1);
            output.Set(false);
            harness.Pause(HalfPeriodMs + harness.MinPulseMs);

            Assert.AreEqual(0, unchecked(harness.PulseInput.Count - before));
        }

        /// <summary>Opens the contact and waits past a pulse, so an earlier test's state is not counted here.</summary>
        private static void Settle(LoopbackHarness harness, IDigitalOutput output)
        {
            output.Set(false);
            harness.Pause(HalfPeriodMs + harness.MinPulseMs);
        }
    }
}
