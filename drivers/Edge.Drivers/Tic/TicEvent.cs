#nullable disable
namespace Edge.Drivers.Tic
{
    /// <summary>What a byte pushed into <see cref="TicFrameDecoder"/> completed.</summary>
    public enum TicEvent : byte
    {
        /// <summary>Nothing completed: <see cref="TicFrameDecoder.Decode"/> consumed every byte it was given, or the
        /// byte given to <see cref="TicFrameDecoder.Push"/> completed no event.</summary>
        None = 0,

        /// <summary>STX: a frame starts.</summary>
        FrameStart = 1,

        /// <summary>A group with a valid checksum and shape is available in <see cref="TicFrameDecoder.Group"/>.</summary>
        Group = 2,

        /// <summary>A group was rejected; <see cref="TicFrameDecoder.LastReject"/> says why.</summary>
        GroupRejected = 3,

        /// <summary>ETX: the frame ended; <see cref="TicFrameDecoder.FrameValid"/> tells whether every group of it was valid.</summary>
        FrameEnd = 4,

        /// <summary>EOT: the meter interrupted the frame (it does so to answer a request on the TIC line).</summary>
        FrameAborted = 5,
    }
}
