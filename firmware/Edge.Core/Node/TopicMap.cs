#nullable disable
using System;
using Edge.Core.Payloads;

namespace Edge.Core.Node
{
    /// <summary>
    /// Every topic the node publishes to, by the byte index an outbox entry keeps: 0-2 are the node's readings, events
    /// and health topics; with iota-json, 3 + window * meters + meter is the IoT Agent measure topic of each meter and
    /// window. Also names the node's status topic and the IoT Agent device of each meter and window.
    /// </summary>
    public sealed class TopicMap
    {
        /// <summary>Index of the readings topic.</summary>
        public const byte Readings = 0;
        /// <summary>Index of the events topic.</summary>
        public const byte Events = 1;
        /// <summary>Index of the health topic.</summary>
        public const byte Health = 2;
        /// <summary>Index of the first IoT Agent measure topic (iota-json): 3 + window * meters + meter.</summary>
        public const byte FirstMeasure = 3;

        /// <summary>An outbox entry keeps its topic's index in a byte.</summary>
        private const int MaxTopics = 256;

        private readonly string _nodeId;
        private readonly string[] _meterIds;
        private readonly string[] _windowNames;
        private readonly string[] _topics;

        /// <summary>Builds every topic once; throws InvalidOperationException when iota-json would need more topics
        /// than an outbox entry can index.</summary>
        public TopicMap(NodeConfig config, string[] meterIds, string[] windowNames)
        {
            int measureTopics = windowNames.Length * meterIds.Length;
            if (config.Format == PayloadFormat.IotaJson && FirstMeasure + measureTopics > MaxTopics)
            {
                throw new InvalidOperationException("iota-json: at most " + (MaxTopics - FirstMeasure).ToString() + " meters times windows");
            }

            _nodeId = config.NodeId;
            _meterIds = meterIds;
            _windowNames = windowNames;
            _topics = new string[FirstMeasure + measureTopics];
            _topics[Readings] = NodeTopic(config, "readings");
            _topics[Events] = NodeTopic(config, "events");
            _topics[Health] = NodeTopic(config, "health");
            for (int w = 0; w < windowNames.Length; w++)
            {
                for (int i = 0; i < meterIds.Length; i++)
                {
                    _topics[MeasureTopic(w, i)] = "/json/" + config.IotaApiKey + "/" + IotaDeviceId(w, i) + "/attrs";
                }
            }

            Status = NodeTopic(config, "status");
        }

        /// <summary>&lt;prefix&gt;/&lt;nodeId&gt;/&lt;leaf&gt;: a topic of the node's own.</summary>
        public static string NodeTopic(NodeConfig config, string leaf)
        {
            return config.TopicPrefix + "/" + config.NodeId + "/" + leaf;
        }

        /// <summary>The retained status topic: birth "online", Last Will and goodbye "offline".</summary>
        public string Status { get; private set; }

        /// <summary>Meters of the node.</summary>
        public int MeterCount
        {
            get { return _meterIds.Length; }
        }

        /// <summary>Report windows of the profile.</summary>
        public int WindowCount
        {
            get { return _windowNames.Length; }
        }

        /// <summary>Id of meter <paramref name="meter"/>.</summary>
        public string MeterId(int meter)
        {
            return _meterIds[meter];
        }

        /// <summary>Topics in the table: indexes 0 to Count - 1 are valid.</summary>
        public int Count
        {
            get { return _topics.Length; }
        }

        /// <summary>The topic of index <paramref name="index"/>.</summary>
        public string Topic(byte index)
        {
            return _topics[index];
        }

        /// <summary>Index of the IoT Agent measure topic of a meter's window.</summary>
        public byte MeasureTopic(int window, int meter)
        {
            return (byte)(FirstMeasure + (window * _meterIds.Length) + meter);
        }

        /// <summary>Window reports: the readings topic, or an IoT Agent measure topic.</summary>
        public static bool IsReport(byte index)
        {
            return index == Readings || index >= FirstMeasure;
        }

        /// <summary>The IoT Agent device of a meter's window: &lt;nodeId&gt;-&lt;meterId&gt;-&lt;window&gt;, the window being
        /// named by its ISO 8601 duration (PT1M, PT15M, P1D), so that each window of a meter is an entity of its own
        /// in the context broker and its values are never overwritten by another window's.</summary>
        public string IotaDeviceId(int window, int meter)
        {
            return _nodeId + "-" + _meterIds[meter] + "-" + _windowNames[window];
        }
    }
}
