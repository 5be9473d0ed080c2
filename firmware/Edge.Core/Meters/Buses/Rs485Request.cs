#nullable disable
using System;

namespace Edge.Core.Meters.Buses
{
    /// <summary>
    /// One request a driver puts on an <see cref="Rs485Line"/> and the reply it gets, in buffers the driver allocates
    /// once: a driver keeps one request, fills <see cref="Frame"/>, submits it, and reads the outcome on a later poll.
    /// The line sends the frame as given (address, function, data and CRC are the protocol driver's business).
    /// </summary>
    public sealed class Rs485Request
    {
        /// <param name="address">Slave address on the line, 0 for a broadcast.</param>
        /// <param name="frameCapacity">Largest request in bytes (Modbus RTU: 256, §2.5.1).</param>
        /// <param name="replyCapacity">Largest reply in bytes.</param>
        public Rs485Request(int address, int frameCapacity, int replyCapacity)
        {
            if (address < 0 || address > 255)
            {
                throw new ArgumentOutOfRangeException("address");
            }

            Address = address;
            Frame = new byte[frameCapacity];
            Reply = new byte[replyCapacity];
        }

        /// <summary>Slave address on the line (0 to 255), 0 for a broadcast, which gets no reply.</summary>
        public int Address { get; private set; }

        /// <summary>The bytes to send; <see cref="FrameLength"/> of them are sent.</summary>
        public byte[] Frame { get; private set; }

        /// <summary>Bytes of <see cref="Frame"/> to send.</summary>
        public int FrameLength { get; set; }

        /// <summary>Reply length known from the request (a Modbus read of n registers: 5 + 2n); the transaction ends
        /// as soon as that many bytes came. 0: the reply ends with the line's inter-frame silence.</summary>
        public int ExpectedReplyLength { get; set; }

        /// <summary>Buffer the reply is read into; its length bounds the reply (a longer one is an overrun).</summary>
        public byte[] Reply { get; private set; }

        /// <summary>Bytes of <see cref="Reply"/> received in the last transaction.</summary>
        public int ReplyLength { get; internal set; }

        /// <summary>True from submission until the transaction ended.</summary>
        public bool Busy { get; internal set; }

        /// <summary>How the last transaction ended; None while it is queued or in flight.</summary>
        public Rs485Outcome Outcome { get; internal set; }

        /// <summary>Transactions of this request that timed out, so each slave's health can be told apart.</summary>
        public long Timeouts { get; internal set; }
    }
}
