#nullable disable
namespace Edge.Core.Encoding
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
}
