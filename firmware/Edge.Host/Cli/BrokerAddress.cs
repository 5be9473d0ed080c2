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

            address = new BrokerAddress(uri.Host, uri.IsDefaultPort || uri.Port < 0 ? DefaultPort : uri.Port);
            error = string.Empty;
            return true;
        }

        public override string ToString() => $"mqtt://{Host}:{Port}";
    }
}
