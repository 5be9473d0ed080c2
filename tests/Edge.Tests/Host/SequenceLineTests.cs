using System.Linq;
using Edge.Host.Listening;
using Xunit;

namespace Edge.Tests.Host
{
    public class SequenceLineTests
    {
        private static (long Missing, long Repeated, long Reordered) Follow(params long[] numbers)
        {
            var line = new SequenceLine();
            foreach (long seq in numbers)
            {
                line.Follow(seq);
            }

            return (line.Missing, line.Repeated, line.Reordered);
        }

        [Theory]
        [InlineData(new long[] { 1, 2, 3, 4 }, 0, 0, 0)]
        [InlineData(new long[] { 7, 8, 9 }, 0, 0, 0)]
        [InlineData(new long[] { 1, 2, 50, 51, 52 }, 47, 0, 0)]
        [InlineData(new long[] { 1, 2, 99, 3, 4, 5 }, 0, 0, 1)]
        [InlineData(new long[] { 1, 2, 4, 3, 5 }, 0, 0, 1)]
        [InlineData(new long[] { 1, 2, 5, 3, 4, 6 }, 0, 0, 1)]
        [InlineData(new long[] { 1, 2, 4, 5, 3, 6 }, 0, 0, 1)]
        [InlineData(new long[] { 1, 2, 2, 3, 3, 1 }, 0, 3, 0)]
        [InlineData(new long[] { 5, 6, 3 }, 0, 1, 0)]
        [InlineData(new long[] { 1, 2, 99, 100, 101 }, 96, 0, 0)]
        [InlineData(new long[] { 1, 2, 99, 3, 4, 98, 99, 100 }, 93, 1, 1)]
        [InlineData(new long[] { 1, 2, 99, 99, 3 }, 0, 1, 1)]
        public void Counts_missing_repeated_and_reordered_numbers(long[] numbers, long missing, long repeated, long reordered)
        {
            Assert.Equal((missing, repeated, reordered), Follow(numbers));
        }

        [Fact]
        public void Takes_numbers_far_below_the_line_as_repeats()
        {
            long[] numbers = [.. Enumerable.Range(1, SequenceLine.Window + 10).Select(i => (long)i), 5];
            Assert.Equal((0L, 1L, 0L), Follow(numbers));
        }

        [Fact]
        public void Says_what_each_number_means()
        {
            var line = new SequenceLine();
            Assert.Null(line.Follow(1));
            Assert.Null(line.Follow(2));
            Assert.Equal("seq 3..98 missing", line.Follow(99));
            Assert.Equal("seq 99 was out of line: following 3 after 2", line.Follow(3));
            Assert.Equal("seq 4..5 missing", line.Follow(6));
            Assert.Null(line.Follow(7));
            Assert.Equal("seq 6 again: repeated", line.Follow(6));
            Assert.Equal("seq 5 arrived late, after 7", line.Follow(5));
            Assert.Equal("seq 8 missing", line.Follow(9));
            Assert.Equal("seq 9 was out of line: following 8 after 7", line.Follow(8));
            Assert.Null(line.Follow(10));
            Assert.Equal("seq 1 again: repeated", line.Follow(1));
            Assert.Equal((1L, 2L, 3L), (line.Missing, line.Repeated, line.Reordered));
        }

        [Fact]
        public void Follows_up_to_the_largest_number_without_overflow()
        {
            var line = new SequenceLine();
            Assert.Null(line.Follow(long.MaxValue - 1));
            Assert.Null(line.Follow(long.MaxValue));
            Assert.Equal($"seq {long.MaxValue} again: repeated", line.Follow(long.MaxValue));
            Assert.Equal((0L, 1L, 0L), (line.Missing, line.Repeated, line.Reordered));
        }
    }
}
