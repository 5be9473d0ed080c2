using System;
using System.IO;
using System.Linq;
using Edge.Core.Outbox;
using Edge.Host.Platform;
using Xunit;

namespace Edge.Tests.Integration.Faults
{
    /// <summary>The seeded store damage: the harm it says it did, the same for the same seed, never to the lock.</summary>
    public sealed class StoreDamageTests : IDisposable
    {
        private readonly string _root = Directory.CreateTempSubdirectory("edge-damage-").FullName;

        public void Dispose() => Directory.Delete(_root, recursive: true);

        [Fact]
        public void Truncate_cuts_a_file_short_and_keeps_its_prefix()
        {
            string store = Store("a");
            byte[] before = File.ReadAllBytes(Path.Combine(store, "outbox"));

            Damage damage = new StoreDamage(store, seed: 1).Truncate("outbox");

            byte[] after = File.ReadAllBytes(Path.Combine(store, "outbox"));
            Assert.Equal(StoreDamage.Truncated, damage.Kind);
            Assert.Equal(before.Length, damage.LengthBefore);
            Assert.Equal(after.Length, damage.LengthAfter);
            Assert.InRange(after.Length, 0, before.Length - 1);
            Assert.Equal(before[..after.Length], after);
        }

        [Fact]
        public void Flip_changes_exactly_the_bytes_it_says_and_keeps_the_length()
        {
            string store = Store("a");
            byte[] before = File.ReadAllBytes(Path.Combine(store, "outbox"));

            Damage damage = new StoreDamage(store, seed: 2).Flip("outbox", count: 5);

            byte[] after = File.ReadAllBytes(Path.Combine(store, "outbox"));
            Assert.Equal(before.Length, after.Length);
            int[] changed = Enumerable.Range(0, before.Length).Where(i => before[i] != after[i]).ToArray();
            Assert.Equal(5, changed.Length);
            Assert.Equal(changed[0], damage.Offset);
        }

        [Fact]
        public void A_torn_write_leaves_a_temporary_file_and_the_file_itself_intact()
        {
            string store = Store("a");
            byte[] before = File.ReadAllBytes(Path.Combine(store, "config"));

            Damage damage = new StoreDamage(store, seed: 3).LeaveTornWrite("config");

            Assert.Equal(before, File.ReadAllBytes(Path.Combine(store, "config")));
            byte[] torn = File.ReadAllBytes(Path.Combine(store, "config.tmp"));
            Assert.Equal(damage.LengthAfter + damage.Bytes, torn.Length);
            Assert.Equal(before[..(int)damage.LengthAfter], torn[..(int)damage.LengthAfter]);
        }

        [Fact]
        public void The_same_seed_does_the_same_harm_and_another_seed_another()
        {
            string[] stores = [Store("a"), Store("b"), Store("c")];
            var first = new StoreDamage(stores[0], seed: 42);
            var second = new StoreDamage(stores[1], seed: 42);
            var other = new StoreDamage(stores[2], seed: 43);
            for (int i = 0; i < 6; i++)
            {
                first.Any();
                second.Any();
                other.Any();
            }

            Assert.Equal(first.Done.ToArray(), second.Done.ToArray());
            Assert.Equal(Contents(stores[0]), Contents(stores[1]));
            Assert.NotEqual(Contents(stores[0]), Contents(stores[2]));
            Assert.StartsWith($"store {stores[0]}, seed 42: ", first.ToString());
        }

        [Fact]
        public void The_lock_of_a_running_simulator_is_never_touched_or_drawn()
        {
            string store = Store("a");
            File.WriteAllBytes(Path.Combine(store, ".lock"), [1, 2, 3]);
            var damage = new StoreDamage(store, seed: 5);

            for (int i = 0; i < 20; i++)
            {
                damage.Flip();
            }

            Assert.DoesNotContain(".lock", damage.Files());
            Assert.Equal([1, 2, 3], File.ReadAllBytes(Path.Combine(store, ".lock")));
            Assert.Throws<ArgumentException>(() => damage.Truncate(".lock"));
        }

        /// <summary>What the damage is for: the sequence counter read back after one of its two copies was cut still
        /// resumes beyond every number it handed out.</summary>
        [Fact]
        public void A_cut_sequence_copy_does_not_make_the_counter_reuse_a_number()
        {
            string store = Path.Combine(_root, "seq");
            var counter = new SequenceCounter(new FileStore(store), "seq", 100);
            for (int i = 0; i < 150; i++)
            {
                counter.Take();
            }

            Assert.Equal(201, new SequenceCounter(new FileStore(store), "seq", 100).Peek);

            new StoreDamage(store, seed: 9).Truncate("seq.b");
            var resumed = new SequenceCounter(new FileStore(store), "seq", 100);
            Assert.True(resumed.Peek >= 201, "resumed at " + resumed.Peek);
            Assert.False(resumed.Recovered);

            // Both copies cut: the counter cannot know, and says so (the node then starts above its outbox).
            new StoreDamage(store, seed: 9).Truncate("seq.a");
            Assert.True(new SequenceCounter(new FileStore(store), "seq", 100).Recovered);
        }

        /// <summary>A store as a node leaves it: a few files of different sizes.</summary>
        private string Store(string name)
        {
            string directory = Path.Combine(_root, name);
            var store = new FileStore(directory);
            var random = new Random(0);
            foreach ((string file, int length) in new[] { ("seq", 8), ("eseq", 8), ("config", 40), ("outbox", 600) })
            {
                byte[] bytes = new byte[length];
                random.NextBytes(bytes);
                store.Write(file, bytes, 0, bytes.Length);
            }

            return directory;
        }

        private static string Contents(string directory) =>
            string.Join("|", Directory.GetFiles(directory).OrderBy(f => f, StringComparer.Ordinal).Select(f => Path.GetFileName(f) + ":" + Convert.ToHexString(File.ReadAllBytes(f))));
    }
}
