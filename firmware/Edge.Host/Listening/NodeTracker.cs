using System;
using System.Collections.Generic;
using System.Text.Json;

namespace Edge.Host.Listening
{
    /// <summary>One node's row of the table.</summary>
    public sealed record NodeCounts(
        string NodeId, string State, string? LastWindow, DateTime? LastReportEnd, long Reports, long Events, long Health, long Commands, long Results, long Missing, long Repeated, long Reordered, long Violations);

    /// <summary>
    /// What the broker side has seen of one node (or one IoT Agent device): its state, its last report, how many
    /// messages of each kind, its sequence numbers and its violations. It learns only from messages that keep the
    /// contract; a message that breaks it is counted as a violation and nothing in it is believed.
    /// </summary>
    public sealed class NodeTracker
    {
        private readonly Dictionary<Channel, SequenceLine> _lines = new();

        // What the lines of earlier boots counted: a new boot starts new lines, the counts stay.
        private long _missingBefore;
        private long _repeatedBefore;
        private long _reorderedBefore;

        public NodeTracker(string nodeId) => NodeId = nodeId;

        public string NodeId { get; }

        /// <summary>"online" or "offline" from the status channel; "?" until a status is seen.</summary>
        public string State { get; private set; } = "?";

        /// <summary>The "started" of the last "online" status: the boot the sequence numbers belong to.</summary>
        public string? Started { get; private set; }

        public DateTime? LastReportEnd { get; private set; }

        public string? LastWindow { get; private set; }

        /// <summary>Window reports: edge-json or SenML readings, or IoT Agent measures.</summary>
        public long Reports { get; private set; }

        public long Events { get; private set; }

        public long Health { get; private set; }

        public long Commands { get; private set; }

        public long Results { get; private set; }

        public long Missing => Sum(l => l.Missing) + _missingBefore;

        public long Repeated => Sum(l => l.Repeated) + _repeatedBefore;

        public long Reordered => Sum(l => l.Reordered) + _reorderedBefore;

        public long Violations { get; private set; }

        public void CountViolation() => Violations++;

        /// <summary>The counts as they are now, for the table.</summary>
        public NodeCounts Counts() =>
            new(NodeId, State, LastWindow, LastReportEnd, Reports, Events, Health, Commands, Results, Missing, Repeated, Reordered, Violations);

        /// <summary>Takes a message that keeps the contract; returns a note on its sequence number or the node's boot, or null.</summary>
        public string? Observe(Channel channel, JsonElement root)
        {
            switch (channel)
            {
                case Channel.Status:
                    return ObserveStatus(root);
                case Channel.Readings:
                    Reports++;
                    if (root.ValueKind == JsonValueKind.Object)
                    {
                        LastWindow = Text(root, "window");
                        LastReportEnd = Time(root, "end");
                    }

                    break;
                case Channel.IotaMeasures:
                    Reports++;
                    LastWindow = null;
                    LastReportEnd = Time(root, "TimeInstant");
                    return null;
                case Channel.Events:
                    Events++;
                    break;
                case Channel.Health:
                    Health++;
                    break;
                case Channel.SelfTest:
                    // Retained and unnumbered: the last report, read by `edge selftest`.
                    return null;
                case Channel.Commands:
                case Channel.IotaCommands:
                    Commands++;
                    return null;
                default:
                    Results++;
                    return null;
            }

            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("seq", out JsonElement seq) || !seq.TryGetInt64(out long number))
            {
                return null;
            }

            if (!_lines.TryGetValue(channel, out SequenceLine? line))
            {
                line = new SequenceLine();
                _lines[channel] = line;
            }

            return line.Follow(number);
        }

        private string? ObserveStatus(JsonElement root)
        {
            State = Text(root, "state") ?? "?";
            string? started = Text(root, "started");
            if (started is null || started == Started)
            {
                return null;
            }

            string? previous = Started;
            Started = started;
            if (previous is null)
            {
                return null;
            }

            // A new boot: events and readings resume after a skipped block, health starts again at 1 (docs/contract.md).
            _missingBefore = Missing;
            _repeatedBefore = Repeated;
            _reorderedBefore = Reordered;
            _lines.Clear();
            return $"new boot (started {started}): sequence numbers followed afresh";
        }

        private long Sum(Func<SequenceLine, long> count)
        {
            long total = 0;
            foreach (SequenceLine line in _lines.Values)
            {
                total += count(line);
            }

            return total;
        }

        private static string? Text(JsonElement root, string name) =>
            root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

        private static DateTime? Time(JsonElement root, string name) =>
            root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String && value.TryGetDateTime(out DateTime time)
                ? time.ToUniversalTime()
                : null;
    }
}
