using System;

namespace Edge.Host.Cli
{
    /// <summary>
    /// A broker given on the command line as mqtt://host[:port] (port 1883 by default) or mqtts://host[:port] (TLS,
    /// port 8883 by default); both ports are IANA-registered for MQTT.
    /// </summary>
    public sealed record BrokerAddress(string Host, int Port, bool Tls = false)
    {
        public const int DefaultPort = 1883;

        /// <summary>The IANA-registered port of MQTT over TLS ("secure-mqtt").</summary>
        public const int DefaultTlsPort = 8883;

        public static bool TryParse(string text, out BrokerAddress? address, out string error)
        {
            address = null;
            if (!Uri.TryCreate(text, UriKind.Absolute, out Uri? uri) || (uri.Scheme != "mqtt" && uri.Scheme != "mqtts") || string.IsNullOrEmpty(uri.Host))
            {
                error = $"'{Redacted(text)}' is not a broker address; expected mqtt://host[:port] or mqtts://host[:port] (TLS), e.g. mqtt://127.0.0.1:1883";
                return false;
            }

            if (uri.UserInfo.Length > 0)
            {
                // Credentials in the URL would land in shell history, process lists and logs; they are refused rather
                // than dropped, so that a broker needing them is not reached anonymously by surprise.
                error = $"'{Redacted(text)}' carries credentials; give the broker as mqtt://host[:port] or mqtts://host[:port] and the credentials with --username and --password-file";
                return false;
            }

            if (uri.AbsolutePath.Length > 1 || uri.Query.Length > 0)
            {
                error = $"'{text}' has a path or query; expected mqtt://host[:port] or mqtts://host[:port]";
                return false;
            }

            bool tls = uri.Scheme == "mqtts";
            int port = uri.IsDefaultPort || uri.Port < 0 ? (tls ? DefaultTlsPort : DefaultPort) : uri.Port;

            // IdnHost is the host without the brackets of an IPv6 literal (mqtt://[::1]:1883), as sockets take it.
            address = new BrokerAddress(uri.IdnHost, port, tls);
            error = string.Empty;
            return true;
        }

        /// <summary>The URL form, with an IPv6 literal in brackets (RFC 3986 section 3.2.2).</summary>
        public override string ToString()
        {
            string scheme = Tls ? "mqtts" : "mqtt";
            return Host.Contains(':', StringComparison.Ordinal) ? $"{scheme}://[{Host}]:{Port}" : $"{scheme}://{Host}:{Port}";
        }

        /// <summary>The text with any user information (user:password@) replaced, so an error never echoes a password.</summary>
        private static string Redacted(string text)
        {
            int scheme = text.IndexOf("://", StringComparison.Ordinal);
            int at = text.IndexOf('@', StringComparison.Ordinal);
            if (scheme < 0 || at < scheme)
            {
                return text;
            }

            int slash = text.IndexOf('/', scheme + 3);
            return slash >= 0 && slash < at ? text : string.Concat(text.AsSpan(0, scheme + 3), "***@", text.AsSpan(at + 1));
        }
    }
}
