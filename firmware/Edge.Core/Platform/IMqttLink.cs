// The platform's MQTT client as the node sees it: connection options, the link and its callbacks.
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
        /// <summary>MQTT client identifier, unique per broker ("edge-" and the node id); a second client connecting
        /// with the same one makes the broker drop the first (MQTT 3.1.1 section 3.1.4).</summary>
        public string ClientId;

        /// <summary>User name for the broker; null or empty to connect without credentials.</summary>
        public string UserName;

        /// <summary>Password sent with <see cref="UserName"/>; null for none.</summary>
        public string Password;

        /// <summary>Last Will topic: the broker publishes the will there when the node vanishes without a clean
        /// disconnect; null or empty for no will.</summary>
        public string WillTopic;

        /// <summary>The Last Will message, published as is on <see cref="WillTopic"/> (the node's "offline" status).</summary>
        public byte[] WillPayload;

        /// <summary>True to have the broker retain the will, so that the status topic reads offline to later
        /// subscribers too.</summary>
        public bool WillRetain;

        /// <summary>MQTT keep-alive in seconds (MQTT 3.1.1 section 3.1.2.10).</summary>
        public int KeepAliveSeconds = 60;

        /// <summary>True to connect over TLS; which certificates are trusted is the link's own setting.</summary>
        public bool UseTls;
    }

    /// <summary>
    /// The node's connection to its MQTT broker. Calls are synchronous: the node loop is single-threaded and
    /// cooperative. Publish with QoS 1 returns only when the broker acknowledged (PUBACK) or the attempt failed,
    /// which is what lets the outbox drop a report only once the broker holds it.
    /// </summary>
    public interface IMqttLink
    {
        /// <summary>True while the broker connection is up. The node polls it and reconnects, with backoff, when it
        /// reads false.</summary>
        bool IsConnected { get; }

        /// <summary>Connects; returns false (never throws) if the broker is unreachable or refuses.</summary>
        bool Connect(MqttConnectOptions options);

        /// <summary>Closes the connection cleanly (MQTT DISCONNECT), after which the broker discards the Last Will
        /// (MQTT 3.1.1 section 3.14).</summary>
        void Disconnect();

        /// <summary>Publishes the first <paramref name="length"/> bytes of <paramref name="payload"/>.
        /// Returns true once delivered (QoS 1: acknowledged by the broker), false on failure.</summary>
        bool Publish(string topic, byte[] payload, int length, int qos, bool retain);

        /// <summary>Subscribes to <paramref name="topicFilter"/> (wildcards allowed) at <paramref name="qos"/>; false
        /// if the request failed. The node subscribes again after every connect.</summary>
        bool Subscribe(string topicFilter, int qos);

        /// <summary>Raised for each message received on a subscribed topic.</summary>
        event MqttMessageHandler MessageReceived;

        /// <summary>Raised when the connection to the broker is lost. The node does not depend on it: it polls
        /// <see cref="IsConnected"/>.</summary>
        event MqttConnectionLostHandler ConnectionLost;
    }
}
