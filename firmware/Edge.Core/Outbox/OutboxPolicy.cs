#nullable disable
namespace Edge.Core.Outbox
{
    /// <summary>
    /// What the <see cref="DurableOutbox"/> gives up when a new record does not fit its capacity. Both policies first
    /// forget acknowledged history (oldest first); every unacknowledged record dropped is counted by class.
    /// </summary>
    public enum OutboxPolicy
    {
        /// <summary>Then drop telemetry, oldest segment first, then interval reports, keeping daily totals and events;
        /// only when nothing else is left, drop the oldest records of any class.</summary>
        KeepTotalsAndEvents = 0,

        /// <summary>Then drop the oldest segment, whatever its records.</summary>
        DropOldest = 1,
    }
}
