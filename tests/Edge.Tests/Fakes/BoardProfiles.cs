using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using Edge.Core.Setup;

namespace Edge.Tests.Fakes
{
    /// <summary>The board profiles of hardware/boards, as the tests iterate them: each file present, its pins.</summary>
    internal static class BoardProfiles
    {
        /// <summary>The repository's root (the folder of Edge.sln above the test binary).</summary>
        public static string RepositoryRoot
        {
            get
            {
                var directory = new DirectoryInfo(AppContext.BaseDirectory);
                while (directory != null && !File.Exists(Path.Combine(directory.FullName, "Edge.sln")))
                {
                    directory = directory.Parent;
                }

                return directory?.FullName ?? throw new InvalidOperationException("Edge.sln not found above " + AppContext.BaseDirectory);
            }
        }

        /// <summary>The board names, one per hardware/boards/&lt;name&gt;.json.</summary>
        public static IEnumerable<string> Names =>
            Directory.EnumerateFiles(Path.Combine(RepositoryRoot, "hardware", "boards"), "*.json")
                .Select(path => Path.GetFileNameWithoutExtension(path)!)
                .OrderBy(name => name, StringComparer.Ordinal);

        /// <summary>The <c>pins</c> object of a board's profile (null fields: not wired).</summary>
        public static PinMap Pins(string board)
        {
            using JsonDocument profile = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryRoot, "hardware", "boards", board + ".json")));
            JsonElement pins = profile.RootElement.GetProperty("pins");
            return new PinMap
            {
                TicRx = Pin(pins, "ticRx"),
                P1Rx = Pin(pins, "p1Rx"),
                P1Request = Pin(pins, "p1Request"),
                Rs485Tx = Pin(pins, "rs485Tx"),
                Rs485Rx = Pin(pins, "rs485Rx"),
                Rs485De = Pin(pins, "rs485De"),
                S0 = Pins(pins, "s0"),
                I2cSda = Pin(pins, "i2cSda"),
                I2cScl = Pin(pins, "i2cScl"),
                Relays = Pins(pins, "relays"),
                StatusLed = Pin(pins, "statusLed"),
                Button = Pin(pins, "button"),
            };
        }

        private static int Pin(JsonElement pins, string name) =>
            pins.TryGetProperty(name, out JsonElement pin) && pin.ValueKind == JsonValueKind.Number ? pin.GetInt32() : PinMap.None;

        private static int[] Pins(JsonElement pins, string name) =>
            pins.TryGetProperty(name, out JsonElement list) && list.ValueKind == JsonValueKind.Array ? list.EnumerateArray().Select(p => p.GetInt32()).ToArray() : [];
    }
}
