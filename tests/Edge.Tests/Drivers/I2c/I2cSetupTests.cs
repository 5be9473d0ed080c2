using System;
using System.Linq;
using Edge.Core.Commissioning;
using Edge.Core.Meters;
using Edge.Core.Meters.Buses;
using Edge.Core.Node;
using Edge.Core.Platform;
using Edge.Core.Setup;
using Edge.Drivers;
using Edge.Drivers.I2c;
using Edge.Drivers.I2c.Bme280;
using Edge.Drivers.I2c.Ina219;
using Edge.Drivers.Startup;
using Edge.Host.Protocols.I2c;
using Edge.Tests.Fakes;
using Xunit;
using static Edge.Tests.Setup.SetupTexts;

namespace Edge.Tests.Drivers.I2c
{
    /// <summary>I2C sensors from the configuration file to running drivers: the setup reader's fields and defaults,
    /// the factory, and the start-up opening a device per chip on the board's SDA and SCL pins.</summary>
    public class I2cSetupTests
    {
        private const string Sensors = "[{ \"id\": \"battery\", \"kind\": \"ina219\", \"port\": \"i2c\", \"shuntOhms\": 0.1, \"maxCurrentA\": 2 },"
            + " { \"id\": \"room\", \"kind\": \"bme280\", \"port\": \"i2c\", \"address\": 119, \"pollIntervalMs\": 60000 },"
            + " { \"id\": \"cabinet\", \"kind\": \"sht3x\", \"port\": \"i2c\" }]";

        [Fact]
        public void Reads_i2c_sensors_with_their_default_addresses_shunt_and_current()
        {
            (NodeSetup setup, string[] problems) = Read(With(ModbusConfig, "meters", Sensors), ModbusSecrets, Board("wt32-eth01"));

            Assert.Empty(problems);
            Assert.Equal(
                new[] { ("battery", "ina219", 0x40, 100000L, 2000L, 0L), ("room", "bme280", 0x77, 0L, 0L, 60000L), ("cabinet", "sht3x", 0x44, 0L, 0L, 0L) },
                setup.Meters.Select(m => (m.Id, m.Kind, m.Address, m.ShuntMicroOhms, m.MaxCurrentMilliamps, m.PollIntervalMs)));
        }

        [Theory]
        [InlineData("{ \"id\": \"a\", \"kind\": \"ina226\", \"port\": \"i2c\", \"maxCurrentA\": 2 }", "$.meters[0].shuntOhms")]
        [InlineData("{ \"id\": \"a\", \"kind\": \"bme280\", \"port\": \"i2c\", \"address\": 64 }", "$.meters[0].address")]
        [InlineData("{ \"id\": \"a\", \"kind\": \"sht3x\", \"port\": \"rs485\" }", "$.meters[0].port")]
        [InlineData("{ \"id\": \"a\", \"kind\": \"sht3x\", \"port\": \"i2c\", \"shuntOhms\": 0.1 }", "$.meters[0].shuntOhms")]
        public void Refuses_a_wrong_i2c_sensor_field_by_its_path(string meter, string path)
        {
            (_, string[] problems) = Read(With(ModbusConfig, "meters", "[" + meter + "]"), ModbusSecrets, Board("wt32-eth01"));
            Assert.Contains(problems, p => p.Contains(path));
        }

