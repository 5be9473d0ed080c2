using System;
using System.Collections.Generic;
using System.Linq;
using Edge.Core.Outbox;
using Edge.Tests.Fakes;
using Xunit;
using static Edge.Tests.Core.Outbox.OutboxKit;

namespace Edge.Tests.Core.Outbox
{
    public class DurableOutboxTests
    {
        private const int Segment = 512;
        private const int Capacity = 8 * Segment;

        private static DurableOutbox Open(Edge.Core.Platform.IStore? store, int capacity = Capacity, OutboxPolicy policy = OutboxPolicy.KeepTotalsAndEvents)
            => new(store!, "ob", capacity, Segment, policy);

        [Fact]
        public void Crc32_matches_the_ieee_802_3_check_value()
        {
            byte[] check = System.Text.Encoding.ASCII.GetBytes("123456789");
            Assert.Equal(0xCBF43926u, Crc32.Compute(check, 0, check.Length));
            Assert.Equal(Crc32.CheckValue, Crc32.Compute(check, 0, check.Length));
            Assert.Equal(0u, Crc32.Compute(check, 0, 0));
        }

        [Fact]
        public void Crc32_of_pieces_is_the_crc_of_the_whole_and_matches_a_bitwise_reference()
        {
            var random = new Random(3);
            for (int length = 0; length < 300; length += 7)
            {
                byte[] data = new byte[length];
                random.NextBytes(data);
                uint whole = Crc32.Compute(data, 0, length);
                Assert.Equal(BitwiseCrc32(data), whole);
                int cut = length / 3;
                Assert.Equal(whole, Crc32.Update(Crc32.Compute(data, 0, cut), data, cut, length - cut));
            }
        }

        [Theory]
        [InlineData(true)]
        [InlineData(false)]
        public void Appends_reads_and_acknowledges_a_record(bool durable)
        {
            var outbox = Open(durable ? new MemoryStore() : null);
            Assert.Equal(0, outbox.End);
            Assert.Equal(-1, outbox.OldestUnacknowledgedUtcSeconds);

            Assert.True(outbox.Append(3, RecordClass.Interval, 41, 1_800_000_123, Payload(41, 250), 250));

            Assert.Equal(0, outbox.FirstUnacknowledged);
            Assert.Equal(1, outbox.End);
            Assert.Equal(1, outbox.Depth);
            Assert.Equal(250 + DurableOutbox.RecordHeaderBytes, outbox.DepthBytes);
            Assert.Equal(1_800_000_123, outbox.OldestUnacknowledgedUtcSeconds);
            var buffer = new byte[300];
            Assert.True(outbox.Read(0, buffer, out byte topic, out RecordClass cls, out long sequence, out int length));
            Assert.Equal((3, RecordClass.Interval, 41L, 250), (topic, cls, sequence, length));
            Assert.Equal(Payload(41, 250), buffer[..250]);

            outbox.Acknowledge(0);

            Assert.Equal(1, outbox.FirstUnacknowledged);
            Assert.Equal(0, outbox.Depth);
            Assert.Equal(0, outbox.DepthBytes);
            Assert.True(outbox.IsAcknowledged(0));
            Assert.Equal(-1, outbox.OldestUnacknowledgedUtcSeconds);
            Assert.True(outbox.Read(0, buffer, out _, out _, out sequence, out _), "acknowledged records stay readable as history");
            Assert.Equal(41, sequence);
            Assert.False(outbox.Read(1, buffer, out _, out _, out _, out _));
        }

        [Fact]
        public void Refuses_a_payload_larger_than_a_segment_holds_and_counts_it()
        {
            var outbox = Open(new MemoryStore());
            int largest = Segment - DurableOutbox.SegmentHeaderBytes - DurableOutbox.RecordHeaderBytes;
            Assert.Equal(largest, outbox.LargestPayloadBytes);

            Assert.False(outbox.Append(0, RecordClass.Event, 1, 0, new byte[largest + 1], largest + 1));
            Assert.True(outbox.Append(0, RecordClass.Event, 2, 0, new byte[largest], largest));

            Assert.Equal(1, outbox.Refused);
            Assert.Equal(1, outbox.Depth);
        }

