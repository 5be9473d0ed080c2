using System;
using System.Collections.Generic;
using System.Linq;
using Edge.Core.Model;
using Edge.Drivers.Tic;
using Edge.Host.Protocols.Tic;
using Xunit;

namespace Edge.Tests.Drivers.Tic
{
    /// <summary>
    /// What makes a frame complete and valid, which frames give a total, and which register values are held back
    /// as impossible for the meter: one test per rule, with exact counts.
    /// </summary>
    public class TicFrameIntegrityTests
    {
        private static readonly byte[] Hc = TicRun.Vector("tic_hist_1P_HC_pyteleinfo_VALID_FRAME.bin");
        private const long HcTotal = 94939439 + 127970334;

        // ---- frame validity ----

        [Fact]
        public void A_stray_byte_between_groups_makes_the_frame_invalid_and_gives_no_total()
        {
            // The LF before HCHP with bit 6 flipped is a 'J': the HCHP group is no group any more, only bytes
            // between a CR and the next LF. Every group left passes, so only the stray bytes say what was lost.
            byte[] frame = (byte[])Hc.Clone();
            int lf = TicRun.IndexOf(frame, "HCHP 1279") - 1;
            frame[lf] ^= 0x40;

            var run = new TicRun().Feed(frame);

            Assert.Equal(0, run.Counters.Rejected);
            Assert.Equal(10, run.Counters.GroupsValid);
            Assert.Equal(1 + "HCHP 127970334 7".Length, run.Counters.StrayBytes); // the 'J' and the group's bytes; its CR is a line end
            Assert.Equal((1L, 0L), (run.Counters.Frames, run.Counters.FramesValid));
            Assert.Contains(TicEvent.FrameEnd, run.Events);
            Assert.False(run.Decoder.FrameValid);
            Assert.False(run.HasReading(QuantityId.TotalActiveEnergyImport));
            Assert.Equal(94939439, run.Reading(QuantityId.ActiveEnergyImportT1)); // the groups that passed stand
        }

        [Fact]
        public void Extra_line_ends_between_groups_do_not_invalidate_a_frame()
        {
            // A capture through a tty: CR LF after STX and before ETX, no data lost.
            var run = new TicRun().Feed(TicRun.Vector("tic_hist_3P_linky_lains_frame1_as_captured.bin"));

            Assert.Equal((0L, 1L), (run.Counters.StrayBytes, run.Counters.FramesValid));
            Assert.Equal(10151175, run.Reading(QuantityId.TotalActiveEnergyImport));
        }

        [Fact]
        public void A_bit_6_flip_in_an_index_digit_passes_the_checksum_and_is_rejected_as_a_value_error()
        {
            byte[] frame = (byte[])Hc.Clone();
            frame[TicRun.IndexOf(frame, "HCHP 1279") + 5] ^= 0x40; // '1' -> 'q': the sum changes by 64, its 6 bits do not

            var run = new TicRun().Feed(frame);

            Assert.Equal(new[] { TicReject.Value }, run.Rejects);
            Assert.Equal((0L, 1L), (run.Counters.RejectedChecksum, run.Counters.RejectedValue));
            Assert.Equal(0, run.Counters.FramesValid);
            Assert.False(run.HasReading(QuantityId.ActiveEnergyImportT2));
            Assert.False(run.HasReading(QuantityId.TotalActiveEnergyImport));
        }

        [Theory]
        [InlineData("HCHC", "09493943")] // 8 digits: an index has 9
        [InlineData("HCHC", "0949394390")]
        [InlineData("ISOUSC", "045")] // 2 digits
        [InlineData("PAPP", "2160")] // 5 digits
        [InlineData("ADCO", "05002212007")] // 12 digits
        public void A_numeric_value_of_the_wrong_length_is_rejected(string label, string value)
        {
            var run = new TicRun(TicMode.Historique).Feed(TicFrameWriter.Group(TicMode.Historique, new TicField(label, value)));

            Assert.Equal(new[] { TicReject.Value }, run.Rejects);
            Assert.Empty(run.Sink.Readings);
        }

        [Fact]
        public void A_horodated_label_without_its_horodate_is_rejected()
        {
            var run = new TicRun(TicMode.Standard).Feed(TicFrameWriter.Group(TicMode.Standard, new TicField("SMAXSN", "01024")));
            Assert.Equal(new[] { TicReject.Value }, run.Rejects);
        }

