#nullable disable
using System;
using Edge.Core.Platform;

namespace Edge.Core.Meters.Buses
{
    /// <summary>
    /// An RS-485 line shared by several slaves, one transaction at a time (Modbus over serial line V1.02: a single
    /// master, half duplex). Drivers queue their requests; the line sends the next one after the line has been
    /// silent for 3.5 characters, takes the reply until it is complete or silent again, and times out a slave that
    /// does not answer, counting it, so that one dead meter only costs its own timeout and never blocks the others.
    /// Bytes that arrive while no request is in flight (a late answer) are discarded and counted, so they are never
    /// taken for the next slave's reply.
    /// </summary>
    public sealed class Rs485Line : IBusHub, ICounterSource
    {
        /// <summary>Bits per character in RTU mode: start, 8 data, parity (or a second stop) and stop (§2.5.1).</summary>
        private const int BitsPerCharacter = 11;

        /// <summary>Above 19200 baud the spec fixes t3.5 at 1750 µs instead of scaling it (§2.5.1.1).</summary>
        private const int FixedSilenceAboveBaud = 19200;

        private const int FixedSilenceMicroseconds = 1750;

        private readonly ISerialLink _link;
        private readonly int _baud;
        private readonly SerialParity _parity;
        private readonly int _stopBits;
        private readonly long _responseTimeoutMs;
        private readonly long _turnaroundMs;
        private readonly Rs485Request[] _queue;
        private readonly byte[] _scratch = new byte[32];
        private int _head;
        private int _count;
        private bool _open;
        private Rs485Request _current;
        private long _sentMs;
        private long _lastByteMs;
        private long _quietUntilMs;

        /// <param name="link">The UART behind the RS-485 transceiver.</param>
        /// <param name="baud">Line speed; Modbus RTU defaults to 19200 (§2.5.1).</param>
        /// <param name="parity">Even by default in Modbus RTU; None takes two stop bits (§2.5.1).</param>
        /// <param name="stopBits">1 with a parity bit, 2 without, so that a character stays 11 bits (§2.5.1).</param>
        /// <param name="responseTimeoutMs">Longest wait for the first byte of a reply.</param>
        /// <param name="turnaroundMs">Wait after a broadcast, for every slave to process it (§2.4.1, typically 100 to 200 ms).</param>
        /// <param name="queueCapacity">Requests that may wait at once: one per driver on the line is enough.</param>
        public Rs485Line(ISerialLink link, int baud, SerialParity parity, int stopBits, long responseTimeoutMs, long turnaroundMs, int queueCapacity)
        {
            if (link == null)
            {
                throw new ArgumentNullException("link");
            }

            if (baud <= 0)
            {
                throw new ArgumentOutOfRangeException("baud");
            }

            if (responseTimeoutMs <= 0)
            {
                throw new ArgumentOutOfRangeException("responseTimeoutMs");
            }

            if (turnaroundMs < 0)
            {
                throw new ArgumentOutOfRangeException("turnaroundMs");
            }

            if (queueCapacity <= 0)
            {
                throw new ArgumentOutOfRangeException("queueCapacity");
            }

            _link = link;
            _baud = baud;
            _parity = parity;
            _stopBits = stopBits;
            _responseTimeoutMs = responseTimeoutMs;
            _turnaroundMs = turnaroundMs;
            _queue = new Rs485Request[queueCapacity];
            SilenceMs = InterFrameSilenceMs(baud);
        }

        /// <summary>The 3.5-character silence that separates frames, in whole milliseconds (rounded up).</summary>
        public long SilenceMs { get; private set; }

        /// <summary>Requests waiting, not counting the one in flight.</summary>
        public int Queued
        {
            get { return _count; }
        }

        /// <summary>Frames sent, broadcasts included.</summary>
        public long Transactions { get; private set; }

        /// <summary>Requests whose slave sent no first byte within the response timeout.</summary>
        public long Timeouts { get; private set; }

        /// <summary>Replies longer than the request's reply buffer, ended as overruns.</summary>
        public long Overruns { get; private set; }

        /// <summary>Requests refused because the queue was full or the request was still busy.</summary>
        public long Refused { get; private set; }

        /// <summary>Bytes received while no request was in flight, discarded.</summary>
        public long StrayBytes { get; private set; }

        /// <summary>Five counters: transactions, timeouts, overruns, refused and strayBytes.</summary>
        public int CounterCount
        {
            get { return 5; }
        }

        /// <summary>Name of counter 0 to 4, in the order of <see cref="CounterValue"/>.</summary>
        public string CounterName(int index)
        {
            switch (index)
            {
                case 0:
                    return "transactions";
                case 1:
                    return "timeouts";
                case 2:
                    return "overruns";
                case 3:
                    return "refused";
                default:
                    return "strayBytes";
            }
        }

