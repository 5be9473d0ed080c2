using System;
using System.Collections.Generic;
using System.Text;
using Edge.Core.Platform;
using Edge.Tests.Fakes;
using Xunit;

namespace Edge.Tests.Core.Platform
{
    public class ReplacingStoreTests
    {
        private const string Directory = "I:\\edge\\";

        [Fact]
        public void Replaces_a_file_and_reads_it_back()
        {
            var files = new CuttableFiles();
            var store = new ReplacingStore(files, Directory);

            Write(store, "config.json", "old");
            Write(store, "config.json", "newer");

            Assert.Equal(("newer", 5), (Read(store, "config.json"), store.Length("config.json")));
            Assert.Equal(new[] { "I:\\edge\\config.json" }, files.Names());
        }

        [Fact]
        public void Leaves_the_old_or_the_new_content_whichever_step_a_power_cut_stops()
        {
            for (int cut = 0; ; cut++)
            {
                var files = new CuttableFiles();
                Write(new ReplacingStore(files, Directory), "counters", "old content");
                files.CutAfter(cut);
                bool finished = TryWrite(new ReplacingStore(files, Directory), "counters", "new content");

                var rebooted = new ReplacingStore(files, Directory);
                string seen = Read(rebooted, "counters");
                Assert.Contains(seen, new[] { "old content", "new content" });
                Assert.Equal(new[] { "I:\\edge\\counters" }, files.Names());
                if (finished)
                {
                    Assert.Equal("new content", seen);
                    Assert.True(cut >= 4, "a write is four file operations");
                    return;
                }
            }
        }

        [Fact]
        public void Leaves_no_file_when_a_power_cut_tears_the_first_write_of_a_name()
        {
            var files = new CuttableFiles();
            files.CutAfter(0);
            Assert.False(TryWrite(new ReplacingStore(files, Directory), "seq", "first"));

            var rebooted = new ReplacingStore(files, Directory);

            Assert.Equal((false, -1, -1), (rebooted.Exists("seq"), rebooted.Length("seq"), rebooted.Read("seq", new byte[8], 0)));
            Assert.Equal(1L, rebooted.Discarded);
            Assert.Empty(files.Names());
        }

        [Fact]
        public void Finishes_a_write_cut_after_its_complete_copy_was_made()
        {
            var files = new CuttableFiles();
            Write(new ReplacingStore(files, Directory), "seq", "old");
            files.CutAfter(2);
            Assert.False(TryWrite(new ReplacingStore(files, Directory), "seq", "new"));

            var rebooted = new ReplacingStore(files, Directory);

            Assert.Equal("new", Read(rebooted, "seq"));
            Assert.Equal((1L, 0L), (rebooted.Recovered, rebooted.Discarded));
            Assert.Equal(("recoveredWrites", 1L, "discardedWrites", 0L),
                (rebooted.CounterName(0), rebooted.CounterValue(0), rebooted.CounterName(1), rebooted.CounterValue(1)));
        }

        [Theory]
        [InlineData("")]
        [InlineData(".hidden")]
        [InlineData("sub\\file")]
        [InlineData("sub/file")]
        [InlineData("I:file")]
        public void Refuses_a_name_that_is_not_a_plain_file_name(string name)
        {
            var store = new ReplacingStore(new CuttableFiles(), Directory);

            Assert.Throws<ArgumentException>(() => store.Exists(name));
        }

        private static void Write(ReplacingStore store, string name, string text)
        {
            byte[] bytes = Encoding.ASCII.GetBytes("##" + text);
            store.Write(name, bytes, 2, bytes.Length - 2);
        }

        private static bool TryWrite(ReplacingStore store, string name, string text)
        {
            try
            {
                Write(store, name, text);
                return true;
            }
            catch (PowerCut)
            {
                return false;
            }
        }

        private static string Read(ReplacingStore store, string name)
        {
            byte[] buffer = new byte[64];
            int n = store.Read(name, buffer, 0);
            return Encoding.ASCII.GetString(buffer, 0, n);
        }
    }
}
