using System;
using System.Globalization;
using System.Text;
using System.Collections.Generic;
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
                DateTime start = root.GetProperty("start").GetDateTime().ToUniversalTime();
                DateTime end = root.GetProperty("end").GetDateTime().ToUniversalTime();
                line.Append(CultureInfo.InvariantCulture, $"{topic}  seq {root.GetProperty("seq").GetInt64()}  {payload.Length} B  ");
                line.Append(CultureInfo.InvariantCulture, $"window {start:yyyy-MM-dd HH:mm:ss}-{end:HH:mm:ss}Z");
                if (root.GetProperty("clock").GetString() != "synced")
                {
                    line.Append("  (clock not synchronised)");
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

        private static string Describe(string name, JsonElement stats)
        {
            string unit = stats.GetProperty("u").GetString() ?? string.Empty;
            string last = stats.GetProperty("last").GetRawText();
            if (stats.TryGetProperty("mean", out JsonElement mean))
            {
                return $"{name} mean {mean.GetRawText()} {unit} (min {stats.GetProperty("min").GetRawText()}, max {stats.GetProperty("max").GetRawText()}, n {stats.GetProperty("n").GetRawText()})";
            }

            if (stats.TryGetProperty("first", out JsonElement first))
            {
                return $"{name} {last} {unit} (first {first.GetRawText()}, n {stats.GetProperty("n").GetRawText()})";
            }

            return $"{name} {last} {unit}";
        }
    }
}
