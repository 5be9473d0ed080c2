using System;
using System.IO;
using System.Reflection;
using System.Runtime.Loader;
using System.Text;
using Edge.Core.Model;
using Edge.Core.Security;
using Edge.Drivers.Tic;

namespace Edge.Benchmarks
{
    /// <summary>
    /// Differential check of the TIC decoder and reader: the portable code of this build and that of an older
    /// build (its edge.dll) are fed the same random streams in the same random blocks, and what each made of them
    /// must be the same. Run as <c>Edge.Benchmarks tic-diff STREAMS SEED OLD_EDGE_DLL</c>, or through
    /// <c>tests/Edge.Benchmarks/tic-diff.sh COMMIT STREAMS [SEED]</c>, which builds OLD_EDGE_DLL from
    /// <c>git archive COMMIT</c>.
    /// <para>The older edge.dll is loaded with a second copy of this assembly into a load context of its own, so
    /// the same <see cref="Transcript"/> runs against either build. A transcript records every event of
    /// <see cref="TicReader.Read"/> with the bytes it consumed, every valid group (mode, label, horodate, value,
    /// offsets, number), every rejection and its cause, frame validity, every reading and meter event the sink
    /// received, and at the end every counter, the detected mode and the published meter address; a second reader
    /// fed the same blocks through <see cref="TicReader.ReadAll"/> adds its readings and counters.</para>
    /// <para>Streams: the real frames of tests/Edge.Tests/TestData/tic, several in a row, intact or with bit flips,
    /// cuts, bit 7 set, substituted or inserted bytes, control bytes, a lost CR or LF, an HT turned into SP or
    /// back, and random noise; decoded in Auto, Standard or Historique mode, in random blocks of 1 to 300 bytes
    /// or byte by byte. The seed makes a run reproducible.</para>
    /// </summary>
    public static class TicDiff
    {
        public const string Command = "tic-diff";

        private static readonly DateTime Time = new DateTime(2026, 11, 25, 20, 5, 30, DateTimeKind.Utc);

        public static int Run(string[] args)
        {
            if (args.Length < 4 || !int.TryParse(args[1], out int streams) || !int.TryParse(args[2], out int seed) || !File.Exists(args[3]))
            {
                Console.Error.WriteLine("usage: Edge.Benchmarks " + Command + " STREAMS SEED OLD_EDGE_DLL");
                return 2;
            }

            OldContext context = new OldContext(Path.GetFullPath(args[3]), Path.Combine(AppContext.BaseDirectory, "Edge.Benchmarks.dll"));
            Assembly harness = context.LoadFromAssemblyName(new AssemblyName("Edge.Benchmarks"));
            MethodInfo old = harness.GetType(typeof(TicDiff).FullName!, true)!.GetMethod(nameof(Transcript))!;

            string dir = Path.Combine(RepoFiles.Root(), "tests", "Edge.Tests", "TestData", "tic");
            string[] files = Directory.GetFiles(dir, "*.bin");
            Array.Sort(files, StringComparer.Ordinal);
            byte[][] frames = new byte[files.Length][];
            for (int f = 0; f < files.Length; f++)
            {
                frames[f] = File.ReadAllBytes(files[f]);
            }

            Random random = new Random(seed);
            long groups = 0;
            long events = 0;
            for (int s = 0; s < streams; s++)
            {
                byte[] stream = Stream(random, frames);
                int[] blocks = Blocks(random, stream.Length);
                int mode = random.Next(3);
                string mine = Transcript(stream, blocks, mode);
                string theirs = (string)old.Invoke(null, new object[] { stream, blocks, mode })!;
                if (mine != theirs)
                {
                    string at = Path.Combine(Path.GetTempPath(), "tic-diff-" + seed + "-" + s);
                    File.WriteAllBytes(at + ".bin", stream);
                    File.WriteAllText(at + ".new.txt", mine);
                    File.WriteAllText(at + ".old.txt", theirs);
                    Console.WriteLine("stream " + s + " (seed " + seed + ", mode " + mode + "): transcripts differ, written to " + at + ".*");
                    return 1;
                }

                groups += Count(mine, "\nG ");
                events += Count(mine, "\nE ");
            }

            Console.WriteLine(Command + ": " + streams + " streams (seed " + seed + "), " + events + " events, " + groups + " valid groups: identical");
            return 0;
        }

