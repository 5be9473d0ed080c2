using System;
using System.Linq;
using Edge.Core.Model;
using Edge.Drivers.Tic;
using Xunit;

namespace Edge.Tests.Drivers.Tic
{
    /// <summary>Every real capture of the reference set, decoded to exactly the values its source lists.</summary>
    public class TicVectorTests
    {
        [Fact]
        public void Decodes_a_historique_tempo_frame()
        {
            var run = new TicRun().Feed(TicRun.Vector("tic_hist_1P_tempo_BBR_pyteleinfo_frame1.bin"));

            Assert.Equal(16, run.Groups.Count);
            Assert.All(run.Groups, g => Assert.Equal(TicMode.Historique, g.Mode));
            Assert.Equal(
                new[]
                {
                    ("ADCO", "021861348497"), ("OPTARIF", "BBR("), ("ISOUSC", "30"), ("BBRHCJB", "018328702"), ("BBRHPJB", "023739545"),
                    ("BBRHCJW", "001466099"), ("BBRHPJW", "002132883"), ("BBRHCJR", "000860118"), ("BBRHPJR", "000844115"),
                    ("PTEC", "HCJB"), ("DEMAIN", "ROUG"), ("IINST", "012"), ("IMAX", "090"), ("PAPP", "02830"), ("HHPHC", "A"), ("MOTDETAT", "000000"),
                },
                run.Groups.Select(g => (g.Label, g.Value)));
            Assert.Equal(1, run.Counters.FramesValid);
            Assert.Equal(0, run.Counters.Rejected);

            Assert.Equal(18328702, run.Reading(QuantityId.ActiveEnergyImportT1));
            Assert.Equal(23739545, run.Reading(QuantityId.ActiveEnergyImportT2));
            Assert.Equal(1466099, run.Reading(QuantityId.ActiveEnergyImportT3));
            Assert.Equal(2132883, run.Reading(QuantityId.ActiveEnergyImportT4));
            Assert.Equal(860118, run.Reading(QuantityId.ActiveEnergyImportT5));
            Assert.Equal(844115, run.Reading(QuantityId.ActiveEnergyImportT6));
            Assert.Equal(18328702 + 23739545 + 1466099 + 2132883 + 860118 + 844115, run.Reading(QuantityId.TotalActiveEnergyImport));
            Assert.Equal(6000, run.Reading(QuantityId.SubscribedPower)); // 30 A: 6 kVA
            Assert.Equal(12, run.Reading(QuantityId.CurrentL1));
            Assert.Equal(2830, run.Reading(QuantityId.TotalApparentPower));
            Assert.Equal(1, run.Reading(QuantityId.TariffPeriod)); // HCJB: off-peak blue, register T1
        }

        [Fact]
        public void Decodes_a_historique_hc_frame_with_space_checksums()
        {
            byte[] frame = TicRun.Vector("tic_hist_1P_HC_pyteleinfo_VALID_FRAME.bin");
            var run = new TicRun().Feed(frame);

            Assert.Equal(
                new[]
                {
                    ("ADCO", "050022120078"), ("OPTARIF", "HC.."), ("ISOUSC", "45"), ("HCHC", "094939439"), ("HCHP", "127970334"),
                    ("PTEC", "HP.."), ("IINST", "009"), ("IMAX", "049"), ("PAPP", "02160"), ("HHPHC", "E"), ("MOTDETAT", "400000"),
                },
                run.Groups.Select(g => (g.Label, g.Value)));

            // The PTEC and IINST groups end in two spaces: separator, then a checksum that is itself a SPACE.
            string text = System.Text.Encoding.ASCII.GetString(frame);
            Assert.Contains("\nPTEC HP..  \r", text);
            Assert.Contains("\nIINST 009  \r", text);

            Assert.Equal(94939439, run.Reading(QuantityId.ActiveEnergyImportT1));
            Assert.Equal(127970334, run.Reading(QuantityId.ActiveEnergyImportT2));
            Assert.Equal(94939439 + 127970334, run.Reading(QuantityId.TotalActiveEnergyImport));
            Assert.Equal(9000, run.Reading(QuantityId.SubscribedPower));
            Assert.Equal(2, run.Reading(QuantityId.TariffPeriod)); // HP..: peak hours, register T2 (HCHP)
            Assert.Equal(9, run.Reading(QuantityId.CurrentL1));
            Assert.Equal(2160, run.Reading(QuantityId.TotalApparentPower));
        }

