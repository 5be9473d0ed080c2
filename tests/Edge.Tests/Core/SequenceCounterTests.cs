using System.Collections.Generic;
using Edge.Core.Outbox;
using Edge.Tests.Fakes;
using Xunit;

namespace Edge.Tests.Core
{
    public class SequenceCounterTests
    {
        [Fact]
        public void Starts_at_one_and_counts_up()
        {
            var counter = new SequenceCounter(null!, "seq", 10);
            Assert.Equal(1, counter.Take());
            Assert.Equal(2, counter.Take());
            Assert.Equal(3, counter.Peek);
        }

        [Fact]
        public void Never_reuses_a_number_after_a_reboot()
        {
            var store = new MemoryStore();
            var issued = new HashSet<long>();
            for (int boot = 0; boot < 5; boot++)
            {
                var counter = new SequenceCounter(store, "seq", 10);
                for (int i = 0; i < 7 + boot; i++)
                {
                    long n = counter.Take();
                    Assert.True(issued.Add(n), $"sequence {n} issued twice");
                }
            }

            Assert.Equal(5 * 7 + 10, issued.Count);
        }

        [Fact]
        public void Writes_the_store_once_per_block_not_per_number()
        {
            var store = new MemoryStore();
            var counter = new SequenceCounter(store, "seq", 100);
            for (int i = 0; i < 250; i++)
            {
                counter.Take();
            }

            Assert.Equal(3, store.Writes);

            var afterReboot = new SequenceCounter(store, "seq", 100);
            Assert.Equal(301, afterReboot.Take());
        }
    }
}
