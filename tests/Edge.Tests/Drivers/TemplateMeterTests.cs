using System;
using System.Collections.Generic;
using System.Text;
using Edge.Core.Meters;
using Edge.Core.Model;
using Edge.Core.Platform;
using Edge.Drivers.Template;
using Edge.Tests.Fakes;
using Xunit;

namespace Edge.Tests.Drivers
{
    /// <summary>The driver template (drivers/Template) behaves as the conventions say a driver does, so that a copy
    /// starts from working code.</summary>
    public sealed class TemplateMeterTests
    {
        private static readonly DateTime Now = Utc.At("2026-11-25T20:00:00Z");

        [Fact]
        public void Opens_its_line_at_setup_and_reads_each_valid_line_as_total_active_power()
        {
            var line = new QueuedLine();
            var meter = new TemplateMeter("main", line);
            var sink = new RecordingSink();
            line.Send("P=1234\nP=0\n");

            meter.Poll(Now, 0, sink);

            Assert.Equal(9600, line.OpenedBaud);
            Assert.Equal(MeterState.Ready, meter.State);
            Assert.Equal(new long[] { 1234, 0 }, sink.Readings.ConvertAll(r => r.Value).ToArray());
            Assert.All(sink.Readings, r => Assert.Equal(QuantityId.TotalActivePower, r.Quantity));
            Assert.StartsWith("PASS meter ", SelfTests.Line(meter, 0));
        }

        [Fact]
        public void Counts_every_refused_line_by_cause()
        {
            var line = new QueuedLine();
            var meter = new TemplateMeter("main", line);
            var sink = new RecordingSink();
            line.Send("P=12a\nQ=5\nP=\nP=12345678901234567890\nP=7\n");

            meter.Poll(Now, 0, sink);

            Assert.Equal(7, Assert.Single(sink.Readings).Value);
            var counters = new Dictionary<string, long>();
            for (int i = 0; i < meter.CounterCount; i++)
            {
                counters[meter.CounterName(i)] = meter.CounterValue(i);
            }

            Assert.Equal(new Dictionary<string, long> { ["lines"] = 5, ["linesValid"] = 1, ["rejectedFormat"] = 3, ["rejectedOverflow"] = 1 }, counters);
        }

        [Fact]
        public void Says_what_is_wired_wrong_until_a_line_arrives()
        {
            var line = new QueuedLine();
            var meter = new TemplateMeter("main", line);
            meter.Poll(Now, 0, new RecordingSink());

            Assert.Equal("FAIL meter main: no line from the meter yet, check the wires from its data output to the node's RX pin", SelfTests.Line(meter, 0));
        }

        [Fact]
        public void Fails_with_the_reason_when_its_line_cannot_open_and_recovers_after_the_retry_delay()
        {
            var line = new QueuedLine { OpenFails = true };
            var meter = new TemplateMeter("main", line);
            meter.Poll(Now, 0, new RecordingSink());
            Assert.Equal((MeterState.Failed, "port busy"), (meter.State, meter.Reason));
            Assert.Equal("FAIL meter main: port busy, check its wiring and settings; the node tries again every 30 s", SelfTests.Line(meter, 0));

            line.OpenFails = false;
            line.Send("P=5\n");
            var sink = new RecordingSink();
            meter.Poll(Now, MeterDriver.DefaultRetryMs, sink);

            Assert.Equal(MeterState.Ready, meter.State);
            Assert.Equal(5, Assert.Single(sink.Readings).Value);
        }

        [Fact]
        public void Reading_lines_allocates_nothing()
        {
            var line = new QueuedLine();
            var meter = new TemplateMeter("main", line);
            var sink = new CountingSink();
            byte[] burst = Encoding.ASCII.GetBytes("P=1234\n");
            line.Send("P=1\n");
            meter.Poll(Now, 0, sink);

            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 1; i <= 1000; i++)
            {
                line.Load(burst);
                meter.Poll(Now, i * 1000L, sink);
            }

            Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
            Assert.Equal(1001, sink.Count);
        }

        private sealed class CountingSink : IReadingSink
        {
            public int Count { get; private set; }

            public void Add(Reading reading) => Count++;

            public void AddEvent(MeterEventKind kind, Reading reading)
            {
            }
        }

        /// <summary>A serial line whose received bytes the test puts there; reading hands them out once.</summary>
        private sealed class QueuedLine : ISerialLink
        {
            private byte[] _pending = [];
            private int _offset;

            public int OpenedBaud { get; private set; }

            public bool OpenFails { get; set; }

            public void Send(string text) => Load(Encoding.ASCII.GetBytes(text));

            public void Load(byte[] bytes)
            {
                _pending = bytes;
                _offset = 0;
            }

            public void Open(int baudRate, int dataBits, SerialParity parity, int stopBits)
            {
                if (OpenFails)
                {
                    throw new InvalidOperationException("port busy");
                }

                OpenedBaud = baudRate;
            }

            public int Read(byte[] buffer, int offset, int count)
            {
                int n = Math.Min(count, _pending.Length - _offset);
                Array.Copy(_pending, _offset, buffer, offset, n);
                _offset += n;
                return n;
            }

            public void Write(byte[] buffer, int offset, int count)
            {
            }
        }
    }
}
