using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Json.Schema;
using Xunit;

namespace Edge.Tests.Tooling
{
    /// <summary>
    /// The board profiles of hardware/boards/ have the shape of hardware/board-profile.schema.json and follow the pin
    /// rules of hardware/boards/README.md; each rule is also shown to refuse a profile that breaks it.
    /// </summary>
    public sealed class BoardProfileTests
    {
        private static readonly string BoardsDir = Path.Combine(ScriptRunner.RepoRoot, "hardware", "boards");

        private static readonly Lazy<JsonSchema> Schema = new Lazy<JsonSchema>(() => JsonSchema.FromText(
            File.ReadAllText(Path.Combine(ScriptRunner.RepoRoot, "hardware", "board-profile.schema.json")),
            baseUri: new Uri("https://edge.invalid/hardware/board-profile.schema.json")));

        public static IEnumerable<object[]> Profiles() =>
            Directory.GetFiles(BoardsDir, "*.json")
                .OrderBy(f => f, StringComparer.Ordinal)
                .Select(f => new object[] { Path.GetFileNameWithoutExtension(f) });

        [Theory]
        [InlineData("esp32-devkitc", "ESP32_PSRAM_REV0", "wifi")]
        [InlineData("olimex-esp32-poe-iso", "ESP32_OLIMEX", "ethernet")]
        [InlineData("wt32-eth01", "ESP32_WT32_ETH01", "ethernet")]
        [InlineData("m5stack-atom-lite", "ESP32_PICO", "wifi")]
        public void The_supported_boards_have_a_profile_with_their_firmware_target_and_network(string board, string target, string network)
        {
            JsonElement root = Load(board).Deserialize<JsonElement>();

            Assert.Equal(board, root.GetProperty("board").GetString());
            Assert.Equal(target, root.GetProperty("nanoFrameworkTarget").GetString());
            Assert.Equal(network, root.GetProperty("network").GetString());
            Assert.Equal(network == "ethernet" ? JsonValueKind.Object : JsonValueKind.Null, root.GetProperty("ethernet").ValueKind);
        }

        [Fact]
        public void The_atom_lite_status_led_is_its_on_board_sk6812_which_the_board_does_not_bring_out()
        {
            JsonElement root = Load("m5stack-atom-lite").Deserialize<JsonElement>();
            JsonElement pins = root.GetProperty("pins");

            Assert.Equal(27, pins.GetProperty("statusLed").GetInt32());
            Assert.Equal("sk6812", pins.GetProperty("statusLedKind").GetString());
            Assert.Equal(39, pins.GetProperty("button").GetInt32());
            Assert.Equal(new[] { 19, 21, 22, 23, 25, 26, 32, 33 }, root.GetProperty("gpio").EnumerateArray().Select(e => e.GetInt32()));
        }

        [Theory]
        [MemberData(nameof(Profiles))]
        public void A_profile_has_the_shape_of_the_profile_schema(string board)
        {
            Assert.Equal(string.Empty, SchemaErrors(Load(board)));
        }

        [Theory]
        [MemberData(nameof(Profiles))]
        public void A_profile_follows_every_pin_rule(string board)
        {
            List<string> violations = BoardProfileRules.Check(board, Load(board).Deserialize<JsonElement>());

            Assert.True(violations.Count == 0, board + ".json breaks the rules of hardware/boards/README.md:\n" + string.Join("\n", violations));
        }

