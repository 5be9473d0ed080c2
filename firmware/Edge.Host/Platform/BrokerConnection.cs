using System.Security.Cryptography.X509Certificates;
using Edge.Host.Cli;

namespace Edge.Host.Platform
{
    /// <summary>
    /// Everything a host client needs to reach one broker: where it is, who the client is (user name and password,
    /// client certificate) and which server certificates it believes. The password is held here only to be sent in
    /// the CONNECT packet: <see cref="ToString"/> shows the address and what is set, never the password itself.
    /// </summary>
    public sealed class BrokerConnection
    {
        public BrokerConnection(BrokerAddress address)
        {
            Address = address;
        }

        public BrokerAddress Address { get; }

        /// <summary>MQTT user name (MQTT 3.1.1 section 3.1.3.4); null sends none and leaves the node's own, if any.</summary>
        public string? Username { get; init; }

        /// <summary>MQTT password (MQTT 3.1.1 section 3.1.3.5), sent only with <see cref="Username"/>; a secret.</summary>
        public string? Password { get; init; }

        /// <summary>The CA certificates a server certificate must chain to, and the only ones: the system trust
        /// store is not consulted. Null: the system trust store.</summary>
        public X509Certificate2Collection? TrustAnchors { get; init; }

        /// <summary>The client certificate, with its private key, offered for mutual TLS; or null.</summary>
        public X509Certificate2? ClientCertificate { get; init; }

        /// <summary>Development only: any server certificate is accepted, and every connection says so loudly.</summary>
        public bool SkipVerify { get; init; }

        /// <summary>"mqtts://host:port": what a message may show of the connection.</summary>
        public override string ToString() => Address.ToString();

        /// <summary>A connection to <paramref name="address"/> as it is: no credentials, the system trust store.</summary>
        public static implicit operator BrokerConnection(BrokerAddress address) => new(address);
    }
}
