using System.Collections.Generic;
using Edge.Core.Node;
using Xunit;

namespace Edge.Tests.Core
{
    public class ReconnectBackoffTests
    {
        [Fact]
        public void Doubles_up_to_the_maximum_with_half_of_each_delay_random()
        {
            var backoff = new ReconnectBackoff(1000, 60000, 12345);
            long[] bases = [1000, 2000, 4000, 8000, 16000, 32000, 60000, 60000, 60000];
            foreach (long b in bases)
            {
                long delay = backoff.NextDelayMs();
                Assert.InRange(delay, b / 2, b);
            }
        }

        [Fact]
        public void Reset_returns_to_the_shortest_delay()
        {
            var backoff = new ReconnectBackoff(1000, 60000, 7);
            for (int i = 0; i < 10; i++)
            {
                backoff.NextDelayMs();
            }

            backoff.Reset();
            Assert.InRange(backoff.NextDelayMs(), 500, 1000);
        }

        [Fact]
        public void Spreads_nodes_that_lost_the_broker_together()
        {
            // A thousand nodes, each seeded from its id, retrying after the same outage.
            var firstRetry = new HashSet<long>();
            for (int node = 0; node < 1000; node++)
            {
                var backoff = new ReconnectBackoff(1000, 300000, ReconnectBackoff.SeedFrom("node-" + node));
                for (int i = 0; i < 8; i++)
                {
                    backoff.NextDelayMs();
                }

                firstRetry.Add(backoff.NextDelayMs() / 1000);
            }

            // The ninth delay lies between 128 s and 256 s: the nodes spread over most of those 128 seconds.
            Assert.True(firstRetry.Count > 100, $"only {firstRetry.Count} distinct seconds");
        }

        [Fact]
        public void Same_seed_gives_the_same_delays()
        {
            var a = new ReconnectBackoff(1000, 60000, ReconnectBackoff.SeedFrom("n1"));
            var b = new ReconnectBackoff(1000, 60000, ReconnectBackoff.SeedFrom("n1"));
            for (int i = 0; i < 10; i++)
            {
                Assert.Equal(a.NextDelayMs(), b.NextDelayMs());
            }
        }
    }
}
