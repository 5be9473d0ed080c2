using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.Json;
using Edge.Host.Listening;

namespace Edge.Host.Cli
{
    /// <summary>
    /// One line per message a node publishes or receives, for watching it: reports as <see cref="ReportSummary"/>
    /// writes them, and one compact line per status, event, health message, command and command result
    /// ("edge/n/health  seq 2  uptime 14400 s  delta  [main] pulses 44"). Whatever the
    /// bytes, the line is one line and says what it could not read.
    /// </summary>
    public static class MessageSummary
    {
        /// <summary>A command's or a result's JSON is cut to this length: the line says what it is, not all it carries.</summary>
        private const int MaxJsonLength = 100;

        public static string Format(string topic, byte[] payload, string prefix)
        {
            ContractTopic place = ContractTopic.Parse(topic, prefix);
            if (place.Channel is Channel.Readings or Channel.IotaMeasures)
            {
                return OneLine.Of(ReportSummary.Format(topic, payload));
            }

            string head = OneLine.Of(topic);
            if (place.Channel is not Channel channel)
            {
                return $"{head}  {payload.Length} B  (not a channel of the contract)";
            }

            try
            {
                using JsonDocument document = JsonDocument.Parse(payload);
                JsonElement root = document.RootElement;
                string body = channel switch
                {
                    Channel.Status => Status(root),
                    Channel.Events => Event(root),
                    Channel.Health => Health(root),
                    Channel.SelfTest => SelfTest(root),
                    Channel.Commands or Channel.IotaCommands => "command  " + Json(root),
                    Channel.CommandResults => Result(root),
                    _ => IotaResult(root),
                };
                return head + "  " + OneLine.Of(body);
            }
            catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
            {
                return $"{head}  {payload.Length} B  not a valid {ContractTopic.Name(channel)} message: {OneLine.Of(e.Message, 120)}";
            }
        }

        /// <summary>"FAIL  boot  5 passed, 1 warned, 1 failed  first: FAIL meter main: no data on the TIC line, check ...":
        /// the verdict, the trigger, the counts and the gravest check.</summary>
        private static string SelfTest(JsonElement root)
        {
            string verdict = root.GetProperty("verdict").GetString()!.ToUpperInvariant();
            string line = $"{verdict}  {root.GetProperty("trigger").GetString()}  {root.GetProperty("passed").GetInt32()} passed, "
                + $"{root.GetProperty("warned").GetInt32()} warned, {root.GetProperty("failed").GetInt32()} failed";
            JsonElement? gravest = null;
            foreach (JsonElement check in root.GetProperty("checks").EnumerateArray())
            {
                if (check.GetProperty("verdict").GetString() == root.GetProperty("verdict").GetString())
                {
                    gravest = check;
                    break;
                }
            }

            return gravest is JsonElement c && verdict != "PASS" ? line + "  first: " + SelfTestLine(c) : line;
        }

        /// <summary>One check of a self-test report as the node's console writes it: "FAIL item: reason, action".</summary>
        public static string SelfTestLine(JsonElement check)
        {
            string line = $"{check.GetProperty("verdict").GetString()!.ToUpperInvariant()} {check.GetProperty("item").GetString()}: {check.GetProperty("reason").GetString()}";
            return check.TryGetProperty("action", out JsonElement action) ? line + ", " + action.GetString() : line;
        }

        /// <summary>"online  firmware 0.1.0  started 2026-11-25 21:27:00Z", or "offline".</summary>
        private static string Status(JsonElement root)
        {
            string state = root.GetProperty("state").GetString()!;
            if (state != "online")
            {
                return state;
            }

            return $"online  firmware {root.GetProperty("firmware").GetString()}  started {Time(root.GetProperty("started"))}";
        }

