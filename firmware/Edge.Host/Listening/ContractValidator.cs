using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using Json.Schema;

namespace Edge.Host.Listening
{
    /// <summary>The MQTT contract's channels, as they appear in topics.</summary>
    public enum Channel
    {
        Readings,
        Events,
        Status,
        Health,
    }

    /// <summary>
    /// Checks payloads against the published JSON Schemas (docs/schemas, embedded in the tool): readings as
    /// edge-json or SenML, events, status and health.
    /// </summary>
    public sealed class ContractValidator
    {
        private static readonly object Gate = new();
        private static Dictionary<string, JsonSchema>? _schemas;

        public ContractValidator()
        {
            lock (Gate)
            {
                _schemas ??= LoadSchemas();
            }
        }

        /// <summary>Errors of the payload against its channel's schema; empty when valid.</summary>
        public IReadOnlyList<string> Check(Channel channel, ReadOnlySpan<byte> payload)
        {
            JsonElement root;
            try
            {
                root = JsonDocument.Parse(payload.ToArray()).RootElement;
            }
            catch (JsonException e)
            {
                return [$"not JSON: {e.Message}"];
            }

            string schema = channel switch
            {
                Channel.Readings => root.ValueKind == JsonValueKind.Array ? "readings.senml.schema.json" : "readings.edge-json.schema.json",
                Channel.Events => "events.schema.json",
                Channel.Status => "status.schema.json",
                _ => "health.schema.json",
            };
            EvaluationResults results = _schemas![schema].Evaluate(root, new EvaluationOptions { OutputFormat = OutputFormat.List });
            if (results.IsValid)
            {
                return [];
            }

            return (results.Details ?? [])
                .Where(d => d.Errors is not null)
                .SelectMany(d => d.Errors!.Select(e => $"{(d.InstanceLocation.ToString() is { Length: > 0 } at ? at : "/")}: {e.Value}"))
                .Distinct()
                .DefaultIfEmpty("does not match " + schema)
                .ToArray();
        }

        private static Dictionary<string, JsonSchema> LoadSchemas()
        {
            var schemas = new Dictionary<string, JsonSchema>();
            var assembly = typeof(ContractValidator).Assembly;
            foreach (string resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith("schemas/", StringComparison.Ordinal)))
            {
                using Stream stream = assembly.GetManifestResourceStream(resource)!;
                using var reader = new StreamReader(stream);
                string name = resource["schemas/".Length..];

                // A base URI of its own per schema: JsonSchema.Net keeps a registry keyed by it.
                schemas[name] = JsonSchema.FromText(reader.ReadToEnd(), baseUri: new Uri("https://edge.invalid/listen/" + name));
            }

            return schemas;
        }
    }
}
