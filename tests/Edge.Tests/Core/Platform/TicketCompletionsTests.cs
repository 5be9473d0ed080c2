using Edge.Core.Platform;
using Xunit;

namespace Edge.Tests.Core.Platform
{
    public class TicketCompletionsTests
    {
        [Fact]
        public void Gives_completions_back_oldest_first_with_their_outcome()
        {
            var completions = new TicketCompletions(3);
            completions.Add(7, true);
            completions.Add(9, false);

            Assert.Equal(2, completions.Count);
            Assert.True(completions.TryTake(out int first, out bool firstDelivered));
            Assert.True(completions.TryTake(out int second, out bool secondDelivered));
            Assert.Equal((7, true, 9, false), (first, firstDelivered, second, secondDelivered));
            Assert.Equal(0, completions.Count);
        }

        [Fact]
        public void Takes_nothing_from_an_empty_queue()
        {
            var completions = new TicketCompletions(2);

            Assert.False(completions.TryTake(out int ticket, out bool delivered));
            Assert.Equal((0, false), (ticket, delivered));
        }

        [Fact]
        public void Wraps_around_its_arrays_without_losing_order()
        {
            var completions = new TicketCompletions(2);
            var taken = new System.Collections.Generic.List<(int, bool)>();
            for (int ticket = 1; ticket <= 7; ticket++)
            {
                completions.Add(ticket, ticket % 3 != 0);
                if (ticket % 2 == 0)
                {
                    while (completions.TryTake(out int t, out bool d))
                    {
                        taken.Add((t, d));
                    }
                }
            }

            while (completions.TryTake(out int t, out bool d))
            {
                taken.Add((t, d));
            }

            Assert.Equal([(1, true), (2, true), (3, false), (4, true), (5, true), (6, false), (7, true)], taken);
        }
    }
}
