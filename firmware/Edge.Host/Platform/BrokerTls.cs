using System.Security.Authentication;
using MQTTnet;

namespace Edge.Host.Platform
{
    /// <summary>
    /// The TLS a host link uses for an mqtts:// broker: TLS 1.2 or 1.3 only (TLS 1.0/1.1 are deprecated by RFC 8996),
    /// the server certificate checked against the system trust store and the broker's host name (no handler that
    /// accepts any certificate: MQTTnet then refuses any SSL policy error).
    /// </summary>
    public static class BrokerTls
    {
        public const SslProtocols Protocols = SslProtocols.Tls12 | SslProtocols.Tls13;

        /// <summary>Adds TLS to <paramref name="builder"/> when <paramref name="tls"/> is set, naming <paramref name="host"/> for SNI and the name check.</summary>
        public static MqttClientOptionsBuilder Apply(MqttClientOptionsBuilder builder, string host, bool tls)
        {
            if (!tls)
            {
                return builder;
            }

            return builder.WithTlsOptions(options => options
                .UseTls()
                .WithSslProtocols(Protocols)
                .WithTargetHost(host));
        }
    }
}
