using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using Json.Schema;

namespace Edge.Host.Listening
{
    /// <summary>
    /// Checks payloads against the published JSON Schemas (docs/schemas, embedded in the tool), one per channel
    /// (readings as edge-json or SenML), and against what the topic says: the node a payload names is the node of
    /// its topic, a command result answers the command of its topic. Any bytes give a list of one-line reasons.
    /// </summary>
    public sealed class ContractValidator
    {
        /// <summary>
        /// Larger payloads are refused unread: far above what a node publishes (NodeConfig.MaxPayloadBytes, 2048 by
        /// default), and checking one would let a single message stall the listener.
        /// </summary>
        public const int MaxCheckedBytes = 1 << 20;

        /// <summary>A reason is cut to this length, so that a payload cannot flood the output through it.</summary>
        private const int MaxReasonLength = 200;

        // System.Text.Json's own default, stated: deeper payloads are "not JSON" (no node nests beyond 5 levels).
        private static readonly JsonDocumentOptions Parsing = new() { MaxDepth = 64 };

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
            string[] errors = Check(new ContractTopic(channel, ContractTopic.NoNode, null), payload.ToArray(), out JsonDocument? document);
            document?.Dispose();
            return errors;
        }

        /// <summary>
        /// Errors of a message on <paramref name="topic"/> (a channel of the contract); empty when valid.
        /// <paramref name="document"/> is the parsed payload when it is JSON (the caller disposes it).
        /// </summary>
        public string[] Check(ContractTopic topic, byte[] payload, out JsonDocument? document)
        {
            document = null;
            if (payload.Length > MaxCheckedBytes)
            {
                return [$"payload of {payload.Length} bytes: more than the {MaxCheckedBytes} that listen checks"];
            }

            try
            {
                document = JsonDocument.Parse(payload, Parsing);
            }
            catch (JsonException e)
            {
                return [OneLine.Of("not JSON: " + e.Message, MaxReasonLength)];
            }

            JsonElement root = document.RootElement;
            string schema = topic.Channel switch
            {
                Channel.Readings => root.ValueKind == JsonValueKind.Array ? "readings.senml.schema.json" : "readings.edge-json.schema.json",
                Channel.Events => "events.schema.json",
                Channel.Status => "status.schema.json",
                Channel.Health => "health.schema.json",
                Channel.SelfTest => "selftest.schema.json",
                Channel.Commands => "command.schema.json",
                Channel.CommandResults => "command-result.schema.json",
                Channel.IotaMeasures => "iota-measure.schema.json",
                Channel.IotaCommands => "iota-command.schema.json",
                _ => "iota-cmdexe.schema.json",
            };
            EvaluationResults results = _schemas![schema].Evaluate(root, new EvaluationOptions { OutputFormat = OutputFormat.List });
            if (!results.IsValid)
            {
                return (results.Details ?? [])
                    .Where(d => d.Errors is not null)
                    .SelectMany(d => d.Errors!.Select(e => $"{(d.InstanceLocation.ToString() is { Length: > 0 } at ? at : "/")}: {e.Value}"))
                    .DefaultIfEmpty("does not match " + schema)
                    .Select(e => OneLine.Of(e, MaxReasonLength))
                    .Distinct()
                    .ToArray();
            }

            return AgreesWithTopic(topic, root) ?? [];
        }

        /// <summary>What the schema cannot see: the payload against its topic, and numbers beyond a node's 64 bits.</summary>
        private static string[]? AgreesWithTopic(ContractTopic topic, JsonElement root)
        {
            if (root.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            var errors = new List<string>();
            bool namesItsNode = topic.Channel is Channel.Readings or Channel.Events or Channel.Status or Channel.Health or Channel.SelfTest or Channel.CommandResults;
            if (namesItsNode && topic.Node != ContractTopic.NoNode && root.TryGetProperty("node", out JsonElement node) && node.ValueKind == JsonValueKind.String && node.GetString() != topic.Node)
            {
                errors.Add(OneLine.Of($"/node: \"{node.GetString()}\" in a message on the topic of node \"{topic.Node}\"", MaxReasonLength));
            }

            if (topic.Channel == Channel.CommandResults && root.TryGetProperty("command", out JsonElement command) && command.ValueKind == JsonValueKind.String && command.GetString() != topic.Command)
            {
                errors.Add(OneLine.Of($"/command: \"{command.GetString()}\" in the result on the topic of command \"{topic.Command}\"", MaxReasonLength));
            }

            // The schemas say "integer" with no bound; the node numbers with a long.
            if (root.TryGetProperty("seq", out JsonElement seq) && seq.ValueKind == JsonValueKind.Number && !seq.TryGetInt64(out _))
            {
                errors.Add(OneLine.Of($"/seq: {seq.GetRawText()} is not a 64-bit sequence number", MaxReasonLength));
            }

            return errors.Count == 0 ? null : errors.ToArray();
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
