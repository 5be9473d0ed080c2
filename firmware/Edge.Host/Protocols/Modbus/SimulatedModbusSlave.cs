using System;
using System.Collections.Generic;
using Edge.Drivers.Modbus;

namespace Edge.Host.Protocols.Modbus
{
    /// <summary>
    /// A Modbus RTU slave in memory, answering as a real one does (MODBUS Application Protocol V1.1b3, §6 and §7;
    /// Serial Line V1.02): frames with a bad CRC or for another address are ignored, reads and writes of registers it
    /// has are answered, a register it lacks gets exception 02, an unknown function exception 01, a count outside
    /// 1..125 exception 03. Faults can be injected: silence, replies with a bad CRC, replies from a wrong address.
    /// </summary>
    public class SimulatedModbusSlave
    {
        private readonly Dictionary<int, ushort> _input = new();
        private readonly Dictionary<int, ushort> _holding = new();

        public SimulatedModbusSlave(int address)
        {
            if (address < ModbusFunction.FirstSlave || address > ModbusFunction.LastSlave)
            {
                throw new ArgumentOutOfRangeException(nameof(address), address, "slave addresses go from 1 to 247");
            }

            Address = address;
        }

        /// <summary>The slave's address on the line.</summary>
        public int Address { get; }

        /// <summary>True: the slave answers nothing at all (unpowered, wrong address set).</summary>
        public bool Silent { get; set; }

        /// <summary>Requests still to be ignored, as if lost on the line; counts down.</summary>
        public int IgnoreNext { get; set; }

        /// <summary>Replies still to be sent with one bit flipped after the CRC was computed; counts down.</summary>
        public int CorruptNext { get; set; }

        /// <summary>Replies still to be sent with another slave's address (with a sound CRC); counts down.</summary>
        public int WrongAddressNext { get; set; }

        /// <summary>Requests the slave answered (exceptions included).</summary>
        public int Answered { get; private set; }

        /// <summary>Milliseconds from the end of a request to the first byte of the reply (Eastron: tens of ms).</summary>
        public int ResponseDelayMs { get; set; } = 20;

        /// <summary>Sets an input register (function 0x04).</summary>
        public void SetInput(int register, ushort value) => _input[register] = value;

        /// <summary>Sets a holding register (function 0x03, written by 0x06 and 0x10).</summary>
        public void SetHolding(int register, ushort value) => _holding[register] = value;

        /// <summary>A holding register's value, or null when the slave lacks it.</summary>
        public ushort? Holding(int register) => _holding.TryGetValue(register, out ushort value) ? value : null;

        /// <summary>Sets a float32 over two input registers, high word first (Eastron's order).</summary>
        public void SetInputFloat(int register, float value)
        {
            uint bits = BitConverter.SingleToUInt32Bits(value);
            SetInput(register, (ushort)(bits >> 16));
            SetInput(register + 1, (ushort)bits);
        }

        /// <summary>Sets a float32 over two holding registers, high word first.</summary>
        public void SetHoldingFloat(int register, float value)
        {
            uint bits = BitConverter.SingleToUInt32Bits(value);
            SetHolding(register, (ushort)(bits >> 16));
            SetHolding(register + 1, (ushort)bits);
        }

        /// <summary>The reply to a frame seen on the line, or null when the slave stays silent (not for it, bad CRC,
        /// broadcast, a fault).</summary>
        public byte[]? Answer(byte[] frame, int length)
        {
            if (length < 4 || !ModbusCrc.Holds(frame, length))
            {
                return null;
            }

            if (frame[0] != Address || Silent)
            {
                return null;
            }

            if (IgnoreNext > 0)
            {
                IgnoreNext--;
                return null;
            }

            byte[] reply = Reply(frame, length);
            Answered++;
            if (WrongAddressNext > 0)
            {
                WrongAddressNext--;
                reply[0] = (byte)(Address == ModbusFunction.LastSlave ? 1 : Address + 1);
                ModbusCrc.Append(reply, reply.Length - 2);
            }

            if (CorruptNext > 0)
            {
                CorruptNext--;
                reply[reply.Length / 2] ^= 0x10;
            }

            return reply;
        }

        private byte[] Reply(byte[] frame, int length)
        {
            int function = frame[1];
            switch (function)
            {
                case ModbusFunction.ReadHoldingRegisters:
                case ModbusFunction.ReadInputRegisters:
                    return length == ModbusFrames.FixedLength ? Read(function == ModbusFunction.ReadInputRegisters ? _input : _holding, frame) : Exception(frame, ModbusFunction.IllegalDataValue);
                case ModbusFunction.WriteSingleRegister:
                    return WriteSingle(frame);
                case ModbusFunction.WriteMultipleRegisters:
                    return WriteMultiple(frame, length);
                default:
                    return Exception(frame, ModbusFunction.IllegalFunction);
            }
        }

        private byte[] Read(Dictionary<int, ushort> registers, byte[] frame)
        {
            int start = ModbusFrames.Word(frame, 2);
            int count = ModbusFrames.Word(frame, 4);
            if (count < 1 || count > ModbusFunction.MaxReadRegisters)
            {
                return Exception(frame, ModbusFunction.IllegalDataValue);
            }

            byte[] reply = new byte[ModbusFrames.ReadReplyOverhead + (2 * count)];
            reply[0] = frame[0];
            reply[1] = frame[1];
            reply[2] = (byte)(2 * count);
            for (int i = 0; i < count; i++)
            {
                if (!registers.TryGetValue(start + i, out ushort value))
                {
                    return Exception(frame, ModbusFunction.IllegalDataAddress);
                }

                reply[3 + (2 * i)] = (byte)(value >> 8);
                reply[4 + (2 * i)] = (byte)value;
            }

            ModbusCrc.Append(reply, reply.Length - 2);
            return reply;
        }

        private byte[] WriteSingle(byte[] frame)
        {
            int register = ModbusFrames.Word(frame, 2);
            if (!_holding.ContainsKey(register))
            {
                return Exception(frame, ModbusFunction.IllegalDataAddress);
            }

            _holding[register] = (ushort)ModbusFrames.Word(frame, 4);
            return Echo(frame);
        }

        private byte[] WriteMultiple(byte[] frame, int length)
        {
            int start = ModbusFrames.Word(frame, 2);
            int count = ModbusFrames.Word(frame, 4);
            if (count < 1 || count > ModbusFunction.MaxWriteRegisters || frame[6] != 2 * count || length != ModbusFrames.WriteMultipleOverhead + (2 * count))
            {
                return Exception(frame, ModbusFunction.IllegalDataValue);
            }

            for (int i = 0; i < count; i++)
            {
                if (!_holding.ContainsKey(start + i))
                {
                    return Exception(frame, ModbusFunction.IllegalDataAddress);
                }
            }

            for (int i = 0; i < count; i++)
            {
                _holding[start + i] = (ushort)ModbusFrames.Word(frame, 7 + (2 * i));
            }

            return Echo(frame);
        }

        private static byte[] Echo(byte[] frame)
        {
            byte[] reply = new byte[ModbusFrames.FixedLength];
            Array.Copy(frame, reply, 6);
            ModbusCrc.Append(reply, 6);
            return reply;
        }

        private static byte[] Exception(byte[] frame, int code)
        {
            byte[] reply = new byte[ModbusFrames.ExceptionLength];
            reply[0] = frame[0];
            reply[1] = (byte)(frame[1] | ModbusFunction.ExceptionFlag);
            reply[2] = (byte)code;
            ModbusCrc.Append(reply, 3);
            return reply;
        }
    }
}
