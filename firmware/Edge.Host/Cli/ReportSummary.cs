using System;
using System.Globalization;
using System.Text;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace Edge.Host.Cli
{
    /// <summary>One human-readable line per edge-json report, for watching a node as it publishes.</summary>
    public static class ReportSummary
    {
        public static string Format(string topic, ReadOnlySpan<byte> payload)
        {
            var line = new StringBuilder();
            try
            {
                using JsonDocument document = JsonDocument.Parse(payload.ToArray());
                JsonElement root = document.RootElement;
                if (root.ValueKind == JsonValueKind.Array)
                {
                    return FormatSenml(topic, payload.Length, root);
                }

                if (root.TryGetProperty("TimeInstant", out _))
                {
                    return $"{topic}  IoT Agent JSON  {payload.Length} B  {root.GetRawText()}";
                }

                DateTime start = root.GetProperty("start").GetDateTime().ToUniversalTime();
                DateTime end = root.GetProperty("end").GetDateTime().ToUniversalTime();
                line.Append(CultureInfo.InvariantCulture, $"{topic}  seq {root.GetProperty("seq").GetInt64()}  {payload.Length} B  ");
                string window = root.TryGetProperty("window", out JsonElement w) ? w.GetString() + " " : string.Empty;
                line.Append(CultureInfo.InvariantCulture, $"window {window}{start:yyyy-MM-dd HH:mm:ss}-{end:HH:mm:ss}Z");
                string? clock = root.GetProperty("clock").GetString();
                if (clock != "synced")
                {
                    line.Append(clock == "stepped" ? "  (cut short by a clock step)" : "  (clock not synchronised)");
                }

                foreach (JsonElement meter in root.GetProperty("meters").EnumerateArray())
                {
                    line.Append(CultureInfo.InvariantCulture, $"  [{meter.GetProperty("id").GetString()}]");
                    foreach (JsonProperty quantity in meter.GetProperty("values").EnumerateObject())
                    {
                        line.Append("  ").Append(Describe(quantity.Name, quantity.Value));
                    }
                }
            }
            catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
            {
                line.Clear();
                line.Append(CultureInfo.InvariantCulture, $"{topic}  {payload.Length} B  not an edge-json report: {e.Message}");
            }

            return line.ToString();
        }

        /// <summary>"topic  SenML  412 B  8 records  main:totalActivePower 523.45 W  ...".</summary>
        private static string FormatSenml(string topic, int size, JsonElement pack)
        {
            var line = new StringBuilder();
            line.Append(CultureInfo.InvariantCulture, $"{topic}  SenML  {size} B  {pack.GetArrayLength()} records");
            foreach (JsonElement record in pack.EnumerateArray())
            {
                string name = record.TryGetProperty("n", out JsonElement n) ? n.GetString() ?? string.Empty : string.Empty;
                string unit = record.TryGetProperty("u", out JsonElement u) ? " " + u.GetString() : string.Empty;
                string value = record.TryGetProperty("v", out JsonElement v) ? v.GetRawText() : "?";
                line.Append(CultureInfo.InvariantCulture, $"  {name} {value}{unit}");
            }

            return line.ToString();
        }

        private static readonly string[] Fields = ["mean", "min", "max", "first", "delta", "last", "n", "cov"];

        /// <summary>"name mean 231.2 V (min 228, max 234, last 230, n 60)": whichever statistics the window reports.</summary>
        private static string Describe(string name, JsonElement stats)
        {
            string unit = stats.TryGetProperty("u", out JsonElement u) && u.GetString() is { Length: > 0 } text ? " " + text : string.Empty;
            var parts = new List<string>();
            foreach (string field in Fields)
            {
                if (stats.TryGetProperty(field, out JsonElement value))
                {
                    parts.Add($"{field} {value.GetRawText()}");
                }
            }

            if (parts.Count == 0)
            {
                return name;
            }

            string head = parts[0] + unit;
            return parts.Count == 1 ? $"{name} {head}" : $"{name} {head} ({string.Join(", ", parts.Skip(1))})";
        }
    }
}
