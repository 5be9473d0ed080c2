using System;
using System.Collections.Generic;
using System.Linq;
using Edge.Core.Outbox;
using Edge.Tests.Fakes;
using Xunit;
using static Edge.Tests.Core.Outbox.OutboxKit;

namespace Edge.Tests.Core.Outbox
{
    public class DurableOutboxPropertyTests
    {
        private static readonly int SeedCount = int.TryParse(Environment.GetEnvironmentVariable("EDGE_OUTBOX_SEEDS"), out int seeds) ? seeds : 200;

        private sealed class Rec
        {
            public long Sequence;
            public byte Topic;
            public RecordClass Class;
            public int Length;
            public long Index;
            public bool Acked;
            public bool Gone;
        }

        [Fact]
        public void Random_appends_acknowledgements_flushes_restarts_and_truncations_read_back_exactly_what_is_owed()
        {
            var seen = new Coverage();
            for (int seed = 0; seed < SeedCount; seed++)
            {
                Run(seed, seen);
            }

            // The runs went through what they are meant to check.
            if (SeedCount >= 200)
            {
                Assert.True(seen.Restarts > 200, $"restarts {seen.Restarts}");
                Assert.True(seen.TornTails > 20, $"torn tails {seen.TornTails}");
                Assert.True(seen.CorruptHeaders > 2, $"corrupt headers {seen.CorruptHeaders}");
                Assert.True(seen.Dropped > 500, $"dropped {seen.Dropped}");
                Assert.True(seen.FilesWithGaps > 20, $"files with gap records {seen.FilesWithGaps}");
                Assert.True(seen.OutOfOrderAcks > 1000, $"out-of-order acknowledgements {seen.OutOfOrderAcks}");
            }
        }

        private sealed class Coverage
        {
            public int Restarts;
            public int TornTails;
            public int CorruptHeaders;
            public int Dropped;
            public int FilesWithGaps;
            public int OutOfOrderAcks;
        }

        private static void Run(int seed, Coverage seen)
        {
            var random = new Random(seed);
            int segment = new[] { 128, 192, 256, 512, 1024 }[random.Next(5)];
            int capacity = segment * random.Next(2, 7);
            var policy = random.Next(3) == 0 ? OutboxPolicy.DropOldest : OutboxPolicy.KeepTotalsAndEvents;
            bool durable = seed % 6 != 5;
            var store = new MemoryStore();
            DurableOutbox Start() => new(durable ? store : null!, "ob", capacity, segment, policy);
            var outbox = Start();
            var model = new List<Rec>();
            long nextSequence = 1;
            string context = "";

            for (int op = 0; op < 400; op++)
            {
                int choice = random.Next(100);
                context = $"seed {seed}, op {op} ({choice}), segment {segment}, capacity {capacity}, {policy}, durable {durable}";
                if (choice < 50)
                {
                    var rec = new Rec
                    {
                        Sequence = nextSequence++,
                        Topic = (byte)random.Next(3),
                        Class = (RecordClass)random.Next(4),
                        Length = random.Next(0, (segment / 3) + 1),
                        Index = outbox.End,
                    };
                    int[] before = DropCounts(outbox);
                    seen.Dropped -= before.Sum();
                    Assert.True(outbox.Append(rec.Topic, rec.Class, rec.Sequence, 1_800_000_000 + rec.Sequence, Payload(rec.Sequence, rec.Length), rec.Length), context);
                    model.Add(rec);
                    Reconcile(outbox, model, before, context);
                    seen.Dropped += DropCounts(outbox).Sum();
                }
                else if (choice < 75)
                {
                    var candidates = model.Where(r => !r.Gone && !r.Acked && r.Index >= outbox.FirstUnacknowledged).OrderBy(r => r.Index).ToList();
                    if (candidates.Count == 0)
                    {
                        continue;
                    }

                    int ahead = model.Count(r => !r.Gone && r.Acked && r.Index > outbox.FirstUnacknowledged);
                    Rec pick = ahead >= DurableOutbox.MaxAcknowledgedAhead - 1 ? candidates[0] : candidates[random.Next(Math.Min(8, candidates.Count))];
                    if (pick != candidates[0])
                    {
                        seen.OutOfOrderAcks++;
                    }

                    outbox.Acknowledge(pick.Index);
                    pick.Acked = true;
                }
                else if (choice < 90 || !durable)
                {
                    outbox.Flush();
                }
                else if (choice < 97)
                {
                    outbox = Restart(outbox, Start, model, 0, context);
                    seen.Restarts++;
                }
                else
                {
                    outbox.Flush();
                    var files = store.Files.Keys.Where(k => k.Length > 2 && char.IsDigit(k[2])).OrderBy(k => k, StringComparer.Ordinal).ToList();
                    if (files.Count == 0)
                    {
                        continue;
                    }

                    string name = files[random.Next(files.Count)];
                    byte[] file = store.Files[name];
                    int cut = random.Next(file.Length + 1);
                    var lost = new HashSet<long>(SegmentFile.Records(file).Where(r => cut < SegmentFile.HeaderBytes || r.End > cut).Select(r => r.Sequence));
                    bool torn = cut >= SegmentFile.HeaderBytes && !SegmentFile.Boundaries(file).Contains(cut);
                    seen.FilesWithGaps += files.Count(f => SegmentFile.Boundaries(store.Files[f]).Count - 1 > SegmentFile.Records(store.Files[f]).Count);
                    seen.TornTails += torn ? 1 : 0;
                    seen.CorruptHeaders += cut < SegmentFile.HeaderBytes ? 1 : 0;
                    seen.Restarts++;
                    store.Files[name] = file[..cut];
                    foreach (Rec rec in model.Where(r => lost.Contains(r.Sequence)))
                    {
                        rec.Gone = true;
                    }

                    outbox = Restart(outbox, Start, model, torn ? 1 : 0, context, cut < SegmentFile.HeaderBytes ? 1 : 0);
                }

                Assert.True(outbox.UsedBytes <= outbox.CapacityBytes, context);
                Assert.Equal(model.Count(r => !r.Gone && !r.Acked), outbox.Depth);
            }

            if (durable)
            {
                Restart(outbox, Start, model, 0, context);
            }
        }

