using System;
using System.Globalization;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using MQTTnet;

namespace Edge.Host.Platform
{
    /// <summary>
    /// Judges the certificate a broker presents in the TLS handshake, and keeps why it refused the last one in words
    /// (the TLS layer only says that the callback refused it). The name in the certificate must match the broker's
    /// host name (RFC 6125 section 6, as SslStream checks it) in every mode. The chain must end at a CA of the
    /// connection when it names some, which are then the only trust anchors (a private CA of the site: a
    /// certificate of a public CA, however valid, is not the site's broker); else at the system trust store.
    /// With <see cref="BrokerConnection.SkipVerify"/> anything is accepted, and each handshake warns.
    /// </summary>
    public sealed class ServerCertificateCheck
    {
        /// <summary>id-kp-serverAuth (RFC 5280 section 4.2.1.12): a certificate with extended key usages must allow TLS server use.</summary>
        private static readonly Oid ServerAuthentication = new("1.3.6.1.5.5.7.3.1");

        private readonly BrokerConnection _connection;
        private readonly Action<string> _warn;
        private volatile string? _refusal;

        /// <param name="connection">The broker and its trust anchors.</param>
        /// <param name="warn">Where the warning of each accepted-without-checking handshake goes.</param>
        public ServerCertificateCheck(BrokerConnection connection, Action<string> warn)
        {
            _connection = connection;
            _warn = warn;
        }

        /// <summary>Why the last certificate was refused; null when the last one was accepted, or none was seen yet.</summary>
        public string? LastRefusal => _refusal;

        /// <summary>Forgets the last refusal, before an attempt of its own.</summary>
        public void Forget() => _refusal = null;

        /// <summary>The validation handler of MQTTnet's TLS options.</summary>
        public bool Judge(MqttClientCertificateValidationEventArgs e) => Judge(e.Certificate, e.Chain, e.SslPolicyErrors);

        /// <summary>True to go on with <paramref name="certificate"/>, given what SslStream found (<paramref name="errors"/>,
        /// the chain it built with the intermediates the server sent).</summary>
        public bool Judge(X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
        {
            string host = _connection.Address.Host;
            if (_connection.SkipVerify)
            {
                _refusal = null;
                _warn($"WARNING: the certificate of the broker at {_connection.Address} was NOT verified (--insecure-skip-verify): anyone on the path can read and change this connection; for development only");
                return true;
            }

            if (certificate is null || (errors & SslPolicyErrors.RemoteCertificateNotAvailable) != 0)
            {
                return Refuse("the broker presented no certificate");
            }

            var presented = certificate as X509Certificate2 ?? X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
            if ((errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0)
            {
                return Refuse($"the broker's certificate ({presented.Subject}) is not for {host}: its names do not include it");
            }

            if (_connection.TrustAnchors is not X509Certificate2Collection anchors)
            {
                return errors == SslPolicyErrors.None || Refuse(ChainProblem(presented, chain, "the system trust store"));
            }

            using var own = new X509Chain();
            own.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            own.ChainPolicy.CustomTrustStore.AddRange(anchors);

            // A site's private CA rarely publishes a CRL or an OCSP responder, and the nodes, which hold only ca.pem,
            // do not check revocation either: the host client judges as they do.
            own.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            own.ChainPolicy.ApplicationPolicy.Add(ServerAuthentication);
            if (chain is not null)
            {
                own.ChainPolicy.ExtraStore.AddRange(chain.ChainPolicy.ExtraStore);
            }

            return own.Build(presented) ? Accept() : Refuse(ChainProblem(presented, own, "the CA it was given (and only that one)"));
        }

        private bool Accept()
        {
            _refusal = null;
            return true;
        }

        private bool Refuse(string why)
        {
            _refusal = why;
            return false;
        }

        /// <summary>What is wrong with the chain, in words: expiry first (it says what to renew), then trust.</summary>
        private static string ChainProblem(X509Certificate2 presented, X509Chain? chain, string anchors)
        {
            X509ChainStatusFlags flags = X509ChainStatusFlags.NoError;
            foreach (X509ChainStatus status in chain?.ChainStatus ?? [])
            {
                flags |= status.Status;
            }

            string validity = string.Create(CultureInfo.InvariantCulture, $"valid from {presented.NotBefore.ToUniversalTime():yyyy-MM-dd HH:mm}Z to {presented.NotAfter.ToUniversalTime():yyyy-MM-dd HH:mm}Z");
            if ((flags & X509ChainStatusFlags.NotTimeValid) != 0)
            {
                return DateTime.UtcNow > presented.NotAfter.ToUniversalTime()
                    ? $"the broker's certificate ({presented.Subject}) has expired ({validity})"
                    : $"the broker's certificate ({presented.Subject}) or its issuer is not valid now ({validity})";
            }

            if ((flags & (X509ChainStatusFlags.UntrustedRoot | X509ChainStatusFlags.PartialChain)) != 0)
            {
                return $"the broker's certificate ({presented.Subject}, issued by {presented.Issuer}) does not chain to {anchors}";
            }

            if ((flags & X509ChainStatusFlags.NotValidForUsage) != 0)
            {
                return $"the broker's certificate ({presented.Subject}) is not for TLS servers (extended key usage)";
            }

            return $"the broker's certificate ({presented.Subject}) was refused: {(flags == X509ChainStatusFlags.NoError ? "the chain did not verify" : flags.ToString())}";
        }
    }
}
