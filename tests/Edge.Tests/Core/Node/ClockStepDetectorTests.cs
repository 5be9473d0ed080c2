using Edge.Core.Node;
using Edge.Core.Platform;
using Edge.Tests.Fakes;
using Xunit;

namespace Edge.Tests.Core.Node
{
    public class ClockStepDetectorTests
    {
        [Fact]
        public void Absorbs_a_correction_within_the_tolerance()
        {
            var clock = new ManualClock(Utc.At("2026-11-25T20:00:00Z"), true);
            var detector = new ClockStepDetector(clock, new NodeConfig { ClockStepToleranceMs = 2000 });
            clock.Advance(1000);
            clock.SetWallTime(clock.UtcNow.AddMilliseconds(2000), true);

            Assert.False(detector.Check());
            Assert.Equal(0, detector.Steps);
        }

        [Fact]
        public void Sees_a_step_beyond_the_tolerance_forwards_and_backwards_once_each()
        {
            var clock = new ManualClock(Utc.At("2026-11-25T20:00:00Z"), true);
            var detector = new ClockStepDetector(clock, new NodeConfig { ClockStepToleranceMs = 2000 });
            clock.SetWallTime(clock.UtcNow.AddMilliseconds(2001), true);
            Assert.True(detector.Check());
            Assert.False(detector.Check());
            clock.SetWallTime(clock.UtcNow.AddSeconds(-30), true);
            Assert.True(detector.Check());

            Assert.Equal(2, detector.Steps);
        }

        [Fact]
        public void Tells_the_size_and_direction_of_the_last_step()
        {
            var clock = new ManualClock(Utc.At("2026-11-25T20:00:00Z"), true);
            var detector = new ClockStepDetector(clock, new NodeConfig { ClockStepToleranceMs = 2000 });
            clock.Advance(1000);
            clock.SetWallTime(clock.UtcNow.AddHours(2), true);
            Assert.True(detector.Check());
            Assert.Equal(7_200_000, detector.LastStepMs);

            clock.SetWallTime(clock.UtcNow.AddMinutes(-10), true);
            Assert.True(detector.Check());
            Assert.Equal(-600_000, detector.LastStepMs);
        }

        [Fact]
        public void Sees_the_first_synchronisation_as_a_step_even_without_a_change_of_time()
        {
            var clock = new ManualClock(Utc.At("2026-11-25T20:00:00Z"), false);
            var detector = new ClockStepDetector(clock, new NodeConfig());
            Assert.False(detector.Check());
            clock.SetWallTime(clock.UtcNow, true);

            Assert.True(detector.Check());
            Assert.False(detector.Check());
            Assert.Equal(1, detector.Steps);
        }

        [Fact]
        public void Reads_the_tolerance_at_each_check()
        {
            var clock = new ManualClock(Utc.At("2026-11-25T20:00:00Z"), true);
            var config = new NodeConfig { ClockStepToleranceMs = 2000 };
            var detector = new ClockStepDetector(clock, config);
            config.ClockStepToleranceMs = 10000;
            clock.SetWallTime(clock.UtcNow.AddSeconds(5), true);

            Assert.False(detector.Check());
        }
    }
}
