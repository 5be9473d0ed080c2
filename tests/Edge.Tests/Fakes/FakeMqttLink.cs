using System.Collections.Generic;
using System.Linq;
using System.Text;
using Edge.Core.Platform;

namespace Edge.Tests.Fakes
{
    /// <summary>A broker connection the test controls: reachable or not, recording what is published.</summary>
    internal sealed class FakeMqttLink : IMqttLink
    {
        public bool BrokerReachable { get; set; } = true;

        /// <summary>When false, publishes are not recorded (for allocation measurements).</summary>
        public bool Record { get; set; } = true;

        public bool IsConnected { get; private set; }

        public int ConnectCalls { get; private set; }

        public int PublishCount { get; private set; }

        public MqttConnectOptions? LastConnectOptions { get; private set; }

        public List<(string Topic, string Payload, int Qos, bool Retain)> Published { get; } = new();

        /// <summary>What was published on a node's readings topic (window reports).</summary>
        public IEnumerable<(string Topic, string Payload, int Qos, bool Retain)> Readings =>
            Published.Where(p => p.Topic.EndsWith("/readings", System.StringComparison.Ordinal));

        public List<(string Topic, string Payload, int Qos, bool Retain)> ReadingsList => Readings.ToList();

        /// <summary>What was published on a node's status topic (birth and goodbye, retained).</summary>
        public IEnumerable<(string Topic, string Payload, int Qos, bool Retain)> Status =>
            Published.Where(p => p.Topic.EndsWith("/status", System.StringComparison.Ordinal));

        /// <summary>What was published on a node's health topic.</summary>
        public IEnumerable<(string Topic, string Payload, int Qos, bool Retain)> Health =>
            Published.Where(p => p.Topic.EndsWith("/health", System.StringComparison.Ordinal));

        /// <summary>What was published on a node's events topic.</summary>
        public IEnumerable<(string Topic, string Payload, int Qos, bool Retain)> Events =>
            Published.Where(p => p.Topic.EndsWith("/events", System.StringComparison.Ordinal));

        public event MqttMessageHandler? MessageReceived;

        public event MqttConnectionLostHandler? ConnectionLost;

        public bool Connect(MqttConnectOptions options)
        {
            ConnectCalls++;
            LastConnectOptions = options;
            IsConnected = BrokerReachable;
            return IsConnected;
        }

        public void Disconnect() => IsConnected = false;

        /// <summary>Simulates the broker going away.</summary>
        public void Drop()
        {
            IsConnected = false;
            BrokerReachable = false;
            ConnectionLost?.Invoke();
        }

        public bool Publish(string topic, byte[] payload, int length, int qos, bool retain)
        {
            if (!IsConnected)
            {
                return false;
            }

            PublishCount++;
            if (Record)
            {
                Published.Add((topic, Encoding.UTF8.GetString(payload, 0, length), qos, retain));
            }

            return true;
        }

        public bool Subscribe(string topicFilter, int qos) => IsConnected;

        public void Deliver(string topic, byte[] payload) => MessageReceived?.Invoke(topic, payload);
    }
}