        [Fact]
        public void Decodes_a_three_phase_frame_captured_through_a_tty()
        {
            var run = new TicRun().Feed(TicRun.Vector("tic_hist_3P_linky_lains_frame1_as_captured.bin"));

            Assert.Equal(16, run.Groups.Count);
            Assert.Equal("056234673197", run.Value("ADCO"));
            Assert.Equal("BASE", run.Value("OPTARIF"));
            Assert.Equal("010151175", run.Value("BASE"));
            Assert.Equal("TH..", run.Value("PTEC"));
            Assert.Equal("02680", run.Value("PMAX"));
            Assert.Equal("00", run.Value("PPOT"));
            Assert.Equal(new[] { "060", "060", "060" }, new[] { run.Value("IMAX1"), run.Value("IMAX2"), run.Value("IMAX3") });
            Assert.Equal(1, run.Counters.FramesValid);

            Assert.Equal(10151175, run.Reading(QuantityId.ActiveEnergyImportT1));
            Assert.Equal(10151175, run.Reading(QuantityId.TotalActiveEnergyImport));
            Assert.Equal(12000, run.Reading(QuantityId.SubscribedPower)); // ISOUSC 20 A per phase: 3 x 4 kVA
            Assert.Equal(0, run.Reading(QuantityId.CurrentL1));
            Assert.Equal(2, run.Reading(QuantityId.CurrentL2));
            Assert.Equal(0, run.Reading(QuantityId.CurrentL3));
            Assert.Equal(740, run.Reading(QuantityId.TotalApparentPower));
        }

        [Fact]
        public void Decodes_a_standard_frame_with_horodates_and_status()
        {
            var run = new TicRun().Feed(TicRun.Vector("tic_std_1P_linky_lains_frame1.bin"));

            Assert.Equal(38, run.Groups.Count);
            Assert.All(run.Groups, g => Assert.Equal(TicMode.Standard, g.Mode));
            Assert.Equal(TicMode.Standard, run.Decoder.DetectedMode);
            Assert.Equal("064468368739", run.Value("ADSC"));
            Assert.Equal("02", run.Value("VTIC"));
            Assert.Equal(("DATE", "", "H230301091834"), run.Groups.Where(g => g.Label == "DATE").Select(g => (g.Label, g.Value, g.Horodate)).Single());
            Assert.Equal("      BASE      ", run.Value("NGTF"));
            Assert.Equal("      BASE      ", run.Value("LTARF"));
            Assert.Equal(("H230301065253", "01024"), run.Groups.Where(g => g.Label == "SMAXSN").Select(g => (g.Horodate, g.Value)).Single());
            Assert.Equal(("H230301090000", "00170"), run.Groups.Where(g => g.Label == "CCASN").Select(g => (g.Horodate, g.Value)).Single());
            Assert.Equal(("H230301091000", "229"), run.Groups.Where(g => g.Label == "UMOY1").Select(g => (g.Horodate, g.Value)).Single());
            Assert.Equal("PAS DE          MESSAGE         ", run.Value("MSG1"));
            Assert.Equal("31051967533895", run.Value("PRM"));
            Assert.Equal(("000", "01", "00"), (run.Value("RELAIS"), run.Value("NTARF"), run.Value("NJOURF")));

            // Winter time (H): 09:18:34 local is 08:18:34 UTC.
            Assert.True(run.Interpreter.HasMeterTime);
            Assert.Equal(new DateTime(2023, 3, 1, 8, 18, 34, DateTimeKind.Utc), run.Interpreter.MeterTime.Utc);
            Assert.False(run.Interpreter.MeterTime.Summer);
            Assert.False(run.Interpreter.MeterTime.Degraded);

            Assert.Equal(11887649, run.Reading(QuantityId.TotalActiveEnergyImport));
            Assert.Equal(11887649, run.Reading(QuantityId.ActiveEnergyImportT1));
            Assert.Equal(0, run.Reading(QuantityId.ActiveEnergyImportT10));
            Assert.Equal(11887649, run.Reading(QuantityId.ActiveEnergyImportD1));
            Assert.Equal(1, run.Reading(QuantityId.CurrentL1));
            Assert.Equal(230, run.Reading(QuantityId.PhaseVoltageL1));
            Assert.Equal(4000, run.Reading(QuantityId.SubscribedPower));
            Assert.Equal(4000, run.Reading(QuantityId.CutoffPower));
            Assert.Equal(240, run.Reading(QuantityId.TotalApparentPower));
            Assert.Equal(170, run.Reading(QuantityId.AverageActivePowerImport));
            Assert.Equal(229, run.Reading(QuantityId.AverageVoltageL1));
            Assert.Equal(1, run.Reading(QuantityId.TariffPeriod));

            TicStatus status = run.Interpreter.Status;
            Assert.Equal(0x003A0001u, status.Value);
            Assert.True(status.DryContactOpen);
            Assert.Equal("closed", status.CutOffStateName);
            Assert.False(status.Overload);
            Assert.False(status.Overvoltage);
            Assert.False(status.Producer);
            Assert.Equal(1, status.SupplierIndex);
            Assert.True(status.StandardMode);
            Assert.Equal("enabledSecured", status.EuridisState);
            Assert.Equal("newLocked", status.PlcState);
        }