        /// <summary>Marks the records the policy dropped during an append, checking the counts by class.</summary>
        private static void Reconcile(DurableOutbox outbox, List<Rec> model, int[] before, string context)
        {
            var newlyDropped = new int[4];
            var buffer = new byte[outbox.LargestPayloadBytes];
            foreach (Rec rec in model.Where(r => !r.Gone))
            {
                if (outbox.Read(rec.Index, buffer, out byte topic, out RecordClass cls, out long sequence, out int length))
                {
                    Assert.True(rec.Sequence == sequence, $"{context}: index {rec.Index} reads {sequence}, not {rec.Sequence}");
                    Assert.Equal((rec.Topic, rec.Class, rec.Length), (topic, cls, length));
                    continue;
                }

                rec.Gone = true;
                if (!rec.Acked)
                {
                    newlyDropped[(int)rec.Class]++;
                }
            }

            int[] after = DropCounts(outbox);
            for (int c = 0; c < 4; c++)
            {
                Assert.True(after[c] - before[c] == newlyDropped[c], $"{context}: class {c} dropped {after[c] - before[c]}, missing {newlyDropped[c]}");
            }
        }

        /// <summary>Flushes, starts a new outbox on the same store and checks that it offers exactly the records owed:
        /// those not gone from the first unacknowledged one on, acknowledged ahead or not, in order; the
        /// acknowledged ones before stay readable as history.</summary>
        private static DurableOutbox Restart(DurableOutbox outbox, Func<DurableOutbox> start, List<Rec> model, int tornTails, string context, int corrupt = 0)
        {
            outbox.Flush();
            long firstUnack = outbox.FirstUnacknowledged;
            var owed = model.Where(r => !r.Gone && r.Index >= firstUnack).OrderBy(r => r.Index).ToList();
            var history = model.Where(r => !r.Gone && r.Index < firstUnack).OrderBy(r => r.Index).ToList();

            DurableOutbox restarted = start();

            Assert.True(tornTails == restarted.TornTails, $"{context}: torn tails {restarted.TornTails}");
            Assert.True(corrupt == restarted.CorruptSegments, $"{context}: corrupt segments {restarted.CorruptSegments}");
            Assert.True(TotalDropped(restarted) == 0, $"{context}: dropped {TotalDropped(restarted)} at load, used {restarted.UsedBytes}, segments {restarted.SegmentCount}, before used {outbox.UsedBytes} segments {outbox.SegmentCount}");
            List<Held> offered = Unacknowledged(restarted);
            Assert.True(owed.Select(r => r.Sequence).SequenceEqual(Sequences(offered)),
                $"{context}: offered [{string.Join(",", offered.Select(h => h.Sequence))}], owed [{string.Join(",", owed.Select(r => r.Sequence))}]");
            List<Held> kept = ReadFrom(restarted, 0).Where(h => h.Index < restarted.FirstUnacknowledged).ToList();
            Assert.True(history.Select(r => r.Sequence).SequenceEqual(Sequences(kept)), $"{context}: history");

            for (int i = 0; i < owed.Count; i++)
            {
                Assert.Equal((owed[i].Topic, owed[i].Class, owed[i].Length), (offered[i].Topic, offered[i].Class, offered[i].Payload.Length));
                owed[i].Index = offered[i].Index;
                owed[i].Acked = false;
            }

            for (int i = 0; i < history.Count; i++)
            {
                history[i].Index = kept[i].Index;
            }

            return restarted;
        }

        private static int[] DropCounts(DurableOutbox outbox) =>
            new[] { outbox.Dropped(RecordClass.Telemetry), outbox.Dropped(RecordClass.Interval), outbox.Dropped(RecordClass.Total), outbox.Dropped(RecordClass.Event) };
    }
}
