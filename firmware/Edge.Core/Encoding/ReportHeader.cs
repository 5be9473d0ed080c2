#nullable disable
namespace Edge.Core.Encoding
{
    /// <summary>What a report says about its node, beside the window's statistics. Reused for every report.</summary>
    public sealed class ReportHeader
    {
        /// <summary>Payload format version of edge-json; bump on any incompatible change.</summary>
        public const int FormatVersion = 1;

        public string NodeId;

        /// <summary>Per-node sequence number: the broker side detects gaps and duplicates with it.</summary>
        public long Sequence;

        /// <summary>False when the node's wall clock was not synchronised: window times are then approximate.</summary>
        public bool ClockSynchronised;

        /// <summary>Meter names, indexed like the aggregator's meters.</summary>
        public string[] MeterIds;

        /// <summary>Per meter, its identifier as it may be published (pseudonym or clear), or null to leave it out.</summary>
        public string[] PublishedMeterIds;
    }
}