        [Fact]
        public void Keeps_every_valid_group_of_a_capture_with_reception_errors_and_rejects_the_corrupted_ones()
        {
            byte[] capture = TicRun.Vector("tic_hist_3P_linky_lains_capture_rx_errors.bin");
            var run = new TicRun().Feed(capture);

            // 304 groups of the capture have a valid checksum; every other fragment is rejected and counted.
            Assert.Equal(304, run.Counters.GroupsValid);
            Assert.True(run.Counters.Rejected >= 134, $"only {run.Counters.Rejected} rejected");
            Assert.Equal(run.Counters.RejectedChecksum, run.Rejects.Count(r => r == TicReject.Checksum));

            // Groups cut by STX or ETX are counted as framing errors when the frame event is returned instead.
            Assert.Equal(run.Counters.RejectedFraming, run.Rejects.Count(r => r == TicReject.Framing) + run.Counters.GroupsCut);

            // The accepted groups are exactly those a plain reference reading of the rule finds (split the
            // capture at every control character, keep fragments whose historique checksum holds).
            Assert.Equal(ReferenceHistoriqueGroups(capture), run.Groups.Select(g => (g.Label, g.Value)).ToArray());

            // A 6-bit checksum lets about one corrupted fragment in 64 through: the one here has a garbled label,
            // which no table knows, so it yields no reading.
            Assert.Equal(1, run.Counters.UnknownLabels);

            // Every reading comes from a known label and matches the meter's real values.
            // The BASE register only grows, by a few Wh over the capture: no corrupted value slipped in.
            long[] register = run.Sink.Readings.Where(r => r.Quantity == QuantityId.ActiveEnergyImportT1).Select(r => r.Value).ToArray();
            Assert.True(register.Length > 10);
            Assert.Equal(register.OrderBy(v => v), register);
            Assert.InRange(register[^1] - register[0], 0, 100);
            Assert.All(run.Sink.Readings.Where(r => r.Quantity == QuantityId.CurrentL1), r => Assert.InRange(r.Value, 0, 60));
        }

        private static (string Label, string Value)[] ReferenceHistoriqueGroups(byte[] capture)
        {
            var groups = new System.Collections.Generic.List<(string, string)>();
            string text = new string(capture.Select(b => (char)(b & 0x7F)).ToArray());
            foreach (string fragment in text.Split('\n', '\r', '\u0002', '\u0003', '\u0004'))
            {
                if (fragment.Length < 4 || fragment[^2] != ' ')
                {
                    continue;
                }

                string covered = fragment[..^2];
                if (((covered.Sum(c => c) & 0x3F) + 0x20) != fragment[^1])
                {
                    continue;
                }

                int space = covered.IndexOf(' ');
                if (space > 0 && space < covered.Length - 1)
                {
                    groups.Add((covered[..space], covered[(space + 1)..]));
                }
            }

            return groups.ToArray();
        }
    }
}
