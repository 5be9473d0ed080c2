using System;
using System.Linq;
using System.Text;
using Edge.Core.Aggregation;
using Edge.Core.Payloads;
using Edge.Core.Platform;
using Edge.Core.Time;
using Edge.Host.Protocols.Tic;
using Edge.Host.Simulation;
using Edge.Tests.Fakes;
using Xunit;
using Xunit.Abstractions;

namespace Edge.Tests.Contract
{
    /// <summary>
    /// What a Linky household node (TIC standard, linky-household profile, default settings) publishes in a simulated
    /// day, every topic counted: the payload budget of docs/payload-budget.md, whose tables are the lines these tests
    /// print (dotnet test tests/Edge.Tests -c Release --filter FullyQualifiedName~PayloadBudgetTests
    /// --logger "console;verbosity=detailed").
    /// </summary>
    public sealed class PayloadBudgetTests
    {
        /// <summary>The budget of the project's issue: 1.5 KB an hour, all topics together.</summary>
        private const int BudgetBytesPerHour = 1536;

        private readonly ITestOutputHelper _output;

        public PayloadBudgetTests(ITestOutputHelper output)
        {
            _output = output;
        }

        [Theory]
        [InlineData(PayloadFormat.EdgeJson)]
        [InlineData(PayloadFormat.Senml)]
        [InlineData(PayloadFormat.IotaJson)]
        public void A_linky_household_node_publishes_at_most_1536_bytes_an_hour_on_all_topics(PayloadFormat format)
        {
            const int hours = 24;
            var link = new FakeMqttLink();
            var simulation = new NodeSimulation(
                new SimulationOptions
                {
                    Meter = TicProtocol.Standard,
                    StartUtc = Utc.At("2026-11-25T18:00:00Z"),
                    Profile = AggregationProfile.LinkyHousehold(TimeZoneRule.CentralEurope),
                    Format = format,
                },
                link);

            // A device's free memory and Wi-Fi signal move between two health messages: they are counted as changed
            // every time, as they would be in the field, not left out as the simulator's absent values would be.
            simulation.Node.SystemInfo = new WanderingSystemInfo();
            simulation.Run(TimeSpan.FromHours(hours));
            simulation.Node.Stop();

            // Every channel the node publishes on, in a fixed order, those with no message included.
            string readings = format == PayloadFormat.IotaJson ? "readings (IoT Agent measures)" : "readings";
            var topics = new[] { readings, "events", "health, full", "health, delta", "status" }
                .Concat(link.Published.Select(p => TopicKind(p.Topic, p.Payload)))
                .Distinct()
                .Select(kind => Count(kind, link.Published.Where(p => TopicKind(p.Topic, p.Payload) == kind).ToArray()))
                .ToArray();
            long total = topics.Sum(t => t.Bytes);
            _output.WriteLine($"linky-household, TIC standard, {Format(format)}, {hours} simulated hours (payload bytes; topic names apart)");
            _output.WriteLine("| topic | bytes/message | messages/hour | bytes/hour |");
            _output.WriteLine("|---|---:|---:|---:|");
            foreach (var topic in topics)
            {
                string perMessage = topic.Messages == 0 ? "-" : $"{topic.Bytes / (double)topic.Messages:0}";
                _output.WriteLine($"| {topic.Topic} | {perMessage} | {topic.Messages / (double)hours:0.##} | {topic.Bytes / (double)hours:0} |");
            }

            _output.WriteLine($"| **all topics** | | {topics.Sum(t => t.Messages) / (double)hours:0.##} | **{total / (double)hours:0}** |");
            _output.WriteLine($"topic names: {topics.Sum(t => t.TopicBytes) / (double)hours:0} bytes/hour more");

            Assert.True(total / (double)hours <= BudgetBytesPerHour, $"{total / (double)hours:0} bytes per hour, over the {BudgetBytesPerHour} budget");

            // Its reports come every 15 minutes, as often as the default heartbeat period: no heartbeat is needed.
            Assert.DoesNotContain(link.Events, e => e.Payload.Contains("\"event\":\"heartbeat\"", StringComparison.Ordinal));
        }

        private static (string Topic, int Messages, long Bytes, long TopicBytes) Count(string kind, (string Topic, string Payload, int Qos, bool Retain)[] messages) =>
            (kind, messages.Length, messages.Sum(p => (long)Encoding.UTF8.GetByteCount(p.Payload)), messages.Sum(p => (long)Encoding.UTF8.GetByteCount(p.Topic)));

        /// <summary>The channel of a topic: readings (IoT Agent measures included), events, status, health (full
        /// messages and deltas apart).</summary>
        private static string TopicKind(string topic, string payload)
        {
            if (topic.EndsWith("/health", StringComparison.Ordinal))
            {
                return payload.Contains("\"full\":true", StringComparison.Ordinal) ? "health, full" : "health, delta";
            }

            if (topic.EndsWith("/attrs", StringComparison.Ordinal))
            {
                return "readings (IoT Agent measures)";
            }

            int slash = topic.LastIndexOf('/');
            return topic[(slash + 1)..];
        }

        private static string Format(PayloadFormat format) => format switch
        {
            PayloadFormat.Senml => "senml",
            PayloadFormat.IotaJson => "iota-json",
            _ => "edge-json",
        };

        /// <summary>Free memory and signal strength that differ at every reading, as a device's do.</summary>
        private sealed class WanderingSystemInfo : ISystemInfo
        {
            private int _reads;

            public long FreeMemoryBytes => 61_000 + (++_reads * 397 % 2000);

            public int SignalStrengthDbm => -58 - (_reads % 7);
        }
    }
}
