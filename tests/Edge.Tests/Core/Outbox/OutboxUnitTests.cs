using Edge.Core.Outbox;
using Xunit;

namespace Edge.Tests.Core.Outbox
{
    /// <summary>The outbox's own units: its segment table, its slots, its record cursors and its acknowledgements ahead.</summary>
    public class OutboxUnitTests
    {
        [Fact]
        public void The_segment_table_finds_a_record_by_index_and_not_in_a_gap_left_by_a_deleted_segment()
        {
            var table = new SegmentTable(4);
            for (int s = 0; s < 3; s++)
            {
                table.Insert(s);
                table.Number[s] = (uint)(10 + s);
                table.First[s] = s * 5;
                table.Slots[s] = 5;
            }

            Assert.Equal(3, table.Count);
            Assert.Equal(0, table.Find(0));
            Assert.Equal(1, table.Find(9));
            Assert.Equal(2, table.Find(14));
            Assert.Equal(-1, table.Find(15));

            table.Remove(1);
            Assert.Equal(2, table.Count);
            Assert.Equal(-1, table.Find(7));
            Assert.Equal(1, table.Find(10));
            Assert.Equal(12u, table.Number[1]);
        }

        [Fact]
        public void A_segment_table_entry_inserted_before_others_moves_them_up_with_their_counts()
        {
            var table = new SegmentTable(3);
            table.Insert(0);
            table.Number[0] = 7;
            table.Unacked[2] = 3;
            table.Unacked[3] = 1;
            table.Slot[0] = 4;

            table.Insert(0);
            Assert.Equal(0u, table.Number[0]);
            Assert.Equal(SegmentTable.NoSlot, table.Slot[0]);
            Assert.Equal(OutboxFormat.SegmentHeaderBytes, table.Bytes[0]);
            Assert.Equal(0, table.UnackedOf(0));
            Assert.Equal(7u, table.Number[1]);
            Assert.Equal(4, table.UnackedOf(1));
            Assert.Equal(4, table.Slot[1]);
        }

        [Fact]
        public void Slots_are_taken_lowest_first_and_named_after_the_prefix()
        {
            var slots = new SegmentSlots("ob", 3);
            slots.Take(0);
            Assert.Equal(1, slots.TakeFree());
            Assert.Equal(2, slots.TakeFree());
            Assert.Equal(-1, slots.TakeFree());
            slots.Free(1);
            Assert.Equal(1, slots.TakeFree());
            Assert.Equal("ob0", slots.NameOf(0));
            Assert.Equal("ob2", slots.NameOf(2));
        }

        [Fact]
        public void A_record_cursor_finds_records_past_gaps_and_walks_on_from_where_it_stopped()
        {
            // Records of ordinals 0 and 1, a gap of 3 (ordinals 2-4), then ordinal 5.
            byte[] image = new byte[256];
            OutboxFormat.WriteSegmentHeader(image, 9);
            int at = OutboxFormat.SegmentHeaderBytes;
            int[] offsets = new int[3];
            offsets[0] = at;
            OutboxFormat.WriteRecordHeader(image, at, 4, 0, (byte)RecordClass.Interval, 1, 0);
            at += OutboxFormat.RecordHeaderBytes + 4;
            offsets[1] = at;
            OutboxFormat.WriteRecordHeader(image, at, 0, 0, (byte)RecordClass.Interval, 2, 0);
            at += OutboxFormat.RecordHeaderBytes;
            OutboxFormat.WriteGap(image, at, 3);
            at += OutboxFormat.RecordHeaderBytes;
            offsets[2] = at;
            OutboxFormat.WriteRecordHeader(image, at, 8, 0, (byte)RecordClass.Event, 6, 0);
            at += OutboxFormat.RecordHeaderBytes + 8;

            var cursors = new RecordCursors();
            Assert.Equal(offsets[0], cursors.Seek(image, 9, at, 6, 0, out int next));
            Assert.Equal(1, next);
            Assert.Equal(offsets[1], cursors.Seek(image, 9, at, 6, 1, out next));
            Assert.Equal(-1, cursors.Seek(image, 9, at, 6, 3, out next));
            Assert.Equal(5, next);
            Assert.Equal(offsets[2], cursors.Seek(image, 9, at, 6, 5, out next));
            Assert.Equal(-1, cursors.Seek(image, 9, at, 6, 6, out next));
            Assert.Equal(6, next);

            // Back to an ordinal before the cursor: a walk from the start; a changed image is walked afresh.
            Assert.Equal(offsets[0], cursors.Seek(image, 9, at, 6, 0, out _));
            cursors.Invalidate(9);
            Assert.Equal(offsets[2], cursors.Seek(image, 9, at, 6, 5, out _));
        }

        [Fact]
        public void Acknowledgements_ahead_are_held_up_to_their_capacity_and_forgotten_below_the_first_unacknowledged()
        {
            var ahead = new AheadAcknowledgements(3);
            ahead.Add(7);
            ahead.Add(5);
            ahead.Add(9);
            Assert.True(ahead.IsFull);
            Assert.True(ahead.Contains(5));
            Assert.False(ahead.Contains(6));

            Assert.True(ahead.Remove(5));
            Assert.False(ahead.Remove(5));
            Assert.False(ahead.IsFull);

            ahead.RemoveBelow(8);
            Assert.False(ahead.Contains(7));
            Assert.True(ahead.Contains(9));
        }
    }
}
