// The report formats a node can publish, and their names in configuration and commands.
#nullable disable
namespace Edge.Core.Payloads
{
    /// <summary>How a node encodes its window reports.</summary>
    public enum PayloadFormat : byte
    {
        /// <summary>edge-json v1: compact, versioned, every statistic the window's plan asks for (default).</summary>
        EdgeJson = 0,

        /// <summary>SenML JSON (RFC 8428): any SenML consumer resolves it; see SenmlEncoder.</summary>
        Senml = 1,

        /// <summary>FIWARE IoT Agent JSON: one measure per meter on /json/&lt;apikey&gt;/&lt;node&gt;-&lt;meter&gt;/attrs,
        /// with the attribute names of the Smart Data Model ThreePhaseAcMeasurement; see IotaJsonEncoder.</summary>
        IotaJson = 2,
    }

    /// <summary>The formats' names in configuration, commands and on the command line.</summary>
    public static class PayloadFormats
    {
        /// <summary>"edge-json", "senml" or "iota-json", the names <see cref="TryParse"/> accepts; edge-json for a
        /// value outside the enum.</summary>
        public static string NameOf(PayloadFormat format)
        {
            return format == PayloadFormat.Senml ? "senml" : format == PayloadFormat.IotaJson ? "iota-json" : "edge-json";
        }

        /// <summary>edge-json, senml or iota-json; false for anything else.</summary>
        public static bool TryParse(string name, out PayloadFormat format)
        {
            switch (name)
            {
                case "edge-json": format = PayloadFormat.EdgeJson; return true;
                case "senml": format = PayloadFormat.Senml; return true;
                case "iota-json": format = PayloadFormat.IotaJson; return true;
                default: format = PayloadFormat.EdgeJson; return false;
            }
        }
    }
}
