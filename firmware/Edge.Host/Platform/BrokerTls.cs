using System.Security.Authentication;
using MQTTnet;

namespace Edge.Host.Platform
{
    /// <summary>
    /// The TLS a host client uses for an mqtts:// broker: TLS 1.2 or 1.3 only (TLS 1.0/1.1 are deprecated by RFC 8996),
    /// the server certificate judged by a <see cref="ServerCertificateCheck"/> (the broker's host name always; the
    /// chain against the system trust store, or against the CA of the connection alone), and the client certificate
    /// of the connection offered for mutual TLS.
    /// </summary>
    public static class BrokerTls
    {
        public const SslProtocols Protocols = SslProtocols.Tls12 | SslProtocols.Tls13;

        /// <summary>Adds the TLS of <paramref name="connection"/> to <paramref name="builder"/> when <paramref name="tls"/>
        /// is set, the server's certificate judged by <paramref name="check"/>.</summary>
        public static MqttClientOptionsBuilder Apply(MqttClientOptionsBuilder builder, BrokerConnection connection, bool tls, ServerCertificateCheck check)
        {
            if (!tls)
            {
                return builder;
            }

            return builder.WithTlsOptions(options =>
            {
                options.UseTls()
                    .WithSslProtocols(Protocols)
                    .WithTargetHost(connection.Address.Host)
                    .WithCertificateValidationHandler(check.Judge);
                if (connection.ClientCertificate is not null)
                {
                    options.WithClientCertificates([connection.ClientCertificate]);
                }
            });
        }
    }
}