        [Fact]
        public void Start_up_opens_a_device_per_chip_on_the_boards_i2c_pins_and_polls_them()
        {
            var platform = new FakeNodePlatform(new ManualClock(Utc.At("2026-11-25T20:00:00Z"), synchronised: true), new FakeMqttLink());
            var ina = new SimulatedIna219 { ShuntRegister = 2000, BusRegister = 3000 };
            platform.I2cChips[0x40] = ina;
            platform.I2cChips[0x76] = new SimulatedBme280(I2cTestChips.ExampleCalibration()) { AdcT = I2cTestChips.ExampleAdcT, AdcP = I2cTestChips.ExampleAdcP, AdcH = 30000 };
            NodeSetup setup = Setup(
                new MeterSpec { Kind = MeterKinds.Ina219, Id = "battery", Port = PortNames.I2c, ShuntMicroOhms = 100000, MaxCurrentMilliamps = 2000 },
                new MeterSpec { Kind = MeterKinds.Bme280, Id = "room", Port = PortNames.I2c },
                new MeterSpec { Kind = MeterKinds.Sht3x, Id = "cabinet", Port = PortNames.I2c });
            var startup = new NodeStartup(platform);

            Assert.True(startup.Start(setup, fallback: false), startup.Failure);

            Assert.Equal(new[] { "i2c1 sda=21 scl=22 address=64", "i2c1 sda=21 scl=22 address=118", "i2c1 sda=21 scl=22 address=68" },
                platform.Opened.Where(o => o.StartsWith("i2c")).ToArray());
            EdgeNode node = startup.Node!;
            Assert.IsType<Ina219Sensor>(node.Meter(0));
            Assert.IsType<Bme280Sensor>(node.Meter(1));
            startup.Step();
            var sensors = Enumerable.Range(0, 3).Select(i => (MeterDriver)node.Meter(i)).ToArray();
            Assert.Equal(new[] { MeterState.Ready, MeterState.Ready, MeterState.Failed }, sensors.Select(s => s.State));
            Assert.Equal(4096, ina.Calibration);
            Assert.Equal("no answer at 0x44: check SDA/SCL wiring, power and the address pin", sensors[2].Reason);
        }

        [Fact]
        public void Self_test_scans_the_bus_and_shows_a_chip_strapped_to_another_address_where_it_answers()
        {
            // The SHT3x's ADDR pin is high on this board (0x45, SHT3x-DIS table 7) but the config says 0x44.
            var platform = new FakeNodePlatform(new ManualClock(Utc.At("2026-11-25T20:00:00Z"), synchronised: true), new FakeMqttLink());
            platform.I2cChips[0x40] = new SimulatedIna219 { ShuntRegister = 2000, BusRegister = 3000 };
            platform.I2cChips[0x45] = new SimulatedSht3x { RawTemperature = 0x6666, RawHumidity = 0x8000 };
            NodeSetup setup = Setup(
                new MeterSpec { Kind = MeterKinds.Ina219, Id = "battery", Port = PortNames.I2c, ShuntMicroOhms = 100000, MaxCurrentMilliamps = 2000 },
                new MeterSpec { Kind = MeterKinds.Sht3x, Id = "cabinet", Port = PortNames.I2c });
            var startup = new NodeStartup(platform);
            Assert.True(startup.Start(setup, fallback: false), startup.Failure);
            startup.Step();
            int opened = platform.Opened.Count;

            SelfTestReport report = NodeSelfTest.Run(startup.Node!, 1000);

            string[] lines = Enumerable.Range(0, report.Count).Select(report.LineAt).ToArray();
            Assert.Equal(
                "FAIL i2c bus: no answer at 0x44 (sht3x or ina219/ina226) (found 0x40 (ina219/ina226), 0x45 (sht3x or ina219/ina226)), check SDA/SCL wiring, the pull-ups, power and the address pins",
                Assert.Single(lines, l => l.Contains(" i2c bus: ", StringComparison.Ordinal)));
            Assert.Equal(1, Array.FindIndex(lines, l => l.Contains(" i2c bus: ", StringComparison.Ordinal)));
            Assert.StartsWith("FAIL sensor sht3x@0x44: no answer at 0x44", lines[2], StringComparison.Ordinal);

            // Every address but the two configured ones was opened for the probe, once, on the board's pins.
            string[] probes = platform.Opened.Skip(opened).ToArray();
            Assert.Equal(0x77 - 0x08 + 1 - 2, probes.Length);
            Assert.Equal("i2c1 sda=21 scl=22 address=8", probes[0]);
            Assert.DoesNotContain("i2c1 sda=21 scl=22 address=64", probes);
        }