        [Fact]
        public void An_unknown_tariff_period_code_makes_the_frame_invalid()
        {
            byte[] frame = HistoriqueFrame("HC..", ("HCHC", "000001000"), ("HCHP", "000002000"), ("PTEC", "HX.."));

            var run = new TicRun().Feed(frame);

            Assert.Equal((1L, 0L, 0L), (run.Counters.BadValues, run.Counters.Rejected, run.Counters.FramesValid));
            Assert.False(run.HasReading(QuantityId.TotalActiveEnergyImport));
        }

        [Fact]
        public void A_register_sent_twice_with_two_values_makes_the_frame_invalid()
        {
            byte[] frame = HistoriqueFrame("BASE", ("BASE", "000001000"), ("BASE", "000001064"));

            var run = new TicRun().Feed(frame);

            Assert.Equal((1L, 0L), (run.Counters.BadValues, run.Counters.FramesValid));
            Assert.Equal(new long[] { 1000 }, run.Sink.Readings.Where(r => r.Quantity == QuantityId.ActiveEnergyImportT1).Select(r => r.Value));
            Assert.False(run.HasReading(QuantityId.TotalActiveEnergyImport));
        }

        // ---- totals ----

        public static TheoryData<string, byte[]> FramesLackingAnIndex => new()
        {
            { "HC.. without HCHP", HistoriqueFrame("HC..", ("HCHC", "094939439")) },
            { "BBR( without BBRHPJR", HistoriqueFrame("BBR(", ("BBRHCJB", "018328702"), ("BBRHPJB", "023739545"), ("BBRHCJW", "001466099"), ("BBRHPJW", "002132883"), ("BBRHCJR", "000860118")) },
            { "EJP. without EJPHPM", HistoriqueFrame("EJP.", ("EJPHN", "000123456")) },
            { "BASE index under HC..", HistoriqueFrame("HC..", ("BASE", "000123456")) },
            { "no OPTARIF", HistoriqueFrame(null, ("BASE", "000123456")) },
            { "unknown OPTARIF", HistoriqueFrame("HCn.", ("HCHC", "094939439"), ("HCHP", "127970334")) },
            { "standard without EAST", TicFrameWriter.Frame(TicMode.Standard, [new("EASF01", "011887649"), new("SINSTS", "00240")]) },
        };

        [Theory]
        [MemberData(nameof(FramesLackingAnIndex))]
        public void A_valid_frame_without_every_index_of_its_option_gives_no_total_and_is_counted(string what, byte[] frame)
        {
            var run = new TicRun().Feed(frame);

            Assert.True(run.Counters.FramesValid == 1, what);
            Assert.Equal(1, run.Counters.FramesWithoutTotal);
            Assert.False(run.HasReading(QuantityId.TotalActiveEnergyImport));
            Assert.True(run.Sink.Readings.Count(r => Quantities.KindOf(r.Quantity) == QuantityKind.Cumulative) >= 1, "the indexes it has are published");
        }

        [Theory]
        [InlineData("BASE", 1000L, new[] { "BASE" })]
        [InlineData("HC..", 3000L, new[] { "HCHC", "HCHP" })]
        [InlineData("EJP.", 3000L, new[] { "EJPHN", "EJPHPM" })]
        [InlineData("BBR(", 21000L, new[] { "BBRHCJB", "BBRHPJB", "BBRHCJW", "BBRHPJW", "BBRHCJR", "BBRHPJR" })]
        public void The_historique_total_is_the_sum_of_the_indexes_of_the_frame_s_option(string option, long total, string[] labels)
        {
            var indexes = labels.Select((l, i) => (l, ((i + 1) * 1000L).ToString("000000000"))).ToArray();
            var run = new TicRun().Feed(HistoriqueFrame(option, indexes));

            Assert.Equal(total, run.Reading(QuantityId.TotalActiveEnergyImport));
            Assert.Equal(0, run.Counters.FramesWithoutTotal);
        }

        // ---- plausibility: ISOUSC 30 A is 6 kVA, bound 12 kVA; at least 10 s: 33 Wh + 1 ----

        [Fact]
        public void A_register_that_moves_backwards_is_held_back_and_counted_not_passed_on_as_a_reset()
        {
            var line = new TicLine();
            line.Send(Hc30(1000, 2000)).Send(Hc30(1000, 1990)).Send(Hc30(1000, 2001));

            Assert.Equal(new long[] { 2000, 2001 }, line.Published(QuantityId.ActiveEnergyImportT2));
            Assert.Equal(new long[] { 3000, 3001 }, line.Published(QuantityId.TotalActiveEnergyImport));
            Assert.Equal(new long[] { 1000, 1000, 1000 }, line.Published(QuantityId.ActiveEnergyImportT1));
            Assert.Equal((2L, 0L), (line.Counters.RegistersHeld, line.Counters.RegistersRebased)); // HCHP and the total
        }

