#nullable disable
using Edge.Core.Platform;
using Edge.DeviceTests.Support;
using Edge.DeviceTests.Vectors;
using Edge.Drivers.Tic;
using nanoFramework.TestFramework;

namespace Edge.DeviceTests.Hil
{
    /// <summary>
    /// The meter UART with TX jumpered to RX (hardware/test-harness.md): real TIC frames sent at the two TIC speeds,
    /// 7 data bits, even parity, 1 stop bit (Enedis-NOI-CPT_54E §5.3: historique 1200 baud, standard 9600 baud), come
    /// back byte for byte and decode as the frames they are.
    /// </summary>
    [TestClass]
    public class SerialLoopbackTests
    {
        /// <summary>Bytes written at a time: well under the 256-byte receive buffer of the ESP32 UART driver, so
        /// nothing is lost while the test reads between writes.</summary>
        private const int Chunk = 64;

        /// <summary>Bits per character in 7E1: start, 7 data, parity, stop.</summary>
        private const int BitsPerChar = 10;

        [TestMethod]
        public void Sends_a_historique_frame_to_itself_at_1200_baud_7e1()
        {
            byte[] frame = TicVectors.HistoriqueTempo();
            byte[] received = RoundTrip(LoopbackHarness.Require(), 1200, frame);

            AssertSame(frame, received);
            TicCapture run = new TicCapture(TicMode.Auto).Feed(received);
            Assert.AreEqual(16, run.Groups.Count);
            Assert.AreEqual("021861348497", run.Value("ADCO"));
            Assert.AreEqual(1L, run.Counters.FramesValid);
            Assert.AreEqual(0L, run.Counters.Rejected);
        }

        [TestMethod]
        public void Sends_a_standard_frame_to_itself_at_9600_baud_7e1()
        {
            byte[] frame = TicVectors.Standard();
            byte[] received = RoundTrip(LoopbackHarness.Require(), 9600, frame);

            AssertSame(frame, received);
            TicCapture run = new TicCapture(TicMode.Auto).Feed(received);
            Assert.AreEqual(38, run.Groups.Count);
            Assert.AreEqual(TicMode.Standard, run.Reader.Decoder.DetectedMode);
            Assert.AreEqual("064468368739", run.Value("ADSC"));
            Assert.AreEqual(0L, run.Counters.Rejected);
        }

        /// <summary>Writes <paramref name="frame"/> in chunks at <paramref name="baud"/> 7E1 and reads back until as
        /// many bytes came or the line time plus a second passed; returns what came.</summary>
        private static byte[] RoundTrip(LoopbackHarness harness, int baud, byte[] frame)
        {
            ISerialLink uart = harness.MeterUart;
            uart.Open(baud, 7, SerialParity.Even, 1);
            byte[] stale = new byte[Chunk];
            while (uart.Read(stale, 0, stale.Length) > 0)
            {
            }

            int chunkMs = Chunk * BitsPerChar * 1000 / baud + 1;
            long deadline = harness.MonotonicMs + (long)frame.Length * BitsPerChar * 1000 / baud + 1000;
            byte[] received = new byte[frame.Length];
            int got = 0;
            int sent = 0;
            while (got < frame.Length && harness.MonotonicMs <= deadline)
            {
                if (sent < frame.Length)
                {
                    int n = frame.Length - sent < Chunk ? frame.Length - sent : Chunk;
                    uart.Write(frame, sent, n);
                    sent += n;
                }

                harness.Pause(chunkMs);
                got += uart.Read(received, got, frame.Length - got);
            }

            Assert.AreEqual(frame.Length, got, "bytes back over the TX-RX jumper at " + baud.ToString() + " baud");
            return received;
        }

        private static void AssertSame(byte[] expected, byte[] actual)
        {
            for (int i = 0; i < expected.Length; i++)
            {
                Assert.AreEqual(expected[i], actual[i], "byte " + i.ToString());
            }
        }
    }
}