        /// <summary>"seq 3  overloadStarted  [main] totalActivePower 7420 W  at 2026-11-25 21:28:13Z".</summary>
        private static string Event(JsonElement root)
        {
            var line = new StringBuilder();
            line.Append(CultureInfo.InvariantCulture, $"seq {root.GetProperty("seq").GetInt64()}  {root.GetProperty("event").GetString()}");
            if (root.TryGetProperty("meter", out JsonElement meter))
            {
                line.Append(CultureInfo.InvariantCulture, $"  [{meter.GetString()}]");
                if (root.TryGetProperty("quantity", out JsonElement quantity))
                {
                    line.Append(' ').Append(quantity.GetString());
                }

                if (root.TryGetProperty("value", out JsonElement value))
                {
                    line.Append(' ').Append(value.GetRawText());
                    if (root.TryGetProperty("u", out JsonElement unit) && unit.GetString() is { Length: > 0 } u)
                    {
                        line.Append(' ').Append(u);
                    }
                }
            }

            if (root.TryGetProperty("command", out JsonElement command))
            {
                // "seq 4  command relay/set id 3 ok", or "... failed: busy: ...".
                string id = root.GetProperty("id").ValueKind == JsonValueKind.String ? root.GetProperty("id").GetString()! : "(none)";
                line.Append(CultureInfo.InvariantCulture, $" {command.GetString()} id {id} ")
                    .Append(root.GetProperty("ok").GetBoolean() ? "ok" : "failed: " + root.GetProperty("error").GetString());
            }

            line.Append("  at ").Append(Time(root.GetProperty("time")));
            return line.Append(Clock(root)).ToString();
        }

        /// <summary>"seq 1  uptime 7200 s  full  reconnects 0  outbox 0  dropped 0  free 61234 B  rssi -61 dBm  [main] pulses 44,
        /// implausibleIntervals 0", or for a delta, which carries only what changed, "seq 2  uptime 14400 s  delta
        /// free 60920 B  [main] pulses 90".</summary>
        private static string Health(JsonElement root)
        {
            var line = new StringBuilder();
            bool full = root.TryGetProperty("full", out JsonElement flag) && flag.GetBoolean();
            line.Append(CultureInfo.InvariantCulture, $"seq {root.GetProperty("seq").GetInt64()}  uptime {root.GetProperty("uptime").GetInt64()} s  {(full ? "full" : "delta")}");
            foreach ((string name, string label) in new[] { ("reconnects", "reconnects"), ("outbox", "outbox"), ("dropped", "dropped"), ("tooLarge", "tooLarge"), ("commandsUnanswered", "unanswered") })
            {
                // A full message says every count; a delta the ones that changed. Refusals show only when there are some.
                if (root.TryGetProperty(name, out JsonElement count) && (name is "reconnects" or "outbox" or "dropped" || count.GetInt64() != 0))
                {
                    line.Append(CultureInfo.InvariantCulture, $"  {label} {count.GetInt64()}");
                }
            }

            if (root.TryGetProperty("freeMemory", out JsonElement free))
            {
                line.Append(CultureInfo.InvariantCulture, $"  free {free.GetInt64()} B");
            }

            if (root.TryGetProperty("rssi", out JsonElement rssi))
            {
                line.Append(CultureInfo.InvariantCulture, $"  rssi {rssi.GetInt64()} dBm");
            }

            if (root.TryGetProperty("meters", out JsonElement meters))
            {
                foreach (JsonElement meter in meters.EnumerateArray())
                {
                    line.Append(CultureInfo.InvariantCulture, $"  [{meter.GetProperty("id").GetString()}]");
                    if (meter.TryGetProperty("counters", out JsonElement counters))
                    {
                        line.Append(' ').Append(string.Join(", ", counters.EnumerateObject().Select(c => $"{c.Name} {c.Value.GetRawText()}")));
                    }
                }
            }

            return line.Append(Clock(root)).ToString();
        }

        /// <summary>"id 7  ok  {...the result...}", or "id 7  refused: what is wrong".</summary>
        private static string Result(JsonElement root)
        {
            string id = root.GetProperty("id").ValueKind == JsonValueKind.Null ? "(none)" : root.GetProperty("id").GetString()!;
            if (!root.GetProperty("ok").GetBoolean())
            {
                return $"id {id}  refused: {root.GetProperty("error").GetString()}";
            }

            return root.TryGetProperty("result", out JsonElement result) ? $"id {id}  ok  {Json(result)}" : $"id {id}  ok";
        }

        /// <summary>"configSet  id configSet  ok  {...}": the IoT Agent's {"&lt;command&gt;": &lt;result&gt;}.</summary>
        private static string IotaResult(JsonElement root)
        {
            JsonProperty only = root.EnumerateObject().Single();
            return only.Name + "  " + Result(only.Value);
        }

        private static string Json(JsonElement element) => OneLine.Of(JsonSerializer.Serialize(element), MaxJsonLength);

        private static string Time(JsonElement text) =>
            text.GetDateTime().ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);

        private static string Clock(JsonElement root) =>
            root.TryGetProperty("clock", out JsonElement clock) && clock.GetString() is string state && state != "synced"
                ? state == "stepped" ? "  (clock stepped)" : "  (clock not synchronised)"
                : string.Empty;
    }
}
