using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using Edge.Core.Meters;
using Edge.Core.Setup;
using Xunit;
using static Edge.Tests.Setup.SetupTexts;

namespace Edge.Tests.Setup
{
    public class PinPlanCheckTests
    {
        public static TheoryData<string, string, string> Refusals => new()
        {
            // edit of the Linky example (esp32-devkitc with the gpio list), problem expected, rule
            { "pins.s0", "[35]", "$.pins.s0[0]: GPIO35 is also pins.ticRx for $.meters[0]" },
            { "pins.statusLed", "32", "$.pins.statusLed: GPIO32 is also pins.s0[0] for $.meters[1]" },
            { "pins.statusLed", "2", "$.pins.statusLed: GPIO2 is a strapping pin, sampled at reset to choose the boot mode" },
            { "pins.s0", "[12]", "$.pins.s0[0]: GPIO12 is a strapping pin" },
            { "pins.s0", "[7]", "$.pins.s0[0]: GPIO7 is wired to the module's SPI flash" },
            { "pins.ticRx", "3", "$.pins.ticRx: GPIO3 is COM1 (UART0), the debug and deployment port" },
            { "pins.statusLed", "20", "$.pins.statusLed: GPIO20 does not exist on the ESP32" },
            { "pins.statusLed", "37", "$.pins.statusLed: GPIO37 is not brought out on board esp32-devkitc" },
            { "pins.relays", "[18, 34]", "$.pins.relays[1]: GPIO34 is input-only, and relays is an output" },
            { "pins.s0", "[16]", "$.pins.s0[0]: GPIO16 is reserved on board esp32-devkitc: left free so the same pin map fits WROVER modules" },
            { "pins.ticRx", "null", "$.meters[0].port: tic is not wired on board esp32-devkitc (pins.ticRx is null) (allowed: the ports board esp32-devkitc wires: p1, rs485, i2c, s0-1, s0-2, s0-3, s0-4, or set pins.ticRx)" },
            { "meters[1].port", "\"s0-5\"", "$.meters[1].port: board esp32-devkitc has 4 S0 input(s) (allowed: the ports board esp32-devkitc wires: tic, p1, rs485, i2c, s0-1, s0-2, s0-3, s0-4)" },
            { "pins.rs485Tx", "9", "$.pins.rs485Tx: GPIO9 is wired to the module's SPI flash" },
            { "network", "{\"kind\":\"ethernet\"}", "$.network.kind: board esp32-devkitc has no Ethernet port (allowed: wifi)" },
        };

        [Theory]
        [MemberData(nameof(Refusals))]
        public void Refuses_each_pin_the_plan_cannot_use_with_its_path(string path, string value, string expected)
        {
            (_, string[] problems) = Read(With(LinkyConfig, path, value), path == "network" ? null : LinkySecrets, BoardWithGpio("esp32-devkitc"));

            Assert.True(problems.Any(p => p.StartsWith(expected, StringComparison.Ordinal)), $"expected '{expected}' among {string.Join(" | ", problems)}");
        }

        [Fact]
        public void Says_which_pins_are_free_for_an_output()
        {
            (_, string[] problems) = Read(With(LinkyConfig, "pins.statusLed", "36"), LinkySecrets, BoardWithGpio("esp32-devkitc"));

            // Brought out, not flash, COM1, strapping or reserved, not in use (ticRx 35, s0 32, relays 18 and 19), not input-only.
            Assert.Equal(new[] { "$.pins.statusLed: GPIO36 is input-only, and statusLed is an output (allowed: a free GPIO of board esp32-devkitc: 4, 13, 14, 21, 22, 23, 25, 26, 27, 33)" }, problems);
        }

        [Fact]
        public void Refuses_a_pin_of_the_ethernet_phy()
        {
            (_, string[] problems) = Read(With(EthernetConfig, "pins.s0", "[18, 39]"), EthernetSecrets, Board("wt32-eth01"));

            Assert.Single(problems);
            Assert.StartsWith("$.pins.s0[0]: GPIO18 is a pin of the board's Ethernet PHY", problems[0], StringComparison.Ordinal);
        }

