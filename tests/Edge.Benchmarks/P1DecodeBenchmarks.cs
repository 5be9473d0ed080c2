using System;
using System.IO;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Edge.Drivers.P1;

namespace Edge.Benchmarks
{
    /// <summary>Adds a Telegrams/s column to the P1 benchmark.</summary>
    public sealed class P1ThroughputConfig : ManualConfig
    {
        public P1ThroughputConfig()
        {
            AddColumn(new ThroughputColumn("Telegrams/s", false));
        }
    }

    /// <summary>
    /// The real DSMR 5 telegram of a Kaifa/Iskra MT382 (890 B, 36 data lines, three phases and gas) fed through the
    /// portable streaming decoder a block at a time, as <see cref="P1Meter"/> does, with its readings going to a
    /// sink that only sums them. One operation = one telegram: each invocation decodes a buffer holding
    /// <see cref="Copies"/> back-to-back copies, with OperationsPerInvoke set to the same number.
    /// </summary>
    [MemoryDiagnoser]
    [Config(typeof(P1ThroughputConfig))]
    public class P1DecodeBenchmarks
    {
        public const int Copies = 100;
        public const string Isk5File = "dsmr_p1_v50_ndokter_ISk5_MT382_3phase_gas.txt";

        /// <summary>The block the driver reads from the UART at a time (<c>P1Meter</c>'s receive buffer).</summary>
        private const int Block = 512;

        private static readonly DateTime Time = new DateTime(2026, 12, 2, 12, 0, 0, DateTimeKind.Utc);

        private byte[] _stream = Array.Empty<byte>();
        private P1TelegramDecoder _decoder = new P1TelegramDecoder(false);
        private SummingSink _sink = new SummingSink();
        private ushort[] _crcTable = P1Crc.BuildByteTable();

        [GlobalSetup]
        public void Setup()
        {
            byte[] telegram = File.ReadAllBytes(Path.Combine(RepoFiles.Root(), "tests", "Edge.Tests", "TestData", "dsmr", Isk5File));
            _stream = RepoFiles.Repeat(telegram, Copies);
            _decoder = new P1TelegramDecoder(false);
            _sink = new SummingSink();
            if (Decode() != Copies || _sink.Readings != 18 * Copies)
            {
                throw new InvalidOperationException(Isk5File + " did not decode to 18 readings a telegram");
            }
        }

        [Benchmark(OperationsPerInvoke = Copies, Description = "Decode ISk5 DSMR 5 telegram (890 B, 18 readings)")]
        public int Decode()
        {
            byte[] stream = _stream;
            int valid = 0;
            for (int at = 0; at < stream.Length; at += Block)
            {
                valid += _decoder.ReadAll(stream, at, Math.Min(Block, stream.Length - at), Time, _sink, out _);
            }

            return valid;
        }

        [Benchmark(OperationsPerInvoke = Copies, Description = "CRC-16/ARC alone, a byte a round (the decoder's)")]
        public int CrcByByte()
        {
            return P1Crc.Update(P1Crc.Initial, _crcTable, _stream, 0, _stream.Length);
        }
    }
}
