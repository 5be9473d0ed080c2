using System;
using Edge.Core.Meters.Buses;
using Edge.Core.Model;
using Edge.Core.Platform;
using Edge.Drivers.Modbus;
using Edge.Host.Protocols.Modbus;
using Xunit;

namespace Edge.Tests.Drivers.Modbus
{
    public class ModbusAllocationTests
    {
        [Fact]
        public void Polls_an_sdm630_in_steady_state_allocating_nothing()
        {
            ModbusRegisterMap map = EastronRegisterMaps.Named("sdm630")!;
            var link = new PreparedSdm630Link(1, new ModbusReadPlan(map));
            var line = new Rs485Line(link, 9600, SerialParity.None, 1, 100, 100, 2);
            var meter = new ModbusMeter("main", line, 1, map, 100);
            var sink = new SummingSink();
            var start = new DateTime(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc);
            long ms = 0;
            for (; ms < 2000; ms += 5)
            {
                line.Run(ms);
                meter.Poll(start, ms, sink);
            }

            long cycles = meter.Counters.Cycles;
            long readings = sink.Count;
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (; ms < 12000; ms += 5)
            {
                line.Run(ms);
                meter.Poll(start, ms, sink);
            }

            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.Equal(0, allocated);
            Assert.Equal(100, meter.Counters.Cycles - cycles);
            Assert.Equal(100 * 25, sink.Count - readings);
            Assert.Equal(2302, sink.LastVoltage);
        }

        private sealed class SummingSink : IReadingSink
        {
            public long Count;
            public long LastVoltage;

            public void Add(Reading reading)
            {
                Count++;
                if (reading.Quantity == QuantityId.PhaseVoltageL1)
                {
                    LastVoltage = reading.Value;
                }
            }

            public void AddEvent(MeterEventKind kind, Reading reading)
            {
            }
        }
    }
}
