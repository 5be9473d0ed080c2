using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using Edge.Core.Meters;
using Edge.Core.Node;
using Edge.Core.Payloads;
using Edge.Core.Platform;
using Edge.Core.Setup;
using Edge.Drivers;
using Edge.Drivers.Startup;
using Edge.Drivers.Tic;
using Edge.Host.Cli;
using Edge.Host.Protocols;
using Edge.Host.Protocols.S0;
using Edge.Host.Protocols.Tic;
using Edge.Host.Replay;
using Edge.Host.Simulation;
using Edge.Tests.Fakes;
using Edge.Tests.Integration.Faults;
using Xunit;

namespace Edge.Tests.Drivers.Startup
{
    /// <summary>
    /// The firmware's start-up run on the host: for every board profile in hardware/boards, a node set up as a
    /// device would be, started by <see cref="NodeStartup"/> on fake adapters, publishes exactly what the host's own
    /// node publishes for the same input (the replay of real TIC captures, the simulator's S0 meter), opens only the
    /// ports its meters name, and refuses a setup it cannot run with a message rather than an exception.
    /// </summary>
    public sealed class NodeStartupTests
    {
        private static readonly DateTime ClocklessStart = Utc.At("2026-11-25T20:00:00Z");

        public static TheoryData<string, string, string> BoardsCapturesAndFormats()
        {
            var data = new TheoryData<string, string, string>();
            foreach (string board in BoardProfiles.Names)
            {
                foreach (string capture in new[] { "tic_std_1P_linky_lains_frame1.bin", "tic_hist_3P_linky_lains_capture_rx_errors.bin" })
                {
                    foreach (string format in new[] { "edge-json", "senml", "iota-json" })
                    {
                        data.Add(board, capture, format);
                    }
                }
            }

            return data;
        }

        public static TheoryData<string, string> BoardsAndFormats()
        {
            var data = new TheoryData<string, string>();
            foreach (string board in BoardProfiles.Names)
            {
                foreach (string format in new[] { "edge-json", "senml", "iota-json" })
                {
                    data.Add(board, format);
                }
            }

            return data;
        }

        public static TheoryData<string> Boards()
        {
            var data = new TheoryData<string>();
            foreach (string board in BoardProfiles.Names)
            {
                data.Add(board);
            }

            return data;
        }

        [Fact]
        public void Every_board_profile_is_tested()
        {
            // The boards of issue 11's list that are present; a profile added later joins the theories by itself.
            Assert.Contains("esp32-devkitc", BoardProfiles.Names);
            Assert.True(BoardProfiles.Names.Count() >= 3, string.Join(", ", BoardProfiles.Names));
        }

        [Theory]
        [MemberData(nameof(BoardsCapturesAndFormats))]
        public void A_linky_node_started_on_a_board_publishes_what_the_replay_of_its_capture_does(string board, string capture, string format)
        {
            byte[] bytes = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "TestData", "tic", capture));
            bool standard = capture.StartsWith("tic_std", StringComparison.Ordinal);
            var replay = new TicCaptureReplay(bytes, standard ? TicMode.Standard : TicMode.Historique);

            var replayed = new FakeMqttLink();
            EdgeNode expected = replay.Run(LinkyConfig(board, format), replayed, ClocklessStart);
            Assert.Equal(0, expected.DrainOutbox());

            ManualClock clock = replay.StartClock(ClocklessStart);
            var composed = new FakeMqttLink();
            var platform = new FakeNodePlatform(clock, composed) { Line = new CaptureLine() };
            var startup = new NodeStartup(platform);
            NodeSetup setup = Setup(board, LinkyConfig(board, format), new MeterSpec { Kind = MeterFactory.TicKind, Id = "main", Port = PortNames.Tic, TicMode = standard ? "standard" : "historique" });
            Assert.True(startup.Start(setup, fallback: false), startup.Failure);
            replay.Feed(startup.Node!, clock, (CaptureLine)platform.Line!, ClocklessStart);
            Assert.Equal(0, startup.Node!.DrainOutbox());

