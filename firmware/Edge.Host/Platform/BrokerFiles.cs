using System;
using System.IO;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Edge.Host.Platform
{
    /// <summary>
    /// Reads the files a broker connection is made of: the password file, the CA certificates (PEM) and the client
    /// certificate with its key (PEM). Each refusal is one phrase naming the file and what was expected, for the
    /// caller to put after the option or config field at fault; a password never appears in one.
    /// </summary>
    public static class BrokerFiles
    {
        /// <summary>MQTT 3.1.1 section 3.1.3.5: the password is binary data of at most 65535 bytes (a two-byte length).</summary>
        public const int MaxPasswordBytes = 65535;

        /// <summary>The password on the first line of <paramref name="path"/> (its line break, LF or CRLF, not included).</summary>
        public static bool TryReadPassword(string path, out string password, out string problem)
        {
            password = string.Empty;
            if (!TryReadText(path, "a file holding the password on its first line", out string text, out problem))
            {
                return false;
            }

            int end = text.IndexOfAny(['\r', '\n']);
            string first = end < 0 ? text : text[..end];
            if (first.Length == 0)
            {
                problem = $"'{Shown(path)}' has an empty first line; expected the password on its first line";
                return false;
            }

            if (Encoding.UTF8.GetByteCount(first) > MaxPasswordBytes)
            {
                problem = $"'{Shown(path)}' holds a password longer than {MaxPasswordBytes} bytes (MQTT 3.1.1 section 3.1.3.5)";
                return false;
            }

            password = first;
            problem = string.Empty;
            return true;
        }

        /// <summary>The certificates of a PEM file of CA certificates (one or more "BEGIN CERTIFICATE" blocks).</summary>
        public static bool TryReadCa(string path, out X509Certificate2Collection anchors, out string problem)
        {
            anchors = [];
            if (!TryReadText(path, "a PEM file of CA certificates", out string text, out problem))
            {
                return false;
            }

            try
            {
                anchors.ImportFromPem(text);
            }
            catch (CryptographicException e)
            {
                problem = $"'{Shown(path)}' is not a PEM certificate file ({e.Message.TrimEnd('.')}); expected the CA certificate(s) in PEM";
                return false;
            }

            if (anchors.Count == 0)
            {
                problem = $"'{Shown(path)}' holds no PEM certificate; expected a file with -----BEGIN CERTIFICATE----- blocks";
                return false;
            }

            problem = string.Empty;
            return true;
        }

        /// <summary>The client certificate of <paramref name="certificatePath"/> with the private key of
        /// <paramref name="keyPath"/> (or <paramref name="keyPem"/>, the key's PEM text itself), ready for SslStream.</summary>
        public static bool TryReadClientCertificate(string certificatePath, string? keyPath, string? keyPem, out X509Certificate2? certificate, out string problem)
        {
            certificate = null;
            if (!TryReadText(certificatePath, "a PEM client certificate", out string certificateText, out problem))
            {
                return false;
            }

            string keyText;
            if (keyPem is not null)
            {
                keyText = keyPem;
            }
            else if (keyPath is null || !TryReadText(keyPath, "a PEM private key", out keyText, out problem))
            {
                problem = keyPath is null ? "no private key given for the client certificate" : problem;
                return false;
            }

            X509Certificate2 loaded;
            try
            {
                loaded = X509Certificate2.CreateFromPem(certificateText, keyText);
            }
            catch (Exception e) when (e is CryptographicException or ArgumentException)
            {
                // The certificate was read as PEM text; what fails here is the certificate block or the key: a key
                // of another certificate (ArgumentException), an encrypted or malformed one, no certificate block.
                string key = keyPath is null ? "the key given" : $"'{Shown(keyPath)}'";
                problem = $"{key} is not the unencrypted PEM private key of the certificate '{Shown(certificatePath)}' ({e.Message.TrimEnd('.')})";
                return false;
            }

            using (loaded)
            {
                // SslStream on Linux takes the key of a certificate made from PEM as it is; elsewhere (Windows' SChannel)
                // an ephemeral key is refused. A PKCS#12 round trip gives a key every platform's TLS stack accepts.
                certificate = X509CertificateLoader.LoadPkcs12(loaded.Export(X509ContentType.Pkcs12), null);
            }

            problem = string.Empty;
            return true;
        }

        private static bool TryReadText(string path, string expected, out string text, out string problem)
        {
            text = string.Empty;
            if (Directory.Exists(path))
            {
                problem = $"'{Shown(path)}' is a directory; expected {expected}";
                return false;
            }

            if (!File.Exists(path))
            {
                problem = $"'{Shown(path)}' does not exist; expected {expected}";
                return false;
            }

            try
            {
                text = File.ReadAllText(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                problem = $"'{Shown(path)}' cannot be read ({e.Message.TrimEnd('.')}); expected {expected}";
                return false;
            }

            problem = string.Empty;
            return true;
        }

        private static string Shown(string path) => Cli.CliOptions.Printable(path);
    }
}
