using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Linq;
using CsCheck;
using Edge.Core.Outbox;
using Edge.Tests.Fakes;
using Xunit;
using static Edge.Tests.Core.Outbox.OutboxKit;

namespace Edge.Tests.Core.Outbox
{
    /// <summary>
    /// Loading a store whose segments were damaged: a bad record followed by valid ones is corruption, the intact
    /// records after it are kept; a bad record with nothing valid after it is a torn tail.
    /// </summary>
    public class OutboxLoadDamageTests
    {
        private const int Segment = 512;
        private const int Capacity = 8 * Segment;
        private const int Count = 14;

        private static DurableOutbox Open(MemoryStore store) => new(store, "ob", Capacity, Segment, OutboxPolicy.KeepTotalsAndEvents);

        /// <summary>A store holding records 1 to <see cref="Count"/> over several segments, the last one still open.</summary>
        private static MemoryStore Filled()
        {
            var store = new MemoryStore();
            var outbox = Open(store);
            for (int i = 1; i <= Count; i++)
            {
                Add(outbox, RecordClass.Interval, i, 20 + (i * 11 % 40));
            }

            outbox.Flush();
            return store;
        }

        private static string LastSegment(MemoryStore store)
            => store.Files.Where(f => f.Key.StartsWith("ob", StringComparison.Ordinal) && SegmentFile.Records(f.Value).Count > 0)
                .OrderBy(f => BinaryPrimitives.ReadUInt32LittleEndian(f.Value.AsSpan(8))).Last().Key;

        /// <summary>Start offset of each record in <paramref name="file"/>, with its end and sequence.</summary>
        private static List<(int Start, int End, long Sequence)> Spans(byte[] file)
        {
            var spans = new List<(int Start, int End, long Sequence)>();
            int start = SegmentFile.HeaderBytes;
            foreach ((int end, long sequence) in SegmentFile.Records(file))
            {
                spans.Add((start, end, sequence));
                start = end;
            }

            return spans;
        }

        [Theory]
        [InlineData("ob0", "first")]
        [InlineData("ob0", "middle")]
        [InlineData("ob0", "last")]
        [InlineData("open", "first")]
        [InlineData("open", "middle")]
        [InlineData("open", "last")]
        public void A_flipped_byte_loses_only_its_record_unless_it_is_the_last_one(string segment, string which)
        {
            MemoryStore store = Filled();
            string name = segment == "open" ? LastSegment(store) : segment;
            var spans = Spans(store.Files[name]);
            Assert.True(spans.Count >= 3, $"{name} holds {spans.Count} records");
            var hit = which == "first" ? spans[0] : which == "last" ? spans[^1] : spans[spans.Count / 2];
            bool isLast = which == "last";

            store.Files[name][(hit.Start + hit.End) / 2] ^= 0x20;
            var reloaded = Open(store);

            List<long> expected = Range(1, Count).Where(s => s != hit.Sequence).ToList();
            Assert.Equal(expected, Sequences(Unacknowledged(reloaded)));
            Assert.Equal((isLast ? 1 : 0, isLast ? 0 : 1), (reloaded.TornTails, reloaded.CorruptSegments));

            // The segment was rewritten without the damaged bytes: appends after it read back, nothing is counted twice.
            Add(reloaded, RecordClass.Interval, Count + 1, 30);
            reloaded.Flush();
            var again = Open(store);
            Assert.Equal(expected.Append(Count + 1).ToList(), Sequences(Unacknowledged(again)));
            Assert.Equal((0, 0), (again.TornTails, again.CorruptSegments));
            Assert.Equal(Count + 1, again.HighestSequence(0));
        }

        [Fact]
        public void Damage_to_the_last_record_keeps_the_highest_intact_sequence_for_the_counter()
        {
            MemoryStore store = Filled();
            string name = LastSegment(store);
            var spans = Spans(store.Files[name]);
            store.Files[name][spans[spans.Count - 2].Start + 20] ^= 0x01;

            var reloaded = Open(store);

            Assert.Equal(Count, reloaded.HighestSequence(0));
            Assert.Equal(1, reloaded.CorruptSegments);
        }

