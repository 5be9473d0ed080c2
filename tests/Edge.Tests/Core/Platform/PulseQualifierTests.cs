using System;
using Edge.Core.Platform;
using Xunit;

namespace Edge.Tests.Core.Platform
{
    /// <summary>
    /// The one pulse qualifier of the S0 inputs, fed edge by edge as a pin interrupt feeds it: S0 pulses last at least
    /// 30 ms (IEC 62053-31), so bounce (edges 1 ms apart) is bridged into its pulse and glitches (5 ms) are refused,
    /// every refusal counted.
    /// </summary>
    public class PulseQualifierTests
    {
        /// <summary>A pulse every 200 ms: 60 ms low, then the line released.</summary>
        private const long PeriodMs = 200;

        private const long WidthMs = 60;

        private static PulseQualifier Qualifier() => new(activeHigh: false, PulseQualifier.DefaultMinWidthMs, PulseQualifier.DefaultMaxBounceMs);

        /// <summary>One pulse at <paramref name="startMs"/>, with <paramref name="bounces"/> bounce cycles (1 ms open,
        /// 1 ms closed) after the closing edge and after the opening one.</summary>
        private static void Pulse(PulseQualifier qualifier, long startMs, int bounces)
        {
            long t = startMs;
            for (int i = 0; i < bounces; i++)
            {
                qualifier.Edge(t++, false);
                qualifier.Edge(t++, true);
            }

            qualifier.Edge(t, false);
            t = startMs + WidthMs;
            for (int i = 0; i < bounces; i++)
            {
                qualifier.Edge(t++, true);
                qualifier.Edge(t++, false);
            }

            qualifier.Edge(t, true);
        }

        [Fact]
        public void Counts_one_hundred_clean_pulses_as_one_hundred_timed_by_their_leading_edge()
        {
            PulseQualifier qualifier = Qualifier();

            for (int i = 0; i < 100; i++)
            {
                Pulse(qualifier, 1000 + (i * PeriodMs), bounces: 0);
            }

            Assert.Equal(100, qualifier.Count);
            Assert.Equal(1000 + (99 * PeriodMs), qualifier.LastEdgeMs);
            Assert.Equal((0, 0, 0), (qualifier.Glitches, qualifier.Bounces, qualifier.RepeatedLevels));
        }

        [Fact]
        public void Counts_one_hundred_pulses_bouncing_with_edges_1_ms_apart_as_one_hundred()
        {
            PulseQualifier qualifier = Qualifier();

            for (int i = 0; i < 100; i++)
            {
                Pulse(qualifier, 1000 + (i * PeriodMs), bounces: 5);
            }

            // Five bounce gaps on the closing edge and five on the opening one, each bridged.
            Assert.Equal(100, qualifier.Count);
            Assert.Equal(1000, qualifier.Bounces);
            Assert.Equal(0, qualifier.Glitches);
            Assert.Equal(1000 + (99 * PeriodMs), qualifier.LastEdgeMs);
        }

        [Fact]
        public void Refuses_a_5_ms_glitch_between_each_of_one_hundred_pulses_and_counts_the_glitches()
        {
            PulseQualifier qualifier = Qualifier();

            for (int i = 0; i < 100; i++)
            {
                long start = 1000 + (i * PeriodMs);
                qualifier.Edge(start - 100, false);
                qualifier.Edge(start - 95, true);
                Pulse(qualifier, start, bounces: 2);
            }

            Assert.Equal(100, qualifier.Count);
            Assert.Equal(100, qualifier.Glitches);
            Assert.Equal(400, qualifier.Bounces);
            Assert.Equal(1000 + (99 * PeriodMs), qualifier.LastEdgeMs);
        }

        [Fact]
        public void A_closure_shorter_than_the_minimum_width_is_not_a_pulse()
        {
            PulseQualifier qualifier = Qualifier();

            qualifier.Edge(1000, false);
            qualifier.Edge(1029, true);
            qualifier.Edge(2000, false);
            qualifier.Edge(2030, true);

            Assert.Equal(1, qualifier.Count);
            Assert.Equal(1, qualifier.Glitches);
            Assert.Equal(2000, qualifier.LastEdgeMs);
        }

        [Fact]
        public void A_pulse_broken_by_a_bounce_counts_once_from_its_first_edge()
        {
            PulseQualifier qualifier = Qualifier();

            // 20 ms closed, 3 ms open, 20 ms closed: neither stretch is 30 ms, together they are one 43 ms pulse.
            qualifier.Edge(1000, false);
            qualifier.Edge(1020, true);
            qualifier.Edge(1023, false);
            qualifier.Edge(1043, true);

            Assert.Equal(1, qualifier.Count);
            Assert.Equal(1, qualifier.Bounces);
            Assert.Equal(1000, qualifier.LastEdgeMs);
        }

        [Fact]
        public void Counts_high_pulses_when_the_active_level_is_high()
        {
            var qualifier = new PulseQualifier(activeHigh: true, 30, 10);

            qualifier.Edge(1000, true);
            qualifier.Edge(1040, false);
            qualifier.Edge(1200, true);
            qualifier.Edge(1205, false);

            Assert.Equal(1, qualifier.Count);
            Assert.Equal(1000, qualifier.LastEdgeMs);
        }

        [Fact]
        public void An_edge_to_the_level_the_line_already_has_is_counted_and_changes_nothing()
        {
            PulseQualifier qualifier = Qualifier();

            qualifier.Edge(1000, true);
            qualifier.Edge(1100, false);
            qualifier.Edge(1110, false);
            qualifier.Edge(1140, true);

            Assert.Equal(2, qualifier.RepeatedLevels);
            Assert.Equal(1, qualifier.Count);
            Assert.Equal(1100, qualifier.LastEdgeMs);
        }

        [Fact]
        public void Without_a_bounce_gap_each_short_stretch_is_a_glitch_at_once()
        {
            var qualifier = new PulseQualifier(activeHigh: false, 30, 0);

            qualifier.Edge(1000, false);
            qualifier.Edge(1005, true);

            Assert.Equal((0, 1), (qualifier.Count, qualifier.Glitches));
        }

        [Theory]
        [InlineData(30, 10)]
        [InlineData(100, 10)]
        [InlineData(12, 4)]
        [InlineData(2, 0)]
        public void The_bounce_gap_is_10_ms_or_a_third_of_a_narrower_width(int minWidthMs, int bounceMs)
        {
            Assert.Equal(bounceMs, PulseQualifier.MaxBounceFor(minWidthMs));
        }

        [Theory]
        [InlineData(0, 0)]
        [InlineData(30, 30)]
        [InlineData(30, -1)]
        public void Refuses_a_width_under_1_ms_or_a_bounce_gap_not_under_the_width(int minWidthMs, int bounceMs)
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => new PulseQualifier(false, minWidthMs, bounceMs));
        }

        [Fact]
        public void Qualifying_edges_allocates_nothing()
        {
            PulseQualifier qualifier = Qualifier();
            Pulse(qualifier, 0, bounces: 1);
            long before = GC.GetAllocatedBytesForCurrentThread();

            for (int i = 1; i < 1000; i++)
            {
                Pulse(qualifier, i * PeriodMs, bounces: 3);
            }

            Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
            Assert.Equal(1000, qualifier.Count);
        }
    }
}
