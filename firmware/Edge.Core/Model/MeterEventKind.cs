#nullable disable
namespace Edge.Core.Model
{
    /// <summary>Things a meter reports that must reach the platform at once, not at the end of the window.</summary>
    public enum MeterEventKind : byte
    {
        /// <summary>The subscribed power is being exceeded (Linky ADPS/ADIR, STGE bit 7): the breaker may trip.</summary>
        OverloadStarted = 1,

        /// <summary>The overload warning stopped.</summary>
        OverloadEnded = 2,
    }

    /// <summary>Names of <see cref="MeterEventKind"/> in payloads (enum names are not available on the device).</summary>
    public static class MeterEvents
    {
        public static string NameOf(MeterEventKind kind)
        {
            switch (kind)
            {
                case MeterEventKind.OverloadStarted:
                    return "overloadStarted";
                case MeterEventKind.OverloadEnded:
                    return "overloadEnded";
                default:
                    return "unknown";
            }
        }
    }
}
