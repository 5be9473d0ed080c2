using System;
using System.Collections.Generic;
using System.Linq;
using Edge.Core.Meters.Buses;
using Edge.Core.Platform;
using Xunit;

namespace Edge.Tests.Core.Meters.Buses
{
    public class Rs485LineTests
    {
        // 9600 baud: t3.5 = 3.5 x 11 / 9600 s = 4.01 ms, 5 ms on a millisecond clock.
        private const long Silence = 5;
        private const long Timeout = 100;

        [Theory]
        [InlineData(9600, 5)]
        [InlineData(19200, 3)]
        [InlineData(115200, 2)]
        public void Waits_three_and_a_half_characters_between_frames_and_a_fixed_1750_us_above_19200_baud(int baud, long ms)
        {
            Assert.Equal(ms, Rs485Line.InterFrameSilenceMs(baud));
        }

        [Fact]
        public void Serves_two_slaves_one_transaction_at_a_time_in_the_order_queued()
        {
            var wire = new FakeWire();
            wire.Slave(1, new byte[] { 1, 3, 2, 0x09, 0x29 }, replyAfterMs: 20);
            wire.Slave(2, new byte[] { 2, 3, 2, 0x00, 0x64 }, replyAfterMs: 30);
            var line = new Rs485Line(wire, 9600, SerialParity.Even, 1, Timeout, 150, 4);
            Rs485Request first = Request(1, expectedReply: 5);
            Rs485Request second = Request(2, expectedReply: 5);

            Assert.True(line.Submit(first));
            Assert.True(line.Submit(second));
            wire.RunUntil(line, 200);

            // First frame after the silence that follows opening the line; the second after the first reply
            // (complete at 5 + 20 ms) and a silence.
            Assert.Equal(new[] { (1, 5L), (2, 30L) }, wire.Sent.ToArray());
            Assert.Equal((Rs485Outcome.Answered, Rs485Outcome.Answered), (first.Outcome, second.Outcome));
            Assert.Equal(new byte[] { 1, 3, 2, 0x09, 0x29 }, first.Reply.Take(first.ReplyLength).ToArray());
            Assert.Equal(new byte[] { 2, 3, 2, 0x00, 0x64 }, second.Reply.Take(second.ReplyLength).ToArray());
            Assert.Equal((2L, 0L), (line.Transactions, line.Timeouts));
            Assert.Equal((8, SerialParity.Even), (wire.DataBits, wire.Parity));
        }

        [Fact]
        public void A_reply_of_unknown_length_ends_with_the_inter_frame_silence()
        {
            var wire = new FakeWire();
            wire.Slave(7, new byte[] { 7, 0x83, 2, 0xC0, 0xF1 }, replyAfterMs: 10);
            var line = new Rs485Line(wire, 9600, SerialParity.Even, 1, Timeout, 150, 4);
            Rs485Request request = Request(7, expectedReply: 0);
            line.Submit(request);

            wire.RunUntil(line, 5 + 10 + Silence - 1);
            Assert.True(request.Busy);
            wire.RunUntil(line, 5 + 10 + Silence);
            Assert.Equal((false, Rs485Outcome.Answered, 5), (request.Busy, request.Outcome, request.ReplyLength));
        }

        [Fact]
        public void A_slave_that_does_not_answer_is_timed_out_and_counted_without_blocking_the_other()
        {
            var wire = new FakeWire();
            wire.Slave(2, new byte[] { 2, 3, 2, 0x00, 0x64 }, replyAfterMs: 30);
            var line = new Rs485Line(wire, 9600, SerialParity.Even, 1, Timeout, 150, 4);
            Rs485Request dead = Request(1, expectedReply: 5);
            Rs485Request alive = Request(2, expectedReply: 5);
            line.Submit(dead);
            line.Submit(alive);

            wire.RunUntil(line, 300);

            Assert.Equal(new[] { (1, 5L), (2, 5 + Timeout + Silence) }, wire.Sent.ToArray());
            Assert.Equal((Rs485Outcome.TimedOut, 1L), (dead.Outcome, dead.Timeouts));
            Assert.Equal((Rs485Outcome.Answered, 0L), (alive.Outcome, alive.Timeouts));
            Assert.Equal((2L, 1L), (line.Transactions, line.Timeouts));
            Assert.Equal("timeouts", line.CounterName(1));
            Assert.Equal(1, line.CounterValue(1));
        }