        [Fact]
        public void A_register_that_moves_faster_than_the_subscribed_power_allows_is_held_back()
        {
            var line = new TicLine(secondsPerFrame: 2);
            line.Send(Hc30(1000, 2000));
            line.Send(Hc30(1000, 2035)); // +35 Wh in 2 s (counted as 10 s): over 12 kVA
            line.Send(Hc30(1000, 2034)); // +34 Wh since 2000: just within

            Assert.Equal(new long[] { 2000, 2034 }, line.Published(QuantityId.ActiveEnergyImportT2));
            Assert.Equal(new long[] { 3000, 3034 }, line.Published(QuantityId.TotalActiveEnergyImport));
            Assert.Equal(2, line.Counters.RegistersHeld);
        }

        [Fact]
        public void The_bound_grows_with_the_time_since_the_last_published_value()
        {
            var line = new TicLine(secondsPerFrame: 2);
            line.Send(Hc30(1000, 2000));
            line.Wait(TimeSpan.FromSeconds(58)).Send(Hc30(1000, 2200)); // 60 s at 12 kVA: 200 Wh, + 1

            Assert.Equal(new long[] { 2000, 2200 }, line.Published(QuantityId.ActiveEnergyImportT2));
            line.Send(Hc30(1000, 2235)); // 2 s later again: 35 Wh is too much
            Assert.Equal(new long[] { 2000, 2200 }, line.Published(QuantityId.ActiveEnergyImportT2));
        }

        [Fact]
        public void After_a_long_silence_the_meter_s_new_value_is_published_at_once()
        {
            var line = new TicLine();
            line.Send(Hc30(1000, 2000));
            line.Wait(TimeSpan.FromHours(3)).Send(Hc30(1000, 20000)); // 18 kWh in 3 h: 6 kW, within the bound

            Assert.Equal(new long[] { 2000, 20000 }, line.Published(QuantityId.ActiveEnergyImportT2));
            Assert.Equal(0, line.Counters.RegistersHeld);
        }

        [Fact]
        public void Without_a_stated_subscription_the_bound_is_twice_36_kVA()
        {
            var line = new TicLine();
            line.Send(HistoriqueFrame("BASE", ("BASE", "000001000")));
            line.Send(HistoriqueFrame("BASE", ("BASE", "000001201"))); // 72 kVA over 10 s: 200 Wh, + 1
            line.Send(HistoriqueFrame("BASE", ("BASE", "000001403")));

            Assert.Equal(new long[] { 1000, 1201 }, line.Published(QuantityId.ActiveEnergyImportT1));
        }

        [Fact]
        public void A_three_phase_meter_has_three_times_the_power_per_subscribed_ampere()
        {
            // ISOUSC 20 A per phase: 12 kVA, bound 24 kVA over 10 s: 66 Wh, + 1.
            byte[] Frame(long index) => TicFrameWriter.Frame(TicMode.Historique,
                [new("OPTARIF", "BASE"), new("ISOUSC", "20"), new("BASE", index.ToString("000000000")), new("IINST1", "001"), new("IINST2", "001"), new("IINST3", "000")]);
            var line = new TicLine();
            line.Send(Frame(1000)).Send(Frame(1067)).Send(Frame(1135));

            Assert.Equal(new long[] { 1000, 1067 }, line.Published(QuantityId.TotalActiveEnergyImport));
        }

        [Fact]
        public void A_register_wrapping_past_nine_digits_is_published()
        {
            var line = new TicLine();
            line.Send(HistoriqueFrame("BASE", ("BASE", "999999990"))).Send(HistoriqueFrame("BASE", ("BASE", "000000005")));

            Assert.Equal(new long[] { 999999990, 5 }, line.Published(QuantityId.TotalActiveEnergyImport));
            Assert.Equal(0, line.Counters.RegistersHeld);
        }

        [Fact]
        public void A_register_resumes_from_a_new_value_once_five_consecutive_frames_agree_on_it()
        {
            // The meter replaced: its registers restart low and never come back to the old values.
            Assert.Equal(5, TicRegisterGuard.RebaseFrames);
            var line = new TicLine();
            line.Send(Hc30(500000, 600000));
            for (int i = 0; i < TicRegisterGuard.RebaseFrames; i++)
            {
                line.Send(Hc30(10, 20 + i));
            }

            Assert.Equal(new long[] { 600000, 24 }, line.Published(QuantityId.ActiveEnergyImportT2));
            Assert.Equal(new long[] { 1100000, 34 }, line.Published(QuantityId.TotalActiveEnergyImport));
            Assert.Equal((3L * (TicRegisterGuard.RebaseFrames - 1), 3L), (line.Counters.RegistersHeld, line.Counters.RegistersRebased));

            // From there on the new values are followed as usual.
            line.Send(Hc30(10, 25));
            Assert.Equal(new long[] { 600000, 24, 25 }, line.Published(QuantityId.ActiveEnergyImportT2));
        }

