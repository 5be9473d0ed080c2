using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;

namespace Edge.Tests.Integration.Faults
{
    /// <summary>One harm done to one file of a store, for the failure message of the scenario that did it.</summary>
    public sealed record Damage(string File, string Kind, long Offset, int Bytes, long LengthBefore, long LengthAfter)
    {
        public override string ToString() => Kind switch
        {
            StoreDamage.Truncated => $"{File}: truncated from {LengthBefore} to {LengthAfter} bytes",
            StoreDamage.Flipped => $"{File}: {Bytes} byte(s) flipped, the first at offset {Offset} (length {LengthBefore})",
            StoreDamage.Torn => $"{File}: a torn {File}.tmp left beside it, {LengthAfter} of its {LengthBefore} bytes then {Bytes} of garbage",
            _ => $"{File}: {Kind}",
        };
    }

    /// <summary>
    /// Seeded harm to the files of a node's store directory (a <see cref="Edge.Host.Platform.FileStore"/>), as a
    /// flash that wore out, a file system that lost its last writes or a power cut mid-write leave it: files cut
    /// short, bytes flipped, a temporary file left half-written. The same seed on the same files does the same harm,
    /// so a failing scenario is replayed from the seed its message gives. Files are taken in ordinal order of their
    /// names; the ".lock" file of a running simulator is never touched.
    /// </summary>
    public sealed class StoreDamage
    {
        public const string Truncated = "truncated";

        public const string Flipped = "flipped";

        public const string Torn = "torn";

        private readonly Random _random;
        private readonly List<Damage> _done = new();

        public StoreDamage(string directory, int seed)
        {
            Directory = Path.GetFullPath(directory);
            Seed = seed;
            _random = new Random(seed);
        }

        public string Directory { get; }

        public int Seed { get; }

        /// <summary>Everything done so far, in order.</summary>
        public IReadOnlyList<Damage> Done => _done;

        /// <summary>The store's files by name (ordinal order), the ".lock" file left out.</summary>
        public IReadOnlyList<string> Files() =>
            System.IO.Directory.GetFiles(Directory)
                .Select(Path.GetFileName)
                .Where(name => name is not null && name != ".lock")
                .Select(name => name!)
                .OrderBy(name => name, StringComparer.Ordinal)
                .ToArray();

        /// <summary>Cuts a file at an offset drawn in [0, length): named, or drawn among the files that are not empty.</summary>
        public Damage Truncate(string? name = null)
        {
            string file = name ?? Draw();
            string path = PathOf(file);
            long before = new FileInfo(path).Length;
            if (before == 0)
            {
                throw new InvalidOperationException($"{file} is empty: nothing to cut");
            }

            long offset = _random.NextInt64(0, before);
            using (var stream = new FileStream(path, FileMode.Open, FileAccess.Write))
            {
                stream.SetLength(offset);
            }

            return Did(new Damage(file, Truncated, offset, (int)(before - offset), before, offset));
        }

        /// <summary>Flips <paramref name="count"/> bytes of a file (distinct offsets, each XORed with a nonzero mask): named, or drawn among the files that are not empty.</summary>
        public Damage Flip(string? name = null, int count = 1)
        {
            string file = name ?? Draw();
            string path = PathOf(file);
            byte[] bytes = File.ReadAllBytes(path);
            if (bytes.Length == 0)
            {
                throw new InvalidOperationException($"{file} is empty: nothing to flip");
            }

            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(count, bytes.Length);
            var offsets = new SortedSet<int>();
            while (offsets.Count < count)
            {
                offsets.Add(_random.Next(bytes.Length));
            }

            foreach (int offset in offsets)
            {
                bytes[offset] ^= (byte)_random.Next(1, 256);
            }

            File.WriteAllBytes(path, bytes);
            return Did(new Damage(file, Flipped, offsets.Min, count, bytes.Length, bytes.Length));
        }

        /// <summary>Leaves "NAME.tmp" beside a file as a write cut by a power loss leaves it: a drawn prefix of the
        /// file's bytes, then up to 16 bytes of garbage. FileStore writes there first and renames, so the file itself is intact.</summary>
        public Damage LeaveTornWrite(string? name = null)
        {
            string file = name ?? Draw();
            byte[] bytes = File.ReadAllBytes(PathOf(file));
            int kept = bytes.Length == 0 ? 0 : _random.Next(bytes.Length);
            byte[] garbage = new byte[_random.Next(0, 17)];
            _random.NextBytes(garbage);
            using (var stream = new FileStream(PathOf(file) + ".tmp", FileMode.Create, FileAccess.Write))
            {
                stream.Write(bytes, 0, kept);
                stream.Write(garbage);
            }

            return Did(new Damage(file, Torn, kept, garbage.Length, bytes.Length, kept));
        }

        /// <summary>Does one harm drawn at random (truncate, flip 1 to 4 bytes, or a torn write) to a drawn file.</summary>
        public Damage Any()
        {
            string file = Draw();
            return _random.Next(3) switch
            {
                0 => Truncate(file),
                1 => Flip(file, Math.Min(_random.Next(1, 5), (int)new FileInfo(PathOf(file)).Length)),
                _ => LeaveTornWrite(file),
            };
        }

        /// <summary>"store /tmp/x, seed 7: seq: truncated from 8 to 3 bytes; ...", to put in a failure message.</summary>
        public override string ToString() =>
            $"store {Directory}, seed {Seed.ToString(CultureInfo.InvariantCulture)}: " + (_done.Count == 0 ? "no damage" : string.Join("; ", _done));

        private Damage Did(Damage damage)
        {
            _done.Add(damage);
            return damage;
        }

        private string Draw()
        {
            string[] candidates = Files().Where(name => new FileInfo(PathOf(name)).Length > 0).ToArray();
            return candidates.Length == 0
                ? throw new InvalidOperationException($"no file with bytes in {Directory} to damage")
                : candidates[_random.Next(candidates.Length)];
        }

        private string PathOf(string name)
        {
            if (name.Length == 0 || name.IndexOfAny(['/', '\\']) >= 0 || name == ".lock")
            {
                throw new ArgumentException($"'{name}' is not a file of the store", nameof(name));
            }

            string path = Path.Combine(Directory, name);
            return File.Exists(path) ? path : throw new FileNotFoundException($"{name} is not in {Directory}", path);
        }
    }
}