        [Fact]
        public void Out_of_order_acknowledgements_move_the_first_unacknowledged_over_contiguous_ones()
        {
            var outbox = Open(new MemoryStore());
            for (int i = 1; i <= 5; i++)
            {
                Add(outbox, RecordClass.Interval, i, 30);
            }

            outbox.Acknowledge(2);
            outbox.Acknowledge(4);
            Assert.Equal(0, outbox.FirstUnacknowledged);
            Assert.Equal(3, outbox.Depth);
            Assert.True(outbox.IsAcknowledged(4));
            Assert.False(outbox.IsAcknowledged(3));

            outbox.Acknowledge(0);
            Assert.Equal(1, outbox.FirstUnacknowledged);
            outbox.Acknowledge(1);
            Assert.Equal(3, outbox.FirstUnacknowledged);
            outbox.Acknowledge(4);
            outbox.Acknowledge(1);
            Assert.Equal(1, outbox.Depth);
            outbox.Acknowledge(3);

            Assert.Equal(5, outbox.FirstUnacknowledged);
            Assert.Equal(0, outbox.Depth);
            Assert.Equal(0, outbox.DepthBytes);
        }

        [Fact]
        public void Acknowledging_too_far_ahead_of_the_first_unacknowledged_throws()
        {
            var outbox = new DurableOutbox(null!, "ob", 64 * 1024, 4096, OutboxPolicy.KeepTotalsAndEvents);
            for (int i = 0; i <= DurableOutbox.MaxAcknowledgedAhead + 1; i++)
            {
                Add(outbox, RecordClass.Interval, i, 10);
            }

            for (int i = 1; i <= DurableOutbox.MaxAcknowledgedAhead; i++)
            {
                outbox.Acknowledge(i);
            }

            Assert.Throws<InvalidOperationException>(() => outbox.Acknowledge(DurableOutbox.MaxAcknowledgedAhead + 1));
            outbox.Acknowledge(0);
            Assert.Equal(DurableOutbox.MaxAcknowledgedAhead + 1, outbox.FirstUnacknowledged);
        }

        [Fact]
        public void A_restart_on_the_same_store_gives_back_exactly_the_unacknowledged_records_in_order()
        {
            var store = new MemoryStore();
            var outbox = Open(store);
            for (int i = 1; i <= 40; i++)
            {
                Add(outbox, i % 7 == 0 ? RecordClass.Total : RecordClass.Interval, i, 20 + (i * 3 % 50), (byte)(i % 3), 1_800_000_000 + i);
            }

            for (long i = 0; i < 17; i++)
            {
                outbox.Acknowledge(i);
            }

            outbox.Flush();
            Assert.True(outbox.SegmentCount > 3);

            var restarted = Open(store);

            List<Held> offered = Unacknowledged(restarted);
            Assert.Equal(Range(18, 40), Sequences(offered));
            Assert.All(offered, h => Assert.Equal((byte)(h.Sequence % 3), h.Topic));
            Assert.All(offered, h => Assert.Equal(h.Sequence % 7 == 0 ? RecordClass.Total : RecordClass.Interval, h.Class));
            Assert.Equal(23, restarted.Depth);
            Assert.Equal(outbox.DepthBytes, restarted.DepthBytes);
            Assert.Equal(1_800_000_018, restarted.OldestUnacknowledgedUtcSeconds);
            Assert.Equal(Range(1, 17), Sequences(ReadFrom(restarted, 0).Where(h => h.Index < restarted.FirstUnacknowledged).ToList()));
            Assert.Equal((0, 0, 0), (restarted.TornTails, restarted.CorruptSegments, restarted.StoreErrors));

            // And appending goes on after the last record, in the reopened segment.
            Add(restarted, RecordClass.Event, 41, 20);
            restarted.Flush();
            Assert.Equal(Range(18, 41), Sequences(Unacknowledged(Open(store))));
        }