        [Fact]
        public void Refuses_a_bad_default_pin_in_the_board_profile_not_the_config()
        {
            (_, string[] problems) = Read(LinkyConfig, LinkySecrets, With(Board("esp32-devkitc"), "pins.ticRx", "15"));

            Assert.Single(problems);
            Assert.StartsWith("board.json $.pins.ticRx: GPIO15 is a strapping pin", problems[0], StringComparison.Ordinal);
        }

        [Fact]
        public void Refuses_a_config_for_another_board()
        {
            (_, string[] problems) = Read(EthernetConfig, EthernetSecrets, Board("esp32-devkitc"));

            Assert.Contains("$.board: \"wt32-eth01\" but board.json is the profile of \"esp32-devkitc\" (allowed: the name of the board profile given with it)", problems);
        }

        [Fact]
        public void Refuses_tic_and_p1_together_and_a_line_read_twice()
        {
            (BoardProfile? board, _) = BoardProfileReaderTests.ReadBoard(Board("esp32-devkitc"));
            var setup = new NodeSetup
            {
                Board = "esp32-devkitc",
                Meters =
                [
                    new MeterSpec { Id = "linky", Kind = "tic", Port = PortNames.Tic },
                    new MeterSpec { Id = "dsmr", Kind = "p1", Port = PortNames.P1 },
                    new MeterSpec { Id = "pv", Kind = "s0", Port = "s0-2" },
                    new MeterSpec { Id = "pv2", Kind = "s0", Port = "s0-2" },
                ],
            };
            var problems = new SetupProblems();
            PinPlanCheck.Apply(setup, board!, problems);

            Assert.Equal(
                new[]
                {
                    "$.meters[1].port: TIC and P1 both need COM2, which $.meters[0] takes for tic (allowed: one TIC or P1 meter per node)",
                    "$.meters[3].port: the input s0-2 is already read by $.meters[2] (allowed: an S0 input of its own per meter)",
                },
                Enumerable.Range(0, problems.Count).Select(i => problems.At(i).ToString()));
        }

        [Fact]
        public void Every_board_takes_a_meter_on_each_port_it_wires()
        {
            foreach (string file in BoardFiles)
            {
                string text = File.ReadAllText(file);
                JsonElement profile = JsonDocument.Parse(text).RootElement;
                string name = Path.GetFileNameWithoutExtension(file);
                bool wifi = profile.GetProperty("network").GetString() == "wifi";
                var meters = new List<string>();
                if (profile.GetProperty("pins").GetProperty("ticRx").ValueKind == JsonValueKind.Number)
                {
                    meters.Add("{\"id\":\"main\",\"kind\":\"tic\",\"port\":\"tic\"}");
                }

                int s0 = profile.GetProperty("pins").GetProperty("s0").GetArrayLength();
                meters.AddRange(Enumerable.Range(1, s0).Select(i => $"{{\"id\":\"s{i}\",\"kind\":\"s0\",\"port\":\"s0-{i}\",\"pulsesPerKwh\":1000}}"));
                string config = With(With(With(LinkyConfig, "board", JsonSerializer.Serialize(name)), "meters", "[" + string.Join(",", meters) + "]"),
                    "network", wifi ? "{\"kind\":\"wifi\",\"ssid\":\"site\"}" : "{\"kind\":\"ethernet\"}");
                (NodeSetup setup, string[] problems) = Read(config, wifi ? LinkySecrets : With(LinkySecrets, "wifiPassword", null), text);

                Assert.True(problems.Length == 0, name + ": " + string.Join(" | ", problems));
                Assert.Equal(profile.GetProperty("pins").GetProperty("s0").EnumerateArray().Select(p => p.GetInt32()), setup.Pins.S0);
            }
        }
    }
}
