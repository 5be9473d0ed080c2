#nullable disable
namespace Edge.Core.Setup
{
    /// <summary>Where a node's MQTT broker is and how the node proves who it is. The user name, password and
    /// keep-alive the link uses are the node's own settings (<c>NodeConfig.MqttUserName</c>,
    /// <c>MqttPassword</c>, <c>KeepAliveSeconds</c>), filled from the same files.</summary>
    public sealed class BrokerSettings
    {
        /// <summary>Broker host name or address.</summary>
        public string Host;

        /// <summary>TCP port: 1883 for mqtt://, 8883 for mqtts:// unless given.</summary>
        public int Port = 1883;

        /// <summary>TLS (mqtts://): the server is verified against <see cref="CaFile"/>.</summary>
        public bool Tls;

        /// <summary>MQTT client id; the node id when null.</summary>
        public string ClientId;

        /// <summary>Path on the node's storage of the CA certificate (PEM) the broker's certificate must chain to.</summary>
        public string CaFile;

        /// <summary>Path of the node's client certificate (PEM) for mutual TLS, or null.</summary>
        public string ClientCertificateFile;

        /// <summary>Path of the client certificate's private key (PEM), a secret; or null.</summary>
        public string ClientKeyFile;

        /// <summary>The client certificate's private key itself (PEM text) when the secrets file holds it rather than
        /// its path; or null. A secret: never logged, published or echoed.</summary>
        public string ClientKeyPem;
    }
}
