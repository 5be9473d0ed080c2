#nullable disable

namespace Edge.Core.Outbox
{
    /// <summary>
    /// What the full outbox drops under <see cref="OutboxPolicy.KeepTotalsAndEvents"/>, by <see cref="RecordClass"/>:
    /// telemetry first, then interval reports, totals and events never (only the deletion of the oldest segment, the
    /// last resort of every policy, takes them). Each segment carries a level: the lowest class level it still holds
    /// (telemetry 0, interval 1, others 2). Stateless, so that it costs the outbox no memory.
    /// </summary>
    internal static class OutboxEviction
    {
        /// <summary>Class mask of telemetry records.</summary>
        internal const int TelemetryMask = 1 << (int)RecordClass.Telemetry;

        /// <summary>Class mask of interval reports.</summary>
        internal const int IntervalMask = 1 << (int)RecordClass.Interval;

        /// <summary>The level a record of class <paramref name="cls"/> keeps its segment below: telemetry 0,
        /// interval 1, others 2.</summary>
        internal static byte LevelOf(int cls)
        {
            if (cls == (int)RecordClass.Telemetry)
            {
                return 0;
            }

            return cls == (int)RecordClass.Interval ? (byte)1 : (byte)2;
        }

        /// <summary>
        /// The closed segment to strip next, among the first <paramref name="closed"/> of <paramref name="levels"/>:
        /// the oldest one still holding telemetry, else the oldest one still holding interval reports; -1 when none.
        /// <paramref name="level"/> is the level it reaches once stripped, <paramref name="classMask"/> the classes
        /// to drop from it.
        /// </summary>
        internal static int NextToStrip(byte[] levels, int closed, out byte level, out int classMask)
        {
            for (int l = 1; l <= 2; l++)
            {
                for (int s = 0; s < closed; s++)
                {
                    if (levels[s] < l)
                    {
                        level = (byte)l;
                        classMask = l == 1 ? TelemetryMask : TelemetryMask | IntervalMask;
                        return s;
                    }
                }
            }

            level = 2;
            classMask = 0;
            return -1;
        }
    }
}