        [Theory]
        [InlineData("esp32-devkitc", "/board", "\"esp32-devkit\"", "board: 'esp32-devkit' is not the file name 'esp32-devkitc'")]
        [InlineData("esp32-devkitc", "/nanoFrameworkTarget", "\" \"", "nanoFrameworkTarget: empty")]
        [InlineData("esp32-devkitc", "/gpio", "[0, 1, 2, 3, 4, 5, 12, 13, 14, 15, 16, 17, 18, 19, 21, 22, 23, 25, 26, 27, 32, 33, 34, 36, 39]", "pins.ticRx: GPIO35 is not in gpio: the board does not bring it out")]
        [InlineData("esp32-devkitc", "/gpio", "[1, 0, 2, 3, 4, 5, 12, 13, 14, 15, 16, 17, 18, 19, 21, 22, 23, 25, 26, 27, 32, 33, 34, 35, 36, 39]", "gpio: not in ascending order")]
        [InlineData("esp32-devkitc", "/gpio", "[0, 1, 2, 3, 4, 5, 6, 12, 13, 14, 15, 16, 17, 18, 19, 21, 22, 23, 25, 26, 27, 32, 33, 34, 35, 36, 39]", "gpio: GPIO6 is a module flash pin")]
        [InlineData("esp32-devkitc", "/pins/s0", "[32, 33, 4, 25]", "pins: GPIO25 is used by rs485Tx and s0[3]")]
        [InlineData("esp32-devkitc", "/pins/ticRx", "2", "pins.ticRx: GPIO2 is a strapping pin")]
        [InlineData("esp32-devkitc", "/pins/rs485Rx", "3", "pins.rs485Rx: GPIO3 is a COM1 (UART0) pin")]
        [InlineData("esp32-devkitc", "/pins/relays", "[18, 9]", "pins.relays[1]: GPIO9 is a module flash pin")]
        [InlineData("esp32-devkitc", "/pins/statusLed", "36", "pins.statusLed: output on input-only GPIO36")]
        [InlineData("esp32-devkitc", "/pins/i2cScl", "16", "pins.i2cScl: GPIO16 is reserved: left free so the same pin map fits WROVER modules, whose PSRAM uses them")]
        [InlineData("esp32-devkitc", "/pins/statusLedKind", "null", "pins.statusLedKind: null while statusLed is GPIO23")]
        [InlineData("esp32-devkitc", "/pins/s0", "[32, 33, 4, 39]", "pins.s0[3]: input-only GPIO39 (no internal pull-up) and no note on its pull-up")]
        [InlineData("wt32-eth01", "/pins/rs485De", "23", "pins.rs485De: GPIO23 is an Ethernet pin (mdc)")]
        [InlineData("olimex-esp32-poe-iso", "/pins/statusLedKind", "\"gpio\"", "pins.statusLedKind: 'gpio' while statusLed is null")]
        [InlineData("m5stack-atom-lite", "/pins/rs485Tx", "27", "pins: GPIO27 is used by rs485Tx and statusLed")]
        [InlineData("m5stack-atom-lite", "/pins/button", "21", "pins: GPIO21 is used by s0[0] and button")]
        public void A_profile_breaking_a_pin_rule_is_refused_naming_the_field_and_pin(string board, string path, string json, string violation)
        {
            JsonNode profile = With(Load(board), path, json);

            Assert.Contains(violation, BoardProfileRules.Check(board, profile.Deserialize<JsonElement>()));
        }

        [Theory]
        [InlineData("esp32-devkitc", "/pins/statusLedKind", "\"blink\"", "/pins/statusLedKind")]
        [InlineData("esp32-devkitc", "/network", "\"lora\"", "/network")]
        [InlineData("esp32-devkitc", "/gpio", "[0, 20, 21]", "/gpio/1")]
        [InlineData("esp32-devkitc", "/pins/button", "\"BOOT\"", "/pins/button")]
        [InlineData("wt32-eth01", "/ethernet/rmii/txd0", "20", "/ethernet")]
        public void A_profile_of_the_wrong_shape_fails_the_schema_at_the_broken_field(string board, string path, string json, string location)
        {
            string errors = SchemaErrors(With(Load(board), path, json));

            Assert.Contains(location, errors);
        }

        [Fact]
        public void A_profile_missing_its_gpio_list_fails_the_schema()
        {
            var profile = (JsonObject)Load("esp32-devkitc");
            profile.Remove("gpio");

            Assert.Contains("gpio", SchemaErrors(profile));
        }

        private static JsonNode Load(string board) =>
            JsonNode.Parse(File.ReadAllText(Path.Combine(BoardsDir, board + ".json")))
            ?? throw new InvalidDataException(board + ".json is the JSON null");

