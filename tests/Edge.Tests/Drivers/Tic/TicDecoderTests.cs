using System;
using System.Collections.Generic;
using System.Linq;
using Edge.Core.Model;
using Edge.Drivers.Tic;
using Edge.Host.Protocols.Tic;
using Xunit;

namespace Edge.Tests.Drivers.Tic
{
    public class TicDecoderTests
    {
        private static readonly byte[] Historique = TicRun.Vector("tic_hist_1P_HC_pyteleinfo_VALID_FRAME.bin");
        private static readonly byte[] Standard = TicRun.Vector("tic_std_1P_linky_lains_frame1.bin");

        [Fact]
        public void Detects_the_mode_from_the_bytes_in_auto_mode()
        {
            var run = new TicRun(TicMode.Auto).Feed(Historique);
            Assert.Equal(TicMode.Historique, run.Decoder.DetectedMode);
            run.Feed(Standard);
            Assert.Equal(TicMode.Standard, run.Decoder.DetectedMode);
            Assert.Equal(11 + 38, run.Counters.GroupsValid);
            Assert.Equal(0, run.Counters.Rejected);
        }

        [Fact]
        public void A_fixed_mode_rejects_the_groups_of_the_other_mode_as_framing_errors()
        {
            var run = new TicRun(TicMode.Standard).Feed(Historique);
            Assert.Equal(0, run.Counters.GroupsValid);
            Assert.Equal(11, run.Counters.RejectedFraming);
            Assert.Empty(run.Sink.Readings);

            run = new TicRun(TicMode.Historique).Feed(Standard);
            Assert.Equal(38, run.Counters.RejectedFraming);
        }

        [Fact]
        public void Rejects_group_with_bad_checksum()
        {
            byte[] frame = (byte[])Historique.Clone();
            int at = TicRun.IndexOf(frame, "HCHC 0949") + 5;
            frame[at] = (byte)'1'; // 094939439 -> 194939439, checksum no longer matches

            var run = new TicRun().Feed(frame);

            Assert.Equal(1, run.Counters.RejectedChecksum);
            Assert.Equal(new[] { TicReject.Checksum }, run.Rejects);
            Assert.DoesNotContain(run.Groups, g => g.Label == "HCHC");
            Assert.False(run.HasReading(QuantityId.ActiveEnergyImportT1));

            // The frame is not valid, so no total is derived from an incomplete set of registers.
            Assert.False(run.HasReading(QuantityId.TotalActiveEnergyImport));
            Assert.Equal(0, run.Counters.FramesValid);
            Assert.Equal(10, run.Counters.GroupsValid);
        }

        [Fact]
        public void Resynchronises_after_a_cut_frame()
        {
            byte[] cut = Historique.Take(Historique.Length / 2).ToArray();
            var run = new TicRun().Feed(cut).Feed(Historique);

            Assert.Equal(1, run.Counters.FramesCut);
            Assert.Equal(1, run.Counters.GroupsCut);
            Assert.Equal(1, run.Counters.FramesValid);
            Assert.Equal(94939439 + 127970334, run.Reading(QuantityId.TotalActiveEnergyImport));
            Assert.Single(run.Sink.Readings, r => r.Quantity == QuantityId.TotalActiveEnergyImport);
        }

        [Fact]
        public void Resynchronises_after_garbage_between_frames()
        {
            var garbage = new byte[300];
            new Random(5).NextBytes(garbage);
            var run = new TicRun().Feed(garbage).Feed(Standard).Feed(garbage).Feed(Standard);

            Assert.Equal(2, run.Sink.Readings.Count(r => r.Quantity == QuantityId.TotalActiveEnergyImport && r.Value == 11887649));
            Assert.True(run.Counters.FramesValid >= 2);
        }

        [Fact]
        public void Counts_a_frame_interrupted_by_eot_and_derives_nothing_from_it()
        {
            int cutAt = TicRun.IndexOf(Historique, "PTEC");
            byte[] interrupted = Historique.Take(cutAt).Append((byte)0x04).ToArray();

            var run = new TicRun().Feed(interrupted);

            Assert.Equal(1, run.Counters.FramesAborted);
            Assert.Contains(TicEvent.FrameAborted, run.Events);
            Assert.False(run.HasReading(QuantityId.TotalActiveEnergyImport));
            Assert.True(run.HasReading(QuantityId.ActiveEnergyImportT1)); // each group stands on its own checksum
        }

        [Fact]
        public void Tolerates_the_parity_bit_left_in_bit_7()
        {
            // Read as 8N1, a 7E1 byte keeps its even-parity bit in bit 7.
            byte[] withParity = Standard.Select(b => (byte)(b | (System.Numerics.BitOperations.PopCount(b) % 2 == 1 ? 0x80 : 0))).ToArray();
            Assert.Contains(withParity, b => b >= 0x80);

            var run = new TicRun().Feed(withParity);

            Assert.Equal(38, run.Counters.GroupsValid);
            Assert.Equal(11887649, run.Reading(QuantityId.TotalActiveEnergyImport));
        }

