#nullable disable
namespace Edge.Core.Platform
{
    /// <summary>Called for each message received on a subscribed topic.</summary>
    public delegate void MqttMessageHandler(string topic, byte[] payload);

    /// <summary>Called when the connection to the broker is lost.</summary>
    public delegate void MqttConnectionLostHandler();

    /// <summary>What the node asks of a broker connection.</summary>
    public sealed class MqttConnectOptions
    {
        public string ClientId;
        public string UserName;
        public string Password;

        /// <summary>Last Will: the broker publishes it when the node vanishes without a clean disconnect.</summary>
        public string WillTopic;
        public byte[] WillPayload;
        public bool WillRetain;

        /// <summary>MQTT keep-alive in seconds (MQTT 3.1.1 section 3.1.2.10).</summary>
        public int KeepAliveSeconds = 60;

        public bool UseTls;
    }

    /// <summary>
    /// The node's connection to its MQTT broker. Calls are synchronous: the node loop is single-threaded and
    /// cooperative. Publish with QoS 1 returns only when the broker acknowledged (PUBACK) or the attempt failed,
    /// which is what lets the outbox drop a report only once the broker holds it.
    /// </summary>
    public interface IMqttLink
    {
        bool IsConnected { get; }

        /// <summary>Connects; returns false (never throws) if the broker is unreachable or refuses.</summary>
        bool Connect(MqttConnectOptions options);

        void Disconnect();

        /// <summary>Publishes the first <paramref name="length"/> bytes of <paramref name="payload"/>.
        /// Returns true once delivered (QoS 1: acknowledged by the broker), false on failure.</summary>
        bool Publish(string topic, byte[] payload, int length, int qos, bool retain);

        bool Subscribe(string topicFilter, int qos);

        event MqttMessageHandler MessageReceived;

        event MqttConnectionLostHandler ConnectionLost;
    }
}
