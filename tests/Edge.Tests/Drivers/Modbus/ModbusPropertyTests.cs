using System;
using System.Linq;
using Edge.Core.Meters;
using Edge.Core.Meters.Buses;
using Edge.Core.Model;
using Edge.Core.Platform;
using Edge.Drivers.Modbus;
using Edge.Host.Protocols.Modbus;
using Edge.Tests.Fakes;
using Xunit;

namespace Edge.Tests.Drivers.Modbus
{
    public class ModbusPropertyTests
    {
        private static byte[] ReadRequest(int slave, int start, int count)
        {
            var frame = new byte[8];
            ModbusFrames.Read(frame, slave, ModbusFunction.ReadInputRegisters, start, count);
            return frame;
        }

        [Fact]
        public void Random_bytes_never_crash_the_reply_check_and_are_never_valid_without_a_crc_that_holds()
        {
            var random = new Random(12);
            byte[] reply = new byte[300];
            int valid = 0;
            for (int i = 0; i < 200_000; i++)
            {
                byte[] request = ReadRequest(1 + random.Next(247), random.Next(0x10000 - 125), 1 + random.Next(125));
                random.NextBytes(reply);
                int length = random.Next(reply.Length + 1);
                if (i % 4 == 0)
                {
                    // A quarter shaped as the answer, with random data and a CRC that holds, and half of the rest with
                    // a CRC that holds over random bytes, so the checks after the CRC are reached too.
                    length = ModbusFrames.ReplyLength(request);
                    reply[0] = request[0];
                    reply[1] = request[1];
                    reply[2] = (byte)(length - 5);
                }

                if (i % 2 == 0 && length >= 3)
                {
                    ModbusCrc.Append(reply, length - 2);
                }

                ModbusReplyStatus status = ModbusReply.Check(request, reply, length, out int code);
                if (status is ModbusReplyStatus.Valid or ModbusReplyStatus.Exception)
                {
                    valid++;
                    Assert.True(ModbusCrc.Holds(reply, length));
                    Assert.Equal(request[0], reply[0]);
                }

                if (status == ModbusReplyStatus.Valid)
                {
                    Assert.Equal(ModbusFrames.ReplyLength(request), length);
                    Assert.Equal(length - 5, reply[2]);
                }
            }

            Assert.True(valid > 0);
        }

        [Fact]
        public void A_meter_answered_with_random_bytes_keeps_polling_and_never_gives_a_reading()
        {
            var link = new RandomReplyLink(5);
            var line = new Rs485Line(link, 9600, SerialParity.None, 1, 100, 100, 2);
            var meter = new ModbusMeter("noise", line, 1, EastronRegisterMaps.Named("sdm630")!, 1000);
            var sink = new RecordingSink();
            var start = Utc.At("2026-12-01T00:00:00Z");
            for (long ms = 0; ms < 600_000; ms += 5)
            {
                link.NowMs = ms;
                line.Run(ms);
                meter.Poll(start.AddMilliseconds(ms), ms, sink);
            }

            Assert.Empty(sink.Readings);
            Assert.Equal(0, meter.Counters.Answers);
            Assert.True(meter.Counters.RejectedCrc + meter.Counters.RejectedShape + meter.Counters.Overruns + meter.Counters.Timeouts > 100);
            Assert.True(meter.Failures >= 10, $"{meter.Failures} failures");
            Assert.Equal(meter.Counters.Requests, link.Requests);
        }

        [Fact]
        public void Every_single_bit_flip_and_every_truncation_of_a_real_reply_gives_the_true_values_or_no_reading()
        {
            ModbusRegisterMap map = EastronRegisterMaps.Named("sdm630")!;
            var slave = new SimulatedSdm630(1);
            slave.SetPhase(1, 230.2f, 5.5f, 1200.5f);
            slave.SetInputFloat(0x0048, 4210.123f);
            byte[] request = ReadRequest(1, 0, 80);
            byte[] reply = slave.Answer(request, 8)!;
            byte[] manualRequest = ReadRequest(1, 0, 2);
            byte[] manualReply = [0x01, 0x04, 0x04, 0x43, 0x66, 0x33, 0x34, 0x1B, 0x38];

            foreach ((byte[] req, byte[] rep) in new[] { (request, reply), (manualRequest, manualReply) })
            {
                long[] truth = Values(map, req, rep, rep.Length)!;
                for (int bit = 0; bit < 8 * rep.Length; bit++)
                {
                    byte[] damaged = (byte[])rep.Clone();
                    damaged[bit / 8] ^= (byte)(1 << (bit % 8));
                    long[]? values = Values(map, req, damaged, damaged.Length);
                    Assert.True(values is null || values.SequenceEqual(truth), $"bit {bit}");
                }

                for (int length = 0; length < rep.Length; length++)
                {
                    Assert.Null(Values(map, req, rep, length));
                }
            }
        }

        [Fact]
        public void Random_bytes_never_crash_the_capture_scanner()
        {
            var random = new Random(3);
            for (int i = 0; i < 300; i++)
            {
                byte[] capture = new byte[random.Next(2000)];
                random.NextBytes(capture);
                ModbusCaptureScanner scan = ModbusCaptureScanner.Scan(capture);
                Assert.All(scan.Exchanges, e => Assert.True(ModbusCrc.Holds(e.Reply, e.Reply.Length)));
            }
        }

        /// <summary>The values of the rows of the first read of the map, or null when the reply is not valid.</summary>
        private static long[]? Values(ModbusRegisterMap map, byte[] request, byte[] reply, int length)
        {
            if (ModbusReply.Check(request, reply, length, out _) != ModbusReplyStatus.Valid)
            {
                return null;
            }

            int registers = ModbusFrames.Word(request, 4);
            return Enumerable.Range(0, map.Count)
                .Where(row => map.Address(row) + map.Width(row) <= registers)
                .Select(row => map.TryValue(row, reply, 3 + (2 * map.Address(row)), out long v) ? v : long.MinValue)
                .ToArray();
        }

        /// <summary>Answers every request, after a few ms, with random bytes of random length (sometimes none).</summary>
        private sealed class RandomReplyLink : ISerialLink
        {
            private readonly Random _random;
            private byte[] _pending = [];
            private int _at;
            private long _dueMs;

            public RandomReplyLink(int seed) => _random = new Random(seed);

            public long NowMs { get; set; }

            public long Requests { get; private set; }

            public void Open(int baudRate, int dataBits, SerialParity parity, int stopBits)
            {
            }

            public int Read(byte[] buffer, int offset, int count)
            {
                if (NowMs < _dueMs)
                {
                    return 0;
                }

                int n = Math.Min(Math.Min(count, _pending.Length - _at), 1 + _random.Next(40));
                Array.Copy(_pending, _at, buffer, offset, n);
                _at += n;
                return n;
            }

            public void Write(byte[] buffer, int offset, int count)
            {
                Requests++;
                _pending = new byte[_random.Next(200)];
                _random.NextBytes(_pending);
                if (_pending.Length > 1)
                {
                    // Often from the right slave, so the checks after the address are reached.
                    _pending[0] = buffer[offset];
                    _pending[1] = buffer[offset + 1];
                }

                _at = 0;
                _dueMs = NowMs + 20;
            }
        }
    }
}
