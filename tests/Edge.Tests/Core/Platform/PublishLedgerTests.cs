using System.Collections.Generic;
using Edge.Core.Platform;
using Xunit;

namespace Edge.Tests.Core.Platform
{
    public class PublishLedgerTests
    {
        [Fact]
        public void Reports_each_publish_under_its_ticket_when_the_library_completes_its_identifier()
        {
            var ledger = new PublishLedger(4);
            int a = ledger.Add(17);
            int b = ledger.Add(18);

            Assert.True(ledger.Complete(18, true));
            Assert.True(ledger.Complete(17, false));

            Assert.Equal(new[] { (b, true), (a, false) }, TakeAll(ledger));
            Assert.Equal(0, ledger.Outstanding);
            Assert.Equal((1, 2), (a, b));
        }

        [Fact]
        public void Fails_every_outstanding_publish_when_the_connection_ends()
        {
            var ledger = new PublishLedger(4);
            int a = ledger.Add(1);
            int b = ledger.Add(2);
            int c = ledger.Add(3);
            ledger.Complete(2, true);

            Assert.Equal(2, ledger.FailAll());

            Assert.Equal(new[] { (b, true), (a, false), (c, false) }, TakeAll(ledger));
        }

        [Fact]
        public void Counts_a_completion_for_an_identifier_it_does_not_hold()
        {
            var ledger = new PublishLedger(4);
            ledger.Add(5);
            ledger.FailAll();

            Assert.False(ledger.Complete(5, true));
            Assert.False(ledger.Complete(99, true));

            Assert.Equal(2L, ledger.Unmatched);
            Assert.Single(TakeAll(ledger));
        }

        [Fact]
        public void Refuses_a_publish_when_outstanding_and_untaken_completions_fill_it()
        {
            var ledger = new PublishLedger(2);
            ledger.Add(1);
            ledger.Add(2);
            ledger.Complete(1, true);

            Assert.False(ledger.HasRoom);
            Assert.Equal(0, ledger.Add(3));
            Assert.Equal(1L, ledger.RefusedFull);

            Assert.True(ledger.TryTake(out _, out _));
            Assert.True(ledger.HasRoom);
            Assert.Equal(3, ledger.Add(3));
        }

        [Fact]
        public void Allocates_nothing_per_publish()
        {
            var ledger = new PublishLedger(8);
            Cycle(ledger, 1);
            long before = System.GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 1000; i++)
            {
                Cycle(ledger, i);
            }

            Assert.Equal(0L, System.GC.GetAllocatedBytesForCurrentThread() - before);
        }

        private static void Cycle(PublishLedger ledger, int id)
        {
            ledger.Add(id);
            ledger.Complete(id, true);
            ledger.TryTake(out _, out _);
        }

        private static List<(int, bool)> TakeAll(PublishLedger ledger)
        {
            var taken = new List<(int, bool)>();
            while (ledger.TryTake(out int ticket, out bool delivered))
            {
                taken.Add((ticket, delivered));
            }

            return taken;
        }
    }
}
