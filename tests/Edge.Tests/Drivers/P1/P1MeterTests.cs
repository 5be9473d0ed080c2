using System;
using System.Collections.Generic;
using System.Text;
using Edge.Core.Meters;
using Edge.Core.Model;
using Edge.Core.Platform;
using Edge.Core.Security;
using Edge.Drivers;
using Edge.Drivers.P1;
using Edge.Tests.Fakes;
using Xunit;

namespace Edge.Tests.Drivers.P1
{
    /// <summary>The P1 driver over a fake serial line: readings per telegram, Data Request, line settings and
    /// inversion, failed after refused telegrams in a row and back by itself.</summary>
    public class P1MeterTests
    {
        private static readonly byte[] Isk5 = P1CrcAndFieldTests.Vector(P1VectorTests.Isk5);
        private static readonly DateTime Start = new(2026, 12, 2, 10, 0, 0, DateTimeKind.Utc);

        private sealed class Link : IInvertibleSerialLink
        {
            private readonly Queue<byte> _bytes = new();

            public bool CanInvert = true;
            public bool Inverted;
            public int Opens;
            public (int Baud, int Bits, SerialParity Parity, int Stop) Settings;

            public void Queue(byte[] bytes)
            {
                foreach (byte b in bytes)
                {
                    _bytes.Enqueue(b);
                }
            }

            public bool InvertRx(bool invert)
            {
                Inverted = CanInvert && invert;
                return CanInvert;
            }

            public void Open(int baudRate, int dataBits, SerialParity parity, int stopBits)
            {
                Opens++;
                Settings = (baudRate, dataBits, parity, stopBits);
                _bytes.Clear();
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

        private sealed class Output : IDigitalOutput
        {
            public bool IsOn { get; private set; }

            public int Changes;

            public void Set(bool on)
            {
                IsOn = on;
                Changes++;
            }
        }

        private static byte[] Damaged()
        {
            byte[] copy = (byte[])Isk5.Clone();
            copy[100] ^= 0x01;
            return copy;
        }

        [Fact]
        public void Raises_data_request_and_gives_the_readings_of_each_telegram()
        {
            var link = new Link();
            var request = new Output();
            var meter = new P1Meter("main", link, request, null, false);
            var sink = new RecordingSink();

            meter.Poll(Start, 0, sink);
            Assert.True(request.IsOn);
            Assert.Equal((115200, 8, SerialParity.None, 1), link.Settings);
            Assert.Equal(MeterState.Ready, meter.State);

            link.Queue(Isk5);
            meter.Poll(Start.AddSeconds(1), 1000, sink);
            Assert.Equal(18, sink.Readings.Count);
            Assert.All(sink.Readings, r => Assert.Equal(Start.AddSeconds(1), r.Time));
            Assert.Contains(sink.Readings, r => r.Quantity == QuantityId.GasVolume && r.Value == 107 && r.Decimals == 3);
            Assert.Equal("PASS meter main: P1 telegrams at 115200-8N1, last 0 s ago, 1 valid", SelfTests.Line(meter, 1000));
        }

        [Fact]
        public void Dsmr22_line_opens_at_9600_7E1_and_takes_telegrams_without_crc()
        {
            var link = new Link();
            var meter = new P1Meter("old", link, null, P1Meter.Dsmr22Line, false);
            var sink = new RecordingSink();
            meter.Poll(Start, 0, sink);
            Assert.Equal((9600, 7, SerialParity.Even, 1), link.Settings);
            link.Queue(P1CrcAndFieldTests.Vector(P1VectorTests.V22));
            meter.Poll(Start, 1000, sink);
            Assert.Contains(sink.Readings, r => r.Quantity == QuantityId.GasVolume && r.Value == 1001);
        }

        [Fact]
        public void Inverts_rx_in_the_uart_when_asked_and_fails_plainly_when_it_cannot()
        {
            var link = new Link();
            var meter = new P1Meter("main", link, null, null, true);
            meter.Poll(Start, 0, new RecordingSink());
            Assert.True(link.Inverted);
            Assert.Equal(MeterState.Ready, meter.State);

            var rigid = new Link { CanInvert = false };
            var other = new P1Meter("main", rigid, null, null, true);
            other.Poll(Start, 0, new RecordingSink());
            Assert.Equal(MeterState.Failed, other.State);
            Assert.Contains("cannot invert", other.Reason);
            Assert.Equal(0, rigid.Opens);
        }

        [Fact]
        public void Refused_telegrams_warn_then_fail_the_meter_after_fail_after_in_a_row_and_it_recovers_by_itself()
        {
            var link = new Link();
            var request = new Output();
            var meter = new P1Meter("main", link, request, null, false);
            var sink = new RecordingSink();
            meter.Poll(Start, 0, sink);

            long ms = 0;
            for (int i = 1; i < P1Meter.FailAfter; i++)
            {
                link.Queue(Damaged());
                meter.Poll(Start, ms += 1000, sink);
                Assert.Equal(MeterState.Warning, meter.State);
                Assert.Equal(i, meter.RefusedInRow);
            }

            link.Queue(Damaged());
            meter.Poll(Start, ms += 1000, sink);
            Assert.Equal(MeterState.Failed, meter.State);
            Assert.Equal("P1 telegrams fail their CRC (5 in a row)", meter.Reason);
            Assert.False(request.IsOn);
            Assert.Equal(1, meter.Failures);
            Assert.Equal(P1Meter.FailAfter, meter.Counters.RejectedCrc);
            Assert.Empty(sink.Readings);

            // Before the retry delay nothing is read; after it the line is reopened and good telegrams read again.
            meter.Poll(Start, ms + P1Meter.P1RetryMs - 1, sink);
            Assert.Equal(MeterState.Failed, meter.State);
            meter.Poll(Start, ms += P1Meter.P1RetryMs, sink);
            Assert.Equal(MeterState.Ready, meter.State);
            Assert.True(request.IsOn);
            Assert.Equal(2, link.Opens);
            link.Queue(Isk5);
            meter.Poll(Start, ms += 1000, sink);
            Assert.Equal(MeterState.Ready, meter.State);
            Assert.Equal(18, sink.Readings.Count);
            Assert.Equal(0, meter.RefusedInRow);
        }

        [Fact]
        public void One_good_telegram_clears_the_warning_of_refused_ones()
        {
            var link = new Link();
            var meter = new P1Meter("main", link, null, null, false);
            var sink = new RecordingSink();
            meter.Poll(Start, 0, sink);
            link.Queue(Damaged());
            meter.Poll(Start, 1000, sink);
            Assert.Equal(MeterState.Warning, meter.State);
            link.Queue(Isk5);
            meter.Poll(Start, 2000, sink);
            Assert.Equal(MeterState.Ready, meter.State);
        }

        [Fact]
        public void Silence_is_a_warning_with_a_wiring_diagnosis()
        {
            var link = new Link();
            var meter = new P1Meter("main", link, null, null, false);
            meter.Poll(Start, 0, new RecordingSink());
            meter.Poll(Start, P1Meter.SilenceMs + 1, new RecordingSink());
            Assert.Equal(MeterState.Warning, meter.State);
            Assert.Equal("no valid P1 telegram for 30 s", meter.Reason);
            Assert.Equal("WARN meter main: no valid P1 telegram for 30 s, check its wiring and settings", SelfTests.Line(meter, P1Meter.SilenceMs + 1));
        }

        [Fact]
        public void Counters_are_the_decoders_then_failures()
        {
            var meter = new P1Meter("main", new Link(), null, null, false);
            Assert.Equal(13, meter.CounterCount);
            Assert.Equal("telegrams", meter.CounterName(0));
            Assert.Equal("rejectedCrc", meter.CounterName(2));
            Assert.Equal("failures", meter.CounterName(12));
        }

        [Fact]
        public void Steady_state_polling_allocates_nothing_per_telegram()
        {
            var link = new Link();
            var meter = new P1Meter("main", link, new Output(), null, false);
            var sink = new P1DecoderTests.CountingSink();
            meter.Poll(Start, 0, sink);
            link.Queue(Isk5);
            meter.Poll(Start, 1000, sink);
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 2; i < 100; i++)
            {
                // The queue is the test's; its bytes come in before the measurement of each poll would matter, so
                // queue outside and measure only the polls.
                long paused = GC.GetAllocatedBytesForCurrentThread();
                link.Queue(Isk5);
                before += GC.GetAllocatedBytesForCurrentThread() - paused;
                meter.Poll(Start, i * 1000, sink);
            }

            Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
            Assert.Equal(99 * 18, sink.Count);
        }

