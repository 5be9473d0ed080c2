using System;
using System.Collections.Generic;
using System.Linq;
using Edge.Core.Node;
using Xunit;

namespace Edge.Tests.Core
{
    public class ReconnectBackoffTests
    {
        [Fact]
        public void Draws_each_delay_between_the_floor_and_a_bound_that_doubles_up_to_the_cap()
        {
            long[] bounds = [1000, 2000, 4000, 8000, 16000, 32000, 60000, 60000, 60000];
            for (uint seed = 1; seed <= 200; seed++)
            {
                var backoff = new ReconnectBackoff(500, 1000, 60000, seed);
                foreach (long bound in bounds)
                {
                    Assert.InRange(backoff.NextDelayMs(), 500, bound);
                }
            }
        }

        [Fact]
        public void Full_jitter_spreads_the_delays_over_the_whole_range_from_the_floor_to_the_bound()
        {
            // The sixth delay is drawn from [500, 32000]: across nodes it reaches both ends, and its mean is mid-range.
            long[] sixth = [.. Enumerable.Range(0, 2000).Select(n =>
            {
                var backoff = new ReconnectBackoff(500, 1000, 300000, ReconnectBackoff.SeedFrom("node-" + n));
                for (int i = 0; i < 5; i++)
                {
                    backoff.NextDelayMs();
                }

                return backoff.NextDelayMs();
            })];

            Assert.InRange(sixth.Min(), 500, 1500);
            Assert.InRange(sixth.Max(), 31000, 32000);
            Assert.InRange(sixth.Average(), 16250 - 1500, 16250 + 1500);
        }

        [Fact]
        public void Reset_returns_to_the_base_bound()
        {
            var backoff = new ReconnectBackoff(500, 1000, 60000, 7);
            for (int i = 0; i < 10; i++)
            {
                backoff.NextDelayMs();
            }

            backoff.Reset();
            Assert.InRange(backoff.NextDelayMs(), 500, 1000);
            Assert.InRange(backoff.NextDelayMs(), 500, 2000);
        }

        [Fact]
        public void A_floor_equal_to_the_base_makes_the_first_delay_exact()
        {
            var backoff = new ReconnectBackoff(1000, 1000, 60000, 3);
            Assert.Equal(1000, backoff.NextDelayMs());
            Assert.Equal(60000, backoff.CapMs);
        }

        [Fact]
        public void Spreads_nodes_that_lost_the_broker_together()
        {
            // A thousand nodes, each seeded from its id, retrying after the same outage.
            var firstRetry = new HashSet<long>();
            for (int node = 0; node < 1000; node++)
            {
                var backoff = new ReconnectBackoff(500, 1000, 300000, ReconnectBackoff.SeedFrom("node-" + node));
                for (int i = 0; i < 8; i++)
                {
                    backoff.NextDelayMs();
                }

                firstRetry.Add(backoff.NextDelayMs() / 1000);
            }

            // The ninth delay lies between 0.5 s and 256 s: the nodes spread over most of those 256 seconds.
            Assert.True(firstRetry.Count > 200, $"only {firstRetry.Count} distinct seconds");
        }

        [Fact]
        public void Same_seed_gives_the_same_delays_and_another_seed_others()
        {
            var a = new ReconnectBackoff(500, 1000, 60000, ReconnectBackoff.SeedFrom("n1"));
            var b = new ReconnectBackoff(500, 1000, 60000, ReconnectBackoff.SeedFrom("n1"));
            var c = new ReconnectBackoff(500, 1000, 60000, ReconnectBackoff.SeedFrom("n2"));
            long[] first = [.. Enumerable.Range(0, 10).Select(_ => a.NextDelayMs())];
            Assert.Equal(first, Enumerable.Range(0, 10).Select(_ => b.NextDelayMs()));
            Assert.NotEqual(first, Enumerable.Range(0, 10).Select(_ => c.NextDelayMs()));
        }

        [Fact]
        public void Refuses_a_floor_above_the_base_or_a_base_above_the_cap()
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => new ReconnectBackoff(0, 1000, 60000, 1));
            Assert.Throws<ArgumentOutOfRangeException>(() => new ReconnectBackoff(2000, 1000, 60000, 1));
            Assert.Throws<ArgumentOutOfRangeException>(() => new ReconnectBackoff(500, 70000, 60000, 1));
        }
    }
}