        [Fact]
        public void Rejects_a_group_longer_than_any_tic_group_as_overflow()
        {
            var bytes = new List<byte> { 0x02, 0x0A };
            bytes.AddRange(Enumerable.Repeat((byte)'A', 300));
            bytes.Add(0x0D);
            bytes.AddRange(Historique.Skip(1));

            var run = new TicRun().Feed(bytes.ToArray());

            Assert.Equal(1, run.Counters.RejectedOverflow);
            Assert.Equal(11, run.Counters.GroupsValid);
        }

        [Fact]
        public void Accepts_a_crlf_translated_capture_where_cr_became_lf()
        {
            byte[] translated = Historique.Select(b => b == 0x0D ? (byte)0x0A : b).ToArray();
            var run = new TicRun().Feed(translated);
            Assert.Equal(11, run.Counters.GroupsValid);
            Assert.Equal(0, run.Counters.Rejected);
        }

        [Theory]
        [InlineData("PTEC", "HP..")]
        [InlineData("IINST", "009")]
        public void Accepts_a_space_as_checksum_byte(string label, string value)
        {
            byte[] group = TicFrameWriter.Group(TicMode.Historique, new TicField(label, value));
            Assert.Equal((byte)' ', group[^2]);
            Assert.Equal((byte)' ', group[^3]);

            var run = new TicRun(TicMode.Historique).Feed(group);

            Assert.Equal((label, value), (run.Groups.Single().Label, run.Groups.Single().Value));
        }

        [Fact]
        public void Standard_checksum_covers_the_last_separator_and_historique_does_not()
        {
            // Same label and data: the sums differ by exactly the separator before the checksum.
            byte[] standard = TicFrameWriter.Group(TicMode.Standard, new TicField("EAST", "011887649"));
            Assert.Equal(";", ((char)standard[^2]).ToString());
            Assert.Equal(38, new TicRun(TicMode.Auto).Feed(Standard).Counters.GroupsValid);

            byte[] wrongRule = (byte[])standard.Clone();
            wrongRule[^2] = (byte)((((standard.Skip(1).Take(standard.Length - 4).Sum(b => b)) & 0x3F) + 0x20));
            Assert.Equal(1, new TicRun().Feed(wrongRule).Counters.RejectedChecksum);
        }

        [Fact]
        public void Counts_unknown_labels_and_maps_nothing_from_them()
        {
            byte[] group = TicFrameWriter.Group(TicMode.Standard, new TicField("XYZW", "123"));
            var run = new TicRun().Feed(group);

            Assert.Equal(1, run.Counters.UnknownLabels);
            Assert.Equal("XYZW", run.Groups.Single().Label);
            Assert.Empty(run.Sink.Readings);
        }

        [Fact]
        public void Rejects_a_register_with_a_letter_in_it_as_a_value_error()
        {
            byte[] group = TicFrameWriter.Group(TicMode.Standard, new TicField("EAST", "01188X649"));
            var run = new TicRun().Feed(group);

            Assert.Equal(new[] { TicReject.Value }, run.Rejects);
            Assert.Equal((1L, 1L, 0L, 0L), (run.Counters.RejectedValue, run.Counters.Rejected, run.Counters.GroupsValid, run.Counters.BadValues));
            Assert.Empty(run.Groups);
            Assert.Empty(run.Sink.Readings);
        }

        [Fact]
        public void Rejects_malformed_groups_as_framing_errors()
        {
            // Valid checksums, wrong shapes: no label, a separator inside a historique value, four standard fields.
            byte[] noLabel = TicFrameWriter.Group(TicMode.Historique, new TicField(string.Empty, "123"));
            byte[] tooManyFields = TicFrameWriter.Group(TicMode.Standard, new TicField("SMAXSN", "1\t2", "H230301065253"));
            var run = new TicRun().Feed(noLabel).Feed(tooManyFields);

            Assert.Equal(2, run.Counters.RejectedFraming);
            Assert.Equal(0, run.Counters.GroupsValid);
        }

        [Fact]
        public void Decoding_whole_frames_allocates_nothing()
        {
            var decoder = new TicFrameDecoder(TicMode.Auto);
            var interpreter = new TicFrameInterpreter(null!, decoder.Counters);
            var sink = new CountingSink();
            byte[][] frames = [Standard, Historique];
            void DecodeAll()
            {
                foreach (byte[] frame in frames)
                {
                    foreach (byte b in frame)
                    {
                        switch (decoder.Push(b))
                        {
                            case TicEvent.FrameStart: interpreter.BeginFrame(); break;
                            case TicEvent.Group: interpreter.Apply(decoder.Group, TicRun.Time, sink); break;
                            case TicEvent.FrameEnd: interpreter.EndFrame(decoder.FrameValid, TicRun.Time, sink); break;
                        }
                    }
                }
            }

            DecodeAll();
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 200; i++)
            {
                DecodeAll();
            }

            Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
            Assert.Equal(201 * 2, decoder.Counters.FramesValid);
            Assert.True(sink.Count > 0);
        }

        private sealed class CountingSink : IReadingSink
        {
            public long Count { get; private set; }

            public void Add(Reading reading) => Count++;

            public void AddEvent(MeterEventKind kind, Reading reading) => Count++;
        }
    }
}
