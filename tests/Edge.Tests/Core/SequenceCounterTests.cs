using System;
using System.Collections.Generic;
using System.Linq;
using Edge.Core.Outbox;
using Edge.Tests.Fakes;
using Xunit;

namespace Edge.Tests.Core
{
    public class SequenceCounterTests
    {
        [Fact]
        public void Starts_at_one_and_counts_up()
        {
            var counter = new SequenceCounter(null!, "seq", 10);
            Assert.Equal(1, counter.Take());
            Assert.Equal(2, counter.Take());
            Assert.Equal(3, counter.Peek);
        }

        [Fact]
        public void Never_reuses_a_number_after_a_reboot()
        {
            var store = new MemoryStore();
            var issued = new HashSet<long>();
            for (int boot = 0; boot < 5; boot++)
            {
                var counter = new SequenceCounter(store, "seq", 10);
                for (int i = 0; i < 7 + boot; i++)
                {
                    long n = counter.Take();
                    Assert.True(issued.Add(n), $"sequence {n} issued twice");
                }
            }

            Assert.Equal(5 * 7 + 10, issued.Count);
        }

        [Fact]
        public void Writes_the_store_once_per_block_not_per_number()
        {
            var store = new MemoryStore();
            var counter = new SequenceCounter(store, "seq", 100);
            for (int i = 0; i < 250; i++)
            {
                counter.Take();
            }

            Assert.Equal(4, store.Writes); // the first mark goes to both copies

            var afterReboot = new SequenceCounter(store, "seq", 100);
            Assert.Equal(301, afterReboot.Take());
        }
    

        [Fact]
        public void Survives_the_newest_copy_torn_by_a_power_cut_without_reusing_a_number()
        {
            var store = new MemoryStore();
            var counter = new SequenceCounter(store, "seq", 100);
            long last = 0;
            for (int i = 0; i < 250; i++)
            {
                last = counter.Take();
            }

            // The newest mark (301) went to one copy; cut that copy at every length and flip each of its bytes.
            string newest = store.Files["seq.a"].Length == 12 && Mark(store, "seq.a") == 301 ? "seq.a" : "seq.b";
            byte[] intact = store.Files[newest];
            for (int cut = 0; cut < intact.Length; cut++)
            {
                store.Files[newest] = intact.AsSpan(0, cut).ToArray();
                Assert.True(new SequenceCounter(store, "seq", 100).Peek > last, "cut at " + cut);
            }

            for (int at = 0; at < intact.Length; at++)
            {
                byte[] flipped = (byte[])intact.Clone();
                flipped[at] ^= 0x10;
                store.Files[newest] = flipped;
                var resumed = new SequenceCounter(store, "seq", 100);
                Assert.True(resumed.Peek > last, "flip at " + at);
                Assert.False(resumed.Recovered);
            }
        }

        [Fact]
        public void Resumes_at_the_newest_mark_when_both_copies_are_intact()
        {
            var store = new MemoryStore();
            var counter = new SequenceCounter(store, "seq", 100);
            for (int i = 0; i < 250; i++)
            {
                counter.Take();
            }

            Assert.Equal(301, new SequenceCounter(store, "seq", 100).Peek);
            Assert.Equal(new[] { 201L, 301L }, new[] { Mark(store, "seq.a"), Mark(store, "seq.b") }.OrderBy(v => v).ToArray());
        }

        [Fact]
        public void Says_so_when_both_copies_are_lost_and_starts_at_the_floor_it_is_given()
        {
            var store = new MemoryStore();
            var counter = new SequenceCounter(store, "seq", 10);
            counter.Take();
            store.Files["seq.a"] = new byte[3];
            store.Files["seq.b"] = new byte[12];

            var resumed = new SequenceCounter(store, "seq", 10);
            Assert.True(resumed.Recovered);
            Assert.Equal(1, resumed.Peek);
            resumed.RaiseTo(57);
            Assert.Equal(57, resumed.Take());
            Assert.False(new SequenceCounter(new MemoryStore(), "seq", 10).Recovered);
        }

        [Fact]
        public void A_raised_floor_is_written_to_both_copies()
        {
            var store = new MemoryStore();
            var counter = new SequenceCounter(store, "seq", 10);
            counter.Take();
            counter.RaiseTo(1000);
            Assert.Equal(1000, counter.Take());

            // Losing either copy afterwards still resumes beyond 1000.
            foreach (string lost in new[] { "seq.a", "seq.b" })
            {
                var copy = new MemoryStore();
                foreach (var file in store.Files)
                {
                    copy.Files[file.Key] = file.Value;
                }

                copy.Files.Remove(lost);
                Assert.True(new SequenceCounter(copy, "seq", 10).Peek > 1000, lost + " lost");
            }
        }

        [Fact]
        public void Reads_the_single_file_of_the_earlier_format()
        {
            var store = new MemoryStore();
            store.Files["seq"] = BitConverter.GetBytes(401L);

            var counter = new SequenceCounter(store, "seq", 100);
            Assert.Equal(401, counter.Take());
        }

        [Fact]
        public void Counts_a_store_that_fails_and_keeps_numbers_unique_meanwhile()
        {
            var store = new FailingStore();
            var counter = new SequenceCounter(store, "seq", 5);
            var issued = new HashSet<long>();
            store.Failing = true;
            for (int i = 0; i < 12; i++)
            {
                Assert.True(issued.Add(counter.Take()));
            }

            Assert.True(counter.StoreErrors > 0);
            store.Failing = false;
            long next = counter.Take();
            Assert.True(issued.Add(next));
            Assert.True(new SequenceCounter(store, "seq", 5).Peek > next);
        }

        private static long Mark(MemoryStore store, string name)
        {
            return BitConverter.ToInt64(store.Files[name], 0);
        }

        /// <summary>A store whose writes throw IOException while <see cref="Failing"/> (a full or worn-out flash).</summary>
        private sealed class FailingStore : Edge.Core.Platform.IStore
        {
            private readonly MemoryStore _inner = new MemoryStore();

            public bool Failing { get; set; }

            public bool Exists(string name) => _inner.Exists(name);

            public int Length(string name) => _inner.Length(name);

            public int Read(string name, byte[] buffer, int offset) => _inner.Read(name, buffer, offset);

            public void Write(string name, byte[] data, int offset, int count)
            {
                if (Failing)
                {
                    throw new System.IO.IOException("no space left on device");
                }

                _inner.Write(name, data, offset, count);
            }

            public void Delete(string name) => _inner.Delete(name);
        }
}
}
