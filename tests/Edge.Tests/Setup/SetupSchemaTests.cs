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
            { "modbus-substation.config.json", "modbus-substation.secrets.json", "wt32-eth01" },
            { "p1-household.config.json", "p1-household.secrets.json", "esp32-devkitc" },
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

        [Theory]
        [InlineData("{ \"id\": \"water\", \"kind\": \"s0\", \"port\": \"s0-2\", \"measures\": \"water\", \"pulsesPerM3\": 100, \"initialVolumeL\": 123456 }")]
        [InlineData("{ \"id\": \"gas\", \"kind\": \"s0\", \"port\": \"s0-2\", \"measures\": \"gas\", \"pulsesPerM3\": 1, \"minPulseMs\": 100, \"activeEdge\": \"rising\" }")]
        [InlineData("{ \"id\": \"ev\", \"kind\": \"s0\", \"port\": \"s0-2\", \"measures\": \"electricity\", \"pulsesPerKwh\": 800, \"persistEveryPulses\": 80 }")]
        public void An_s0_meter_with_its_pulse_options_matches_the_schema_and_the_reader_takes_it(string meter)
        {
            string config = With(EthernetConfig, "meters[1]", meter);

            AssertValid(ConfigSchema.Value, config);
            (_, string[] problems) = Read(config, EthernetSecrets, Board("wt32-eth01"));
            Assert.Empty(problems);
        }

        public static TheoryData<string, string, string?> WrongFiles => new()
        {
            // file, edit of the Linky example's file (null: removed)
            { "config", "schemaVersion", "2" },
            { "config", "nodeId", "\"a/b\"" },
            { "config", "nodeId", null },
            { "config", "colour", "\"red\"" },
            { "config", "profile", "\"hourly\"" },
            { "config", "format", "\"xml\"" },
            { "config", "network.kind", "\"lte\"" },
            { "config", "network.ssid", null },
            { "config", "network.address", "\"10.0.0.256\"" },
            { "config", "network.address", "\"10.0.0.2\"" },
            { "config", "network.dns", "\"10.0.0.1\"" },
            { "config", "network.ntp", "[]" },
            { "config", "broker.uri", "\"tcp://broker:1883\"" },
            { "config", "broker.uri", "\"mqtts://broker:8883/path\"" },
            { "config", "broker.ca", "null" },
            { "config", "broker.clientId", "\"\"" },
            { "config", "broker.keepAliveSeconds", "65536" },
            { "config", "broker.password", "\"x\"" },
            { "config", "meters", "[]" },
            { "config", "meters[0].kind", "\"p2\"" },
            { "config", "meters[0].port", "\"s0-1\"" },
            { "config", "meters[0].pulsesPerKwh", "1000" },
            { "config", "meters[1].pulsesPerKwh", "0" },
            { "config", "meters[1].pulsesPerKwh", null },
            { "config", "meters[1].port", "\"tic\"" },
            { "config", "meters[1].id", "\"a/b\"" },
            { "config", "meters[1].measures", "\"heat\"" },
            { "config", "meters[1].measures", "\"water\"" },
            { "config", "meters[1].pulsesPerM3", "100" },
            { "config", "meters[1].minPulseMs", "0" },
            { "config", "meters[1].activeEdge", "\"both\"" },
            { "config", "meters[1].persistEveryPulses", "0" },
            { "config", "meters[1].zeroAfterS", "600" },
            { "config", "pins.ticRx", "40" },
            { "config", "pins.led", "2" },
            { "config", "node.windowSeconds", "900" },
            { "config", "node.heartbeatSeconds", "-1" },
            { "config", "node.nominalVoltage", "99.9" },
            { "config", "node.iotaApiKey", "\"a#b\"" },
            { "config", "node.utcOffsetMinutes", "900" },
            { "secrets", "schemaVersion", null },
            { "secrets", "wifiPassword", "\"short\"" },
            { "secrets", "wifiPassword", "\"" + new string('g', 64) + "\"" },
            { "secrets", "mqttPassword", "\"\"" },
            { "secrets", "mqttPassword", "\"" + new string('p', 257) + "\"" },
            { "secrets", "clientKey", "\"\"" },
            { "secrets", "apiKey", "\"x\"" },
        };

        [Theory]
        [MemberData(nameof(WrongFiles))]
        public void A_wrong_file_is_refused_by_its_schema_and_by_the_reader(string file, string path, string? value)
        {
            bool config = file == "config";
            string edited = With(config ? LinkyConfig : LinkySecrets, path, value);

            JsonSchema schema = config ? ConfigSchema.Value : SecretsSchema.Value;
            Assert.False(schema.Evaluate(JsonDocument.Parse(edited).RootElement).IsValid, "the schema takes " + edited);
            (_, string[] problems) = config ? Read(edited, LinkySecrets, Board("esp32-devkitc")) : Read(LinkyConfig, edited, Board("esp32-devkitc"));
            Assert.NotEmpty(problems);
        }

        public static TheoryData<string, string, string?> WrongMeters => new()
        {
            // example ("modbus" or "p1"), edit of its config (null: removed)
            { "modbus", "meters[0].address", "0" },
            { "modbus", "meters[0].address", null },
            { "modbus", "meters[0].port", "\"tic\"" },
            { "modbus", "meters[0].modbusModel", "\"sdm999\"" },
            { "modbus", "meters[0].modbusModel", null },
            { "modbus", "meters[2].modbusModel", "\"sdm630\"" },
            { "modbus", "meters[0].baud", "12345" },
            { "modbus", "meters[0].parity", "\"mark\"" },
            { "modbus", "meters[0].stopBits", "3" },
            { "modbus", "meters[0].pollIntervalMs", "50" },
            { "modbus", "meters[0].ticMode", "\"auto\"" },
            { "modbus", "meters[2].modbusTable.registers", "[]" },
            { "modbus", "meters[2].modbusTable.registers[0].type", "\"float64\"" },
            { "modbus", "meters[2].modbusTable.registers[0].function", "6" },
            { "modbus", "meters[2].modbusTable.registers[0].quantity", null },
            { "modbus", "meters[2].modbusTable.registers[0].scale", "10" },
            { "p1", "meters[0].port", "\"tic\"" },
            { "p1", "meters[0].p1Line", "\"9600-8N1\"" },
            { "p1", "meters[0].p1InvertRx", "\"yes\"" },
            { "p1", "meters[0].address", "1" },
        };

        [Theory]
        [MemberData(nameof(WrongMeters))]
        public void A_wrong_modbus_or_p1_meter_is_refused_by_the_schema_and_by_the_reader(string example, string path, string? value)
        {
            bool modbus = example == "modbus";
            string edited = With(modbus ? ModbusConfig : P1Config, path, value);

            Assert.False(ConfigSchema.Value.Evaluate(JsonDocument.Parse(edited).RootElement).IsValid, "the schema takes " + edited);
            (_, string[] problems) = Read(edited, modbus ? ModbusSecrets : P1Secrets, Board(modbus ? "wt32-eth01" : "esp32-devkitc"));
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
