#nullable disable
namespace Edge.Core.Outbox
{
    /// <summary>
    /// What a record of the <see cref="DurableOutbox"/> is worth when room runs out: the policy
    /// <see cref="OutboxPolicy.KeepTotalsAndEvents"/> drops telemetry first, then interval reports, and keeps
    /// totals and events longest. Stored in a record's class byte.
    /// </summary>
    public enum RecordClass
    {
        /// <summary>Health messages and heartbeats: a snapshot that the next one supersedes.</summary>
        Telemetry = 0,

        /// <summary>A window report of a short window (15 minutes, 1 minute).</summary>
        Interval = 1,

        /// <summary>A daily (local-day) report: the totals a consumer bills or balances on.</summary>
        Total = 2,

        /// <summary>A message of the events topic: alarms, meter and clock events.</summary>
        Event = 3,
    }
}
