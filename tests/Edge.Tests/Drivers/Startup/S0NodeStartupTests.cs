using System.Linq;
using Edge.Core.Meters;
using Edge.Core.Model;
using Edge.Core.Platform;
using Edge.Core.Setup;
using Edge.Drivers;
using Edge.Drivers.S0;
using Edge.Drivers.Startup;
using Edge.Tests.Fakes;
using Xunit;
using static Edge.Tests.Setup.SetupTexts;

namespace Edge.Tests.Drivers.Startup
{
    /// <summary>
    /// Two S0 meters of one configuration file, an electricity meter on s0-1 and a water meter on s0-2, read as the
    /// device reads its files and started by <see cref="NodeStartup"/>: each input opened with its own qualifier on
    /// its own pin, counted on its own, its count kept under its own store name and resumed after a reboot.
    /// </summary>
    public sealed class S0NodeStartupTests
    {
        private const string Board = "wt32-eth01";

        /// <summary>The ethernet example (heat pump on s0-1) with a water meter on s0-2 instead of its EV charger.</summary>
        private static NodeSetup TwoMeterSetup()
        {
            string config = With(EthernetConfig, "meters[1]",
                "{ \"id\": \"water\", \"kind\": \"s0\", \"port\": \"s0-2\", \"measures\": \"water\", \"pulsesPerM3\": 100, \"initialVolumeL\": 123456, "
                + "\"minPulseMs\": 50, \"activeEdge\": \"rising\", \"persistEveryPulses\": 5 }");
            (NodeSetup setup, string[] problems) = Read(config, EthernetSecrets, Edge.Tests.Setup.SetupTexts.Board(Board));
            Assert.Empty(problems);
            return setup;
        }

        private sealed class Rig
        {
            public Rig(MemoryStore store)
            {
                Clock = new ManualClock(Utc.At("2026-11-25T20:00:00Z"), synchronised: true);
                Platform = new FakeNodePlatform(Clock, new FakeMqttLink()) { Store = store };
                Startup = new NodeStartup(Platform);
                Assert.True(Startup.Start(TwoMeterSetup(), fallback: false), Startup.Failure);
                Startup.Step();
            }

            public ManualClock Clock { get; }

            public FakeNodePlatform Platform { get; }

            public NodeStartup Startup { get; }

            public S0PulseMeter Meter(int index) => (S0PulseMeter)Startup.Node!.Meter(index);

            /// <summary>Runs <paramref name="seconds"/> of node loop; each second the heat pump's input (GPIO32, low
            /// pulses) sees one 60 ms pulse and, every <paramref name="waterEvery"/> s, the water meter's (GPIO39, high
            /// pulses) one 80 ms pulse.</summary>
            public void Run(int seconds, int waterEvery)
            {
                PulseQualifier heat = Platform.Qualifiers[32];
                PulseQualifier water = Platform.Qualifiers[39];
                for (int s = 1; s <= seconds; s++)
                {
                    long at = Clock.MonotonicMs;
                    heat.Edge(at + 100, false);
                    heat.Edge(at + 160, true);
                    if (s % waterEvery == 0)
                    {
                        water.Edge(at + 200, true);
                        water.Edge(at + 280, false);
                    }

                    Clock.Advance(NodeStartup.TickIntervalMs);
                    Startup.Step();
                }
            }
        }

        [Fact]
        public void Reads_an_s0_water_meter_with_its_pulse_options_from_the_configuration()
        {
            MeterSpec water = TwoMeterSetup().Meters[1];

            Assert.Equal((MeterKinds.S0, "s0-2", 100, 123456L), (water.Kind, water.Port, water.PulsesPerKwh, water.InitialEnergyWh));
            Assert.Equal((MeterKinds.S0Water, 50, true, 5, 15, 300),
                (water.Pulses!.Measures, water.Pulses.MinPulseMs, water.Pulses.ActiveHigh, water.Pulses.PersistPulses, water.Pulses.PersistMinutes, water.Pulses.ZeroAfterS));
        }

        [Fact]
        public void An_s0_meter_without_pulse_options_takes_the_defaults()
        {
            MeterSpec heat = TwoMeterSetup().Meters[0];

            Assert.Equal((MeterKinds.S0Electricity, 30, false, 100, 15, 300),
                (heat.Pulses!.Measures, heat.Pulses.MinPulseMs, heat.Pulses.ActiveHigh, heat.Pulses.PersistPulses, heat.Pulses.PersistMinutes, heat.Pulses.ZeroAfterS));
        }