        [Fact]
        public void Records_acknowledged_out_of_order_are_offered_again_after_a_restart()
        {
            var store = new MemoryStore();
            var outbox = Open(store);
            for (int i = 1; i <= 6; i++)
            {
                Add(outbox, RecordClass.Interval, i, 40);
            }

            outbox.Acknowledge(0);
            outbox.Acknowledge(3);
            outbox.Flush();

            Assert.Equal(Range(2, 6), Sequences(Unacknowledged(Open(store))));
        }

        [Fact]
        public void A_restart_without_flush_loses_nothing_flushed_and_offers_again_what_was_acknowledged_since()
        {
            var store = new MemoryStore();
            var outbox = Open(store);
            for (int i = 1; i <= 10; i++)
            {
                Add(outbox, RecordClass.Interval, i, 40);
            }

            outbox.Acknowledge(0);
            outbox.Flush();
            outbox.Acknowledge(1);
            outbox.Acknowledge(2);
            Add(outbox, RecordClass.Interval, 11, 40);

            // Power cut: no flush. Records 2 and 3 were acknowledged after the last flush: offered again.
            List<long> offered = Sequences(Unacknowledged(Open(store)));
            Assert.Equal(Range(2, 10), offered);
        }

        [Fact]
        public void Writes_the_open_segment_only_when_it_changed_and_the_mark_only_when_it_moved()
        {
            var store = new MemoryStore();
            var outbox = Open(store);
            outbox.Flush();
            int afterFirst = store.Writes;
            outbox.Flush();
            Assert.Equal(afterFirst, store.Writes);

            Add(outbox, RecordClass.Interval, 1, 40);
            Add(outbox, RecordClass.Interval, 2, 40);
            outbox.Flush();
            Assert.Equal(afterFirst + 1, store.Writes);

            outbox.Acknowledge(0);
            outbox.Acknowledge(1);
            outbox.Flush();
            Assert.Equal(afterFirst + 2, store.Writes);
            outbox.Flush();
            Assert.Equal(afterFirst + 2, store.Writes);
        }

        [Fact]
        public void A_torn_tail_at_every_byte_offset_keeps_every_complete_record_before_it()
        {
            var store = new MemoryStore();
            var outbox = Open(store);
            for (int i = 1; i <= 12; i++)
            {
                Add(outbox, RecordClass.Interval, i, 20 + (i * 11 % 40));
            }

            outbox.Flush();
            byte[] first = store.Files["ob0"];
            List<(int End, long Sequence)> records = SegmentFile.Records(first);
            Assert.True(records.Count >= 5);
            List<long> later = Range(records.Count + 1, 12);

            for (int cut = 0; cut <= first.Length; cut++)
            {
                MemoryStore copy = Clone(store);
                copy.Files["ob0"] = first[..cut];

                var reloaded = Open(copy);

                var expected = records.Where(r => cut >= DurableOutbox.SegmentHeaderBytes && r.End <= cut).Select(r => r.Sequence).Concat(later).ToList();
                Assert.Equal(expected, Sequences(Unacknowledged(reloaded)));
                bool atBoundary = cut == DurableOutbox.SegmentHeaderBytes || records.Any(r => r.End == cut);
                Assert.Equal(cut >= DurableOutbox.SegmentHeaderBytes && !atBoundary ? 1 : 0, reloaded.TornTails);
                Assert.Equal(cut < DurableOutbox.SegmentHeaderBytes ? 1 : 0, reloaded.CorruptSegments);
            }
        }

