using System;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Edge.Core.Model;
using Edge.Core.Security;
using Edge.Drivers.Tic;

namespace Edge.Benchmarks
{
    /// <summary>Adds Frames/s and Groups/s columns to the TIC benchmarks.</summary>
    public sealed class TicThroughputConfig : ManualConfig
    {
        public TicThroughputConfig()
        {
            AddColumn(new ThroughputColumn("Frames/s", false));
            AddColumn(new ThroughputColumn("Groups/s", true));
        }
    }

    /// <summary>An <see cref="IReadingSink"/> that only sums what it receives: no allocation, no aggregation cost.</summary>
    public sealed class SummingSink : IReadingSink
    {
        public long Sum;
        public int Readings;
        public int Events;

        public void Add(Reading reading)
        {
            Sum += reading.Value;
            Readings++;
        }

        public void AddEvent(MeterEventKind kind, Reading reading)
        {
            Sum += reading.Value;
            Events++;
        }
    }

    /// <summary>
    /// Whole real TIC frames fed a block at a time through the portable streaming decoder, as the UART reader does,
    /// and through decoder plus interpreter (groups mapped to readings). One operation = one frame: each invocation
    /// decodes a buffer holding <see cref="Copies"/> back-to-back copies of the frame, with OperationsPerInvoke set
    /// to the same number, so Mean is per frame.
    /// </summary>
    [MemoryDiagnoser]
    [Config(typeof(TicThroughputConfig))]
    public class TicDecodeBenchmarks
    {
        public const int Copies = 100;
        public const string StandardFile = "tic_std_1P_linky_lains_frame1.bin";
        public const string HistoriqueFile = "tic_hist_1P_tempo_BBR_pyteleinfo_frame1.bin";
        public const int StandardGroups = 38;
        public const int HistoriqueGroups = 16;

        private static readonly DateTime Time = new DateTime(2026, 11, 25, 20, 5, 30, DateTimeKind.Utc);

        private byte[] _standard = Array.Empty<byte>();
        private byte[] _historique = Array.Empty<byte>();
        private TicFrameDecoder _decoder = new TicFrameDecoder(TicMode.Auto);
        private TicReader _reader = new TicReader(TicMode.Auto, null!);
        private SummingSink _sink = new SummingSink();

        [GlobalSetup]
        public void Setup()
        {
            byte[] standard = RepoFiles.TicFrame(StandardFile);
            byte[] historique = RepoFiles.TicFrame(HistoriqueFile);
            Check(standard, StandardGroups, StandardFile);
            Check(historique, HistoriqueGroups, HistoriqueFile);
            _standard = RepoFiles.Repeat(standard, Copies);
            _historique = RepoFiles.Repeat(historique, Copies);
            _decoder = new TicFrameDecoder(TicMode.Auto);
            _reader = new TicReader(TicMode.Auto, new MeterIdentity(MeterIdPolicy.Omit, null!));
            _sink = new SummingSink();
        }

        [Benchmark(OperationsPerInvoke = Copies, Description = "Decode standard frame (865 B, 38 groups)")]
        [ItemsPerOperation(StandardGroups)]
        public int DecodeStandard()
        {
            return Decode(_standard);
        }

        [Benchmark(OperationsPerInvoke = Copies, Description = "Decode historique frame (275 B, 16 groups)")]
        [ItemsPerOperation(HistoriqueGroups)]
        public int DecodeHistorique()
        {
            return Decode(_historique);
        }

        [Benchmark(OperationsPerInvoke = Copies, Description = "Decode+interpret standard frame")]
        [ItemsPerOperation(StandardGroups)]
        public long InterpretStandard()
        {
            return Interpret(_standard);
        }

        [Benchmark(OperationsPerInvoke = Copies, Description = "Decode+interpret historique frame")]
        [ItemsPerOperation(HistoriqueGroups)]
        public long InterpretHistorique()
        {
            return Interpret(_historique);
        }

        private int Decode(byte[] stream)
        {
            TicFrameDecoder decoder = _decoder;
            int valueBytes = 0;
            int at = 0;
            while (at < stream.Length)
            {
                TicEvent e = decoder.Decode(stream, at, stream.Length - at, out int consumed);
                at += consumed;
                if (e == TicEvent.Group)
                {
                    valueBytes += decoder.Group.ValueLength;
                }
            }

            return valueBytes;
        }

        private long Interpret(byte[] stream)
        {
            TicReader reader = _reader;
            SummingSink sink = _sink;
            int at = 0;
            while (at < stream.Length)
            {
                reader.Read(stream, at, stream.Length - at, out int consumed, Time, sink);
                at += consumed;
            }

            return sink.Sum;
        }

        /// <summary>Fails the run if the input is not what the benchmark claims (a wrong file would measure nothing useful).</summary>
        private static void Check(byte[] frame, int expectedGroups, string name)
        {
            TicFrameDecoder decoder = new TicFrameDecoder(TicMode.Auto);
            int groups = 0;
            int ends = 0;
            for (int i = 0; i < frame.Length; i++)
            {
                TicEvent e = decoder.Push(frame[i]);
                if (e == TicEvent.Group)
                {
                    groups++;
                }
                else if (e == TicEvent.FrameEnd && decoder.FrameValid)
                {
                    ends++;
                }
            }

            if (groups != expectedGroups || ends != 1 || decoder.Counters.GroupsValid != expectedGroups)
            {
                throw new InvalidOperationException(name + ": expected one valid frame of " + expectedGroups + " groups, got " + groups + " groups and " + ends + " valid frame ends");
            }
        }
    }
}
