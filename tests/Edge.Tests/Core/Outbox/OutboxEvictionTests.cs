using Edge.Core.Outbox;
using Xunit;

namespace Edge.Tests.Core.Outbox
{
    public class OutboxEvictionTests
    {
        [Fact]
        public void Telemetry_is_dropped_from_the_oldest_segment_holding_some_before_any_interval_report()
        {
            byte[] levels = { 1, 2, 0, 1, 0 };

            int s = OutboxEviction.NextToStrip(levels, 4, out byte level, out int mask);

            Assert.Equal(2, s);
            Assert.Equal(1, level);
            Assert.Equal(OutboxEviction.TelemetryMask, mask);
        }

        [Fact]
        public void Interval_reports_go_next_from_the_oldest_segment_holding_some_and_the_open_one_is_left_alone()
        {
            byte[] levels = { 2, 1, 1, 0 };

            int s = OutboxEviction.NextToStrip(levels, 3, out byte level, out int mask);

            Assert.Equal(1, s);
            Assert.Equal(2, level);
            Assert.Equal(OutboxEviction.TelemetryMask | OutboxEviction.IntervalMask, mask);
        }

        [Fact]
        public void Totals_and_events_are_never_stripped_by_class()
        {
            byte[] levels = { 2, 2, 0 };

            Assert.Equal(-1, OutboxEviction.NextToStrip(levels, 2, out _, out int mask));
            Assert.Equal(0, mask);
        }

        [Theory]
        [InlineData(RecordClass.Telemetry, 0)]
        [InlineData(RecordClass.Interval, 1)]
        [InlineData(RecordClass.Total, 2)]
        [InlineData(RecordClass.Event, 2)]
        public void A_record_keeps_its_segment_below_the_level_of_its_class(RecordClass cls, int level)
        {
            Assert.Equal(level, OutboxEviction.LevelOf((int)cls));
        }
    }
}
