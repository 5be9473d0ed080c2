#nullable disable
namespace Edge.Drivers.Tic
{
    /// <summary>Why a group was not accepted. Each cause has its own counter in <see cref="TicCounters"/>.</summary>
    public enum TicReject : byte
    {
        None = 0,

        /// <summary>The checksum byte does not match the group's bytes: a reception error.</summary>
        Checksum = 1,

        /// <summary>The group is not shaped like a TIC group (separators, characters, length), or belongs to the
        /// other mode than the configured one, or was cut by the start or end of a frame.</summary>
        Framing = 2,

        /// <summary>The group is longer than any TIC group can be (a lost terminator).</summary>
        Overflow = 3,
    }
}
