#nullable disable
namespace Edge.Drivers.Tic
{
    /// <summary>Why a group was not accepted. Each cause has its own counter in <see cref="TicCounters"/>.</summary>
    public enum TicReject : byte
    {
        /// <summary>No rejection: what <see cref="TicFrameDecoder.LastReject"/> says until a group is rejected.</summary>
        None = 0,

        /// <summary>The checksum byte does not match the group's bytes: a reception error.</summary>
        Checksum = 1,

        /// <summary>The group is not shaped like a TIC group (separators, characters, length), or belongs to the
        /// other mode than the configured one, or was cut by the start or end of a frame.</summary>
        Framing = 2,

        /// <summary>The group is longer than any TIC group can be (a lost terminator).</summary>
        Overflow = 3,

        /// <summary>Checksum and shape hold, but the data do not have the form the label requires: a letter in a
        /// numeric value, a wrong number of characters, a missing or extra horodate. A bit 6 flipped in a digit
        /// passes the 6-bit checksum and ends here.</summary>
        Value = 4,
    }
}
