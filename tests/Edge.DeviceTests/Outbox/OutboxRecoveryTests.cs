#nullable disable
using Edge.Core.Outbox;
using Edge.DeviceTests.Support;
using nanoFramework.TestFramework;

namespace Edge.DeviceTests.Outbox
{
    /// <summary>
    /// The durable outbox reopened from a store that a power cut or worn flash left damaged: every complete record
    /// before the damage is offered again, in order, and the damage is counted (TornTails, CorruptSegments).
    /// Segment layout: firmware/Edge.Core/Outbox/README.md (16-byte segment header "EOBS"; 16-byte record header,
    /// payload length at offset 0, class at 3, sequence at 4).
    /// </summary>
    [TestClass]
    public class OutboxRecoveryTests
    {
        private const int Segment = 512;
        private const int Capacity = 8 * Segment;
        private const int Records = 12;

        private static DeviceStore _store;
        private static byte[] _first;
        private static int[] _ends;
        private static int _inFirst;

        [Setup]
        public void Fill_an_outbox_and_flush_it()
        {
            _store = new DeviceStore();
            DurableOutbox outbox = Open(_store);
            for (int i = 1; i <= Records; i++)
            {
                Append(outbox, i, 20 + (i * 11 % 40));
            }

            outbox.Flush();
            _first = (byte[])_store.Content("ob0").Clone();
            _ends = RecordEnds(_first, out _inFirst);
        }

        [TestMethod]
        public void A_restart_gives_back_exactly_the_unacknowledged_records_in_order()
        {
            DeviceStore store = new DeviceStore();
            DurableOutbox outbox = Open(store);
            for (int i = 1; i <= 40; i++)
            {
                Append(outbox, i, 20 + (i * 3 % 50));
            }

            for (long i = 0; i < 17; i++)
            {
                outbox.Acknowledge(i);
            }

            outbox.Flush();
            DurableOutbox restarted = Open(store);

            AssertOffered(restarted, 18, 40);
            Assert.AreEqual(23, restarted.Depth);
            Assert.AreEqual(outbox.DepthBytes, restarted.DepthBytes);
            Assert.AreEqual(0, restarted.TornTails + restarted.CorruptSegments + restarted.StoreErrors);
        }

        [TestMethod]
        public void Records_acknowledged_after_the_last_flush_are_offered_again()
        {
            DeviceStore store = new DeviceStore();
            DurableOutbox outbox = Open(store);
            for (int i = 1; i <= 10; i++)
            {
                Append(outbox, i, 40);
            }

            outbox.Acknowledge(0);
            outbox.Flush();
            outbox.Acknowledge(1);
            outbox.Acknowledge(2);

            // Power cut without a flush: what was acknowledged since the last flush comes again (at least once).
            AssertOffered(Open(store), 2, 10);
        }

        [TestMethod]
        [DataRow(0)]
        [DataRow(15)]
        [DataRow(16)]
        [DataRow(17)]
        [DataRow(-1)]
        [DataRow(-2)]
        public void A_segment_torn_at_a_record_keeps_every_complete_record_before_it(int cutFromRecord)
        {
            // Cut points: inside the segment header (0, 15), at its end (16), one byte into the first record (17),
            // and at the end of the second-to-last record of the segment (-1) or one byte past it (-2).
            int cut = cutFromRecord >= 0 ? cutFromRecord : _ends[_inFirst - 2] + (cutFromRecord == -2 ? 1 : 0);
            DeviceStore copy = _store.Copy();
            copy.Cut("ob0", cut);

            DurableOutbox reloaded = Open(copy);

            int kept = 0;
            for (int i = 0; i < _inFirst; i++)
            {
                if (cut >= DurableOutbox.SegmentHeaderBytes && _ends[i] <= cut)
                {
                    kept++;
                }
            }

            bool atBoundary = cut == DurableOutbox.SegmentHeaderBytes || (kept > 0 && _ends[kept - 1] == cut);
            Assert.AreEqual(cut >= DurableOutbox.SegmentHeaderBytes && !atBoundary ? 1 : 0, reloaded.TornTails);
            Assert.AreEqual(cut < DurableOutbox.SegmentHeaderBytes ? 1 : 0, reloaded.CorruptSegments);

            // Offered: the kept records of the first segment, then every record of the later segments.
            long[] expected = new long[kept + Records - _inFirst];
            for (int i = 0; i < kept; i++)
            {
                expected[i] = i + 1;
            }

            for (int i = 0; i < Records - _inFirst; i++)
            {
                expected[kept + i] = _inFirst + 1 + i;
            }

            AssertOffered(reloaded, expected);
        }