        [Fact]
        public void Frames_that_do_not_agree_with_each_other_never_move_the_register()
        {
            // Damage that slipped through every check twice in a row, with two different wrong values, then more:
            // each frame breaks the previous one's run, so the published register stays.
            var line = new TicLine();
            line.Send(Hc30(1000, 2000));
            long[] wrong = [50, 40, 30, 20, 10, 5, 1];
            foreach (long value in wrong)
            {
                line.Send(Hc30(1000, value));
            }

            Assert.Equal(new long[] { 2000 }, line.Published(QuantityId.ActiveEnergyImportT2));
            Assert.Equal(0, line.Counters.RegistersRebased);
            line.Send(Hc30(1000, 2001));
            Assert.Equal(new long[] { 2000, 2001 }, line.Published(QuantityId.ActiveEnergyImportT2));
        }

        // ---- visibility ----

        [Fact]
        public void The_driver_reports_every_new_counter_by_name_for_health()
        {
            byte[] stray = (byte[])Hc.Clone();
            stray[TicRun.IndexOf(stray, "HCHP 1279") - 1] ^= 0x40;
            var line = new TicLine();
            line.Send(Hc).Send(stray).Send(HistoriqueFrame("HC..", ("HCHC", "094939439"), ("HCHP", "127970333")));

            var counters = Enumerable.Range(0, line.Meter.CounterCount).ToDictionary(line.Meter.CounterName, line.Meter.CounterValue);
            Assert.Equal(17, counters["strayBytes"]);
            Assert.Equal(0, counters["rejectedValue"]);
            Assert.Equal(0, counters["framesWithoutTotal"]);
            Assert.Equal(2, counters["registersHeld"]);
            Assert.Equal(0, counters["registersRebased"]);
            Assert.Equal(2, counters["framesValid"]);
        }

        [Fact]
        public void Every_numeric_label_has_its_data_length_from_the_label_tables()
        {
            var labels = Enumerable.Range(0, TicLabels.Count).Select(TicLabels.At).ToArray();
            TicValueKind[] numeric = [TicValueKind.Energy, TicValueKind.Measure, TicValueKind.Number, TicValueKind.SubscribedCurrent, TicValueKind.KiloVoltAmpere, TicValueKind.TariffIndex, TicValueKind.OverloadAlert, TicValueKind.MeterId, TicValueKind.Status];
            Assert.All(labels.Where(l => numeric.Contains(l.Kind)), l => Assert.True(l.DataLength > 0, l.Text));

            var length = labels.ToDictionary(l => l.Text, l => l.DataLength);
            Assert.Equal(
                new[] { 12, 2, 9, 9, 3, 5, 12, 9, 9, 9, 3, 2, 5, 8, 14, 2 },
                new[] { "ADCO", "ISOUSC", "BASE", "BBRHPJR", "IINST", "PAPP", "ADSC", "EAST", "EASF10", "ERQ4", "URMS1", "PREF", "SINSTS", "STGE", "PRM", "NTARF" }.Select(l => length[l]));
            Assert.Equal(TicLabels.RegisterCount, labels.Count(l => l.Kind == TicValueKind.Energy));
            Assert.All(labels.Where(l => l.Kind == TicValueKind.Energy), l => Assert.Same(l, TicLabels.Register(l.RegisterSlot)));
        }

        /// <summary>A historique HC.. frame of a 30 A (6 kVA) subscription.</summary>
        private static byte[] Hc30(long offPeak, long peak) =>
            TicFrameWriter.Frame(TicMode.Historique,
                [new("OPTARIF", "HC.."), new("ISOUSC", "30"), new("HCHC", offPeak.ToString("000000000")), new("HCHP", peak.ToString("000000000")), new("PTEC", "HP.."), new("PAPP", "02160")]);

        private static byte[] HistoriqueFrame(string? option, params (string Label, string Value)[] indexes)
        {
            var fields = new List<TicField>();
            if (option is not null)
            {
                fields.Add(new TicField("OPTARIF", option));
            }

            fields.AddRange(indexes.Select(i => new TicField(i.Label, i.Value)));
            return TicFrameWriter.Frame(TicMode.Historique, fields);
        }
    }
}
