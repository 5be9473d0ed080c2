using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using Edge.Core.Aggregation;
using Edge.Core.Meters;
using Edge.Core.Model;
using Edge.Core.Node;
using Edge.Core.Platform;
using Edge.Core.Security;
using Edge.Drivers.Tic;
using Edge.Host.Protocols.Tic;
using Edge.Tests.Fakes;
using Xunit;

namespace Edge.Tests.Core.Meters
{
    public class MeterRosterTests
    {
        private static readonly DateTime Start = Utc.At("2026-11-25T20:00:30Z");

        [Fact]
        public void A_tic_register_that_wraps_is_counted_across_the_wrap_without_rules_in_the_configuration()
        {
            // 9 kW from 999,999,000 Wh: the 9-digit register wraps after 400 s.
            var simulated = new SimulatedTicMeter(TicMode.Standard, _ => 9000, Start, 999_999_000, seed: 1);
            var port = new VirtualTicSerialPort(simulated, Start, seed: 2);
            var clock = new ManualClock(Start, true);
            var link = new FakeMqttLink();
            var node = new EdgeNode(new NodeConfig { NodeId = "n1" }, clock, link, null, null);
            node.AddMeter(new TicMeter("main", port, TicMode.Standard, new MeterIdentity(MeterIdPolicy.Omit, null!)));
            node.Start();
            for (int s = 0; s < 600; s++)
            {
                clock.Advance(1000);
                port.AdvanceTo(clock.MonotonicMs);
                node.Tick();
            }

            JsonElement[] energy = link.Readings
                .Select(p => JsonDocument.Parse(p.Payload).RootElement.GetProperty("meters")[0].GetProperty("values").GetProperty("totalActiveEnergyImport"))
                .ToArray();
            long first = energy[0].GetProperty("first").GetInt64();
            long last = energy[^1].GetProperty("last").GetInt64();
            Assert.True(last < first, "the register was to wrap during the run");
            Assert.Equal(last + 1_000_000_000 - first, energy.Sum(e => e.GetProperty("delta").GetInt64()));
        }

        [Fact]
        public void Configured_rules_come_first_so_they_override_what_a_driver_declares()
        {
            var tic = new TicMeter("main", new Idle(), TicMode.Standard, new MeterIdentity(MeterIdPolicy.Omit, null!));
            var overriding = new RegisterRule(1, QuantityId.TotalActiveEnergyImport, 0, 5);
            var roster = new MeterRoster(new IMeterDriver[] { new MeterDriverTests.ProbedChip(0), tic }, null!);

            RegisterRule[] rules = roster.Rules(new[] { overriding });

            Assert.Same(overriding, rules[0]);
            Assert.Equal(tic.RegisterRules(1).Length + 1, rules.Length);
            Assert.All(rules.Skip(1), r => Assert.Equal((1, 1_000_000_000L), (r.Meter, r.Modulus)));
        }

        [Fact]
        public void Logs_each_change_of_a_drivers_state_with_its_reason()
        {
            var log = new ListLog();
            var chip = new MeterDriverTests.ProbedChip(0) { Present = false };
            var roster = new MeterRoster(new IMeterDriver[] { chip }, log);
            roster.Describe();
            roster.Poll(0, Start, 0, new RecordingSink());
            roster.Poll(0, Start, 1000, new RecordingSink());
            chip.Present = true;
            roster.Poll(0, Start, MeterDriver.DefaultRetryMs, new RecordingSink());

            Assert.Equal(
                new[]
                {
                    "Info meters chip: probed chip at 0x40",
                    "Error meters chip failed: no answer at 0x40",
                    "Info meters chip ready",
                },
                log.Lines.ToArray());
        }

        [Fact]
        public void Runs_a_bus_shared_by_two_meters_once_per_loop_whatever_their_poll_intervals()
        {
            var bus = new CountingBus();
            var roster = new MeterRoster(new IMeterDriver[] { new BusMeter("a", bus), new BusMeter("b", bus), new MeterDriverTests.ProbedChip(0) }, null!);
            for (long ms = 0; ms < 5000; ms += 1000)
            {
                roster.RunBuses(ms);
                for (int i = 0; i < roster.Count; i++)
                {
                    roster.Poll(i, Start, ms, new RecordingSink());
                }
            }

            Assert.Equal(new long[] { 0, 1000, 2000, 3000, 4000 }, bus.Runs.ToArray());
        }

        private sealed class CountingBus : Edge.Core.Meters.Buses.IBusHub
        {
            public List<long> Runs { get; } = new();

            public void Run(long monotonicMs) => Runs.Add(monotonicMs);
        }

        /// <summary>A meter on a shared bus, read once a minute.</summary>
        private sealed class BusMeter : MeterDriver
        {
            private readonly Edge.Core.Meters.Buses.IBusHub _bus;

            public BusMeter(string id, Edge.Core.Meters.Buses.IBusHub bus)
                : base(id, 60000)
            {
                _bus = bus;
            }

            public override Edge.Core.Meters.Buses.IBusHub Bus => _bus;

            public override string Describe() => "on a shared bus";

            protected override void Update(DateTime utcNow, long monotonicMs, IReadingSink sink)
            {
            }
        }

        private sealed class Idle : ISerialLink
        {
            public void Open(int baudRate, int dataBits, SerialParity parity, int stopBits)
            {
            }

            public int Read(byte[] buffer, int offset, int count) => 0;

            public void Write(byte[] buffer, int offset, int count)
            {
            }
        }

        private sealed class ListLog : ILog
        {
            public List<string> Lines { get; } = new();

            public bool IsEnabled(LogLevel level) => true;

            public void Write(LogLevel level, string tag, string message) => Lines.Add(level + " " + tag + " " + message);
        }
    }
}
