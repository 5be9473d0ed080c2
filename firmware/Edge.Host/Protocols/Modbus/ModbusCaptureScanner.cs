using System;
using System.Collections.Generic;
using Edge.Drivers.Modbus;

namespace Edge.Host.Protocols.Modbus
{
    /// <summary>One frame found in a capture: a request, and the reply that followed it when one did.</summary>
    public sealed record ModbusExchange(byte[]? Request, byte[] Reply, ModbusReplyStatus Status, int ExceptionCode)
    {
        /// <summary>Slave address of the reply.</summary>
        public int Slave => Reply[0];

        /// <summary>Function of the request (or of the reply, for one whose request is not in the capture).</summary>
        public int Function => (Request ?? Reply)[1] & ~ModbusFunction.ExceptionFlag;

        /// <summary>First register read, from the request; null when the request is not in the capture.</summary>
        public int? Start => Request is null ? null : ModbusFrames.Word(Request, 2);
    }

    /// <summary>
    /// Cuts a capture of an RS-485 bus (every byte a sniffer saw, requests and replies, with no timing) into
    /// exchanges. RTU frames carry no delimiter but the silence between them (Serial Line V1.02, §2.5.1.1), which a
    /// byte capture loses, so a frame is recognised by its structure and CRC: a request (function 3, 4, 6 or 16 and a
    /// CRC that holds), then the reply its request calls for, judged by the driver's own <see cref="ModbusReply"/>.
    /// A reply whose request was not captured is kept when its CRC holds; a byte that starts no frame is skipped
    /// and counted.
    /// </summary>
    public sealed class ModbusCaptureScanner
    {
        /// <summary>Exchanges found: requests with their replies (any status), replies without a request.</summary>
        public List<ModbusExchange> Exchanges { get; } = new();

        /// <summary>Requests followed by no reply (timeouts on the bus, or a reply lost to errors).</summary>
        public int Unanswered { get; private set; }

        /// <summary>Bytes that started no frame: damaged frames, noise.</summary>
        public int SkippedBytes { get; private set; }

        public static ModbusCaptureScanner Scan(byte[] capture)
        {
            var scanner = new ModbusCaptureScanner();
            scanner.Run(capture);
            return scanner;
        }

        private void Run(byte[] b)
        {
            byte[]? pending = null;
            int at = 0;
            while (at < b.Length)
            {
                if (pending is not null && TryReply(b, at, pending, out int replyLength, out ModbusReplyStatus status, out int code))
                {
                    Exchanges.Add(new ModbusExchange(pending, Slice(b, at, replyLength), status, code));
                    pending = null;
                    at += replyLength;
                    continue;
                }

                if (TryRequest(b, at, out int requestLength))
                {
                    if (pending is not null)
                    {
                        Unanswered++;
                    }

                    pending = Slice(b, at, requestLength);
                    at += requestLength;
                    continue;
                }

                if (pending is null && TryLoneReply(b, at, out int loneLength))
                {
                    byte[] reply = Slice(b, at, loneLength);
                    bool exception = (reply[1] & ModbusFunction.ExceptionFlag) != 0;
                    Exchanges.Add(new ModbusExchange(null, reply, exception ? ModbusReplyStatus.Exception : ModbusReplyStatus.Valid, exception ? reply[2] : 0));
                    at += loneLength;
                    continue;
                }

                SkippedBytes++;
                at++;
            }

            if (pending is not null)
            {
                Unanswered++;
            }
        }

        private static bool TryRequest(byte[] b, int at, out int length)
        {
            length = 0;
            if (b.Length - at < ModbusFrames.FixedLength || b[at] < ModbusFunction.FirstSlave || b[at] > ModbusFunction.LastSlave)
            {
                return false;
            }

            switch (b[at + 1])
            {
                case ModbusFunction.ReadHoldingRegisters:
                case ModbusFunction.ReadInputRegisters:
                case ModbusFunction.WriteSingleRegister:
                    length = ModbusFrames.FixedLength;
                    break;
                case ModbusFunction.WriteMultipleRegisters:
                    length = b.Length - at > 6 ? ModbusFrames.WriteMultipleOverhead + b[at + 6] : 0;
                    break;
                default:
                    return false;
            }

            return length > 0 && at + length <= b.Length && ModbusCrc.Holds(Slice(b, at, length), length);
        }

        private static bool TryReply(byte[] b, int at, byte[] request, out int length, out ModbusReplyStatus status, out int code)
        {
            status = ModbusReplyStatus.Malformed;
            code = 0;
            foreach (int candidate in new[] { ModbusFrames.ReplyLength(request), ModbusFrames.ExceptionLength })
            {
                length = candidate;
                if (at + length > b.Length)
                {
                    continue;
                }

                status = ModbusReply.Check(request, Slice(b, at, length), length, out code);
                if (status is ModbusReplyStatus.Valid or ModbusReplyStatus.Exception)
                {
                    return true;
                }
            }

            length = 0;
            return false;
        }

        private static bool TryLoneReply(byte[] b, int at, out int length)
        {
            length = 0;
            if (b.Length - at < ModbusFrames.ExceptionLength)
            {
                return false;
            }

            int function = b[at + 1];
            if ((function & ModbusFunction.ExceptionFlag) != 0)
            {
                length = ModbusFrames.ExceptionLength;
            }
            else if (function is ModbusFunction.ReadHoldingRegisters or ModbusFunction.ReadInputRegisters)
            {
                length = ModbusFrames.ReadReplyOverhead + b[at + 2];
            }
            else
            {
                return false;
            }

            return at + length <= b.Length && ModbusCrc.Holds(Slice(b, at, length), length);
        }

        private static byte[] Slice(byte[] b, int at, int length) => b.AsSpan(at, length).ToArray();
    }
}