        [Fact]
        public void A_flipped_byte_drops_its_record_only_and_a_flip_in_the_last_record_is_a_torn_tail()
        {
            var store = new MemoryStore();
            var outbox = Open(store);
            for (int i = 1; i <= 12; i++)
            {
                Add(outbox, RecordClass.Interval, i, 20 + (i * 11 % 40));
            }

            outbox.Flush();
            byte[] first = store.Files["ob0"];
            List<(int End, long Sequence)> records = SegmentFile.Records(first);
            List<long> later = Range(records.Count + 1, 12);

            for (int at = DurableOutbox.SegmentHeaderBytes; at < first.Length; at++)
            {
                MemoryStore copy = Clone(store);
                byte[] damaged = (byte[])first.Clone();
                damaged[at] ^= 0x20;
                copy.Files["ob0"] = damaged;

                var reloaded = Open(copy);

                int hit = records.FindIndex(r => at < r.End);
                bool last = hit == records.Count - 1;
                var expected = records.Where((r, i) => i != hit).Select(r => r.Sequence).Concat(later).ToList();
                Assert.Equal(expected, Sequences(Unacknowledged(reloaded)));
                Assert.Equal((last ? 1 : 0, last ? 0 : 1), (reloaded.TornTails, reloaded.CorruptSegments));
            }
        }

        [Theory]
        [InlineData("magic")]
        [InlineData("version")]
        [InlineData("number")]
        [InlineData("empty")]
        [InlineData("garbage")]
        public void A_segment_with_a_bad_header_is_skipped_and_counted(string damage)
        {
            var store = new MemoryStore();
            var outbox = Open(store);
            for (int i = 1; i <= 20; i++)
            {
                Add(outbox, RecordClass.Interval, i, 50);
            }

            outbox.Flush();
            int inFirst = SegmentFile.Records(store.Files["ob0"]).Count;
            byte[] file = store.Files["ob0"];
            switch (damage)
            {
                case "magic": file[0] ^= 1; break;
                case "version": file[4] = 9; break;
                case "number": file[9] ^= 1; break;
                case "empty": store.Files["ob0"] = Array.Empty<byte>(); break;
                default: new Random(5).NextBytes(file); break;
            }

            var reloaded = Open(store);

            Assert.Equal(1, reloaded.CorruptSegments);
            Assert.Equal(Range(inFirst + 1, 20), Sequences(Unacknowledged(reloaded)));
            Add(reloaded, RecordClass.Interval, 21, 50);
            reloaded.Flush();
            Assert.Equal(Range(inFirst + 1, 21), Sequences(Unacknowledged(Open(store))));
        }

        [Fact]
        public void A_segment_truncated_during_the_run_keeps_what_is_valid_and_the_outbox_goes_on()
        {
            var store = new MemoryStore();
            var outbox = Open(store);
            for (int i = 1; i <= 20; i++)
            {
                Add(outbox, RecordClass.Interval, i, 50);
            }

            outbox.Flush();
            List<(int End, long Sequence)> records = SegmentFile.Records(store.Files["ob1"]);
            store.Files["ob1"] = store.Files["ob1"][..(records[2].End + 5)];

            // The first segment is still cached from its close; the second is read from the store.
            var offered = Sequences(Unacknowledged(outbox));

            Assert.Equal(1, outbox.TornTails);
            Assert.DoesNotContain(records[3].Sequence, offered);
            Assert.Contains(records[2].Sequence, offered);
            Assert.Equal(offered.Count, outbox.Depth);
            for (long i = 0; i < outbox.End; i++)
            {
                outbox.Acknowledge(i);
            }

            Assert.Equal(outbox.End, outbox.FirstUnacknowledged);
            Assert.Equal(0, outbox.Depth);
        }