        [Fact]
        public void A_cut_inside_the_last_record_is_a_torn_tail()
        {
            MemoryStore store = Filled();
            string name = LastSegment(store);
            var spans = Spans(store.Files[name]);
            var last = spans[^1];
            store.Files[name] = store.Files[name][..(last.Start + 10)];

            var reloaded = Open(store);

            Assert.Equal(Range(1, Count - 1), Sequences(Unacknowledged(reloaded)));
            Assert.Equal((1, 0), (reloaded.TornTails, reloaded.CorruptSegments));
        }

        [Fact]
        public void Acknowledged_records_after_damage_are_not_passed_as_unacknowledged_ones_or_lost()
        {
            var store = new MemoryStore();
            var outbox = Open(store);
            for (int i = 1; i <= Count; i++)
            {
                Add(outbox, RecordClass.Interval, i, 20 + (i * 11 % 40));
            }

            // Acknowledge up to a record inside the open segment, past the record about to be damaged.
            outbox.Flush();
            string name = LastSegment(store);
            var spans = Spans(store.Files[name]);
            long ackedUpTo = spans[spans.Count / 2 + 1].Sequence;
            for (long i = 0; i < ackedUpTo; i++)
            {
                outbox.Acknowledge(i);
            }

            outbox.Flush();
            spans = Spans(store.Files[name]);
            var hit = spans.First(s => s.Sequence < ackedUpTo);
            store.Files[name][hit.Start + 6] ^= 0x10;

            var reloaded = Open(store);

            // The damaged header kept its length, so it stands for one record: the mark still falls where it did.
            Assert.Equal(Range(ackedUpTo + 1, Count), Sequences(Unacknowledged(reloaded)));
            Assert.Equal(1, reloaded.CorruptSegments);
        }

        [Fact]
        public void Random_flips_keep_every_record_whose_bytes_are_intact()
        {
            MemoryStore pristine = Filled();
            var names = pristine.Files.Keys.Where(k => SegmentFile.Records(pristine.Files[k]).Count > 0).OrderBy(k => k).ToList();
            var gen = Gen.Select(Gen.Int[0, names.Count - 1], Gen.Int[0, 10_000], Gen.Int[1, 3], Gen.Byte[1, 255]);
            gen.Sample((segment, offsetSeed, flips, mask) =>
            {
                MemoryStore store = DurableOutboxTests.Clone(pristine);
                string name = names[segment];
                byte[] file = store.Files[name];
                var spans = Spans(file);
                var hitRecords = new HashSet<long>();
                int spread = file.Length - SegmentFile.HeaderBytes;
                for (int f = 0; f < flips; f++)
                {
                    int at = SegmentFile.HeaderBytes + ((offsetSeed + (f * 97)) % spread);
                    file[at] ^= mask;
                    hitRecords.Add(spans.First(s => s.Start <= at && at < s.End).Sequence);
                }

                var reloaded = Open(store);
                List<long> offered = Sequences(Unacknowledged(reloaded));

                // Every record whose bytes were not hit is kept; a hit last record is the only torn tail.
                var intact = Range(1, Count).Where(s => !hitRecords.Contains(s)).ToList();
                Assert.Equal(intact, offered);
                bool tail = hitRecords.Contains(spans[^1].Sequence);
                Assert.Equal(tail ? 1 : 0, reloaded.TornTails);
                // Damage is counted as corruption when an intact record of the segment follows it.
                int lastIntact = spans.FindLastIndex(s => !hitRecords.Contains(s.Sequence));
                bool followed = spans.Where((s, i) => i < lastIntact && hitRecords.Contains(s.Sequence)).Any();
                Assert.True(reloaded.CorruptSegments >= (followed ? 1 : 0), $"corrupt {reloaded.CorruptSegments}");
                Assert.True(reloaded.CorruptSegments <= hitRecords.Count, $"corrupt {reloaded.CorruptSegments}");
            }, iter: 300);
        }
    }
}