        [Fact]
        public void A_late_answer_is_discarded_and_counted_never_taken_for_the_next_slaves_reply()
        {
            var wire = new FakeWire();
            wire.Slave(1, new byte[] { 1, 3, 2, 0xFF, 0xFF }, replyAfterMs: Timeout + 3);
            wire.Slave(2, new byte[] { 2, 3, 2, 0x00, 0x64 }, replyAfterMs: 30);
            var line = new Rs485Line(wire, 9600, SerialParity.Even, 1, Timeout, 150, 4);
            Rs485Request slow = Request(1, expectedReply: 5);
            Rs485Request next = Request(2, expectedReply: 5);
            line.Submit(slow);
            line.Submit(next);

            wire.RunUntil(line, 400);

            // Timed out at 105; the late bytes at 108 restart the silence, so slave 2 is asked at 113.
            Assert.Equal(new[] { (1, 5L), (2, 108 + Silence) }, wire.Sent.ToArray());
            Assert.Equal(Rs485Outcome.TimedOut, slow.Outcome);
            Assert.Equal(new byte[] { 2, 3, 2, 0x00, 0x64 }, next.Reply.Take(next.ReplyLength).ToArray());
            Assert.Equal(5, line.StrayBytes);
        }

        [Fact]
        public void A_broadcast_expects_no_reply_and_holds_the_line_for_the_turnaround_delay()
        {
            var wire = new FakeWire();
            wire.Slave(2, new byte[] { 2, 3, 2, 0x00, 0x64 }, replyAfterMs: 30);
            var line = new Rs485Line(wire, 9600, SerialParity.Even, 1, Timeout, 150, 4);
            Rs485Request broadcast = Request(0, expectedReply: 0);
            Rs485Request read = Request(2, expectedReply: 5);
            line.Submit(broadcast);
            line.Submit(read);

            wire.RunUntil(line, 300);

            Assert.Equal(new[] { (0, 5L), (2, 155L) }, wire.Sent.ToArray());
            Assert.Equal((Rs485Outcome.Broadcast, Rs485Outcome.Answered), (broadcast.Outcome, read.Outcome));
        }

        [Fact]
        public void A_reply_longer_than_its_buffer_is_an_overrun_and_is_discarded()
        {
            var wire = new FakeWire();
            wire.Slave(3, new byte[] { 3, 3, 4, 1, 2, 3, 4, 0xAA, 0xBB }, replyAfterMs: 10);
            var line = new Rs485Line(wire, 9600, SerialParity.Even, 1, Timeout, 150, 4);
            var request = new Rs485Request(3, 8, 5) { FrameLength = 8 };
            request.Frame[0] = 3;
            line.Submit(request);

            wire.RunUntil(line, 100);

            Assert.Equal((Rs485Outcome.Overrun, 1L, 0L), (request.Outcome, line.Overruns, line.StrayBytes));
        }

        [Fact]
        public void Refuses_and_counts_a_request_still_busy_or_beyond_the_queue()
        {
            var line = new Rs485Line(new FakeWire(), 9600, SerialParity.Even, 1, Timeout, 150, 2);
            Rs485Request a = Request(1, 5);
            Assert.True(line.Submit(a));
            Assert.False(line.Submit(a));
            Assert.True(line.Submit(Request(2, 5)));
            Assert.False(line.Submit(Request(3, 5)));
            Assert.Equal((2L, 2), (line.Refused, line.Queued));
        }

        private static Rs485Request Request(int address, int expectedReply)
        {
            // A Modbus read of one holding register: address, function 3, start, count, CRC.
            var request = new Rs485Request(address, 8, 16) { FrameLength = 8, ExpectedReplyLength = expectedReply };
            request.Frame[0] = (byte)address;
            request.Frame[1] = 3;
            return request;
        }

        /// <summary>
        /// A half-duplex line with slaves behind it: a slave answers a frame addressed to it after its own delay;
        /// a slave not declared never answers. Time is the test's.
        /// </summary>
        private sealed class FakeWire : ISerialLink
        {
            private readonly Dictionary<int, (byte[] Reply, long After)> _slaves = new();
            private readonly Queue<(long At, byte Value)> _pending = new();
            private long _now;

            public List<(int Address, long At)> Sent { get; } = new();

            public int DataBits { get; private set; }

            public SerialParity Parity { get; private set; }

            public void Slave(int address, byte[] reply, long replyAfterMs) => _slaves[address] = (reply, replyAfterMs);

            public void RunUntil(Rs485Line line, long endMs)
            {
                for (; _now <= endMs; _now++)
                {
                    line.Run(_now);
                }

                _now = endMs;
            }

            public void Open(int baudRate, int dataBits, SerialParity parity, int stopBits) => (DataBits, Parity) = (dataBits, parity);

            public int Read(byte[] buffer, int offset, int count)
            {
                int n = 0;
                while (n < count && _pending.Count > 0 && _pending.Peek().At <= _now)
                {
                    buffer[offset + n++] = _pending.Dequeue().Value;
                }

                return n;
            }

            public void Write(byte[] buffer, int offset, int count)
            {
                int address = buffer[offset];
                Sent.Add((address, _now));
                if (_slaves.TryGetValue(address, out var slave))
                {
                    foreach (byte b in slave.Reply)
                    {
                        _pending.Enqueue((_now + slave.After, b));
                    }
                }
            }
        }
    }
}
