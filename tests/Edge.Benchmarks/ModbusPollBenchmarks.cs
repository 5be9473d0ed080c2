using System;
using BenchmarkDotNet.Attributes;
using Edge.Core.Meters.Buses;
using Edge.Core.Platform;
using Edge.Drivers.Modbus;
using Edge.Host.Protocols.Modbus;

namespace Edge.Benchmarks
{
    /// <summary>
    /// The cost of one Modbus meter's poll cycle on the node: from the start of a cycle to the last reading, the
    /// driver's polls and the line's runs every 5 ms of a virtual clock (as the node loop does), every request of
    /// the read plan built, sent, its reply taken, checked and converted. The slave's replies are prepared in
    /// advance and answered at once (<see cref="PreparedSdm630Link"/>), so what is measured is the master alone.
    /// One operation = one cycle of one meter.
    /// </summary>
    [MemoryDiagnoser]
    public class ModbusPollBenchmarks
    {
        private static readonly DateTime Time = new DateTime(2026, 12, 1, 10, 0, 0, DateTimeKind.Utc);

        private readonly SummingSink _sink = new SummingSink();
        private Rs485Line _line630 = null!;
        private ModbusMeter _sdm630 = null!;
        private Rs485Line _line72 = null!;
        private ModbusMeter _sdm72 = null!;
        private long _nowMs;

        [GlobalSetup]
        public void Setup()
        {
            (_line630, _sdm630) = Build(EastronRegisterMaps.Sdm630);
            (_line72, _sdm72) = Build(EastronRegisterMaps.Sdm72);
        }

        [Benchmark(Description = "SDM630 poll cycle (2 requests, 25 values)")]
        public long Sdm630Cycle() => Cycle(_line630, _sdm630);

        [Benchmark(Description = "SDM72 poll cycle (1 request, 3 values)")]
        public long Sdm72Cycle() => Cycle(_line72, _sdm72);

        private static (Rs485Line, ModbusMeter) Build(string model)
        {
            ModbusRegisterMap map = EastronRegisterMaps.Named(model)!;
            var line = new Rs485Line(new PreparedSdm630Link(1, new ModbusReadPlan(map)), 9600, SerialParity.None, 1, 100, 100, 2);
            return (line, new ModbusMeter(model, line, 1, map, 0));
        }

        private long Cycle(Rs485Line line, ModbusMeter meter)
        {
            // The cycle interval is 0, so a cycle starts as the last one ends: one cycle is as many answers as requests.
            long target = meter.Counters.Answers + meter.Plan.Count;
            while (meter.Counters.Answers < target)
            {
                _nowMs += 5;
                line.Run(_nowMs);
                meter.Poll(Time, _nowMs, _sink);
            }

            return _sink.Sum;
        }
    }
}
