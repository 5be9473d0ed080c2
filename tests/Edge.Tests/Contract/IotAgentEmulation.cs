using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using Xunit;

namespace Edge.Tests.Contract
{
    /// <summary>
    /// The FIWARE IoT Agent JSON between the MQTT broker and the context broker, as its documentation
    /// (iotagent-node-lib doc/api.md; iotagent-json docs/usermanual.md) and its test cases describe it, and the
    /// entities the context broker then holds. IotaJsonTests checks it first against the agent's own test cases.
    /// <list type="bullet">
    /// <item>Measures: the topic names the API key and the device (/json/&lt;apikey&gt;/&lt;device&gt;/attrs, or the legacy
    /// /&lt;apikey&gt;/&lt;device&gt;/attrs); each payload member is matched to a provisioned attribute (by object_id, then
    /// name) and becomes an NGSI attribute with the provisioned name, type and metadata; null values are dropped;
    /// the static attributes of the group and the device go with every update.</item>
    /// <item>Commands: an NGSI update of an attribute the device declares in its own <c>commands</c> is published
    /// on /&lt;apikey&gt;/&lt;device&gt;/cmd as <c>{"&lt;command&gt;": &lt;value&gt;}</c> and sets &lt;command&gt;_status to PENDING;
    /// the agent registers itself with the context broker only for the commands stored with a device, so an update
    /// of any other attribute reaches no device. Each member of a message on /json/&lt;apikey&gt;/&lt;device&gt;/cmdexe (or
    /// /&lt;apikey&gt;/&lt;device&gt;/cmdexe) must be a command of the device and gives &lt;command&gt;_status OK and
    /// &lt;command&gt;_info the member's value.</item>
    /// <item>explicitAttrs true (the device's, else the group's; the group's for command results): only the
    /// provisioned active and static attributes go through, so command _status and _info are dropped.</item>
    /// <item>The context broker refuses an update holding &lt; &gt; " ' = ; ( ) in a value (Orion manual, "Forbidden
    /// characters").</item>
    /// </list>
    /// </summary>
    public sealed class IotAgentEmulation
    {
        private static readonly char[] Forbidden = ['<', '>', '"', '\'', '=', ';', '(', ')'];

        private readonly JsonElement? _group;
        private readonly Dictionary<string, JsonElement> _devices = new();
        private readonly Dictionary<string, JsonObject> _entities = new();
        private readonly string _apiKey;

        /// <param name="group">The service group (one of POST /iot/groups), or null.</param>
        /// <param name="devices">The body of POST /iot/devices.</param>
        /// <param name="apiKey">The group's API key, or the agent's default one.</param>
        public IotAgentEmulation(JsonElement? group, JsonElement devices, string apiKey)
        {
            _group = group;
            _apiKey = apiKey;
            foreach (JsonElement device in devices.GetProperty("devices").EnumerateArray())
            {
                _devices.Add(device.GetProperty("device_id").GetString()!, device);
            }
        }

        /// <summary>The entity of a device as the context broker holds it: id, type and every attribute written.</summary>
        public JsonObject Entity(string deviceId)
        {
            JsonElement device = _devices[deviceId];
            string id = device.GetProperty("entity_name").GetString()!;
            if (!_entities.TryGetValue(id, out JsonObject? entity))
            {
                entity = new JsonObject { ["id"] = id, ["type"] = EntityType(device) };
                _entities.Add(id, entity);
            }

            return entity;
        }

        /// <summary>A measure from a device: the NGSI attributes the agent sends to the context broker.</summary>
        public JsonObject Receive(string topic, string payload)
        {
            JsonElement device = Device(topic, "attrs");
            List<JsonElement> active = Provisioned(device, "attributes");
            var update = new JsonObject();
            foreach (JsonProperty measure in JsonDocument.Parse(payload).RootElement.EnumerateObject())
            {
                if (measure.Value.ValueKind == JsonValueKind.Null)
                {
                    continue;
                }

                JsonElement? provisioned = active.Cast<JsonElement?>().FirstOrDefault(a =>
                    (a!.Value.TryGetProperty("object_id", out JsonElement id) && id.GetString() == measure.Name)
                    || a.Value.GetProperty("name").GetString() == measure.Name);
                var attribute = new JsonObject
                {
                    ["type"] = provisioned?.GetProperty("type").GetString() ?? "Text",
                    ["value"] = JsonNode.Parse(measure.Value.GetRawText()),
                };
                if (provisioned is JsonElement p && p.TryGetProperty("metadata", out JsonElement metadata))
                {
                    attribute["metadata"] = JsonNode.Parse(metadata.GetRawText());
                }

                update[provisioned?.GetProperty("name").GetString() ?? measure.Name] = attribute;
            }

            foreach (JsonElement staticAttribute in Provisioned(device, "static_attributes"))
            {
                update[staticAttribute.GetProperty("name").GetString()!] = new JsonObject
                {
                    ["type"] = staticAttribute.GetProperty("type").GetString(),
                    ["value"] = JsonNode.Parse(staticAttribute.GetProperty("value").GetRawText()),
                };
            }

            return Write(device, update, ExplicitAttrs(device, forCommandResult: false));
        }