        /// <summary>The profile with the value at a JSON-pointer-like path (objects only) replaced.</summary>
        private static JsonNode With(JsonNode profile, string path, string json)
        {
            string[] steps = path.Trim('/').Split('/');
            JsonObject parent = profile.AsObject();
            foreach (string step in steps.Take(steps.Length - 1))
            {
                parent = parent[step]!.AsObject();
            }

            Assert.True(parent.ContainsKey(steps[^1]), $"{path} does not exist in the profile");
            parent[steps[^1]] = JsonNode.Parse(json);
            return profile;
        }

        private static string SchemaErrors(JsonNode profile)
        {
            EvaluationResults results = Schema.Value.Evaluate(profile.Deserialize<JsonElement>(), new EvaluationOptions { OutputFormat = OutputFormat.List });
            return results.IsValid
                ? string.Empty
                : string.Join("; ", (results.Details ?? []).Where(d => d.Errors is not null).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}")));
        }
    }

    /// <summary>
    /// The rules between the fields of a board profile (hardware/boards/README.md, "Rules a profile must follow"),
    /// each broken rule given as one line naming the field and the GPIO.
    /// </summary>
    internal static class BoardProfileRules
    {
        // ESP32 Series Datasheet, pin description: GPIO6-11 connect the module's SPI flash, GPIO1/GPIO3 are UART0
        // (nanoFramework's COM1, its wire protocol), GPIO0/2/5/12/15 are the strapping pins sampled at reset, and
        // GPIO34-39 are input-only without internal pull-up or pull-down.
        private static readonly int[] FlashPins = { 6, 7, 8, 9, 10, 11 };
        private static readonly int[] Com1Pins = { 1, 3 };
        private static readonly int[] StrappingPins = { 0, 2, 5, 12, 15 };
        private const int FirstInputOnlyPin = 34;

        private static readonly string[] Outputs = { "p1Request", "rs485Tx", "rs485De", "i2cSda", "i2cScl", "relays", "statusLed" };

        /// <summary>Fields that may name a part on the board itself rather than a pin it brings out.</summary>
        private static readonly string[] OnBoardParts = { "statusLed", "button" };