            Assert.Contains(replayed.Published, p => !p.Retain);
            Assert.Equal(replayed.Published, composed.Published);
            Assert.Equal(standard ? TicMeter.StandardBaud : TicMeter.HistoriqueBaud, ((CaptureLine)platform.Line!).OpenedBaud);
        }

        [Theory]
        [MemberData(nameof(BoardsAndFormats))]
        public void An_s0_node_started_on_a_board_publishes_what_the_simulator_does_over_two_hours(string board, string format)
        {
            var options = new SimulationOptions
            {
                Meter = ProtocolRegistry.Meter("s0"),
                Profile = ProfileText.Create("linky-household", 60),
                Format = Format(format),
                StartUtc = Utc.At("2026-11-25T22:30:00Z"),
                Seed = 7,
                Configure = config => config.Board = board,
            };
            var simulated = new FakeMqttLink();
            var simulation = new NodeSimulation(options, simulated);
            simulation.Run(TimeSpan.FromHours(2));

            // The same virtual meter, on the board's first S0 input; the loop is the device's own step.
            var clock = new ManualClock(options.StartUtc, synchronised: true);
            var meter = (S0MeterRig)options.Meter.Build(options, new HouseholdLoadCurve(options.Seed).PowerAt, options.StartUtc);
            PinMap pins = BoardProfiles.Pins(board);
            var composed = new FakeMqttLink();
            var platform = new FakeNodePlatform(clock, composed);
            platform.PulseInputOn(pins.S0[0], meter.Output);
            var config = new NodeConfig { NodeId = options.NodeId, TopicPrefix = options.TopicPrefix, Profile = options.Profile, Format = options.Format, Board = board };
            var spec = new MeterSpec { Kind = MeterFactory.S0Kind, Id = "main", Port = "s0-1", PulsesPerKwh = options.PulsesPerKwh, InitialEnergyWh = options.InitialEnergyWh, MaxPowerW = options.MaxPowerW };
            var startup = new NodeStartup(platform);
            Assert.True(startup.Start(Setup(board, config, spec), fallback: false), startup.Failure);
            startup.Step();
            for (long at = NodeStartup.TickIntervalMs; at <= 2 * 3600 * 1000; at += NodeStartup.TickIntervalMs)
            {
                clock.Advance(NodeStartup.TickIntervalMs);
                meter.AdvanceTo(clock.MonotonicMs);
                startup.Step();
            }

            Assert.True(simulated.Published.Count(p => !p.Retain) >= 8, "the simulator published " + simulated.Published.Count + " messages");
            Assert.Equal(simulated.Published, composed.Published);
        }

        [Fact]
        public void A_linky_node_on_the_devkitc_opens_its_led_the_tic_line_on_gpio35_and_its_first_relay_only()
        {
            FakeNodePlatform platform = Platform();
            var startup = new NodeStartup(platform);

            Assert.True(startup.Start(LinkySetup("esp32-devkitc"), fallback: false), startup.Failure);

            // Not the P1 line that shares COM2, nor its data-request output, nor the S0 inputs, RS-485 or I2C pins.
            Assert.Equal(new[] { "output 23", "COM2 rx=35 tx=-1 de=-1", "output 18" }, platform.Opened);
            Assert.Same(platform.Outputs[18], startup.Node!.Relay);
            Assert.False(platform.Outputs[18].IsOn);
        }

        [Theory]
        [MemberData(nameof(Boards))]
        public void A_linky_node_routes_the_tic_pin_of_each_board_and_nothing_it_does_not_use(string board)
        {
            FakeNodePlatform platform = Platform();
            PinMap pins = BoardProfiles.Pins(board);

            Assert.True(new NodeStartup(platform).Start(LinkySetup(board), fallback: false));

            var expected = new List<string>();
            if (pins.StatusLed != PinMap.None)
            {
                expected.Add($"output {pins.StatusLed}");
            }

            expected.Add($"COM2 rx={pins.TicRx} tx=-1 de=-1");
            if (pins.Relays.Length > 0)
            {
                expected.Add($"output {pins.Relays[0]}");
            }

            if (pins.Button != PinMap.None)
            {
                // For the self-test's long press.
                expected.Add($"input {pins.Button}");
            }

            Assert.Equal(expected, platform.Opened);
        }

        [Fact]
        public void A_long_press_on_the_board_button_publishes_a_self_test_report_and_logs_its_lines()
        {
            // The Olimex ESP32-POE-ISO's user button is on GPIO34 (its board profile).
            FakeNodePlatform platform = Platform();
            platform.Store = new MemoryStore();
            platform.Store.Write(Edge.Core.Commissioning.SelfTestTriggers.MarkerFile, [1], 0, 1);
            var log = new Edge.Tests.Core.Commissioning.ListLog();
            platform.Log = log;
            var startup = new NodeStartup(platform);
            Assert.True(startup.Start(LinkySetup("olimex-esp32-poe-iso"), fallback: false), startup.Failure);
            var clock = (ManualClock)platform.Clock;

            platform.Buttons[34].IsActive = true;
            for (int i = 0; i < 32; i++)
            {
                clock.Advance(NodeStartup.ButtonPollMs);
                Assert.True(startup.Step() <= NodeStartup.ButtonPollMs);
            }

            platform.Buttons[34].IsActive = false;
            var report = ((FakeMqttLink)platform.Link).Published.Single(p => p.Topic == "edge/linky-1/selftest");
            JsonElement root = JsonDocument.Parse(report.Payload).RootElement;
            Assert.Equal(("button", "fail"), (root.GetProperty("trigger").GetString(), root.GetProperty("verdict").GetString()));
            Assert.Contains("Error selftest: FAIL meter main: no data on the TIC line, check the wires from the meter's I1 and I2 terminals to the optocoupler, its pull-up supply, and the UART RX pin", log.Lines);
            Assert.Equal(Edge.Core.Commissioning.SelfTestVerdict.Fail, startup.SelfTests.LastVerdict);
        }

        [Theory]
        [MemberData(nameof(Boards))]
        public void An_s0_node_opens_one_debounced_input_per_meter_on_the_board_s0_pins(string board)
        {
            FakeNodePlatform platform = Platform();
            PinMap pins = BoardProfiles.Pins(board);
            var meters = pins.S0.Select((pin, i) => new MeterSpec { Kind = MeterFactory.S0Kind, Id = "m" + (i + 1), Port = "s0-" + (i + 1), PulsesPerKwh = 1000 }).ToArray();

            var startup = new NodeStartup(platform);
            Assert.True(startup.Start(Setup(board, new NodeConfig { NodeId = "s0-node" }, meters), fallback: false), startup.Failure);

            Assert.Equal(pins.S0.Select(pin => $"pulse {pin} min={NodeStartup.S0MinPulseMs} bounce=10 falling"), platform.Opened.Where(o => o.StartsWith("pulse", StringComparison.Ordinal)));
            Assert.DoesNotContain(platform.Opened, o => o.StartsWith("COM", StringComparison.Ordinal));
            Assert.Equal(meters.Length, startup.Node!.MeterCount);
        }

        [Fact]
        public void A_p1_node_hands_its_driver_the_data_request_output_it_opens_off()
        {
            FakeNodePlatform platform = Platform();
            NodeSetup setup = Setup("esp32-devkitc", new NodeConfig { NodeId = "p1-node" }, new MeterSpec { Kind = MeterFactory.TicKind, Id = "main", Port = PortNames.P1 });

            Assert.True(new NodeStartup(platform).Start(setup, fallback: false));

            // Opened off: the P1 driver raises Data Request once its line is open (a TIC driver here never does).
            Assert.Equal(new[] { "output 23", "COM2 rx=34 tx=-1 de=-1", "output 14", "output 18" }, platform.Opened);
            Assert.False(platform.Outputs[14].IsOn);
            Assert.Equal(0, platform.Outputs[14].Switches);
        }

        [Fact]
        public void Modbus_meters_share_one_rs485_line_on_com3_opened_at_their_line_speed()
        {
            FakeNodePlatform platform = Platform();
            NodeSetup setup = Setup("esp32-devkitc", new NodeConfig { NodeId = "substation" },
                new MeterSpec { Kind = MeterFactory.ModbusKind, Id = "a", Port = PortNames.Rs485, Address = 1, ModbusModel = "sdm120", Baud = 2400, StopBits = 1 },
                new MeterSpec { Kind = MeterFactory.ModbusKind, Id = "b", Port = PortNames.Rs485, Address = 2, ModbusModel = "sdm230", Baud = 2400, StopBits = 1 });

            var startup = new NodeStartup(platform);
            Assert.True(startup.Start(setup, fallback: false), startup.Failure);
            ((ManualClock)platform.Clock).Advance(NodeStartup.TickIntervalMs);
            startup.Step();

            Assert.Equal(new[] { "output 23", "COM3 rx=26 tx=25 de=27", "output 18" }, platform.Opened);
            Assert.Equal(2, startup.Node!.MeterCount);
            Assert.Equal(2400, ((CaptureLine)platform.Line!).OpenedBaud);
        }

        [Fact]
        public void A_modbus_meter_on_a_board_whose_rs485_line_lacks_a_pin_fails_the_start()
        {
            FakeNodePlatform platform = Platform();
            NodeSetup setup = Setup("esp32-devkitc", new NodeConfig { NodeId = "n1" },
                new MeterSpec { Kind = MeterFactory.ModbusKind, Id = "pv", Port = PortNames.Rs485, Address = 1, ModbusModel = "sdm630" });
            setup.Pins.Rs485De = PinMap.None;
            var startup = new NodeStartup(platform);

            Assert.False(startup.Start(setup, fallback: false));

            Assert.Equal("meter 'pv': port 'rs485' is not wired (pins.rs485Tx, rs485Rx and rs485De are all needed) on board 'esp32-devkitc'", startup.Failure);
            Assert.DoesNotContain(platform.Opened, o => o.StartsWith("COM", StringComparison.Ordinal));
        }

        [Theory]
        [InlineData("esp32-devkitc", "uart9", "meter 'main': port 'uart9' is not one of tic, p1, rs485, i2c, s0-1..s0-4 on board 'esp32-devkitc'")]
        [InlineData("wt32-eth01", "s0-3", "meter 'main': port 's0-3' is not wired (2 S0 input(s) in pins.s0) on board 'wt32-eth01'")]
        [InlineData("olimex-esp32-poe-iso", "p1", "meter 'main': port 'p1' is not wired (no pins.p1Rx) on board 'olimex-esp32-poe-iso'")]
        [InlineData("esp32-devkitc", "", "meter 'main': no port given; one of tic, p1, rs485, i2c, s0-1..s0-4")]
        public void A_port_the_board_cannot_offer_fails_the_start_with_a_message_and_opens_nothing_for_it(string board, string port, string message)
        {
            FakeNodePlatform platform = Platform();
            var startup = new NodeStartup(platform);
            NodeSetup setup = Setup(board, new NodeConfig { NodeId = "n1" }, new MeterSpec { Kind = MeterFactory.TicKind, Id = "main", Port = port });

            Assert.False(startup.Start(setup, fallback: false));

            Assert.Equal(message, startup.Failure);
            Assert.Null(startup.Node);
            Assert.Equal(NodeState.NoConfig, startup.State);
            Assert.DoesNotContain(platform.Opened, o => !o.StartsWith("output", StringComparison.Ordinal));
            Assert.Null(platform.BrokerSetup);
        }

        [Fact]
        public void A_pin_the_platform_refuses_fails_the_start_naming_the_port_and_the_pin()
        {
            FakeNodePlatform platform = Platform();
            platform.RefusedPins.Add(35);
            var log = new RecordingLog();
            platform.Log = log;
            var startup = new NodeStartup(platform);

            Assert.False(startup.Start(LinkySetup("esp32-devkitc"), fallback: false));

            Assert.Equal("port 'tic' (COM2 receiving on GPIO35) could not be opened: GPIO35 is already in use", startup.Failure);
            Assert.Contains("Error startup: " + startup.Failure, log.Lines);
            Assert.Equal(NodeState.NoConfig, startup.Led!.State);
        }

        [Fact]
        public void A_platform_without_the_uart_fails_the_start_with_a_message()
        {
            FakeNodePlatform platform = Platform();
            platform.NoSerialLines = true;
            var startup = new NodeStartup(platform);

            Assert.False(startup.Start(LinkySetup("esp32-devkitc"), fallback: false));

            Assert.Equal("port 'tic' (COM2 receiving on GPIO35): the platform cannot open it", startup.Failure);
        }

        [Fact]
        public void Tic_and_p1_on_one_node_are_refused_as_they_share_com2()
        {
            var startup = new NodeStartup(Platform());
            NodeSetup setup = Setup("esp32-devkitc", new NodeConfig { NodeId = "n1" },
                new MeterSpec { Kind = MeterFactory.TicKind, Id = "linky", Port = PortNames.Tic },
                new MeterSpec { Kind = MeterFactory.TicKind, Id = "dsmr", Port = PortNames.P1 });

            Assert.False(startup.Start(setup, fallback: false));

            Assert.Equal("ports 'tic' and 'p1' share COM2: a node reads a Linky or a DSMR meter, not both", startup.Failure);
        }

        [Fact]
        public void Two_meters_on_one_input_are_refused()
        {
            var startup = new NodeStartup(Platform());
            NodeSetup setup = Setup("esp32-devkitc", new NodeConfig { NodeId = "n1" },
                new MeterSpec { Kind = MeterFactory.S0Kind, Id = "water", Port = "s0-1", PulsesPerKwh = 1000 },
                new MeterSpec { Kind = MeterFactory.S0Kind, Id = "gas", Port = "s0-1", PulsesPerKwh = 100 });

            Assert.False(startup.Start(setup, fallback: false));

            Assert.Equal("meter 'gas': port 's0-1' is already read by meter 'water': a line or pulse input feeds one meter", startup.Failure);
        }

        [Fact]
        public void A_meter_the_factory_refuses_fails_the_start_with_the_factory_s_message()
        {
            var startup = new NodeStartup(Platform());
            NodeSetup setup = Setup("esp32-devkitc", new NodeConfig { NodeId = "n1" }, new MeterSpec { Kind = MeterFactory.S0Kind, Id = "water", Port = "s0-1", PulsesPerKwh = 0 });

            Assert.False(startup.Start(setup, fallback: false));

            Assert.StartsWith("meter 'water': pulsesPerKwh 0 is outside 1..", startup.Failure);
        }

        [Fact]
        public void A_node_setting_that_cannot_work_fails_the_start_with_the_setting_s_message()
        {
            var startup = new NodeStartup(Platform());
            NodeSetup setup = LinkySetup("esp32-devkitc");
            setup.Node.NodeId = "a/b";

            Assert.False(startup.Start(setup, fallback: false));

            Assert.StartsWith("NodeId must be a non-empty MQTT topic level", startup.Failure);
            Assert.Null(startup.Node);
        }

        [Fact]
        public void No_setup_at_all_fails_with_its_own_message()
        {
            var startup = new NodeStartup(Platform());

            Assert.False(startup.Start(null!, fallback: false));

            Assert.Equal("no configuration to run", startup.Failure);
            Assert.Equal(NodeState.NoConfig, startup.State);
        }

        [Fact]
        public void The_relay_set_command_switches_the_board_s_first_relay()
        {
            FakeNodePlatform platform = Platform();
            var startup = new NodeStartup(platform);
            Assert.True(startup.Start(LinkySetup("esp32-devkitc"), fallback: false));
            startup.Step();

            var link = (FakeMqttLink)platform.Link;
            link.Deliver("edge/linky-1/cmd/relay/set", Encoding.UTF8.GetBytes("{\"id\":\"r1\",\"state\":\"on\"}"));
            ((ManualClock)platform.Clock).Advance(NodeStartup.TickIntervalMs);
            startup.Step();

            Assert.True(platform.Outputs[18].IsOn);
            Assert.False(platform.Outputs.ContainsKey(19));
            var result = link.Published.Single(p => p.Topic == "edge/linky-1/cmd/relay/set/result");
            Assert.Equal("on", JsonDocument.Parse(result.Payload).RootElement.GetProperty("result").GetProperty("relay").GetString());
        }

        [Fact]
        public void The_counters_of_a_platform_adapter_are_published_in_health()
        {
            FakeNodePlatform platform = Platform();
            platform.Store = new ReplacingStore(new CuttableFiles(), "edge/");
            NodeSetup setup = LinkySetup("esp32-devkitc");
            setup.Node.HealthSeconds = 60;
            var startup = new NodeStartup(platform);
            Assert.True(startup.Start(setup, fallback: false), startup.Failure);

            for (int s = 0; s <= 60; s++)
            {
                startup.Step();
                ((ManualClock)platform.Clock).Advance(NodeStartup.TickIntervalMs);
            }

            var link = (FakeMqttLink)platform.Link;
            JsonElement health = JsonDocument.Parse(link.Health.First().Payload).RootElement;
            Assert.Equal(0, health.GetProperty("recoveredWrites").GetInt64());
            Assert.Equal(0, health.GetProperty("discardedWrites").GetInt64());
        }

        private static PayloadFormat Format(string name) => PayloadFormats.TryParse(name, out PayloadFormat format) ? format : throw new ArgumentException(name);

        private static FakeNodePlatform Platform() => new(new ManualClock(Utc.At("2026-11-25T20:00:00Z"), synchronised: true), new FakeMqttLink());

        private static NodeConfig LinkyConfig(string board, string format) => new()
        {
            NodeId = "replay",
            TopicPrefix = "edge",
            Profile = ProfileText.Create("linky-household", 900),
            Format = Format(format),
            Board = board,
        };

        private static NodeSetup LinkySetup(string board) => Setup(
            board,
            new NodeConfig { NodeId = "linky-1", Profile = ProfileText.Create("linky-household", 900) },
            new MeterSpec { Kind = MeterFactory.TicKind, Id = "main", Port = PortNames.Tic, TicMode = "standard" });

        private static NodeSetup Setup(string board, NodeConfig config, params MeterSpec[] meters) => new()
        {
            Board = board,
            Node = config,
            Meters = meters,
            Broker = new BrokerSettings { Host = "broker.example", Port = 8883, Tls = true },
            Pins = BoardProfiles.Pins(board),
        };
    }
}
