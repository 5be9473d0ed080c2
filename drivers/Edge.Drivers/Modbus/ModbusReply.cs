#nullable disable
namespace Edge.Drivers.Modbus
{
    /// <summary>
    /// Judges a reply against its request: nothing of a reply is used unless its CRC holds, it comes from the slave
    /// asked, and its function and length are those the request calls for (MODBUS Application Protocol V1.1b3,
    /// §6.3, §6.4, §6.6, §6.12; exceptions §7). Reads only the two buffers: no state, no allocation.
    /// </summary>
    public static class ModbusReply
    {
        /// <summary>The status of the <paramref name="length"/> bytes of <paramref name="reply"/> as an answer to the
        /// request in <paramref name="request"/>; for an exception, its code in <paramref name="exceptionCode"/>
        /// (0 otherwise).</summary>
        public static ModbusReplyStatus Check(byte[] request, byte[] reply, int length, out int exceptionCode)
        {
            exceptionCode = 0;
            if (length < ModbusFrames.ExceptionLength)
            {
                // Too short for any reply (§2.5.1.1: address, function, at least one data byte, CRC).
                return ModbusReplyStatus.Malformed;
            }

            if (!ModbusCrc.Holds(reply, length))
            {
                return ModbusReplyStatus.BadCrc;
            }

            if (reply[0] != request[0])
            {
                return ModbusReplyStatus.WrongSlave;
            }

            int function = request[1];
            if (reply[1] == (function | ModbusFunction.ExceptionFlag) && length == ModbusFrames.ExceptionLength)
            {
                exceptionCode = reply[2];
                return ModbusReplyStatus.Exception;
            }

            if (reply[1] != function || length != ModbusFrames.ReplyLength(request))
            {
                return ModbusReplyStatus.Malformed;
            }

            if (function == ModbusFunction.ReadHoldingRegisters || function == ModbusFunction.ReadInputRegisters)
            {
                return reply[2] == length - ModbusFrames.ReadReplyOverhead ? ModbusReplyStatus.Valid : ModbusReplyStatus.Malformed;
            }

            // A write's reply echoes the address and the value (0x06) or the quantity (0x10) (§6.6, §6.12).
            for (int i = 2; i < 6; i++)
            {
                if (reply[i] != request[i])
                {
                    return ModbusReplyStatus.Malformed;
                }
            }

            return ModbusReplyStatus.Valid;
        }
    }
}
