#nullable disable
namespace Edge.Drivers.Modbus
{
    /// <summary>What a reply is worth, judged against the request it answers (see <see cref="ModbusReply.Check"/>).</summary>
    public enum ModbusReplyStatus : byte
    {
        /// <summary>The answer to the request: CRC, slave, function and length all hold.</summary>
        Valid = 0,

        /// <summary>The CRC does not match the bytes: reception errors, a frame cut short or two frames run together.</summary>
        BadCrc = 1,

        /// <summary>A sound frame from another slave than the one asked: two meters at one address, or a late answer.</summary>
        WrongSlave = 2,

        /// <summary>A sound exception reply (§7 of the application protocol): the slave refused the request.</summary>
        Exception = 3,

        /// <summary>A sound frame from the right slave that is not the answer: another function, a byte count that
        /// does not match the registers asked for, a write echo that differs, or too short to be a frame.</summary>
        Malformed = 4,
    }
}
