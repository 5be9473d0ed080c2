using System.Collections.Generic;
using System.Text;
using Edge.Core.Platform;

namespace Edge.Tests.Core.Node
{
    /// <summary>A broker connection scripted per test: reachable or not, taking publishes or not, recording
    /// connections, subscriptions and publishes in the order they happen.</summary>
    internal sealed class ScriptedLink : IMqttLink
    {
        public bool Reachable { get; set; } = true;

        public bool TakesPublishes { get; set; } = true;

        public bool IsConnected { get; private set; }

        public int ConnectCalls { get; private set; }

        public MqttConnectOptions? Options { get; private set; }

        public List<string> Calls { get; } = new();

        public event MqttMessageHandler? MessageReceived;

        public event MqttConnectionLostHandler? ConnectionLost;

        public bool Connect(MqttConnectOptions options)
        {
            ConnectCalls++;
            Options = options;
            IsConnected = Reachable;
            Calls.Add("connect " + (IsConnected ? "ok" : "refused"));
            return IsConnected;
        }

        public void Disconnect()
        {
            IsConnected = false;
            Calls.Add("disconnect");
        }

        /// <summary>The broker goes away.</summary>
        public void Drop()
        {
            IsConnected = false;
            ConnectionLost?.Invoke();
        }

        public bool Publish(string topic, byte[] payload, int length, int qos, bool retain)
        {
            if (!IsConnected || !TakesPublishes)
            {
                return false;
            }

            Calls.Add($"publish {topic} {Encoding.UTF8.GetString(payload, 0, length)}{(retain ? " retained" : "")}");
            return true;
        }

        public bool Subscribe(string topicFilter, int qos)
        {
            Calls.Add($"subscribe {topicFilter} qos{qos}");
            return IsConnected;
        }

        public void Deliver(string topic, byte[] payload) => MessageReceived?.Invoke(topic, payload);
    }
}
