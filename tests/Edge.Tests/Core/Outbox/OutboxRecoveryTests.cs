using Edge.Core.Outbox;
using Xunit;

namespace Edge.Tests.Core.Outbox
{
    public class OutboxRecoveryTests
    {
        /// <summary>A segment image of three records with payloads of 4, 40 and 8 bytes; returns its length.</summary>
        private static int ThreeRecords(byte[] image, int[] starts)
        {
            OutboxFormat.WriteSegmentHeader(image, 3);
            int at = OutboxFormat.SegmentHeaderBytes;
            int[] lengths = { 4, 40, 8 };
            for (int i = 0; i < 3; i++)
            {
                starts[i] = at;
                for (int p = 0; p < lengths[i]; p++)
                {
                    image[at + OutboxFormat.RecordHeaderBytes + p] = (byte)(i + p);
                }

                OutboxFormat.WriteRecordHeader(image, at, lengths[i], 0, (byte)RecordClass.Interval, (uint)(i + 1), 0);
                at += OutboxFormat.RecordHeaderBytes + lengths[i];
            }

            return at;
        }

        [Fact]
        public void Damaged_payload_becomes_a_gap_of_one_record_and_the_next_record_moves_up_behind_it()
        {
            byte[] image = new byte[256];
            int[] starts = new int[3];
            int end = ThreeRecords(image, starts);
            image[starts[1] + OutboxFormat.RecordHeaderBytes + 20] ^= 0x08;

            int repaired = OutboxRecovery.ReplaceDamage(image, starts[1], end);

            Assert.Equal(end - 40, repaired);
            Assert.Equal(OutboxFormat.RecordHeaderBytes, OutboxFormat.CheckRecord(image, starts[1], repaired));
            Assert.Equal(OutboxFormat.GapClass, image[starts[1] + OutboxFormat.RecClass]);
            Assert.Equal(1u, OutboxFormat.ReadU32(image, starts[1] + OutboxFormat.RecSequence));
            int moved = starts[1] + OutboxFormat.RecordHeaderBytes;
            Assert.Equal(OutboxFormat.RecordHeaderBytes + 8, OutboxFormat.CheckRecord(image, moved, repaired));
            Assert.Equal(3u, OutboxFormat.ReadU32(image, moved + OutboxFormat.RecSequence));
        }

        [Fact]
        public void Damaged_length_counts_one_slot_per_header_that_fits_in_the_damaged_bytes()
        {
            byte[] image = new byte[256];
            int[] starts = new int[3];
            int end = ThreeRecords(image, starts);
            image[starts[1] + OutboxFormat.RecLength] ^= 0x01;

            int repaired = OutboxRecovery.ReplaceDamage(image, starts[1], end);

            // 56 damaged bytes: three 16-byte headers fit, so the gap stands for at most three records.
            Assert.Equal(3u, OutboxFormat.ReadU32(image, starts[1] + OutboxFormat.RecSequence));
            Assert.Equal(OutboxFormat.RecordHeaderBytes + 8, OutboxFormat.CheckRecord(image, starts[1] + OutboxFormat.RecordHeaderBytes, repaired));
        }

        [Fact]
        public void Damage_in_the_last_record_is_a_torn_tail_and_leaves_the_image_as_it_was()
        {
            byte[] image = new byte[256];
            int[] starts = new int[3];
            int end = ThreeRecords(image, starts);
            image[starts[2] + 5] ^= 0x40;
            byte[] before = (byte[])image.Clone();

            Assert.Equal(-1, OutboxRecovery.ReplaceDamage(image, starts[2], end));
            Assert.Equal(before, image);
        }
    }
}
