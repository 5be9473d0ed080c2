using System;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Edge.Core.Aggregation;
using Edge.Core.Payloads;
using Edge.Core.Model;

namespace Edge.Benchmarks
{
    /// <summary>Adds an Ops/s column (samples, window closes or encodes per second).</summary>
    public sealed class OpsThroughputConfig : ManualConfig
    {
        public OpsThroughputConfig()
        {
            AddColumn(new ThroughputColumn("Ops/s", false));
        }
    }

    /// <summary>
    /// The per-sample and per-window work of the node for one three-phase meter of 20 quantities with three
    /// window lengths (60 s, 900 s, 3600 s: one <see cref="WindowAggregator"/> each, as a node reporting at
    /// three rates holds). Mean is per sample, per window close, or per encoded report.
    /// </summary>
    [MemoryDiagnoser]
    [Config(typeof(OpsThroughputConfig))]
    public class AggregatorBenchmarks
    {
        /// <summary>Rounds of the 20 quantities per invocation of the sample benchmarks.</summary>
        public const int Rounds = 50;
        public const int Samples = Rounds * 20;
        public const int SlotCapacity = 32;

        public static readonly QuantityId[] ThreePhase =
        {
            QuantityId.PhaseVoltageL1, QuantityId.PhaseVoltageL2, QuantityId.PhaseVoltageL3,
            QuantityId.CurrentL1, QuantityId.CurrentL2, QuantityId.CurrentL3,
            QuantityId.ActivePowerL1, QuantityId.ActivePowerL2, QuantityId.ActivePowerL3,
            QuantityId.ApparentPowerL1, QuantityId.ApparentPowerL2, QuantityId.ApparentPowerL3,
            QuantityId.TotalActivePower, QuantityId.TotalApparentPower, QuantityId.Frequency, QuantityId.PowerFactor,
            QuantityId.TotalActiveEnergyImport, QuantityId.TotalActiveEnergyExport,
            QuantityId.TotalReactiveEnergyImport, QuantityId.TotalReactiveEnergyExport,
        };

        /// <summary>Window start aligned on the hour, so the 60, 900 and 3600 s windows all contain the sample times.</summary>
        private static readonly DateTime Start = new DateTime(2026, 11, 25, 20, 0, 0, DateTimeKind.Utc);

        private readonly WindowAggregator[] _windows = new WindowAggregator[3];
        private Reading[] _readings = Array.Empty<Reading>();
        private WindowAggregator _closing = new WindowAggregator(60, 1, SlotCapacity);
        private WindowAggregator _report = new WindowAggregator(60, 1, SlotCapacity);
        private ReportHeader _header = new ReportHeader();
        private JsonWriter _writer = new JsonWriter(new byte[4096]);
        private EdgeJsonEncoder _encoder = new EdgeJsonEncoder();
        private bool _phase;

        [GlobalSetup]
        public void Setup()
        {
            _windows[0] = new WindowAggregator(60, 1, SlotCapacity);
            _windows[1] = new WindowAggregator(900, 1, SlotCapacity);
            _windows[2] = new WindowAggregator(3600, 1, SlotCapacity);
            _readings = MakeReadings(Rounds, Start.AddSeconds(1));
            for (int w = 0; w < _windows.Length; w++)
            {
                _windows[w].Open(Start);
                Feed(_windows[w], _readings);
            }

            // A window that has seen the 20 quantities, so that closing it clears 20 slots.
            _closing = new WindowAggregator(60, 1, SlotCapacity);
            _closing.Open(Start);
            Feed(_closing, _readings);

            // A closed 60 s window with a sample per second of every quantity, as the node encodes it.
            _report = new WindowAggregator(60, 1, SlotCapacity);
            _report.Open(Start);
            Feed(_report, MakeReadings(60, Start));
            _header = new ReportHeader
            {
                NodeId = "edge-node-01",
                Sequence = 12345,
                ClockSynchronised = true,
                MeterIds = new[] { "main" },
                PublishedMeterIds = new[] { "3f2a9c1be04d7a5566c1f0e2d9b8a741" },
            };
            _writer = new JsonWriter(new byte[4096]);
            _encoder = new EdgeJsonEncoder();
            int length = _encoder.Encode(_header, _report, _writer);
            if (length <= 0 || _report.SlotCount != ThreePhase.Length || _report.DroppedOutOfWindow != 0 || _windows[2].DroppedOutOfWindow != 0)
            {
                throw new InvalidOperationException("setup: report of " + length + " bytes, " + _report.SlotCount + " slots");
            }
        }