        [TestMethod]
        public void A_flipped_byte_loses_only_its_record()
        {
            // A byte in the payload of the first record of the segment: its CRC fails, the records after it are kept.
            DeviceStore copy = _store.Copy();
            copy.Content("ob0")[DurableOutbox.SegmentHeaderBytes + DurableOutbox.RecordHeaderBytes + 3] ^= 0x20;

            DurableOutbox reloaded = Open(copy);

            long[] expected = new long[Records - 1];
            for (int i = 0; i < expected.Length; i++)
            {
                expected[i] = i + 2;
            }

            AssertOffered(reloaded, expected);
            Assert.AreEqual(1, reloaded.CorruptSegments);
            Assert.AreEqual(0, reloaded.TornTails);
        }

        [TestMethod]
        public void Appending_goes_on_after_the_records_recovered()
        {
            DeviceStore copy = _store.Copy();
            copy.Cut("ob0", _ends[_inFirst - 2] + 1);
            DurableOutbox reloaded = Open(copy);
            int before = reloaded.Depth;

            Append(reloaded, 100, 30);
            reloaded.Flush();

            DurableOutbox again = Open(copy);
            Assert.AreEqual(before + 1, again.Depth);
            long last = Sequence(again, again.End - 1);
            Assert.AreEqual(100L, last);
        }

        private static DurableOutbox Open(DeviceStore store)
        {
            return new DurableOutbox(store, "ob", Capacity, Segment, OutboxPolicy.KeepTotalsAndEvents);
        }

        /// <summary>Appends a record whose payload differs from one sequence to the next.</summary>
        private static void Append(DurableOutbox outbox, long sequence, int length)
        {
            Assert.IsTrue(outbox.Append(0, RecordClass.Interval, sequence, 1800000000 + sequence, Payload(sequence, length), length), "append " + sequence.ToString());
        }

        private static byte[] Payload(long sequence, int length)
        {
            byte[] payload = new byte[length];
            for (int i = 0; i < length; i++)
            {
                payload[i] = (byte)((sequence * 31) + (i * 7) + 1);
            }

            return payload;
        }

        private static void AssertOffered(DurableOutbox outbox, long from, long to)
        {
            long[] expected = new long[to - from + 1];
            for (int i = 0; i < expected.Length; i++)
            {
                expected[i] = from + i;
            }

            AssertOffered(outbox, expected);
        }

        /// <summary>The records from the first unacknowledged one on have these sequences and intact payloads.</summary>
        private static void AssertOffered(DurableOutbox outbox, long[] sequences)
        {
            byte[] buffer = new byte[outbox.LargestPayloadBytes];
            int n = 0;
            for (long i = outbox.FirstUnacknowledged; i < outbox.End; i++)
            {
                byte topic;
                RecordClass cls;
                long sequence;
                int length;
                if (!outbox.Read(i, buffer, out topic, out cls, out sequence, out length))
                {
                    continue;
                }

                Assert.IsTrue(n < sequences.Length, "more records than expected: " + sequence.ToString());
                Assert.AreEqual(sequences[n], sequence);
                byte[] payload = Payload(sequence, length);
                for (int b = 0; b < length; b++)
                {
                    Assert.AreEqual(payload[b], buffer[b], "payload of " + sequence.ToString());
                }

                n++;
            }

            Assert.AreEqual(sequences.Length, n);
        }

        private static long Sequence(DurableOutbox outbox, long index)
        {
            byte[] buffer = new byte[outbox.LargestPayloadBytes];
            byte topic;
            RecordClass cls;
            long sequence;
            int length;
            Assert.IsTrue(outbox.Read(index, buffer, out topic, out cls, out sequence, out length));
            return sequence;
        }

        /// <summary>Where each record of a segment file ends, read from the format, not from the outbox's code.</summary>
        private static int[] RecordEnds(byte[] file, out int count)
        {
            int[] ends = new int[64];
            count = 0;
            for (int at = 16; at + 16 <= file.Length;)
            {
                int end = at + 16 + (file[at] | (file[at + 1] << 8));
                if (end > file.Length)
                {
                    break;
                }

                ends[count++] = end;
                at = end;
            }

            return ends;
        }
    }
}