        [Fact]
        public void A_store_that_throws_on_write_loses_nothing_already_stored_and_recovers()
        {
            var inner = new MemoryStore();
            var store = new FailingStore(inner);
            var outbox = Open(store);
            for (int i = 1; i <= 5; i++)
            {
                Add(outbox, RecordClass.Interval, i, 50);
            }

            outbox.Flush();
            store.FailWrites = true;
            for (int i = 6; i <= 12; i++)
            {
                outbox.Append(0, RecordClass.Interval, i, 0, Payload(i, 50), 50);
                outbox.Flush();
            }

            outbox.Acknowledge(0);
            outbox.Flush();

            Assert.True(outbox.StoreErrors > 0);
            Assert.Equal(0, TotalDropped(outbox));
            var held = Sequences(Unacknowledged(outbox));
            Assert.Equal(Range(2, 2 + held.Count - 1), held);
            Assert.Equal(11, held.Count + outbox.Refused);

            // Meanwhile the store still holds what was flushed before it failed.
            Assert.Equal(Range(1, 5), Sequences(Unacknowledged(Open(inner))));

            store.FailWrites = false;
            for (int i = 13; i <= 20; i++)
            {
                Add(outbox, RecordClass.Interval, i, 50);
            }

            outbox.Flush();
            var expected = held.Concat(Range(13, 20)).ToList();
            Assert.Equal(expected, Sequences(Unacknowledged(outbox)));
            Assert.Equal(expected, Sequences(Unacknowledged(Open(inner))));
        }

        [Fact]
        public void A_store_that_throws_on_read_at_load_is_counted_and_its_files_are_not_overwritten()
        {
            var inner = new MemoryStore();
            var outbox = Open(inner);
            for (int i = 1; i <= 20; i++)
            {
                Add(outbox, RecordClass.Interval, i, 50);
            }

            outbox.Flush();
            int inFirst = SegmentFile.Records(inner.Files["ob0"]).Count;
            var store = new FailingStore(inner) { FailReads = true, OnlyFile = "ob0" };

            var blind = Open(store);
            Assert.Equal(1, blind.StoreErrors);
            Assert.Equal(Range(inFirst + 1, 20), Sequences(Unacknowledged(blind)));
            store.FailReads = false;
            for (int i = 21; i <= 30; i++)
            {
                Add(blind, RecordClass.Interval, i, 50);
            }

            blind.Acknowledge(blind.FirstUnacknowledged);
            blind.Flush();

            // Nothing stored before was overwritten, and the mark did not move past the unread file: a later start
            // offers it all (the record acknowledged meanwhile again, at least once).
            var later = Open(inner);
            Assert.Equal(Range(1, 30), Sequences(Unacknowledged(later)));
            Assert.Equal(0, later.CorruptSegments);
        }

        [Fact]
        public void A_store_failing_while_the_policy_makes_room_refuses_the_record_and_keeps_the_others()
        {
            var inner = new MemoryStore();
            var store = new FailingStore(inner);
            var outbox = Open(store, capacity: 2 * Segment);
            // Two full segments of seven records: the next record needs a new segment, hence room.
            const int appended = 14;
            for (int i = 1; i <= appended; i++)
            {
                Add(outbox, RecordClass.Telemetry, i, 50);
            }

            outbox.Flush();
            store.FailWrites = true;
            store.FailDeletes = true;

            Assert.False(outbox.Append(0, RecordClass.Event, 99, 0, Payload(99, 50), 50));
            Assert.Equal(1, outbox.Refused);
            Assert.Equal(Range(1, appended), Sequences(Unacknowledged(outbox)));

            store.FailWrites = false;
            store.FailDeletes = false;
            Assert.True(outbox.Append(0, RecordClass.Event, 99, 0, Payload(99, 50), 50));
            Assert.True(outbox.Dropped(RecordClass.Telemetry) > 0);
        }

