using Edge.Core.Node;
using Xunit;

namespace Edge.Tests.Core.Node
{
    public class HealthReporterTests
    {
        [Theory]
        [InlineData(299999, false)]
        [InlineData(300000, true)]
        [InlineData(900000, true)]
        public void A_heartbeat_is_due_once_nothing_was_queued_for_the_heartbeat_period(long nowMs, bool due)
        {
            Assert.Equal(due, HealthReporter.HeartbeatDue(nowMs, 0, 300));
        }

        [Fact]
        public void A_heartbeat_is_never_due_when_heartbeats_are_off()
        {
            Assert.False(HealthReporter.HeartbeatDue(long.MaxValue / 2, 0, 0));
        }

        [Fact]
        public void The_heartbeat_period_counts_from_the_last_activity()
        {
            Assert.False(HealthReporter.HeartbeatDue(400000, 200000, 300));
            Assert.True(HealthReporter.HeartbeatDue(500000, 200000, 300));
        }
    }
}
