#nullable disable
namespace Edge.Core.Meters
{
    /// <summary>Where a driver stands in its lifecycle (see <see cref="MeterDriver"/>).</summary>
    public enum MeterState : byte
    {
        /// <summary>Not set up yet: setup runs on the next poll.</summary>
        Pending = 0,

        /// <summary>Set up and reading.</summary>
        Ready = 1,

        /// <summary>Reading, but something is off (the reason says what); clears itself when the cause goes.</summary>
        Warning = 2,

        /// <summary>Not reading (the reason says why); setup is retried after the driver's retry delay.</summary>
        Failed = 3,
    }
}