        [Theory]
        [InlineData("{ \"id\": \"w\", \"kind\": \"s0\", \"port\": \"s0-2\", \"measures\": \"water\", \"pulsesPerKwh\": 100 }",
            "$.meters[1].pulsesPerM3: missing (allowed: the meter constant printed on the water meter, 1 to 100000 imp/m3) | $.meters[1].pulsesPerKwh: not a field of a s0 water meter (allowed: id, kind, port, measures, pulsesPerM3, initialVolumeL, minPulseMs, activeEdge, persistEveryPulses)")]
        [InlineData("{ \"id\": \"w\", \"kind\": \"s0\", \"port\": \"s0-2\", \"measures\": \"gas\" }",
            "$.meters[1].pulsesPerM3: missing (allowed: the meter constant printed on the gas meter, 1 to 100000 imp/m3)")]
        [InlineData("{ \"id\": \"w\", \"kind\": \"s0\", \"port\": \"s0-2\", \"pulsesPerKwh\": 1000, \"activeEdge\": \"both\" }",
            "$.meters[1].activeEdge: \"both\" is not one of them (allowed: falling, rising)")]
        [InlineData("{ \"id\": \"w\", \"kind\": \"s0\", \"port\": \"s0-2\", \"pulsesPerKwh\": 1000, \"minPulseMs\": 0 }",
            "$.meters[1].minPulseMs: out of range or not a whole number (allowed: a whole number from 1 to 1000)")]
        public void Refuses_an_s0_field_of_the_other_medium_or_out_of_range(string meter, string problemLines)
        {
            (_, string[] problems) = Read(With(EthernetConfig, "meters[1]", meter), EthernetSecrets, Edge.Tests.Setup.SetupTexts.Board(Board));

            Assert.Equal(problemLines.Split(" | "), problems);
        }

        [Fact]
        public void Two_s0_inputs_open_on_their_own_pins_with_their_own_qualifiers()
        {
            var rig = new Rig(new MemoryStore());

            Assert.Equal(new[] { "pulse 32 min=30 bounce=10 falling", "pulse 39 min=50 bounce=10 rising" },
                rig.Platform.Opened.Where(o => o.StartsWith("pulse", System.StringComparison.Ordinal)));
            Assert.Equal(new[] { "pulses", "implausibleIntervals", "refusedGlitches", "bridgedBounces", "repeatedLevels", "counterWrites", "counterStoreErrors" },
                Enumerable.Range(0, rig.Meter(0).CounterCount).Select(rig.Meter(0).CounterName));
            Assert.Equal("S0 pulse output, 100 imp/m3 (water), register from 123456 L", rig.Meter(1).Describe());
        }

        [Fact]
        public void Two_s0_inputs_are_counted_independently_and_kept_under_their_own_store_names()
        {
            var store = new MemoryStore();
            var rig = new Rig(store);

            rig.Run(120, waterEvery: 4);

            Assert.Equal((120L, 120L), (rig.Meter(0).TotalPulses, rig.Meter(0).EnergyWh));
            Assert.Equal((30L, 123456L + 300), (rig.Meter(1).TotalPulses, rig.Meter(1).EnergyWh));
            Assert.Equal((QuantityId.TotalActiveEnergyImport, QuantityId.WaterVolume), (rig.Meter(0).RegisterQuantity, rig.Meter(1).RegisterQuantity));
            Assert.Equal(100L, rig.Meter(0).Store!.Persisted);
            Assert.Equal(30L, rig.Meter(1).Store!.Persisted);
            Assert.Equal(new[] { "s0-heat-pump.a", "s0-water.a", "s0-water.b" }, store.Files.Keys.Where(k => k.StartsWith("s0-", System.StringComparison.Ordinal)).OrderBy(k => k, System.StringComparer.Ordinal));
        }

        [Fact]
        public void After_a_reboot_both_meters_resume_from_their_own_records()
        {
            var store = new MemoryStore();
            new Rig(store).Run(150, waterEvery: 4);

            var rebooted = new Rig(store);
            rebooted.Run(10, waterEvery: 2);

            // The heat pump's record was at 100 of its 150 pulses, the water meter's at 35 of its 37: each resumes
            // from its own, under one step lost.
            Assert.Equal(100L + 10, rebooted.Meter(0).TotalPulses);
            Assert.Equal(35L + 5, rebooted.Meter(1).TotalPulses);
            Assert.Equal(123456L + 400, rebooted.Meter(1).EnergyWh);
        }
    }
}
