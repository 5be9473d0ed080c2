using System;
using System.IO;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Edge.Tests.Integration.Tls
{
    /// <summary>
    /// Certificates made for a test, written as PEM files to a temporary directory: a CA, server certificates it
    /// issues (for a given name, valid or expired) and client certificates, all on P-256 keys (fast to make; both
    /// mosquitto's OpenSSL and .NET take them).
    /// </summary>
    public sealed class TestPki : IDisposable
    {
        /// <summary>id-kp-serverAuth and id-kp-clientAuth (RFC 5280 section 4.2.1.12).</summary>
        private static readonly Oid ServerAuthentication = new("1.3.6.1.5.5.7.3.1");
        private static readonly Oid ClientAuthentication = new("1.3.6.1.5.5.7.3.2");

        public TestPki()
        {
            Directory = System.IO.Directory.CreateTempSubdirectory("edge-pki-").FullName;
        }

        public string Directory { get; }

        /// <summary>A self-signed CA valid from 90 days ago for ten years; its certificate written to NAME.pem.</summary>
        public X509Certificate2 CreateCa(string name)
        {
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
            request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
            request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
            X509Certificate2 ca = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-90), DateTimeOffset.UtcNow.AddYears(10));
            File.WriteAllText(PathOf(name + ".pem"), ca.ExportCertificatePem());
            return ca;
        }

        /// <summary>A server certificate for <paramref name="hostName"/> (and, given, <paramref name="address"/>)
        /// issued by <paramref name="ca"/>, valid from <paramref name="notBefore"/> to <paramref name="notAfter"/>;
        /// written to NAME.pem and its key to NAME.key.</summary>
        public X509Certificate2 IssueServer(X509Certificate2 ca, string name, string hostName, IPAddress? address, DateTimeOffset notBefore, DateTimeOffset notAfter)
        {
            var names = new SubjectAlternativeNameBuilder();
            names.AddDnsName(hostName);
            if (address is not null)
            {
                names.AddIpAddress(address);
            }

            return Issue(ca, name, $"CN={hostName}", names.Build(), ServerAuthentication, notBefore, notAfter);
        }

        /// <summary>A client certificate with the common name <paramref name="commonName"/> issued by <paramref name="ca"/>,
        /// valid from a day ago for a year; written to NAME.pem and its key to NAME.key.</summary>
        public X509Certificate2 IssueClient(X509Certificate2 ca, string name, string commonName) =>
            Issue(ca, name, $"CN={commonName}", null, ClientAuthentication, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));

        public string PathOf(string file) => Path.Combine(Directory, file);

        public void Dispose()
        {
            try
            {
                System.IO.Directory.Delete(Directory, recursive: true);
            }
            catch (IOException)
            {
                // Left to the system's temporary directory cleaning.
            }
        }

        private X509Certificate2 Issue(X509Certificate2 ca, string name, string subject, X509Extension? alternativeNames, Oid usage, DateTimeOffset notBefore, DateTimeOffset notAfter)
        {
            using ECDsa caKey = ca.GetECDsaPrivateKey() ?? throw new InvalidOperationException("the CA has no private key");
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
            request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyAgreement, true));
            request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([usage], false));
            request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, true, false));
            if (alternativeNames is not null)
            {
                request.CertificateExtensions.Add(alternativeNames);
            }

            byte[] serial = RandomNumberGenerator.GetBytes(12);
            serial[0] &= 0x7F;
            using X509Certificate2 issued = request.Create(ca.SubjectName, X509SignatureGenerator.CreateForECDsa(caKey), notBefore, notAfter, serial);
            X509Certificate2 withKey = issued.CopyWithPrivateKey(key);
            File.WriteAllText(PathOf(name + ".pem"), withKey.ExportCertificatePem());
            File.WriteAllText(PathOf(name + ".key"), key.ExportPkcs8PrivateKeyPem());
            return withKey;
        }
    }
}
