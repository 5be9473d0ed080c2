using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using Json.Schema;
using Xunit;
using static Edge.Tests.Setup.SetupTexts;

namespace Edge.Tests.Setup
{
    /// <summary>The JSON Schemas of the setup files (docs/schemas) and the node's reader agree: on the examples, which
    /// both take, and on wrong files, which both refuse.</summary>
    public class SetupSchemaTests
    {
        private static readonly Lazy<JsonSchema> ConfigSchema = new(() => Load("node-config.schema.json"));
        private static readonly Lazy<JsonSchema> SecretsSchema = new(() => Load("secrets.schema.json"));

        public static TheoryData<string, string, string> Examples => new()
        {
            { "linky-household.config.json", "linky-household.secrets.json", "esp32-devkitc" },
            { "ethernet-s0.config.json", "ethernet-s0.secrets.json", "wt32-eth01" },
        };

        [Theory]
        [MemberData(nameof(Examples))]
        public void The_examples_match_the_schemas_and_the_reader_takes_them(string config, string secrets, string board)
        {
            AssertValid(ConfigSchema.Value, Example(config));
            AssertValid(SecretsSchema.Value, Example(secrets));
            (_, string[] problems) = Read(Example(config), Example(secrets), Board(board));
            Assert.Empty(problems);
        }

        public static TheoryData<string, string?> WrongConfigs => new()
        {
            { "schemaVersion", "2" },
            { "nodeId", "\"a/b\"" },
            { "nodeId", null },
            { "colour", "\"red\"" },
            { "profile", "\"hourly\"" },
            { "format", "\"xml\"" },
            { "network.kind", "\"lte\"" },
            { "network.ssid", null },
            { "network.address", "\"10.0.0.256\"" },
            { "network.address", "\"10.0.0.2\"" },
            { "network.dns", "\"10.0.0.1\"" },
            { "network.ntp", "[]" },
            { "broker.uri", "\"tcp://broker:1883\"" },
            { "broker.uri", "\"mqtts://broker:8883/path\"" },
            { "broker.ca", "null" },
            { "broker.clientId", "\"\"" },
            { "broker.keepAliveSeconds", "65536" },
            { "broker.password", "\"x\"" },
            { "meters", "[]" },
            { "meters[0].kind", "\"p2\"" },
            { "meters[0].port", "\"s0-1\"" },
            { "meters[0].pulsesPerKwh", "1000" },
            { "meters[1].pulsesPerKwh", "0" },
            { "meters[1].pulsesPerKwh", null },
            { "meters[1].port", "\"tic\"" },
            { "meters[1].id", "\"a/b\"" },
            { "pins.ticRx", "40" },
            { "pins.led", "2" },
            { "node.windowSeconds", "900" },
            { "node.heartbeatSeconds", "-1" },
            { "node.nominalVoltage", "99.9" },
            { "node.iotaApiKey", "\"a#b\"" },
            { "node.utcOffsetMinutes", "900" },
        };

        [Theory]
        [MemberData(nameof(WrongConfigs))]
        public void A_wrong_config_is_refused_by_the_schema_and_the_reader(string path, string? value)
        {
            string config = With(LinkyConfig, path, value);

            Assert.False(ConfigSchema.Value.Evaluate(JsonDocument.Parse(config).RootElement).IsValid, "the schema takes " + config);
            (_, string[] problems) = Read(config, LinkySecrets, Board("esp32-devkitc"));
            Assert.NotEmpty(problems);
        }

        public static TheoryData<string, string?> WrongSecrets => new()
        {
            { "schemaVersion", null },
            { "wifiPassword", "\"short\"" },
            { "wifiPassword", "\"" + new string('g', 64) + "\"" },
            { "mqttPassword", "\"\"" },
            { "mqttPassword", "\"" + new string('p', 257) + "\"" },
            { "clientKey", "\"\"" },
            { "apiKey", "\"x\"" },
        };

        [Theory]
        [MemberData(nameof(WrongSecrets))]
        public void Wrong_secrets_are_refused_by_the_schema_and_the_reader(string path, string? value)
        {
            string secrets = With(LinkySecrets, path, value);

            Assert.False(SecretsSchema.Value.Evaluate(JsonDocument.Parse(secrets).RootElement).IsValid, "the schema takes " + secrets);
            (_, string[] problems) = Read(LinkyConfig, secrets, Board("esp32-devkitc"));
            Assert.NotEmpty(problems);
        }

        private static JsonSchema Load(string file) =>
            JsonSchema.FromText(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Contract", "schemas", file)), baseUri: new Uri("https://edge.invalid/schemas/" + file));

        private static void AssertValid(JsonSchema schema, string text)
        {
            EvaluationResults results = schema.Evaluate(JsonDocument.Parse(text).RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
            string errors = string.Join("; ", (results.Details ?? []).Where(d => d.Errors is not null).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}")));
            Assert.True(results.IsValid, errors);
        }
    }
}
