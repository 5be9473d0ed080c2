#nullable disable
namespace Edge.Core.Meters.Buses
{
    /// <summary>How an <see cref="Rs485Request"/> ended.</summary>
    public enum Rs485Outcome : byte
    {
        /// <summary>Never submitted, or queued or in flight.</summary>
        None = 0,

        /// <summary>A reply came; it is in <see cref="Rs485Request.Reply"/>.</summary>
        Answered = 1,

        /// <summary>No byte came within the line's response timeout.</summary>
        TimedOut = 2,

        /// <summary>The reply was longer than the request's reply buffer; it was discarded.</summary>
        Overrun = 3,

        /// <summary>Sent to every slave (address 0): no reply is expected (Modbus over serial line §2.2).</summary>
        Broadcast = 4,
    }
}
