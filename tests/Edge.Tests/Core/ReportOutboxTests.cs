using System;
using System.Text;
using Edge.Core.Outbox;
using Xunit;

namespace Edge.Tests.Core
{
    public class ReportOutboxTests
    {
        [Fact]
        public void Hands_out_reports_oldest_first()
        {
            var outbox = new ReportOutbox(4, 64);
            Enqueue(outbox, 1, "a");
            Enqueue(outbox, 2, "bb");
            Enqueue(outbox, 3, "ccc");

            Assert.Equal((1L, "a"), Oldest(outbox));
            outbox.RemoveOldest();
            Assert.Equal((2L, "bb"), Oldest(outbox));
            outbox.RemoveOldest();
            Enqueue(outbox, 4, "dddd");
            Assert.Equal((3L, "ccc"), Oldest(outbox));
            outbox.RemoveOldest();
            Assert.Equal((4L, "dddd"), Oldest(outbox));
            outbox.RemoveOldest();
            Assert.Equal(0, outbox.Count);
            Assert.Throws<InvalidOperationException>(() => outbox.OldestSequence);
        }

        [Fact]
        public void Drops_and_counts_the_oldest_report_when_full()
        {
            var outbox = new ReportOutbox(2, 64);
            Enqueue(outbox, 1, "a");
            Enqueue(outbox, 2, "b");
            Enqueue(outbox, 3, "c");

            Assert.Equal(1, outbox.Dropped);
            Assert.Equal(2, outbox.Count);
            Assert.Equal((2L, "b"), Oldest(outbox));
        }

        [Fact]
        public void Refuses_a_report_larger_than_a_slot()
        {
            var outbox = new ReportOutbox(2, 4);
            Assert.False(outbox.Enqueue(1, Encoding.ASCII.GetBytes("12345"), 5));
            Assert.Equal(0, outbox.Count);
        }

        [Fact]
        public void Copies_the_payload_so_the_encoder_buffer_can_be_reused()
        {
            var outbox = new ReportOutbox(2, 16);
            byte[] buffer = Encoding.ASCII.GetBytes("first");
            outbox.Enqueue(1, buffer, buffer.Length);
            Encoding.ASCII.GetBytes("XXXXX").CopyTo(buffer, 0);
            Assert.Equal((1L, "first"), Oldest(outbox));
        }

        private static void Enqueue(ReportOutbox outbox, long sequence, string text)
        {
            byte[] payload = Encoding.ASCII.GetBytes(text);
            Assert.True(outbox.Enqueue(sequence, payload, payload.Length));
        }

        private static (long, string) Oldest(ReportOutbox outbox) =>
            (outbox.OldestSequence, Encoding.ASCII.GetString(outbox.OldestPayload, 0, outbox.OldestLength));
    }
}