        [Fact]
        public void Self_test_passes_the_bus_when_every_configured_chip_answers()
        {
            var platform = new FakeNodePlatform(new ManualClock(Utc.At("2026-11-25T20:00:00Z"), synchronised: true), new FakeMqttLink());
            platform.I2cChips[0x76] = new SimulatedBme280(I2cTestChips.ExampleCalibration()) { AdcT = I2cTestChips.ExampleAdcT, AdcP = I2cTestChips.ExampleAdcP, AdcH = 30000 };
            var startup = new NodeStartup(platform);
            Assert.True(startup.Start(Setup(new MeterSpec { Kind = MeterKinds.Bme280, Id = "room", Port = PortNames.I2c }), fallback: false), startup.Failure);
            startup.Step();

            SelfTestReport report = NodeSelfTest.Run(startup.Node!, 1000);

            Assert.Contains("PASS i2c bus: found 0x76 (bme280/bmp280)", Enumerable.Range(0, report.Count).Select(report.LineAt));
        }

        [Fact]
        public void Two_chips_at_one_address_are_refused()
        {
            var platform = new FakeNodePlatform(new ManualClock(Utc.At("2026-11-25T20:00:00Z"), synchronised: true), new FakeMqttLink());
            var startup = new NodeStartup(platform);
            NodeSetup setup = Setup(
                new MeterSpec { Kind = MeterKinds.Ina219, Id = "a", Port = PortNames.I2c, ShuntMicroOhms = 100000, MaxCurrentMilliamps = 2000 },
                new MeterSpec { Kind = MeterKinds.Ina226, Id = "b", Port = PortNames.I2c, ShuntMicroOhms = 100000, MaxCurrentMilliamps = 500 });

            Assert.False(startup.Start(setup, fallback: false));
            Assert.Equal("meter 'b': address 64 of the I2C bus is already the address of meter 'a': each chip needs an address of its own (its address pins)", startup.Failure);
        }

        [Fact]
        public void A_board_without_i2c_pins_refuses_an_i2c_sensor_and_opens_nothing()
        {
            var platform = new FakeNodePlatform(new ManualClock(Utc.At("2026-11-25T20:00:00Z"), synchronised: true), new FakeMqttLink());
            NodeSetup setup = Setup(new MeterSpec { Kind = MeterKinds.Sht3x, Id = "cabinet", Port = PortNames.I2c });
            setup.Pins.I2cScl = PinMap.None;
            var startup = new NodeStartup(platform);

            Assert.False(startup.Start(setup, fallback: false));
            Assert.Equal("meter 'cabinet': port 'i2c' is not wired (pins.i2cSda and i2cScl are both needed) on board 'esp32-devkitc'", startup.Failure);
            Assert.DoesNotContain(platform.Opened, o => o.StartsWith("i2c"));
        }

        [Fact]
        public void Factory_refuses_a_shunt_too_large_for_the_current()
        {
            var bus = new I2cBus();
            bus.Attach(0x40, new SimulatedIna219());
            var ports = new MeterPorts().AddI2cBus(PortNames.I2c, bus);
            var spec = new MeterSpec { Kind = MeterKinds.Ina219, Id = "dc", Port = PortNames.I2c, ShuntMicroOhms = 100000, MaxCurrentMilliamps = 5000 };
            var refused = Assert.Throws<System.ArgumentException>(() => MeterFactory.Build(spec, ports, null!));
            Assert.Equal("shuntOhms", refused.ParamName);
            Assert.StartsWith("meter 'dc': maxCurrentA x shuntOhms is over the INA219's 320 mV shunt range", refused.Message);
        }

        private static NodeSetup Setup(params MeterSpec[] meters) => new()
        {
            Board = "esp32-devkitc",
            Node = new NodeConfig { NodeId = "sensors" },
            Meters = meters,
            Broker = new BrokerSettings { Host = "broker.example", Port = 8883, Tls = true },
            Pins = BoardProfiles.Pins("esp32-devkitc"),
        };
    }
}
