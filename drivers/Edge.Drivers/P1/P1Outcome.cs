#nullable disable
namespace Edge.Drivers.P1
{
    /// <summary>How the last telegram the decoder saw ended (<see cref="P1TelegramDecoder.Outcome"/>).</summary>
    public enum P1Outcome : byte
    {
        /// <summary>No telegram has ended since the last call: the bytes so far are inside one, or between two.</summary>
        None = 0,

        /// <summary>Framed, its CRC held (or, DSMR 2.2/3.0, none was due): its values are in the telegram.</summary>
        Valid = 1,

        /// <summary>The CRC after '!' does not match the bytes, or is not 1 to 4 hex digits.</summary>
        BadCrc = 2,

        /// <summary>No CRC after '!' where one is due: a DSMR 4/5 telegram, or a line set up for DSMR 4/5.</summary>
        MissingCrc = 3,

        /// <summary>A new '/' came before the '!' of the telegram: bytes were lost, or the meter restarted.</summary>
        Truncated = 4,

        /// <summary>A line ran past <see cref="P1TelegramDecoder.MaxLineLength"/>: its line end was lost.</summary>
        LineTooLong = 5,
    }
}
