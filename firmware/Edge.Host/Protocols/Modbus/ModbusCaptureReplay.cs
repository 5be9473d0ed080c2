using System;
using System.Collections.Generic;
using System.Linq;
using Edge.Core.Meters;
using Edge.Core.Meters.Buses;
using Edge.Core.Model;
using Edge.Core.Node;
using Edge.Core.Platform;
using Edge.Core.Security;
using Edge.Drivers;
using Edge.Drivers.Modbus;
using Edge.Host.Platform;

namespace Edge.Host.Protocols.Modbus
{
    /// <summary>
    /// Replays a Modbus capture through the whole node pipeline: the real <see cref="ModbusMeter"/> polls a slave that
    /// answers from the registers the capture's replies carried. The capture is cut into scans (a scan ends when a
    /// read repeats); for each, the slave's registers take the scan's values and the node runs one poll cycle, one
    /// second of its clock apart, as captures hold no time (the reports say the clock was not synchronised). The
    /// driver reads the rows of the model's table that the capture covers, so a capture made by another master, with
    /// other requests, replays all the same.
    /// </summary>
    public sealed class ModbusCaptureReplay : ICaptureReplay
    {
        private const long ScanMs = 1000;
        private const long StepMs = 10;

        private readonly byte[] _capture;
        private readonly ModbusRegisterMap _model;

        public ModbusCaptureReplay(byte[] capture, string model)
        {
            _capture = capture;
            _model = EastronRegisterMaps.Named(model) ?? throw new ArgumentOutOfRangeException(nameof(model), model, "not a model with a register table");
        }

        /// <summary>The driver of the last <see cref="Run"/>, for its counters; null before.</summary>
        public ModbusMeter? Meter { get; private set; }

        public int FramesReplayed { get; private set; }

        public DateTime StartOf(DateTime writtenUtc) => writtenUtc.AddMilliseconds(-ScanMs * Math.Max(1, Scans().Count));

        public EdgeNode Run(NodeConfig config, IMqttLink link, DateTime clocklessStart)
        {
            List<List<ModbusExchange>> scans = Scans();
            FramesReplayed = scans.Sum(s => s.Count);
            int slaveAddress = scans.Count > 0 ? scans[0][0].Slave : 1;
            var bus = new VirtualRs485Bus();
            SimulatedModbusSlave slave = bus.Attach(new SimulatedModbusSlave(slaveAddress) { ResponseDelayMs = 5 });
            var line = new Rs485Line(bus, 9600, SerialParity.None, 1, 200, 100, 2);
            var spec = new MeterSpec
            {
                Kind = MeterFactory.ModbusKind,
                Id = "main",
                Port = "capture",
                Address = slaveAddress,
                PollIntervalMs = ScanMs,
                ModbusTable = Covered(scans, slaveAddress),
            };
            var meter = (ModbusMeter)MeterFactory.Build(spec, new MeterPorts().AddRs485Line(spec.Port, line), new MeterIdentity(MeterIdPolicy.Omit, null!));
            Meter = meter;
            var clock = new ManualClock(clocklessStart, false);
            var node = new EdgeNode(config, clock, link, null, null);
            node.AddMeter(meter);
            node.Start();
            foreach (List<ModbusExchange> scan in scans)
            {
                Load(slave, scan);
                long cycles = meter.Counters.Cycles;
                long end = clock.MonotonicMs + ScanMs;
                while (clock.MonotonicMs < end)
                {
                    bus.AdvanceTo(clock.MonotonicMs);
                    node.Tick();
                    LinkWait.Settle(node, LinkWait.DefaultTimeout);
                    if (meter.Counters.Cycles > cycles && !meter.InCycle)
                    {
                        break;
                    }

                    clock.Advance(StepMs);
                }

                clock.Advance(Math.Max(0, end - clock.MonotonicMs));
            }

            node.Flush();
            return node;
        }

        public string DriverSummary()
        {
            ModbusCounters c = Meter?.Counters ?? throw new InvalidOperationException("the capture has not been replayed yet");
            return $"modbus: {c.Cycles} cycles, {c.Answers} answers, {c.Timeouts} timeouts, {c.Exceptions} exceptions, {c.Rejected} replies rejected, {c.BadValues} bad values";
        }

        /// <summary>The valid read replies with their requests, cut where a read repeats.</summary>
        private List<List<ModbusExchange>> Scans()
        {
            var scans = new List<List<ModbusExchange>>();
            var current = new List<ModbusExchange>();
            foreach (ModbusExchange e in ModbusCaptureScanner.Scan(_capture).Exchanges)
            {
                if (e.Status != ModbusReplyStatus.Valid || e.Start is null || e.Function is not (ModbusFunction.ReadHoldingRegisters or ModbusFunction.ReadInputRegisters))
                {
                    continue;
                }

                if (current.Any(c => c.Slave == e.Slave && c.Function == e.Function && c.Start == e.Start))
                {
                    scans.Add(current);
                    current = new List<ModbusExchange>();
                }

                current.Add(e);
            }

            if (current.Count > 0)
            {
                scans.Add(current);
            }

            return scans;
        }

        /// <summary>The rows of the model's table whose registers some reply of the slave carried.</summary>
        private ModbusTableSpec Covered(List<List<ModbusExchange>> scans, int slave)
        {
            var rows = new List<ModbusRegisterSpec>();
            for (int row = 0; row < _model.Count; row++)
            {
                bool covered = scans.SelectMany(s => s).Any(e => e.Slave == slave && e.Function == _model.Function(row)
                    && _model.Address(row) >= e.Start && _model.Address(row) + _model.Width(row) <= e.Start + (e.Reply[2] / 2));
                if (covered)
                {
                    rows.Add(Row(row));
                }
            }

            // A capture without a reply of the table's registers replays no scan; the driver still needs a table.
            return rows.Count == 0
                ? new ModbusTableSpec { Model = _model.Model, Registers = [.. Enumerable.Range(0, _model.Count).Select(Row)] }
                : new ModbusTableSpec { Model = _model.Model + " (replay)", Registers = [.. rows] };
        }

        /// <summary>Row <paramref name="row"/> of the model's table as a configuration would give it.</summary>
        private ModbusRegisterSpec Row(int row) => new()
        {
            Function = _model.Function(row),
            Address = _model.Address(row),
            Type = _model.Type(row).ToString().ToLowerInvariant(),
            LowWordFirst = _model.LowWordFirst(row),
            Scale = _model.Scale(row),
            Decimals = _model.Decimals(row),
            Quantity = Quantities.NameOf(_model.Quantity(row)),
        };

        private static void Load(SimulatedModbusSlave slave, List<ModbusExchange> scan)
        {
            foreach (ModbusExchange e in scan.Where(e => e.Slave == slave.Address))
            {
                int start = e.Start!.Value;
                for (int i = 0; i < e.Reply[2] / 2; i++)
                {
                    var value = (ushort)ModbusFrames.Word(e.Reply, 3 + (2 * i));
                    if (e.Function == ModbusFunction.ReadInputRegisters)
                    {
                        slave.SetInput(start + i, value);
                    }
                    else
                    {
                        slave.SetHolding(start + i, value);
                    }
                }
            }
        }
    }
}