        [Theory]
        [InlineData(true)]
        [InlineData(false)]
        public void When_full_keeps_totals_and_events_drops_telemetry_first_then_interval_reports(bool durable)
        {
            var outbox = Open(durable ? new MemoryStore() : null, capacity: 6 * Segment);
            var appended = new List<(long Sequence, RecordClass Class)>();
            for (int i = 1; i <= 160; i++)
            {
                RecordClass cls = (i % 16) switch
                {
                    0 => RecordClass.Total,
                    5 => RecordClass.Event,
                    1 or 2 or 3 or 9 or 10 or 11 => RecordClass.Telemetry,
                    _ => RecordClass.Interval,
                };
                Add(outbox, cls, i, 40);
                appended.Add((i, cls));
                Assert.True(outbox.UsedBytes <= outbox.CapacityBytes);
                outbox.Flush();
            }

            List<Held> held = Unacknowledged(outbox);
            List<long> sequences = Sequences(held);
            Assert.Equal(sequences.OrderBy(s => s), sequences);
            Assert.Equal(held.Count, outbox.Depth);

            // Every total and event is kept; what is missing is counted, by class.
            foreach (RecordClass cls in new[] { RecordClass.Telemetry, RecordClass.Interval, RecordClass.Total, RecordClass.Event })
            {
                int missing = appended.Count(a => a.Class == cls) - held.Count(h => h.Class == cls);
                Assert.Equal(missing, outbox.Dropped(cls));
            }

            Assert.Equal(0, outbox.Dropped(RecordClass.Total));
            Assert.Equal(0, outbox.Dropped(RecordClass.Event));
            Assert.True(outbox.Dropped(RecordClass.Interval) > 0);

            // Oldest first within a class, and no telemetry outlives an interval report dropped before it.
            AssertSuffix(appended.Where(a => a.Class == RecordClass.Interval).Select(a => a.Sequence), held.Where(h => h.Class == RecordClass.Interval).Select(h => h.Sequence));
            AssertSuffix(appended.Where(a => a.Class == RecordClass.Telemetry).Select(a => a.Sequence), held.Where(h => h.Class == RecordClass.Telemetry).Select(h => h.Sequence));
            long newestDroppedInterval = appended.Where(a => a.Class == RecordClass.Interval).Select(a => a.Sequence).Except(sequences).Max();
            Assert.All(held.Where(h => h.Class == RecordClass.Telemetry), h => Assert.True(h.Sequence > newestDroppedInterval));

            if (durable)
            {
                return;
            }

            Assert.False(outbox.IsDurable);
        }

        [Theory]
        [InlineData(true)]
        [InlineData(false)]
        public void When_only_totals_and_events_are_left_the_oldest_of_them_go(bool durable)
        {
            var outbox = Open(durable ? new MemoryStore() : null, capacity: 3 * Segment);
            for (int i = 1; i <= 100; i++)
            {
                Add(outbox, i % 2 == 0 ? RecordClass.Total : RecordClass.Event, i, 40);
            }

            List<long> held = Sequences(Unacknowledged(outbox));
            Assert.Equal(Range(101 - held.Count, 100), held);
            Assert.Equal(100 - held.Count, outbox.Dropped(RecordClass.Total) + outbox.Dropped(RecordClass.Event));
            Assert.True(outbox.UsedBytes <= outbox.CapacityBytes);
        }

        [Theory]
        [InlineData(true)]
        [InlineData(false)]
        public void Drop_oldest_drops_whole_oldest_segments_whatever_their_class(bool durable)
        {
            var outbox = Open(durable ? new MemoryStore() : null, capacity: 4 * Segment, policy: OutboxPolicy.DropOldest);
            var appended = new List<(long Sequence, RecordClass Class)>();
            for (int i = 1; i <= 100; i++)
            {
                var cls = (RecordClass)(i % 4);
                Add(outbox, cls, i, 40);
                appended.Add((i, cls));
                outbox.Flush();
            }

            List<Held> held = Unacknowledged(outbox);
            Assert.Equal(Range(101 - held.Count, 100), Sequences(held));
            foreach (RecordClass cls in new[] { RecordClass.Telemetry, RecordClass.Interval, RecordClass.Total, RecordClass.Event })
            {
                Assert.Equal(appended.Count(a => a.Class == cls && a.Sequence <= 100 - held.Count), outbox.Dropped(cls));
            }

            Assert.True(outbox.Dropped(RecordClass.Total) > 0);
            Assert.True(outbox.UsedBytes <= outbox.CapacityBytes);
        }

