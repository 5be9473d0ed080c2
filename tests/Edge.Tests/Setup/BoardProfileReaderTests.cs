using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using Edge.Core.Setup;
using Xunit;
using static Edge.Tests.Setup.SetupTexts;

namespace Edge.Tests.Setup
{
    public class BoardProfileReaderTests
    {
        [Fact]
        public void Every_profile_of_hardware_boards_reads_as_its_json_says()
        {
            Assert.True(BoardFiles.Length >= 3, "the profiles of hardware/boards are copied beside the tests");
            foreach (string file in BoardFiles)
            {
                string text = File.ReadAllText(file);
                (BoardProfile? board, string[] problems) = ReadBoard(text);
                Assert.True(problems.Length == 0, file + ": " + string.Join(" | ", problems));

                // The profile's own JSON, read by another parser, says the same.
                JsonElement json = JsonDocument.Parse(text).RootElement;
                JsonElement pins = json.GetProperty("pins");
                Assert.Equal(Path.GetFileNameWithoutExtension(file), board!.Name);
                Assert.Equal(json.GetProperty("nanoFrameworkTarget").GetString(), board.NanoFrameworkTarget);
                Assert.Equal(json.GetProperty("network").GetString(), board.Network);
                Assert.Equal(Pin(pins, "ticRx"), board.Pins.TicRx);
                Assert.Equal(Pin(pins, "rs485De"), board.Pins.Rs485De);
                Assert.Equal(Pin(pins, "statusLed"), board.Pins.StatusLed);
                Assert.Equal(pins.GetProperty("s0").EnumerateArray().Select(p => p.GetInt32()), board.Pins.S0);
                Assert.Equal(pins.GetProperty("relays").EnumerateArray().Select(p => p.GetInt32()), board.Pins.Relays);
                Assert.Equal(json.GetProperty("reserved").GetArrayLength(), board.Reserved.Length);
                Assert.Equal(json.TryGetProperty("gpio", out JsonElement gpio) ? gpio.EnumerateArray().Select(p => p.GetInt32()).ToArray() : null, board.Gpio);
                if (board.Network == "ethernet")
                {
                    JsonElement ethernet = json.GetProperty("ethernet");
                    int[] expected = new[] { ethernet.GetProperty("mdc").GetInt32(), ethernet.GetProperty("mdio").GetInt32(), ethernet.GetProperty("refClock").GetProperty("gpio").GetInt32(), ethernet.GetProperty("phyPower").GetInt32() }
                        .Concat(ethernet.GetProperty("rmii").EnumerateObject().Select(p => p.Value.GetInt32())).Order().ToArray();
                    Assert.Equal(expected, board.EthernetPins.Order());
                }
                else
                {
                    Assert.Empty(board.EthernetPins);
                }
            }
        }

        [Fact]
        public void Reads_the_gpio_list_a_profile_gives()
        {
            (BoardProfile? board, string[] problems) = ReadBoard(BoardWithGpio("esp32-devkitc"));

            Assert.Empty(problems);
            Assert.Equal(32, board!.Gpio.Length);
            Assert.DoesNotContain(37, board.Gpio);
            Assert.Equal("SPI flash of the module: not usable, never connect", board.ReservedUse(6));
            Assert.Null(board.ReservedUse(25));
        }

        [Fact]
        public void Refuses_an_unknown_field_a_missing_target_and_a_pin_beyond_the_chip()
        {
            string text = With(With(With(Board("esp32-devkitc"), "colour", "\"red\""), "nanoFrameworkTarget", null), "pins.ticRx", "41");
            (BoardProfile? board, string[] problems) = ReadBoard(text);

            Assert.Null(board);
            Assert.Equal(
                new[]
                {
                    "board.json $.pins.ticRx: out of range or not a whole number (allowed: a whole number from 0 to 39)",
                    "board.json $.colour: unknown field (allowed: board, name, module, nanoFrameworkTarget, network, ethernet, uarts, pins, reserved, notes, gpio)",
                    "board.json $.nanoFrameworkTarget: missing (allowed: a nanoFramework target)",
                },
                problems);
        }

        [Fact]
        public void Refuses_an_ethernet_board_without_its_phy_pins()
        {
            (BoardProfile? board, string[] problems) = ReadBoard(With(Board("wt32-eth01"), "ethernet", "null"));

            Assert.Null(board);
            Assert.Equal(new[] { "board.json $.ethernet: an Ethernet board without its PHY's pins (allowed: the PHY wiring (mdc, mdio, refClock, rmii...))" }, problems);
        }

        private static int Pin(JsonElement pins, string name) =>
            pins.GetProperty(name).ValueKind == JsonValueKind.Null ? PinMap.None : pins.GetProperty(name).GetInt32();

        internal static (BoardProfile? Board, string[] Problems) ReadBoard(string text)
        {
            var problems = new SetupProblems();
            byte[] bytes = Encoding.UTF8.GetBytes(text);
            BoardProfile? board = BoardProfileReader.Read(bytes, bytes.Length, problems);
            return (board, Enumerable.Range(0, problems.Count).Select(i => problems.At(i).ToString()).ToArray());
        }
    }
}
