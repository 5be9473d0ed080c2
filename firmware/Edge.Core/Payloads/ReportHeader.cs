#nullable disable
namespace Edge.Core.Payloads
{
    /// <summary>What a report says about its node, beside the window's statistics. Reused for every report.</summary>
    public sealed class ReportHeader
    {
        /// <summary>Payload format version of edge-json; bump on any incompatible change.</summary>
        public const int FormatVersion = 1;

        /// <summary>The node's identifier, also its MQTT topic level ("sim-0001"); written as "node" in edge-json
        /// and in the SenML base name.</summary>
        public string NodeId;

        /// <summary>Per-node sequence number: the broker side detects gaps and duplicates with it.</summary>
        public long Sequence;

        /// <summary>False when the node's wall clock was not synchronised: window times are then approximate.</summary>
        public bool ClockSynchronised;

        /// <summary>True when the window was cut short because the wall clock was stepped (SNTP correction, a
        /// first synchronisation): its statistics cover less than its nominal span.</summary>
        public bool ClockStepped;

        /// <summary>Meter names, indexed like the aggregator's meters.</summary>
        public string[] MeterIds;

        /// <summary>Starts a message of any edge-json kind: <c>{"v":1,"node":...,"seq":...</c> into a reset writer.</summary>
        public void BeginMessage(JsonWriter writer)
        {
            writer.Reset();
            writer.BeginObject();
            writer.Name("v");
            writer.Integer(FormatVersion);
            writer.Name("node");
            writer.String(NodeId);
            writer.Name("seq");
            writer.Integer(Sequence);
        }

        /// <summary>Writes <c>"clock":"synced"</c>, <c>"unsynced"</c> or <c>"stepped"</c>.</summary>
        public void WriteClock(JsonWriter writer)
        {
            writer.Name("clock");
            writer.String(!ClockSynchronised ? "unsynced" : ClockStepped ? "stepped" : "synced");
        }

        /// <summary>Per meter, its identifier as it may be published (pseudonym or clear), or null to leave it out.</summary>
        public string[] PublishedMeterIds;
    }
}