        [Theory]
        [InlineData(true, OutboxPolicy.KeepTotalsAndEvents)]
        [InlineData(true, OutboxPolicy.DropOldest)]
        [InlineData(false, OutboxPolicy.KeepTotalsAndEvents)]
        public void Acknowledged_history_is_forgotten_before_anything_is_dropped(bool durable, OutboxPolicy policy)
        {
            var outbox = Open(durable ? new MemoryStore() : null, capacity: 4 * Segment, policy: policy);
            for (int i = 1; i <= 60; i++)
            {
                long index = Add(outbox, RecordClass.Interval, i, 40);
                outbox.Acknowledge(index);
            }

            int history = outbox.HeldRecords;
            Assert.True(history > 20);
            for (int i = 61; i <= 80; i++)
            {
                Add(outbox, RecordClass.Telemetry, i, 40);
            }

            Assert.Equal(0, TotalDropped(outbox));
            Assert.Equal(Range(61, 80), Sequences(Unacknowledged(outbox)));
            Assert.True(outbox.HeldRecords < history + 20);
        }

        [Theory]
        [InlineData(true)]
        [InlineData(false)]
        public void Find_first_locates_a_resync_start_among_acknowledged_records_too(bool durable)
        {
            var outbox = Open(durable ? new MemoryStore() : null);
            for (int i = 1; i <= 40; i++)
            {
                Add(outbox, RecordClass.Interval, i, 40, topic: 0);
                Add(outbox, RecordClass.Event, 500 + i, 20, topic: 1);
            }

            for (long i = 0; i < 50; i++)
            {
                outbox.Acknowledge(i);
            }

            var buffer = new byte[Segment];
            long index = outbox.FindFirst(0, 12);
            Assert.True(index >= 0 && index < outbox.FirstUnacknowledged);
            Assert.True(outbox.Read(index, buffer, out byte topic, out _, out long sequence, out _));
            Assert.Equal((0, 12L), (topic, sequence));
            Assert.Equal(outbox.FindFirst(1, 512), outbox.FindFirst(1, 511) + 2);
            Assert.Equal(-1, outbox.FindFirst(0, 41));
            Assert.Equal(-1, outbox.FindFirst(7, 0));

            // History makes room for new records: the resync then starts at the oldest report still held.
            for (int i = 41; i <= 120; i++)
            {
                Add(outbox, RecordClass.Interval, i, 40, topic: 0);
            }

            long oldest = outbox.FindFirst(0, 1);
            Assert.True(outbox.Read(oldest, buffer, out _, out _, out sequence, out _));
            Assert.True(sequence > 1);
            Assert.Equal(oldest, ReadFrom(outbox, 0).First(h => h.Topic == 0).Index);
        }

        [Fact]
        public void Highest_sequence_after_a_load_is_the_highest_held_per_topic()
        {
            var store = new MemoryStore();
            var outbox = Open(store);
            for (int i = 1; i <= 30; i++)
            {
                Add(outbox, RecordClass.Interval, 1000 + i, 40, topic: 0);
                if (i % 10 == 0)
                {
                    Add(outbox, RecordClass.Event, 7 + i, 20, topic: 1);
                }
            }

            for (long i = 0; i < outbox.End; i++)
            {
                outbox.Acknowledge(i);
            }

            outbox.Flush();

            var restarted = Open(store);
            Assert.Equal(0, restarted.Depth);
            Assert.Equal(1030, restarted.HighestSequence(0));
            Assert.Equal(37, restarted.HighestSequence(1));
            Assert.Equal(-1, restarted.HighestSequence(2));
        }

