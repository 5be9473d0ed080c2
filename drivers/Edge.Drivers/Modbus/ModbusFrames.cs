#nullable disable
using System;

namespace Edge.Drivers.Modbus
{
    /// <summary>
    /// Builds RTU request frames in a caller's buffer (address, PDU, CRC: MODBUS over Serial Line V1.02, §2.5.1.1) and
    /// says how long their replies are, so a request of the poll cycle costs no allocation.
    /// </summary>
    public static class ModbusFrames
    {
        /// <summary>Bytes of a read request, and of the reply to a write: address, function, two 16-bit fields, CRC.</summary>
        public const int FixedLength = 8;

        /// <summary>Bytes of an exception reply: address, function | 0x80, exception code, CRC (§7 of the application
        /// protocol).</summary>
        public const int ExceptionLength = 5;

        /// <summary>Bytes of a read reply around its data: address, function, byte count, CRC.</summary>
        public const int ReadReplyOverhead = 5;

        /// <summary>Bytes of a write-multiple request around its data: address, function, start, quantity, byte
        /// count, CRC.</summary>
        public const int WriteMultipleOverhead = 9;

        /// <summary>A read of <paramref name="count"/> registers from <paramref name="start"/> (function 0x03 or
        /// 0x04); returns the frame's length, 8.</summary>
        public static int Read(byte[] frame, int slave, int function, int start, int count)
        {
            if (function != ModbusFunction.ReadHoldingRegisters && function != ModbusFunction.ReadInputRegisters)
            {
                throw new ArgumentOutOfRangeException("function");
            }

            if (count < 1 || count > ModbusFunction.MaxReadRegisters)
            {
                throw new ArgumentOutOfRangeException("count");
            }

            return Fixed(frame, slave, function, start, count);
        }

        /// <summary>Write Single Register (0x06) of <paramref name="value"/> at <paramref name="address"/>; returns 8.</summary>
        public static int WriteSingle(byte[] frame, int slave, int address, int value)
        {
            return Fixed(frame, slave, ModbusFunction.WriteSingleRegister, address, value & 0xFFFF);
        }

        /// <summary>Write Multiple Registers (0x10) of <paramref name="count"/> values from <paramref name="values"/>
        /// at <paramref name="address"/>; returns the frame's length, 9 + 2 x count.</summary>
        public static int WriteMultiple(byte[] frame, int slave, int address, ushort[] values, int count)
        {
            if (count < 1 || count > ModbusFunction.MaxWriteRegisters || count > values.Length)
            {
                throw new ArgumentOutOfRangeException("count");
            }

            Header(frame, slave, ModbusFunction.WriteMultipleRegisters, address, count);
            frame[6] = (byte)(2 * count);
            for (int i = 0; i < count; i++)
            {
                frame[7 + (2 * i)] = (byte)(values[i] >> 8);
                frame[8 + (2 * i)] = (byte)values[i];
            }

            return ModbusCrc.Append(frame, 7 + (2 * count));
        }

        /// <summary>How long the reply to the request in <paramref name="frame"/> is when it is not an exception:
        /// 5 + 2n for a read of n registers, 8 for a write.</summary>
        public static int ReplyLength(byte[] frame)
        {
            int function = frame[1];
            if (function == ModbusFunction.ReadHoldingRegisters || function == ModbusFunction.ReadInputRegisters)
            {
                return ReadReplyOverhead + (2 * Word(frame, 4));
            }

            return FixedLength;
        }

        /// <summary>The big-endian 16-bit field at <paramref name="offset"/> (Application Protocol §4.2: "big-Endian").</summary>
        public static int Word(byte[] buffer, int offset)
        {
            return (buffer[offset] << 8) | buffer[offset + 1];
        }

        private static int Fixed(byte[] frame, int slave, int function, int first, int second)
        {
            Header(frame, slave, function, first, second);
            return ModbusCrc.Append(frame, 6);
        }

        private static void Header(byte[] frame, int slave, int function, int first, int second)
        {
            if (slave < ModbusFunction.FirstSlave || slave > ModbusFunction.LastSlave)
            {
                throw new ArgumentOutOfRangeException("slave");
            }

            if (first < 0 || first > 0xFFFF)
            {
                throw new ArgumentOutOfRangeException("first");
            }

            frame[0] = (byte)slave;
            frame[1] = (byte)function;
            frame[2] = (byte)(first >> 8);
            frame[3] = (byte)first;
            frame[4] = (byte)(second >> 8);
            frame[5] = (byte)second;
        }
    }
}
