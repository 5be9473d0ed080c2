using System;
using System.IO;
using Edge.Core.Outbox;
using Edge.Core.Platform;
using Edge.Tests.Fakes;
using Xunit;

namespace Edge.Tests.Core.Outbox
{
    public class TwoCopyMarkTests
    {
        [Fact]
        public void Loads_the_newer_of_two_whole_copies_and_overwrites_the_older_next()
        {
            var store = new MemoryStore();
            var mark = new CountMark(store);
            Assert.True(mark.Put(5, both: true));
            Assert.True(mark.Put(6, both: false));

            var loaded = new CountMark(store);
            Assert.True(loaded.Get(out uint value));
            Assert.Equal(6u, value);
            Assert.Equal(2, loaded.ValidCopies);

            // 6 went to B (A and B held 5 after the first write): the next write replaces A, the older.
            Assert.True(loaded.Put(7, both: false));
            Assert.Equal(7u, CountMark.ValueIn(store.Files["m.a"]));
            Assert.Equal(6u, CountMark.ValueIn(store.Files["m.b"]));
        }

        [Theory]
        [InlineData("m.a")]
        [InlineData("m.b")]
        public void A_torn_write_of_either_copy_leaves_the_other(string torn)
        {
            var store = new MemoryStore();
            var mark = new CountMark(store);
            mark.Put(10, both: true);
            store.Files[torn] = store.Files[torn].AsSpan(0, 5).ToArray();

            var loaded = new CountMark(store);
            Assert.True(loaded.Get(out uint value));
            Assert.Equal(10u, value);
            Assert.Equal(1, loaded.ValidCopies);

            // The damaged copy is the one written next.
            loaded.Put(11, both: false);
            Assert.Equal(11u, CountMark.ValueIn(store.Files[torn]));
        }

        [Fact]
        public void A_corrupt_copy_is_not_taken_even_when_it_would_be_newer()
        {
            var store = new MemoryStore();
            var mark = new CountMark(store);
            mark.Put(20, both: true);
            mark.Put(21, both: false);
            byte[] newer = store.Files["m.b"]; // both held 20, so 21 went to B
            newer[0] ^= 0x40;

            var loaded = new CountMark(store);
            Assert.True(loaded.Get(out uint value));
            Assert.Equal(20u, value);
            Assert.Equal(1, loaded.ValidCopies);
        }

        [Fact]
        public void Both_copies_bad_loads_nothing_but_says_files_were_there()
        {
            var store = new MemoryStore();
            store.Files["m.a"] = new byte[] { 1, 2, 3 };
            store.Files["m.b"] = new byte[CountMark.Bytes + 4];

            var loaded = new CountMark(store);
            Assert.False(loaded.Get(out _));
            Assert.Equal(0, loaded.ValidCopies);
            Assert.True(loaded.AnyFile);

            var empty = new CountMark(new MemoryStore());
            Assert.False(empty.Get(out _));
            Assert.False(empty.AnyFile);
        }

        [Fact]
        public void A_failing_store_is_counted_and_the_same_copy_is_written_again()
        {
            var store = new FailingStore();
            var mark = new CountMark(store);
            mark.Put(1, both: false);
            store.Fail = true;
            Assert.False(mark.Put(2, both: false));
            Assert.False(new CountMark(store).Get(out _));
            Assert.Equal(1, mark.StoreErrors);

            store.Fail = false;
            Assert.True(mark.Put(3, both: false));
            Assert.Equal(1u, CountMark.ValueIn(store.Inner.Files["m.a"]));
            Assert.Equal(3u, CountMark.ValueIn(store.Inner.Files["m.b"]));
        }

        /// <summary>A mark of a 32-bit value and its CRC-32; the larger value is the newer.</summary>
        private sealed class CountMark : TwoCopyMark
        {
            public const int Bytes = 8;

            public CountMark(IStore store)
                : base(store, "m.a", "m.b", Bytes)
            {
            }

            public static uint ValueIn(byte[] record) => BitConverter.ToUInt32(record, 0);

            public bool Get(out uint value)
            {
                bool found = Load();
                value = found ? ValueIn(Record) : 0;
                return found;
            }

            public bool Put(uint value, bool both)
            {
                BitConverter.GetBytes(value).CopyTo(Record, 0);
                BitConverter.GetBytes(Crc32.Compute(Record, 0, 4)).CopyTo(Record, 4);
                return Write(both);
            }

            protected override bool IsValid(byte[] record, int length)
                => length == Bytes && BitConverter.ToUInt32(record, 4) == Crc32.Compute(record, 0, 4);

            protected override bool IsNewer(byte[] candidate, byte[] than) => ValueIn(candidate) > ValueIn(than);
        }

        private sealed class FailingStore : IStore
        {
            public MemoryStore Inner { get; } = new();

            public bool Fail { get; set; }

            public bool Exists(string name) => Inner.Exists(name);

            public int Length(string name) => Fail ? throw new IOException("store failure") : Inner.Length(name);

            public int Read(string name, byte[] buffer, int offset) => Fail ? throw new IOException("store failure") : Inner.Read(name, buffer, offset);

            public void Write(string name, byte[] data, int offset, int count)
            {
                if (Fail)
                {
                    throw new IOException("store failure");
                }

                Inner.Write(name, data, offset, count);
            }

            public void Delete(string name) => Inner.Delete(name);
        }
    }
}
