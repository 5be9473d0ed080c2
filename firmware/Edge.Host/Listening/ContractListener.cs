using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace Edge.Host.Listening
{
    /// <summary>What one message was found to be: its topic's channel and node, whether it keeps the contract, and a note on its sequence.</summary>
    public sealed record MessageVerdict(string Topic, string Node, Channel? Channel, bool Retained, int Bytes, string[] Errors, string? Sequence)
    {
        public bool Valid => Errors.Length == 0;
    }

    /// <summary>
    /// The broker side's judge: takes every message as the broker delivers it (any topic, any bytes), checks it
    /// against the contract, follows its node, and returns what it found. Never throws on what a message carries;
    /// safe to call from the MQTT client's thread while the table is read.
    /// </summary>
    public sealed class ContractListener
    {
        private readonly string _prefix;
        private readonly ContractValidator _validator = new();
        private readonly Dictionary<string, NodeTracker> _nodes = new(StringComparer.Ordinal);
        private readonly object _gate = new();
        private long _violations;

        public ContractListener(string prefix) => _prefix = prefix;

        public long Violations
        {
            get
            {
                lock (_gate)
                {
                    return _violations;
                }
            }
        }

        public MessageVerdict Observe(string topic, byte[] payload, bool retained)
        {
            ContractTopic place = ContractTopic.Parse(topic, _prefix);
            string[] errors;
            string? sequence = null;
            lock (_gate)
            {
                NodeTracker node = Node(place.Node);
                if (place.Channel is not Channel channel)
                {
                    errors = [ContractTopic.UnknownReason];
                }
                else
                {
                    try
                    {
                        errors = _validator.Check(place, payload, out JsonDocument? document);
                        using (document)
                        {
                            if (errors.Length == 0)
                            {
                                sequence = node.Observe(channel, document!.RootElement);
                            }
                        }
                    }
                    catch (Exception e) when (e is not OutOfMemoryException)
                    {
                        // The last guard of "any bytes never stop the listener": whatever the parser or the schema
                        // evaluator did not foresee is this message's violation, not the end of the run.
                        errors = [OneLine.Of($"cannot be checked: {e.GetType().Name}: {e.Message}", 200)];
                    }
                }

                if (errors.Length > 0)
                {
                    node.CountViolation();
                    _violations++;
                }
            }

            return new MessageVerdict(topic, place.Node, place.Channel, retained, payload.Length, errors, sequence);
        }

        /// <summary>A copy of every node's counts, ordered by node, for the table.</summary>
        public NodeCounts[] Nodes()
        {
            lock (_gate)
            {
                return _nodes.Values.OrderBy(n => n.NodeId, StringComparer.Ordinal).Select(n => n.Counts()).ToArray();
            }
        }

        private NodeTracker Node(string id)
        {
            if (!_nodes.TryGetValue(id, out NodeTracker? node))
            {
                node = new NodeTracker(id);
                _nodes[id] = node;
            }

            return node;
        }
    }
}