        /// <summary>What the reader of the build this code is bound to made of <paramref name="stream"/>, fed in
        /// <paramref name="blocks"/>, in mode <paramref name="mode"/> (0 Auto, 1 Historique, 2 Standard).</summary>
        public static string Transcript(byte[] stream, int[] blocks, int mode)
        {
            StringBuilder text = new StringBuilder();
            RecordingSink sink = new RecordingSink(text);
            MeterIdentity identity = new MeterIdentity(MeterIdPolicy.Clear, null!);
            TicReader reader = new TicReader((TicMode)mode, identity);
            TicFrameDecoder decoder = reader.Decoder;
            FieldInfo number = typeof(TicGroup).GetField("Number", BindingFlags.NonPublic | BindingFlags.Instance)!;
            int at = 0;
            for (int b = 0; b < blocks.Length; b++)
            {
                int end = at + blocks[b];
                while (at < end)
                {
                    TicEvent e = reader.Read(stream, at, end - at, out int consumed, Time, sink);
                    at += consumed;
                    text.Append("\nE ").Append((int)e).Append(' ').Append(consumed);
                    if (e == TicEvent.Group)
                    {
                        TicGroup g = decoder.Group;
                        text.Append("\nG ").Append((int)g.Mode).Append(' ').Append(g.LabelText()).Append('|').Append(g.HorodateText())
                            .Append('|').Append(g.ValueText()).Append(' ').Append(g.Length).Append(' ').Append(g.LabelLength)
                            .Append(' ').Append(g.HorodateStart).Append(' ').Append(g.HorodateLength).Append(' ').Append(g.ValueStart)
                            .Append(' ').Append(g.ValueLength).Append(' ').Append(g.Label == null ? "?" : g.Label.Text)
                            .Append(' ').Append(g.Label == null ? 0 : (long)number.GetValue(g)!);
                    }
                    else if (e == TicEvent.GroupRejected)
                    {
                        text.Append(" R ").Append((int)decoder.LastReject);
                    }
                    else if (e == TicEvent.FrameEnd)
                    {
                        text.Append(" V ").Append(decoder.FrameValid);
                    }
                }
            }

            Counters(text, "\nC", reader, identity);

            // The same blocks through ReadAll, which a driver calls once a read.
            TicReader all = new TicReader((TicMode)mode, new MeterIdentity(MeterIdPolicy.Clear, null!));
            text.Append("\nREADALL");
            at = 0;
            for (int b = 0; b < blocks.Length; b++)
            {
                text.Append("\nA ").Append(all.ReadAll(stream, at, blocks[b], Time, sink));
                at += blocks[b];
            }

            Counters(text, "\nD", all, null);
            return text.ToString();
        }

        private static void Counters(StringBuilder text, string tag, TicReader reader, MeterIdentity? identity)
        {
            TicCounters c = reader.Counters;
            text.Append(tag);
            for (int i = 0; i < c.CounterCount; i++)
            {
                text.Append(' ').Append(c.CounterName(i)).Append('=').Append(c.CounterValue(i));
            }

            text.Append(" mode=").Append((int)reader.Decoder.DetectedMode);
            if (identity != null)
            {
                text.Append(" id=").Append(identity.Published);
            }
        }

        private static int Count(string text, string tag)
        {
            int n = 0;
            for (int i = text.IndexOf(tag, StringComparison.Ordinal); i >= 0; i = text.IndexOf(tag, i + 1, StringComparison.Ordinal))
            {
                n++;
            }

            return n;
        }

        /// <summary>One to four real frames in a row, each intact or damaged, sometimes with noise between.</summary>
        private static byte[] Stream(Random random, byte[][] frames)
        {
            MemoryStream stream = new MemoryStream();
            int parts = 1 + random.Next(4);
            for (int p = 0; p < parts; p++)
            {
                byte[] frame = (byte[])frames[random.Next(frames.Length)].Clone();
                if (random.Next(3) == 0)
                {
                    stream.Write(frame);
                }
                else
                {
                    stream.Write(Damage(random, frame));
                }

                if (random.Next(8) == 0)
                {
                    byte[] noise = new byte[random.Next(1, 200)];
                    random.NextBytes(noise);
                    stream.Write(noise);
                }
            }

            return stream.ToArray();
        }

