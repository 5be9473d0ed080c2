using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using Edge.Core.Setup;

namespace Edge.Host.Provisioning
{
    /// <summary>
    /// A board profile of hardware/boards/&lt;name&gt;.json as provisioning needs it: the firmware target, how the
    /// board reaches the network, the interface pins (into the portable <see cref="PinMap"/>), and the file itself,
    /// which is copied to the node as I:\edge\board.json unchanged. <paramref name="Gpio"/>: the GPIOs the board
    /// brings out (field "gpio"), null when the profile does not list them.
    /// </summary>
    public sealed record BoardProfile(string Name, string Target, string Network, PinMap Pins, int[]? Gpio, byte[] FileBytes)
    {
        /// <summary>What a profile name may be: it is a file name (hardware/boards/README.md, field "board").</summary>
        public const string NameRule = "letters, digits, '.', '_' and '-', starting with a letter or digit";

        public static bool IsName(string name) =>
            name.Length > 0 && char.IsAsciiLetterOrDigit(name[0]) && name.AsSpan().IndexOfAnyExcept(NameCharacters) < 0;

        private static readonly System.Buffers.SearchValues<char> NameCharacters =
            System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-");

        /// <summary>The profile names found in <paramref name="directory"/>, sorted.</summary>
        public static string[] Available(string directory)
        {
            if (!Directory.Exists(directory))
            {
                return [];
            }

            string[] names = Array.ConvertAll(Directory.GetFiles(directory, "*.json"), f => Path.GetFileNameWithoutExtension(f));
            Array.Sort(names, StringComparer.Ordinal);
            return names;
        }

        /// <summary>Reads the profile <paramref name="name"/> from <paramref name="directory"/>; null and a reason when
        /// there is no such profile or it lacks what provisioning reads.</summary>
        public static BoardProfile? TryLoad(string directory, string name, out string error)
        {
            if (!IsName(name))
            {
                error = $"'{name}' is not a board name; expected {NameRule}";
                return null;
            }

            string file = Path.Combine(directory, name + ".json");
            if (!File.Exists(file))
            {
                string[] names = Available(directory);
                error = $"unknown board '{name}': no {name}.json in {directory}; available: {(names.Length == 0 ? "none" : string.Join(", ", names))}";
                return null;
            }

            byte[] bytes = File.ReadAllBytes(file);
            try
            {
                using JsonDocument document = JsonDocument.Parse(bytes);
                JsonElement root = document.RootElement;
                string target = Text(root, "nanoFrameworkTarget");
                string network = Text(root, "network");
                if (network != NetworkSettings.WifiKind && network != NetworkSettings.EthernetKind)
                {
                    error = $"board profile {name}.json: \"network\" is '{network}'; expected \"{NetworkSettings.WifiKind}\" or \"{NetworkSettings.EthernetKind}\"";
                    return null;
                }

                if (!root.TryGetProperty("pins", out JsonElement pins) || pins.ValueKind != JsonValueKind.Object)
                {
                    error = $"board profile {name}.json has no \"pins\" object";
                    return null;
                }

                var map = new PinMap
                {
                    TicRx = Pin(pins, "ticRx"),
                    P1Rx = Pin(pins, "p1Rx"),
                    P1Request = Pin(pins, "p1Request"),
                    Rs485Tx = Pin(pins, "rs485Tx"),
                    Rs485Rx = Pin(pins, "rs485Rx"),
                    Rs485De = Pin(pins, "rs485De"),
                    S0 = PinList(pins, "s0"),
                    I2cSda = Pin(pins, "i2cSda"),
                    I2cScl = Pin(pins, "i2cScl"),
                    Relays = PinList(pins, "relays"),
                    StatusLed = Pin(pins, "statusLed"),
                    Button = Pin(pins, "button"),
                };
                int[]? gpio = root.TryGetProperty("gpio", out JsonElement list) && list.ValueKind == JsonValueKind.Array ? PinList(root, "gpio") : null;
                error = string.Empty;
                return new BoardProfile(name, target, network, map, gpio, bytes);
            }
            catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
            {
                error = $"board profile {name}.json is not usable: {e.Message}";
                return null;
            }
        }

        private static string Text(JsonElement root, string field) =>
            root.TryGetProperty(field, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : string.Empty;

        private static int Pin(JsonElement pins, string field) =>
            pins.TryGetProperty(field, out JsonElement value) && value.ValueKind == JsonValueKind.Number ? value.GetInt32() : PinMap.None;

        private static int[] PinList(JsonElement pins, string field)
        {
            if (!pins.TryGetProperty(field, out JsonElement value) || value.ValueKind != JsonValueKind.Array)
            {
                return [];
            }

            var list = new List<int>();
            foreach (JsonElement pin in value.EnumerateArray())
            {
                list.Add(pin.GetInt32());
            }

            return list.ToArray();
        }
    }
}
