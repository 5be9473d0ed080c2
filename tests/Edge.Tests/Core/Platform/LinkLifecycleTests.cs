using System;
using Edge.Core.Platform;
using Xunit;

namespace Edge.Tests.Core.Platform
{
    public class LinkLifecycleTests
    {
        private static readonly DateTime Start = new(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc);

        [Fact]
        public void Connects_when_the_attempt_under_way_succeeds()
        {
            var lifecycle = new LinkLifecycle(new ManualClock(Start, true));

            int attempt = lifecycle.Begin(10000);

            Assert.Equal((1, LinkState.Connecting), (attempt, lifecycle.State));
            Assert.True(lifecycle.Succeeded(attempt));
            Assert.Equal((LinkState.Connected, LinkFailure.None), (lifecycle.State, lifecycle.Failure));
        }

        [Fact]
        public void Refuses_a_second_attempt_while_one_is_under_way_or_connected()
        {
            var lifecycle = new LinkLifecycle(new ManualClock(Start, true));
            int first = lifecycle.Begin(10000);

            Assert.Equal(0, lifecycle.Begin(10000));
            lifecycle.Succeeded(first);
            Assert.Equal(0, lifecycle.Begin(10000));
            Assert.Equal(first, lifecycle.CurrentAttempt);
        }

        [Fact]
        public void Gives_up_an_attempt_at_its_deadline_and_ignores_its_late_success()
        {
            var clock = new ManualClock(Start, true);
            var lifecycle = new LinkLifecycle(clock);
            int attempt = lifecycle.Begin(5000);

            clock.Advance(4999);
            Assert.Equal(LinkState.Connecting, lifecycle.State);
            clock.Advance(1);
            Assert.Equal((LinkState.Disconnected, LinkFailure.Timeout), (lifecycle.State, lifecycle.Failure));

            Assert.False(lifecycle.Succeeded(attempt));
            Assert.Equal((LinkState.Disconnected, LinkFailure.Timeout), (lifecycle.State, lifecycle.Failure));
        }

        [Fact]
        public void Keeps_the_refusal_code_only_for_a_refused_attempt()
        {
            var lifecycle = new LinkLifecycle(new ManualClock(Start, true));
            int refused = lifecycle.Begin(10000);
            Assert.True(lifecycle.Failed(refused, LinkFailure.Refused, 5));
            Assert.Equal((LinkState.Disconnected, LinkFailure.Refused, 5), (lifecycle.State, lifecycle.Failure, lifecycle.RefusedCode));

            int unreachable = lifecycle.Begin(10000);
            Assert.Equal(0, lifecycle.RefusedCode);
            Assert.True(lifecycle.Failed(unreachable, LinkFailure.Tcp, 5));
            Assert.Equal((LinkFailure.Tcp, 0), (lifecycle.Failure, lifecycle.RefusedCode));
        }

        [Fact]
        public void Makes_an_attempt_closed_by_the_node_stale()
        {
            var lifecycle = new LinkLifecycle(new ManualClock(Start, true));
            int attempt = lifecycle.Begin(10000);

            Assert.Equal(LinkState.Connecting, lifecycle.Close());
            Assert.False(lifecycle.Failed(attempt, LinkFailure.Tcp, 0));
            Assert.False(lifecycle.Succeeded(attempt));
            Assert.Equal((LinkState.Disconnected, LinkFailure.None), (lifecycle.State, lifecycle.Failure));
        }

        [Fact]
        public void Reports_a_lost_connection_once_and_not_after_the_node_closed_it()
        {
            var lifecycle = new LinkLifecycle(new ManualClock(Start, true));
            int first = lifecycle.Begin(10000);
            lifecycle.Succeeded(first);

            Assert.True(lifecycle.Lost(first));
            Assert.False(lifecycle.Lost(first));
            Assert.Equal((LinkState.Disconnected, LinkFailure.Lost), (lifecycle.State, lifecycle.Failure));

            int second = lifecycle.Begin(10000);
            lifecycle.Succeeded(second);
            Assert.Equal(LinkState.Connected, lifecycle.Close());
            Assert.False(lifecycle.Lost(second));
            Assert.Equal((LinkState.Disconnected, LinkFailure.None), (lifecycle.State, lifecycle.Failure));
        }
    }
}
