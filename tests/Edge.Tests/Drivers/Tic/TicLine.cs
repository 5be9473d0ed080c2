using System;
using System.Collections.Generic;
using Edge.Core.Model;
using Edge.Core.Platform;
using Edge.Core.Security;
using Edge.Drivers.Tic;
using Edge.Tests.Fakes;

namespace Edge.Tests.Drivers.Tic
{
    /// <summary>
    /// A <see cref="TicMeter"/> on a serial line the test writes frames into: each <see cref="Send"/> queues the
    /// bytes and polls the driver once, <paramref name="secondsPerFrame"/> later than the previous poll, so the
    /// readings are exactly those the driver would hand to the node.
    /// </summary>
    internal sealed class TicLine
    {
        private readonly QueuedLink _link = new();
        private readonly int _secondsPerFrame;
        private long _ms;

        public TicLine(TicMode mode = TicMode.Historique, int secondsPerFrame = 2)
        {
            _secondsPerFrame = secondsPerFrame;
            Meter = new TicMeter("main", _link, mode, new MeterIdentity(MeterIdPolicy.Omit, null!));
        }

        public static DateTime Start { get; } = new(2026, 11, 25, 20, 0, 0, DateTimeKind.Utc);

        public TicMeter Meter { get; }

        public RecordingSink Sink { get; } = new();

        public TicCounters Counters => Meter.Counters;

        public DateTime Now => Start.AddMilliseconds(_ms);

        public TicLine Send(byte[] bytes)
        {
            _link.Queue(bytes);
            _ms += _secondsPerFrame * 1000L;
            Meter.Poll(Now, _ms, Sink);
            return this;
        }

        /// <summary>Lets time pass with nothing on the line.</summary>
        public TicLine Wait(TimeSpan time)
        {
            _ms += (long)time.TotalMilliseconds;
            return this;
        }

        /// <summary>The values published for a quantity, in order.</summary>
        public List<long> Published(QuantityId quantity) => Sink.Readings.FindAll(r => r.Quantity == quantity).ConvertAll(r => r.Value);

        private sealed class QueuedLink : ISerialLink
        {
            private readonly Queue<byte> _bytes = new();

            public void Queue(byte[] bytes)
            {
                foreach (byte b in bytes)
                {
                    _bytes.Enqueue(b);
                }
            }

            public void Open(int baudRate, int dataBits, SerialParity parity, int stopBits)
            {
            }

            public int Read(byte[] buffer, int offset, int count)
            {
                int n = 0;
                while (n < count && _bytes.Count > 0)
                {
                    buffer[offset + n++] = _bytes.Dequeue();
                }

                return n;
            }

            public void Write(byte[] buffer, int offset, int count)
            {
            }
        }
    }
}