        [Theory]
        [InlineData(true)]
        [InlineData(false)]
        public void Append_flush_read_and_acknowledge_allocate_nothing_in_steady_state(bool durable)
        {
            var store = durable ? new ReusingStore(Segment) : null;
            var outbox = Open(store);
            var payload = Payload(1, 200);
            var buffer = new byte[Segment];
            long sequence = 0;

            void Tick()
            {
                // A backlog of a few records, read and acknowledged as a publisher with an in-flight window does.
                for (int i = 0; i < 3; i++)
                {
                    outbox.Append((byte)i, (RecordClass)(i + 1), ++sequence, 1_800_000_000 + sequence, payload, 40 + (int)(sequence % 150));
                }

                outbox.Flush();
                long first = outbox.FirstUnacknowledged;
                for (long index = outbox.End - 1; index >= first; index--)
                {
                    outbox.Read(index, buffer, out _, out _, out _, out _);
                    outbox.Acknowledge(index);
                }

                _ = outbox.OldestUnacknowledgedUtcSeconds;
                outbox.Flush();
            }

            for (int i = 0; i < 300; i++)
            {
                Tick();
            }

            long before = GC.GetAllocatedBytesForCurrentThread();
            int namesBefore = outbox.FileNamesBuilt;
            for (int i = 0; i < 1000; i++)
            {
                Tick();
            }

            // With a store, only the file name of a segment the outbox turns to (a new one, the oldest deleted): the
            // prefix and the slot number, two strings of at most 5 characters, 32 bytes each on 64-bit .NET. These
            // 512-byte segments roll every tick or two; the default 4 KB ones take about 15 household reports.
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            int names = outbox.FileNamesBuilt - namesBefore;
            Assert.True(allocated <= names * 64L, allocated + " bytes allocated for " + names + " file names");
            Assert.Equal(0, durable ? 0 : allocated);
            Assert.Equal(0, outbox.Depth);
            Assert.True(outbox.SegmentCount > 4, "segments were closed and history forgotten during the run");
        }

        [Fact]
        public void Works_through_the_file_store_of_the_host()
        {
            string directory = System.IO.Directory.CreateTempSubdirectory("edge-outbox-").FullName;
            try
            {
                var outbox = new DurableOutbox(new Edge.Host.Platform.FileStore(directory), "ob");
                for (int i = 1; i <= 60; i++)
                {
                    Add(outbox, i % 24 == 0 ? RecordClass.Total : RecordClass.Interval, i, 250);
                }

                for (long i = 0; i < 20; i++)
                {
                    outbox.Acknowledge(i);
                }

                outbox.Flush();
                string[] files = System.IO.Directory.GetFiles(directory).Select(System.IO.Path.GetFileName).ToArray()!;
                Assert.Contains("ob0", files);
                Assert.DoesNotContain(files, f => f.EndsWith(".tmp", StringComparison.Ordinal));

                var restarted = new DurableOutbox(new Edge.Host.Platform.FileStore(directory), "ob");
                Assert.Equal(Range(21, 60), Sequences(Unacknowledged(restarted)));

                // A power cut on a file system without atomic rename: the open segment's file cut short.
                string open = System.IO.Path.Combine(directory, "ob3");
                using (var stream = new System.IO.FileStream(open, System.IO.FileMode.Open))
                {
                    stream.SetLength(stream.Length - 100);
                }

                var torn = new DurableOutbox(new Edge.Host.Platform.FileStore(directory), "ob");
                Assert.Equal(1, torn.TornTails);
                List<long> offered = Sequences(Unacknowledged(torn));
                Assert.Equal(Range(21, 20 + offered.Count), offered);
                Assert.True(offered.Count < 40);
            }
            finally
            {
                System.IO.Directory.Delete(directory, recursive: true);
            }
        }

        internal static MemoryStore Clone(MemoryStore store)
        {
            var copy = new MemoryStore();
            foreach (var file in store.Files)
            {
                copy.Files[file.Key] = (byte[])file.Value.Clone();
            }

            return copy;
        }

        private static void AssertSuffix(IEnumerable<long> all, IEnumerable<long> kept)
        {
            var list = all.ToList();
            var suffix = kept.ToList();
            Assert.Equal(list.Skip(list.Count - suffix.Count), suffix);
        }

        private static uint BitwiseCrc32(byte[] data)
        {
            uint crc = 0xFFFFFFFF;
            foreach (byte b in data)
            {
                crc ^= b;
                for (int k = 0; k < 8; k++)
                {
                    crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320 : crc >> 1;
                }
            }

            return ~crc;
        }
    }
}