        public static List<string> Check(string fileName, JsonElement root)
        {
            var violations = new List<string>();

            string? board = root.GetProperty("board").GetString();
            if (board != fileName)
            {
                violations.Add($"board: '{board}' is not the file name '{fileName}'");
            }

            if (string.IsNullOrWhiteSpace(root.GetProperty("nanoFrameworkTarget").GetString()))
            {
                violations.Add("nanoFrameworkTarget: empty");
            }

            int[] gpio = root.GetProperty("gpio").EnumerateArray().Select(e => e.GetInt32()).ToArray();
            if (!gpio.SequenceEqual(gpio.Order()))
            {
                violations.Add("gpio: not in ascending order");
            }

            violations.AddRange(gpio.GroupBy(g => g).Where(g => g.Count() > 1).Select(g => $"gpio: GPIO{g.Key} listed twice"));
            violations.AddRange(gpio.Where(FlashPins.Contains).Select(g => $"gpio: GPIO{g} is a module flash pin"));

            Dictionary<int, string> ethernet = EthernetPins(root.GetProperty("ethernet"));
            var reserved = new Dictionary<int, string>();
            foreach (JsonElement entry in root.GetProperty("reserved").EnumerateArray())
            {
                foreach (JsonElement g in entry.GetProperty("gpio").EnumerateArray())
                {
                    reserved.TryAdd(g.GetInt32(), entry.GetProperty("use").GetString() ?? "");
                }
            }

            string[] notes = root.GetProperty("notes").EnumerateArray().Select(e => e.GetString() ?? "").ToArray();
            JsonElement pins = root.GetProperty("pins");
            List<(string Field, string Base, int Gpio)> used = Pins(pins);
            foreach ((string field, string baseField, int pin) in used)
            {
                bool onBoard = OnBoardParts.Contains(baseField) && !gpio.Contains(pin);
                if (baseField != "button")
                {
                    if (FlashPins.Contains(pin))
                    {
                        violations.Add($"pins.{field}: GPIO{pin} is a module flash pin");
                    }

                    if (Com1Pins.Contains(pin))
                    {
                        violations.Add($"pins.{field}: GPIO{pin} is a COM1 (UART0) pin");
                    }

                    if (StrappingPins.Contains(pin))
                    {
                        violations.Add($"pins.{field}: GPIO{pin} is a strapping pin");
                    }

                    if (ethernet.TryGetValue(pin, out string? signal))
                    {
                        violations.Add($"pins.{field}: GPIO{pin} is an Ethernet pin ({signal})");
                    }
                }

                if (!gpio.Contains(pin) && !onBoard)
                {
                    violations.Add($"pins.{field}: GPIO{pin} is not in gpio: the board does not bring it out");
                }

                if (reserved.TryGetValue(pin, out string? use))
                {
                    violations.Add($"pins.{field}: GPIO{pin} is reserved: {use}");
                }

                bool output = Outputs.Contains(baseField);
                if (output && pin >= FirstInputOnlyPin)
                {
                    violations.Add($"pins.{field}: output on input-only GPIO{pin}");
                }

                if (!output && baseField != "button" && pin >= FirstInputOnlyPin && !notes.Any(n => Explains(n, baseField, pin)))
                {
                    violations.Add($"pins.{field}: input-only GPIO{pin} (no internal pull-up) and no note on its pull-up");
                }
            }

            foreach (IGrouping<int, (string Field, string Base, int Gpio)> twice in used.GroupBy(p => p.Gpio).Where(g => g.Count() > 1))
            {
                violations.Add($"pins: GPIO{twice.Key} is used by {string.Join(" and ", twice.Select(p => p.Field))}");
            }

            JsonElement led = pins.GetProperty("statusLed");
            JsonElement kind = pins.GetProperty("statusLedKind");
            if (led.ValueKind == JsonValueKind.Null && kind.ValueKind != JsonValueKind.Null)
            {
                violations.Add($"pins.statusLedKind: '{kind.GetString()}' while statusLed is null");
            }
            else if (led.ValueKind != JsonValueKind.Null && kind.ValueKind == JsonValueKind.Null)
            {
                violations.Add($"pins.statusLedKind: null while statusLed is GPIO{led.GetInt32()}");
            }

            return violations;
        }

        /// <summary>A note that names the field (case aside) and the GPIO number, not as part of a longer number.</summary>
        private static bool Explains(string note, string field, int pin) =>
            note.Contains(field, StringComparison.OrdinalIgnoreCase) && Regex.IsMatch(note, $"(?<![0-9]){pin}(?![0-9])");

        /// <summary>Each GPIO of <c>pins</c> with its field ("s0[1]"), the field's name without index, in file order.</summary>
        private static List<(string Field, string Base, int Gpio)> Pins(JsonElement pins)
        {
            var result = new List<(string, string, int)>();
            foreach (JsonProperty p in pins.EnumerateObject())
            {
                if (p.Value.ValueKind == JsonValueKind.Number)
                {
                    result.Add((p.Name, p.Name, p.Value.GetInt32()));
                }
                else if (p.Value.ValueKind == JsonValueKind.Array)
                {
                    int i = 0;
                    foreach (JsonElement e in p.Value.EnumerateArray())
                    {
                        result.Add(($"{p.Name}[{i++}]", p.Name, e.GetInt32()));
                    }
                }
            }

            return result;
        }

        private static Dictionary<int, string> EthernetPins(JsonElement eth)
        {
            var result = new Dictionary<int, string>();
            if (eth.ValueKind != JsonValueKind.Object)
            {
                return result;
            }

            result.TryAdd(eth.GetProperty("mdc").GetInt32(), "mdc");
            result.TryAdd(eth.GetProperty("mdio").GetInt32(), "mdio");
            result.TryAdd(eth.GetProperty("refClock").GetProperty("gpio").GetInt32(), "refClock");
            result.TryAdd(eth.GetProperty("phyPower").GetInt32(), "phyPower");
            foreach (JsonProperty p in eth.GetProperty("rmii").EnumerateObject())
            {
                result.TryAdd(p.Value.GetInt32(), p.Name);
            }

            return result;
        }
    }
}
