using System;

namespace Edge.Host.Cli
{
    /// <summary>A broker given on the command line as mqtt://host[:port] (port 1883 by default, IANA-registered for MQTT).</summary>
    public sealed record BrokerAddress(string Host, int Port)
    {
        public const int DefaultPort = 1883;

        public static bool TryParse(string text, out BrokerAddress? address, out string error)
        {
            address = null;
            if (!Uri.TryCreate(text, UriKind.Absolute, out Uri? uri) || uri.Scheme != "mqtt" || string.IsNullOrEmpty(uri.Host))
            {
                error = $"'{text}' is not a broker address; expected mqtt://host[:port], e.g. mqtt://127.0.0.1:1883";
                return false;
            }

            if (uri.AbsolutePath.Length > 1 || uri.Query.Length > 0)
            {
                error = $"'{text}' has a path or query; expected mqtt://host[:port]";
                return false;
            }

            // IdnHost is the host without the brackets of an IPv6 literal (mqtt://[::1]:1883), as sockets take it.
            address = new BrokerAddress(uri.IdnHost, uri.IsDefaultPort || uri.Port < 0 ? DefaultPort : uri.Port);
            error = string.Empty;
            return true;
        }

        /// <summary>The URL form, with an IPv6 literal in brackets (RFC 3986 section 3.2.2).</summary>
        public override string ToString() => Host.Contains(':', StringComparison.Ordinal) ? $"mqtt://[{Host}]:{Port}" : $"mqtt://{Host}:{Port}";
    }
}
