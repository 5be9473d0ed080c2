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

        [Fact]
        public void Holds_a_report_larger_than_a_slot_in_consecutive_slots_and_hands_it_out_whole()
        {
            var outbox = new ReportOutbox(4, 8, new byte[32]);
            Enqueue(outbox, 1, "a");
            Enqueue(outbox, 2, "twenty bytes, 3 slot");

            Assert.Equal((2, 3), (outbox.Count, outbox.SlotsFor(20)));
            Assert.Equal((1L, "a"), Oldest(outbox));
            outbox.RemoveOldest();
            Assert.Equal((2L, "twenty bytes, 3 slot"), Oldest(outbox));
            Assert.Equal(0, outbox.Dropped);
        }

        [Fact]
        public void Makes_room_for_a_spanning_report_by_dropping_the_oldest_and_wraps_it_round_the_ring()
        {
            var outbox = new ReportOutbox(4, 8, new byte[32]);
            Enqueue(outbox, 1, "a");
            Enqueue(outbox, 2, "b");
            Enqueue(outbox, 3, "c");

            // Three slots are needed and one is free: the two oldest go; the report takes the last slot and the first two.
            Enqueue(outbox, 4, "seventeen bytes!!");

            Assert.Equal((2, 2), (outbox.Dropped, outbox.Count));
            Assert.Equal((3L, "c"), Oldest(outbox));
            Assert.Equal((4L, 17), (outbox.SequenceAt(1), outbox.LengthAt(1)));
            outbox.RemoveOldest();
            Assert.Equal((4L, "seventeen bytes!!"), Oldest(outbox));
            outbox.RemoveOldest();
            Assert.Equal(0, outbox.Count);
        }

        [Fact]
        public void Refuses_a_report_larger_than_its_staging_buffer_or_the_whole_ring()
        {
            Assert.False(new ReportOutbox(4, 8, new byte[16]).Enqueue(1, new byte[17], 17));
            Assert.False(new ReportOutbox(4, 8, new byte[64]).Enqueue(1, new byte[33], 33));
            Assert.Equal((16, 32), (new ReportOutbox(4, 8, new byte[16]).LargestMessageBytes, new ReportOutbox(4, 8, new byte[64]).LargestMessageBytes));
        }

        [Fact]
        public void The_history_keeps_and_requeues_reports_that_span_slots()
        {
            byte[] staging = new byte[32];
            var history = new ReportHistory(4, 8, staging);
            byte[] first = Encoding.ASCII.GetBytes("first report, 3 slots");
            byte[] second = Encoding.ASCII.GetBytes("second");
            Assert.True(history.Add(7, first, first.Length));
            Assert.True(history.Add(8, second, second.Length));

            var outbox = new ReportOutbox(8, 8, staging);
            Assert.Equal(2, history.Requeue(7, outbox, 0));
            Assert.Equal((7L, "first report, 3 slots"), Oldest(outbox));
            outbox.RemoveOldest();
            Assert.Equal((8L, "second"), Oldest(outbox));

            // A third report needs two slots: the oldest makes room.
            byte[] third = Encoding.ASCII.GetBytes("third report");
            Assert.True(history.Add(9, third, third.Length));
            Assert.Equal(8, history.OldestSequence);
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