        [Fact]
        public void Factory_builds_a_p1_meter_with_its_line_and_the_boards_data_request()
        {
            var link = new Link();
            var request = new Output();
            var ports = new MeterPorts().AddSerialLink("p1", link).AddDigitalOutput(P1Meter.RequestPort, request);
            var spec = new MeterSpec { Kind = MeterKinds.P1, Id = "main", Port = "p1", P1Line = "9600-7E1", P1InvertRx = true };
            var meter = Assert.IsType<P1Meter>(MeterFactory.Build(spec, ports, new MeterIdentity(MeterIdPolicy.Omit, null!)));
            Assert.Equal("P1 on a serial line, 9600-7E1, RX inverted by the UART, data request on p1-request", meter.Describe());
            meter.Poll(Start, 0, new RecordingSink());
            Assert.True(request.IsOn);
            Assert.Equal(9600, link.Settings.Baud);

            var plain = Assert.IsType<P1Meter>(MeterFactory.Build(new MeterSpec { Kind = "p1", Id = "m", Port = "p1" }, new MeterPorts().AddSerialLink("p1", new Link()), null!));
            Assert.Equal("P1 on a serial line, 115200-8N1, data request tied high", plain.Describe());
        }

        [Theory]
        [InlineData("115200", "p1Line")]
        [InlineData("9600-7X1", "p1Line")]
        [InlineData("9600-9N1", "p1Line")]
        public void Factory_refuses_a_line_it_cannot_set(string line, string field)
        {
            var spec = new MeterSpec { Kind = "p1", Id = "main", Port = "p1", P1Line = line };
            var error = Assert.Throws<ArgumentException>(() => MeterFactory.Build(spec, new MeterPorts().AddSerialLink("p1", new Link()), null!));
            Assert.Equal(field, error.ParamName);
            Assert.StartsWith("meter 'main': p1Line '" + line + "' is not of the form 115200-8N1 or 9600-7E1", error.Message);
        }
    }
}