        /// <summary>One reading added to the 60 s window (ns per sample and per window).</summary>
        [Benchmark(OperationsPerInvoke = Samples, Description = "Add sample, one window (60 s)")]
        public int AddSampleOneWindow()
        {
            WindowAggregator window = _windows[0];
            Reading[] readings = _readings;
            for (int i = 0; i < readings.Length; i++)
            {
                window.Add(0, readings[i]);
            }

            return window.SampleCount;
        }

        /// <summary>One reading added to the three windows (60, 900, 3600 s), as the node does for every sample.</summary>
        [Benchmark(OperationsPerInvoke = Samples, Description = "Add sample, three windows (60/900/3600 s)")]
        public int AddSampleThreeWindows()
        {
            WindowAggregator w60 = _windows[0];
            WindowAggregator w900 = _windows[1];
            WindowAggregator w3600 = _windows[2];
            Reading[] readings = _readings;
            for (int i = 0; i < readings.Length; i++)
            {
                w60.Add(0, readings[i]);
                w900.Add(0, readings[i]);
                w3600.Add(0, readings[i]);
            }

            return w60.SampleCount + w900.SampleCount + w3600.SampleCount;
        }

        /// <summary>Closing a 60 s window of 20 quantities (held values extended to its end) and opening the next
        /// (held values carried in), as the node does at each window boundary.</summary>
        [Benchmark(Description = "Window close (Close + Open next, 20 slots)")]
        public int CloseWindow()
        {
            // Alternate between two consecutive windows: closing and opening do the same work either way.
            _phase = !_phase;
            DateTime next = _phase ? Start.AddSeconds(60) : Start;
            _closing.Close(_closing.WindowEnd);
            _closing.Open(next);
            return _closing.SlotCount;
        }

        /// <summary>Encoding a closed 60 s window of 20 quantities (60 samples each) as edge-json.</summary>
        [Benchmark(Description = "Encode window (edge-json, 20 quantities)")]
        public int EncodeWindow()
        {
            return _encoder.Encode(_header, _report, _writer);
        }

        private static Reading[] MakeReadings(int rounds, DateTime first)
        {
            Reading[] readings = new Reading[rounds * ThreePhase.Length];
            int n = 0;
            for (int r = 0; r < rounds; r++)
            {
                DateTime time = first.AddSeconds(r % 59);
                for (int q = 0; q < ThreePhase.Length; q++)
                {
                    readings[n++] = new Reading(ThreePhase[q], ValueOf(ThreePhase[q], r), DecimalsOf(ThreePhase[q]), time, ReadingQuality.Good);
                }
            }

            return readings;
        }

        private static int DecimalsOf(QuantityId quantity)
        {
            switch (quantity)
            {
                case QuantityId.PhaseVoltageL1:
                case QuantityId.PhaseVoltageL2:
                case QuantityId.PhaseVoltageL3:
                    return 1;
                case QuantityId.CurrentL1:
                case QuantityId.CurrentL2:
                case QuantityId.CurrentL3:
                case QuantityId.Frequency:
                    return 2;
                case QuantityId.PowerFactor:
                    return 3;
                default:
                    return 0;
            }
        }

        private static long ValueOf(QuantityId quantity, int round)
        {
            switch (quantity)
            {
                case QuantityId.PhaseVoltageL1:
                case QuantityId.PhaseVoltageL2:
                case QuantityId.PhaseVoltageL3:
                    return 2300 + (round % 17);
                case QuantityId.Frequency:
                    return 4998 + (round % 5);
                case QuantityId.PowerFactor:
                    return 950 + (round % 40);
                case QuantityId.TotalActiveEnergyImport:
                case QuantityId.TotalActiveEnergyExport:
                case QuantityId.TotalReactiveEnergyImport:
                case QuantityId.TotalReactiveEnergyExport:
                    return 12345678 + round;
                default:
                    return 1000 + ((round * 37) % 500);
            }
        }

        private static void Feed(WindowAggregator window, Reading[] readings)
        {
            for (int i = 0; i < readings.Length; i++)
            {
                window.Add(0, readings[i]);
            }
        }
    }
}
