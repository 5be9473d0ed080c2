#nullable disable
namespace Edge.Core.Security
{
    /// <summary>
    /// What the node publishes of a meter's identifier (Linky ADCO/ADSC, PRM; DSMR equipment id). These identify a
    /// household's delivery point: personal data under the GDPR, so nothing is published unless configured.
    /// </summary>
    public enum MeterIdPolicy : byte
    {
        /// <summary>Never published (default).</summary>
        Omit = 0,

        /// <summary>Published as a keyed hash (HMAC-SHA256 with the node's key): stable per meter, not reversible
        /// without the key, so the platform can follow a meter without learning its number.</summary>
        Pseudonymise = 1,

        /// <summary>Published as read, where the operator has a legal basis to process it.</summary>
        Clear = 2,
    }
}