        /// <summary>Value of counter 0 to 4: transactions, timeouts, overruns, refused, stray bytes.</summary>
        public long CounterValue(int index)
        {
            switch (index)
            {
                case 0:
                    return Transactions;
                case 1:
                    return Timeouts;
                case 2:
                    return Overruns;
                case 3:
                    return Refused;
                default:
                    return StrayBytes;
            }
        }

        /// <summary>t3.5 for a speed: 3.5 x 11 bits / baud up to 19200 baud, 1.75 ms above (§2.5.1.1).</summary>
        public static long InterFrameSilenceMs(int baud)
        {
            long microseconds = baud > FixedSilenceAboveBaud ? FixedSilenceMicroseconds : (35L * BitsPerCharacter * 100000L) / baud;
            return (microseconds + 999) / 1000;
        }

        /// <summary>Queues a request; false (and counted) when the queue is full or the request is still busy.</summary>
        public bool Submit(Rs485Request request)
        {
            if (request == null)
            {
                throw new ArgumentNullException("request");
            }

            if (request.Busy || _count == _queue.Length)
            {
                Refused++;
                return false;
            }

            request.Busy = true;
            request.Outcome = Rs485Outcome.None;
            request.ReplyLength = 0;
            _queue[(_head + _count) % _queue.Length] = request;
            _count++;
            return true;
        }

        /// <summary>Advances the line: opens the link on the first call, takes reply bytes, ends or times out the
        /// transaction in flight, discards stray bytes and sends the next queued frame once the line has been silent.</summary>
        /// <param name="monotonicMs">Monotonic time in ms.</param>
        public void Run(long monotonicMs)
        {
            if (!_open)
            {
                _link.Open(_baud, 8, _parity, _stopBits);
                _open = true;
                _quietUntilMs = monotonicMs + SilenceMs;
            }

            if (_current != null)
            {
                Receive(monotonicMs);
            }

            if (_current == null)
            {
                Discard(monotonicMs);
                if (_count > 0 && monotonicMs >= _quietUntilMs)
                {
                    Send(monotonicMs);
                }
            }
        }

        private void Send(long monotonicMs)
        {
            _current = _queue[_head];
            _queue[_head] = null;
            _head = (_head + 1) % _queue.Length;
            _count--;
            _link.Write(_current.Frame, 0, _current.FrameLength);
            Transactions++;
            _sentMs = monotonicMs;
            _lastByteMs = -1;
            if (_current.Address == 0)
            {
                End(Rs485Outcome.Broadcast, monotonicMs, _turnaroundMs);
            }
        }

        private void Receive(long monotonicMs)
        {
            Rs485Request request = _current;
            byte[] reply = request.Reply;
            int room = reply.Length - request.ReplyLength;
            int got = room > 0 ? _link.Read(reply, request.ReplyLength, room) : 0;
            if (got > 0)
            {
                request.ReplyLength += got;
                _lastByteMs = monotonicMs;
            }

            if (request.ReplyLength == reply.Length && Drain() > 0)
            {
                Overruns++;
                End(Rs485Outcome.Overrun, monotonicMs, 0);
            }
            else if (request.ExpectedReplyLength > 0 && request.ReplyLength >= request.ExpectedReplyLength)
            {
                End(Rs485Outcome.Answered, monotonicMs, 0);
            }
            else if (_lastByteMs >= 0 && got == 0 && monotonicMs - _lastByteMs >= SilenceMs)
            {
                End(Rs485Outcome.Answered, monotonicMs, 0);
            }
            else if (_lastByteMs < 0 && monotonicMs - _sentMs >= _responseTimeoutMs)
            {
                Timeouts++;
                request.Timeouts++;
                End(Rs485Outcome.TimedOut, monotonicMs, 0);
            }
        }

        /// <summary>Ends the transaction; the next frame waits for the inter-frame silence (or longer).</summary>
        private void End(Rs485Outcome outcome, long monotonicMs, long wait)
        {
            _current.Outcome = outcome;
            _current.Busy = false;
            _current = null;
            _quietUntilMs = monotonicMs + (wait > SilenceMs ? wait : SilenceMs);
        }

        /// <summary>Reads and drops what arrived outside a transaction; a byte restarts the silence.</summary>
        private void Discard(long monotonicMs)
        {
            int total = Drain();
            if (total > 0)
            {
                StrayBytes += total;
                _quietUntilMs = monotonicMs + SilenceMs;
            }
        }

        private int Drain()
        {
            int total = 0;
            int got;
            while ((got = _link.Read(_scratch, 0, _scratch.Length)) > 0)
            {
                total += got;
            }

            return total;
        }
    }
}