        private static byte[] Damage(Random random, byte[] frame)
        {
            MemoryStream output = new MemoryStream();
            int kind = random.Next(10);
            int damages = 1 + random.Next(6);
            int[] where = new int[damages];
            for (int d = 0; d < damages; d++)
            {
                where[d] = random.Next(frame.Length);
            }

            Array.Sort(where);
            int next = 0;
            for (int i = 0; i < frame.Length; i++)
            {
                byte b = frame[i];
                bool hit = next < damages && where[next] == i;
                while (next < damages && where[next] == i)
                {
                    next++;
                }

                if (kind == 9)
                {
                    // The whole frame with bit 7 set on some bytes, as a UART read as 8N1 leaves the parity bit.
                    output.WriteByte(random.Next(3) == 0 ? (byte)(b | 0x80) : b);
                    continue;
                }

                if (!hit)
                {
                    output.WriteByte(b);
                    continue;
                }

                switch (kind)
                {
                    case 0: output.WriteByte((byte)(b ^ (1 << random.Next(8)))); break; // a bit flip
                    case 1: return Cut(output, random); // the frame cut here
                    case 2: output.WriteByte((byte)(b | 0x80)); break;
                    case 3: output.WriteByte((byte)random.Next(256)); break; // a substituted byte
                    case 4: output.WriteByte(b); output.WriteByte((byte)random.Next(0x20)); break; // a control byte
                    case 5: if (b != 0x0D && b != 0x0A) { output.WriteByte(b); } break; // a lost CR or LF, or byte
                    case 6: output.WriteByte(b == 0x09 ? (byte)0x20 : b == 0x20 ? (byte)0x09 : b); break; // HT <-> SP
                    case 7: output.WriteByte(b == 0x0D ? (byte)0x0A : b); break; // CR turned into LF
                    default: output.WriteByte(b); output.WriteByte((byte)random.Next(0x20, 0x80)); break; // an extra byte
                }
            }

            return output.ToArray();
        }

        private static byte[] Cut(MemoryStream output, Random random)
        {
            if (random.Next(2) == 0)
            {
                output.WriteByte(0x04); // EOT: the frame interrupted
            }

            return output.ToArray();
        }

        /// <summary>Random block sizes covering the stream: 1 to 300 bytes, byte by byte, or 256 (the driver's).</summary>
        private static int[] Blocks(Random random, int length)
        {
            int style = random.Next(4);
            System.Collections.Generic.List<int> blocks = new System.Collections.Generic.List<int>();
            for (int at = 0; at < length;)
            {
                int size = style == 0 ? 1 : style == 1 ? 256 : 1 + random.Next(300);
                size = Math.Min(size, length - at);
                blocks.Add(size);
                at += size;
            }

            return blocks.ToArray();
        }

        private sealed class RecordingSink : IReadingSink
        {
            private readonly StringBuilder _text;

            public RecordingSink(StringBuilder text)
            {
                _text = text;
            }

            public void Add(Reading reading)
            {
                Append("\nS ", reading);
            }

            public void AddEvent(MeterEventKind kind, Reading reading)
            {
                Append("\nM " + (int)kind + " ", reading);
            }

            private void Append(string tag, Reading r)
            {
                _text.Append(tag).Append(r.Quantity.ToString()).Append(' ').Append(r.Value).Append(' ').Append(r.Decimals)
                    .Append(' ').Append(r.Time.Ticks).Append(' ').Append((int)r.Quality);
            }
        }

        /// <summary>The older edge.dll and a second copy of this assembly, bound to it.</summary>
        private sealed class OldContext : AssemblyLoadContext
        {
            private readonly string _edge;
            private readonly string _harness;

            public OldContext(string edge, string harness)
                : base("tic-diff-old")
            {
                _edge = edge;
                _harness = harness;
            }

            protected override Assembly? Load(AssemblyName name)
            {
                if (name.Name == "edge")
                {
                    return LoadFromAssemblyPath(_edge);
                }

                return name.Name == "Edge.Benchmarks" ? LoadFromAssemblyPath(_harness) : null;
            }
        }
    }
}
