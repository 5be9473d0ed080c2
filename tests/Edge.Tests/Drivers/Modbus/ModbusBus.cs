using System;
using System.Collections.Generic;
using System.Linq;
using Edge.Core.Meters;
using Edge.Core.Meters.Buses;
using Edge.Core.Model;
using Edge.Core.Platform;
using Edge.Drivers.Modbus;
using Edge.Host.Protocols.Modbus;
using Edge.Tests.Fakes;

namespace Edge.Tests.Drivers.Modbus
{
    /// <summary>A master's RS-485 line with simulated slaves and Modbus meters on it, run on a virtual clock.</summary>
    internal sealed class ModbusBus
    {
        public static readonly DateTime Start = Utc.At("2026-12-01T10:00:00Z");

        public ModbusBus(int baud = 9600, long responseTimeoutMs = 100)
        {
            Line = new Rs485Line(Wire, baud, SerialParity.None, 1, responseTimeoutMs, 100, 8);
        }

        public VirtualRs485Bus Wire { get; } = new();

        public Rs485Line Line { get; }

        public List<(ModbusMeter Meter, RecordingSink Sink)> Meters { get; } = new();

        public long NowMs { get; private set; }

        public ModbusMeter Add(int slave, ModbusRegisterMap map, long cycleMs = 1000)
        {
            var meter = new ModbusMeter("m" + slave, Line, slave, map, cycleMs);
            Meters.Add((meter, new RecordingSink()));
            return meter;
        }

        public RecordingSink SinkOf(ModbusMeter meter) => Meters.Single(m => m.Meter == meter).Sink;

        /// <summary>Runs the node loop's order (line, then each meter) every <paramref name="stepMs"/> up to <paramref name="ms"/> from now.</summary>
        public void Run(long ms, long stepMs = 5)
        {
            long end = NowMs + ms;
            while (NowMs < end)
            {
                NowMs += stepMs;
                Wire.AdvanceTo(NowMs);
                Line.Run(NowMs);
                foreach ((ModbusMeter meter, RecordingSink sink) in Meters)
                {
                    meter.Poll(Start.AddMilliseconds(NowMs), NowMs, sink);
                }
            }
        }

        public static decimal Last(RecordingSink sink, QuantityId quantity)
        {
            Reading reading = sink.Readings.Last(r => r.Quantity == quantity);
            return reading.Value / (decimal)Math.Pow(10, reading.Decimals);
        }
    }
}