        /// <summary>An operator's NGSI update of a command attribute of an entity: the MQTT message the agent then
        /// publishes, or null when the attribute is not a command of the device (nothing reaches the device).</summary>
        public (string Topic, string Payload)? Command(string entityId, string command, JsonNode? value)
        {
            KeyValuePair<string, JsonElement> device = _devices.Single(d => d.Value.GetProperty("entity_name").GetString() == entityId);
            if (!Commands(device.Value).Contains(command))
            {
                return null;
            }

            Write(device.Value, new JsonObject { [command + "_status"] = new JsonObject { ["type"] = "commandStatus", ["value"] = "PENDING" } }, ExplicitAttrs(device.Value, forCommandResult: true));
            string payload = new JsonObject { [command] = value?.DeepClone() }.ToJsonString();
            return ("/" + ApiKey(device.Value) + "/" + device.Key + "/cmd", payload);
        }

        /// <summary>A device's answer to commands: the NGSI attributes the agent sends to the context broker.</summary>
        public JsonObject CommandResult(string topic, string payload)
        {
            JsonElement device = Device(topic, "cmdexe");
            var update = new JsonObject();
            foreach (JsonProperty result in JsonDocument.Parse(payload).RootElement.EnumerateObject())
            {
                // iotagent-node-lib answers a result for a command it does not know with COMMAND_NOT_FOUND.
                Assert.True(Commands(device).Contains(result.Name), $"{result.Name} is not a command of {device.GetProperty("device_id").GetString()}");
                update[result.Name + "_status"] = new JsonObject { ["type"] = "commandStatus", ["value"] = "OK" };
                update[result.Name + "_info"] = new JsonObject { ["type"] = "commandResult", ["value"] = JsonNode.Parse(result.Value.GetRawText()) };
            }

            return Write(device, update, ExplicitAttrs(device, forCommandResult: true));
        }

        private static void CheckAccepted(string attribute, JsonNode? value)
        {
            switch (value)
            {
                case JsonObject members:
                    foreach (var member in members)
                    {
                        CheckAccepted(attribute, member.Value);
                    }

                    break;
                case JsonArray items:
                    foreach (JsonNode? item in items)
                    {
                        CheckAccepted(attribute, item);
                    }

                    break;
                case JsonValue leaf when leaf.GetValueKind() == JsonValueKind.String:
                    string text = leaf.GetValue<string>();
                    Assert.True(text.IndexOfAny(Forbidden) < 0, $"the context broker refuses the update: invalid characters in {attribute}: {text}");
                    break;
            }
        }

        private string? EntityType(JsonElement device) =>
            device.TryGetProperty("entity_type", out JsonElement type) ? type.GetString()
            : _group is JsonElement group && group.TryGetProperty("entity_type", out JsonElement groupType) ? groupType.GetString() : null;

        private JsonElement Device(string topic, string kind)
        {
            string[] levels = topic.Trim('/').Split('/');
            if (levels[0] == "json")
            {
                levels = levels[1..];
            }

            Assert.Equal(3, levels.Length);
            Assert.Equal(kind, levels[2]);
            Assert.True(_devices.TryGetValue(levels[1], out JsonElement device), $"device {levels[1]} is not provisioned");
            Assert.Equal(ApiKey(device), levels[0]);
            return device;
        }

        private string ApiKey(JsonElement device) =>
            device.TryGetProperty("apikey", out JsonElement key) ? key.GetString()! : _apiKey;

        /// <summary>The group's entries of a list, then the device's.</summary>
        private List<JsonElement> Provisioned(JsonElement device, string list)
        {
            var entries = new List<JsonElement>();
            if (_group is JsonElement group && group.TryGetProperty(list, out JsonElement own))
            {
                entries.AddRange(own.EnumerateArray());
            }

            if (device.TryGetProperty(list, out JsonElement mine))
            {
                entries.AddRange(mine.EnumerateArray());
            }

            return entries;
        }

        /// <summary>The device's own commands: those the agent registers with the context broker for its entity.</summary>
        private static HashSet<string> Commands(JsonElement device) =>
            device.TryGetProperty("commands", out JsonElement commands)
                ? commands.EnumerateArray().Select(c => c.GetProperty("name").GetString()!).ToHashSet()
                : [];

        private bool ExplicitAttrs(JsonElement device, bool forCommandResult)
        {
            JsonElement? setting = null;
            if (!forCommandResult && device.TryGetProperty("explicitAttrs", out JsonElement own))
            {
                setting = own;
            }
            else if (_group is JsonElement group && group.TryGetProperty("explicitAttrs", out JsonElement groups))
            {
                setting = groups;
            }
            else if (device.TryGetProperty("explicitAttrs", out JsonElement fallback))
            {
                setting = fallback;
            }

            if (setting is not JsonElement value)
            {
                return false;
            }

            Assert.True(value.ValueKind is JsonValueKind.True or JsonValueKind.False, "explicitAttrs expressions are not emulated");
            return value.GetBoolean();
        }

        /// <summary>Filters the update by explicitAttrs, then writes it to the entity, as the context broker would.</summary>
        private JsonObject Write(JsonElement device, JsonObject update, bool explicitAttrs)
        {
            if (explicitAttrs)
            {
                var kept = Provisioned(device, "attributes").Select(a => a.GetProperty("name").GetString())
                    .Concat(Provisioned(device, "static_attributes").Select(a => a.GetProperty("name").GetString()))
                    .ToHashSet();
                foreach (string name in update.Select(a => a.Key).Where(n => !kept.Contains(n)).ToArray())
                {
                    update.Remove(name);
                }
            }

            foreach (var attribute in update)
            {
                CheckAccepted(attribute.Key, attribute.Value!["value"]);
            }

            JsonObject entity = Entity(device.GetProperty("device_id").GetString()!);
            foreach (var attribute in update)
            {
                entity[attribute.Key] = attribute.Value!.DeepClone();
            }

            return update;
        }
    }
}
