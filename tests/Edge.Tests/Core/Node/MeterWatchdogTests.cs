using Edge.Core.Node;
using Xunit;

namespace Edge.Tests.Core.Node
{
    public class MeterWatchdogTests
    {
        [Fact]
        public void A_meter_falls_silent_once_after_the_silence_period_and_resumes_with_its_next_reading()
        {
            var watchdog = new MeterWatchdog(new NodeConfig { MeterSilenceSeconds = 30 }, 2, 1000);

            Assert.Equal(MeterWatchdog.NoChange, watchdog.Check(0, 30999));
            Assert.Equal(30, watchdog.Check(0, 31000));
            Assert.True(watchdog.IsSilent(0));
            Assert.Equal(MeterWatchdog.NoChange, watchdog.Check(0, 90000));
            Assert.Equal(101, watchdog.OnReading(0, 102500));
            Assert.False(watchdog.IsSilent(0));
            Assert.Equal(MeterWatchdog.NoChange, watchdog.OnReading(0, 103000));
        }

        [Fact]
        public void Each_meter_is_watched_on_its_own()
        {
            var watchdog = new MeterWatchdog(new NodeConfig { MeterSilenceSeconds = 10 }, 2, 0);
            Assert.Equal(MeterWatchdog.NoChange, watchdog.OnReading(1, 9000));

            Assert.Equal(10, watchdog.Check(0, 10000));
            Assert.Equal(MeterWatchdog.NoChange, watchdog.Check(1, 10000));
            Assert.Equal(10, watchdog.Check(1, 19000));
        }

        [Fact]
        public void Never_raises_silence_when_disabled_and_follows_the_setting_at_once()
        {
            var config = new NodeConfig { MeterSilenceSeconds = 0 };
            var watchdog = new MeterWatchdog(config, 1, 0);
            Assert.Equal(MeterWatchdog.NoChange, watchdog.Check(0, 3600000));

            config.MeterSilenceSeconds = 60;
            Assert.Equal(3600, watchdog.Check(0, 3600000));
        }
    }
}
