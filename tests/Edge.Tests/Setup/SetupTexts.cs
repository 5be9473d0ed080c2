using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json.Nodes;
using Edge.Core.Setup;

namespace Edge.Tests.Setup
{
    /// <summary>The example configurations and board profiles as the setup tests read them, and small edits of them.</summary>
    internal static class SetupTexts
    {
        public static string Folder => Path.Combine(AppContext.BaseDirectory, "Setup");

        public static string Example(string name) => File.ReadAllText(Path.Combine(Folder, "examples", name));

        public static string LinkyConfig => Example("linky-household.config.json");

        public static string LinkySecrets => Example("linky-household.secrets.json");

        public static string EthernetConfig => Example("ethernet-s0.config.json");

        public static string EthernetSecrets => Example("ethernet-s0.secrets.json");

        public static string ModbusConfig => Example("modbus-substation.config.json");

        public static string ModbusSecrets => Example("modbus-substation.secrets.json");

        public static string P1Config => Example("p1-household.config.json");

        public static string P1Secrets => Example("p1-household.secrets.json");

        /// <summary>A profile of hardware/boards.</summary>
        public static string Board(string name) => File.ReadAllText(Path.Combine(Folder, "boards", name + ".json"));

        /// <summary>A profile of TestData/boards (with the "gpio" list).</summary>
        public static string BoardWithGpio(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "boards", name + ".json"));

        public static string[] BoardFiles => Directory.GetFiles(Path.Combine(Folder, "boards"), "*.json").OrderBy(f => f, StringComparer.Ordinal).ToArray();

        /// <summary>The text with the value at a simple path ("meters[1].pulsesPerKwh", "network") replaced by
        /// <paramref name="json"/>, or removed when it is null.</summary>
        public static string With(string text, string path, string? json)
        {
            JsonNode root = JsonNode.Parse(text)!;
            string[] steps = path.Replace("[", ".[").Split('.');
            JsonNode parent = root;
            for (int i = 0; i < steps.Length - 1; i++)
            {
                // An object the text lacks ("pins") is added, empty, for the value to go in.
                parent = Step(parent, steps[i]) ?? (parent.AsObject()[steps[i]] = new JsonObject());
            }

            string last = steps[^1];
            if (last.StartsWith('['))
            {
                parent.AsArray()[int.Parse(last[1..^1])] = JsonNode.Parse(json!);
            }
            else if (json is null)
            {
                parent.AsObject().Remove(last);
            }
            else
            {
                parent.AsObject()[last] = JsonNode.Parse(json);
            }

            return root.ToJsonString();
        }

        /// <summary>Reads config, secrets and board profile as the device does; the problems as their lines.</summary>
        public static (NodeSetup Setup, string[] Problems) Read(string config, string? secrets, string board)
        {
            var problems = new SetupProblems();
            byte[] configBytes = Encoding.UTF8.GetBytes(config);
            byte[]? secretBytes = secrets is null ? null : Encoding.UTF8.GetBytes(secrets);
            byte[] boardBytes = Encoding.UTF8.GetBytes(board);
            NodeSetup setup = NodeSetupReader.Read(configBytes, configBytes.Length, secretBytes, secretBytes?.Length ?? 0, boardBytes, boardBytes.Length, problems);
            return (setup, Enumerable.Range(0, problems.Count).Select(i => problems.At(i).ToString()).ToArray());
        }

        private static JsonNode? Step(JsonNode node, string step) =>
            step.StartsWith('[') ? node.AsArray()[int.Parse(step[1..^1])] : node.AsObject()[step];
    }
}
