using System;
using System.Collections.Generic;
using System.Text.Json;

namespace Edge.Host.Listening
{
    /// <summary>What the broker side has seen of one node: its status, last report, sequence gaps and violations.</summary>
    public sealed class NodeTracker
    {
        private readonly Dictionary<Channel, long> _lastSeq = new();

        public NodeTracker(string nodeId) => NodeId = nodeId;

        public string NodeId { get; }

        public string State { get; private set; } = "?";

        public DateTime? LastReportEnd { get; private set; }

        public string? LastWindow { get; private set; }

        public long Reports { get; private set; }

        public long Events { get; private set; }

        /// <summary>Sequence numbers missing (a gap after a reboot is at most one reserved block).</summary>
        public long Missing { get; private set; }

        /// <summary>Messages whose sequence number was not above the last one (duplicates or reordering).</summary>
        public long Repeated { get; private set; }

        public long Violations { get; private set; }

        /// <summary>Takes one valid or invalid message; returns a note on its sequence number, or null.</summary>
        public string? Observe(Channel channel, JsonElement? payload, bool valid)
        {
            if (!valid)
            {
                Violations++;
            }

            if (payload is not JsonElement root || root.ValueKind != JsonValueKind.Object)
            {
                if (channel == Channel.Readings && valid)
                {
                    Reports++;
                }

                return null;
            }

            switch (channel)
            {
                case Channel.Status:
                    State = root.TryGetProperty("state", out JsonElement state) ? state.GetString() ?? "?" : "?";
                    return null;
                case Channel.Readings:
                    Reports++;
                    if (root.TryGetProperty("end", out JsonElement end) && end.TryGetDateTime(out DateTime e))
                    {
                        LastReportEnd = e.ToUniversalTime();
                    }

                    LastWindow = root.TryGetProperty("window", out JsonElement w) ? w.GetString() : null;
                    break;
                case Channel.Events:
                    Events++;
                    break;
            }

            if (!root.TryGetProperty("seq", out JsonElement seqElement) || !seqElement.TryGetInt64(out long seq))
            {
                return null;
            }

            string? note = null;
            if (_lastSeq.TryGetValue(channel, out long last))
            {
                if (seq <= last)
                {
                    Repeated++;
                    note = $"seq {seq} after {last}: repeated or out of order";
                }
                else if (seq > last + 1)
                {
                    Missing += seq - last - 1;
                    note = $"seq {last + 1}..{seq - 1} missing";
                }
            }

            if (note is null || seq > last)
            {
                _lastSeq[channel] = seq;
            }

            return note;
        }
    }
}
