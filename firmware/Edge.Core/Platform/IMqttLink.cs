// The platform's MQTT client as the node sees it: connection options, the link and its callbacks.
#nullable disable
namespace Edge.Core.Platform
{
    /// <summary>Called for each message received on a subscribed topic, on the link's own thread (not the node
    /// loop's): the handler must hand the message over thread-safely, as the command queue does.</summary>
    public delegate void MqttMessageHandler(string topic, byte[] payload);

    /// <summary>Where a link stands with its broker.</summary>
    public enum LinkState
    {
        /// <summary>No connection and none under way: <see cref="IMqttLink.BeginConnect"/> starts one.</summary>
        Disconnected,

        /// <summary>An attempt is under way: name resolution, TCP, TLS, or the CONNECT waiting for its CONNACK.</summary>
        Connecting,

        /// <summary>The broker accepted the connection (CONNACK return code 0) and it has not ended since.</summary>
        Connected,
    }

    /// <summary>Why the last connection attempt failed, or why the last connection ended.</summary>
    public enum LinkFailure
    {
        /// <summary>No failure: connected, under way, never tried, or closed by <see cref="IMqttLink.Disconnect"/>.</summary>
        None,

        /// <summary>The broker's host name did not resolve.</summary>
        Dns,

        /// <summary>The TCP connection was refused, unreachable, reset, or closed by the broker before its CONNACK.</summary>
        Tcp,

        /// <summary>The TLS handshake failed (certificate refused, protocol mismatch, or a broker that does not speak TLS).</summary>
        Tls,

        /// <summary>The broker answered the CONNECT with a non-zero return code, in <see cref="IMqttLink.RefusedCode"/>.</summary>
        Refused,

        /// <summary>No CONNACK within <see cref="MqttConnectOptions.ConnectTimeoutMs"/>.</summary>
        Timeout,

        /// <summary>An established connection ended without the node asking (network, broker, keep-alive timeout).</summary>
        Lost,

        /// <summary>The broker closed the connection because another client connected with the same client id
        /// (MQTT 5 DISCONNECT reason 0x8E; an MQTT 3.1.1 broker just closes it, which reads as <see cref="Lost"/>).</summary>
        TakenOver,
    }

    /// <summary>What the node asks of a broker connection.</summary>
    public sealed class MqttConnectOptions
    {
        /// <summary>The MQTT client identifier: the broker keeps one session per identifier (MQTT 3.1.1 section 3.1.3.1).</summary>
        public string ClientId;

        /// <summary>MQTT user name; null or empty sends none.</summary>
        public string UserName;

        /// <summary>MQTT password, sent only with a user name.</summary>
        public string Password;

        /// <summary>Last Will topic: the broker publishes the will there when the node vanishes without a clean disconnect; null: no will.</summary>
        public string WillTopic;

        /// <summary>Payload of the Last Will, published with QoS 1.</summary>
        public byte[] WillPayload;

        /// <summary>True to have the broker retain the Last Will on its topic.</summary>
        public bool WillRetain;

        /// <summary>MQTT keep-alive in seconds (MQTT 3.1.1 section 3.1.2.10): the client pings when it sent nothing
        /// for that long, and the broker drops a client silent for one and a half times it.</summary>
        public int KeepAliveSeconds = 60;

        /// <summary>True to connect over TLS.</summary>
        public bool UseTls;

        /// <summary>False (the default) asks the broker to keep the session across connections (MQTT 3.1.1 section
        /// 3.1.2.4): the subscriptions, and the QoS 1 messages that arrive for them while the node is away, which are
        /// delivered when it connects again. True starts from an empty session each time.</summary>
        public bool CleanSession;

        /// <summary>How long an attempt may take, name resolution to CONNACK, in ms, before the link gives it up as
        /// <see cref="LinkFailure.Timeout"/>.</summary>
        public int ConnectTimeoutMs = 10000;
    }

    /// <summary>
    /// The node's connection to its MQTT broker, polled by the node loop, which is single-threaded: no call waits for
    /// the network. <see cref="BeginConnect"/> starts an attempt whose outcome shows in <see cref="State"/>;
    /// <see cref="Publish"/> copies the message, hands it to the connection and returns a ticket, whose outcome
    /// <see cref="TryTakeCompletion"/> reports later. Every member is called from the loop's thread, except
    /// <see cref="MessageReceived"/>, which the link raises on its own.
    /// </summary>
    public interface IMqttLink
    {
        /// <summary>Where the connection stands now; it leaves <see cref="LinkState.Connected"/> on its own when the connection ends.</summary>
        LinkState State { get; }

        /// <summary>Why the last attempt failed or the last connection ended, read once <see cref="State"/> is
        /// <see cref="LinkState.Disconnected"/>; <see cref="LinkFailure.None"/> after <see cref="Disconnect"/>.</summary>
        LinkFailure Failure { get; }

        /// <summary>When <see cref="Failure"/> is <see cref="LinkFailure.Refused"/>, the CONNACK return code (MQTT 3.1.1
        /// section 3.2.2.3: 1 unacceptable protocol version, 2 identifier rejected, 3 server unavailable, 4 bad user
        /// name or password, 5 not authorized), or an MQTT 5 reason code (0x80 and above) with no 3.1.1 equivalent; else 0.</summary>
        int RefusedCode { get; }

        /// <summary>The CONNACK's session-present flag (MQTT 3.1.1 section 3.2.2.2) of the current connection: true
        /// when the broker resumed the session it kept, with its subscriptions and queued messages.</summary>
        bool SessionPresent { get; }

        /// <summary>Starts a connection attempt and returns at once; does nothing unless <see cref="State"/> is
        /// <see cref="LinkState.Disconnected"/>. The link gives the attempt up after
        /// <see cref="MqttConnectOptions.ConnectTimeoutMs"/>.</summary>
        void BeginConnect(MqttConnectOptions options);

        /// <summary>Closes the connection, with a clean DISCONNECT when it is up (the broker then drops the Last
        /// Will), or gives up an attempt under way; returns at once, with <see cref="State"/> Disconnected. Messages
        /// published before are sent first; those still unacknowledged complete as not delivered.</summary>
        void Disconnect();

        /// <summary>Copies the first <paramref name="length"/> bytes of <paramref name="payload"/> and hands them to
        /// the connection, returning at once a ticket above 0 that <see cref="TryTakeCompletion"/> later reports; 0
        /// when not connected or when the link refuses the message itself (nothing to report then). Messages go out in
        /// the order published.</summary>
        int Publish(string topic, byte[] payload, int length, int qos, bool retain);

        /// <summary>Reports one finished publish, if any: <paramref name="delivered"/> true when the broker took it
        /// (QoS 1: its PUBACK arrived; QoS 0: it was written), false when the connection ended first or the broker
        /// refused it. Every ticket is reported exactly once, in no particular order.</summary>
        bool TryTakeCompletion(out int ticket, out bool delivered);

        /// <summary>Sends a SUBSCRIBE and returns at once; false when not connected. A refused subscription is not reported.</summary>
        bool Subscribe(string topicFilter, int qos);

        /// <summary>A message arrived on a subscribed topic (raised on the link's thread).</summary>
        event MqttMessageHandler MessageReceived;
    }
}
