#nullable disable
using System;
using Edge.Core.Model;
using Edge.DeviceTests.Support;
using Edge.DeviceTests.Vectors;
using Edge.Drivers.Tic;
using nanoFramework.TestFramework;

namespace Edge.DeviceTests.Tic
{
    /// <summary>
    /// The real TIC captures of the reference set (embedded byte for byte) decoded on the runtime that runs the
    /// driver, to the values their sources list (tests/Edge.Tests/TestData/tic/ORIGIN.md). TIC: Enedis-NOI-CPT_54E,
    /// historique and standard modes.
    /// </summary>
    [TestClass]
    public class TicVectorTests
    {
        [TestMethod]
        public void Decodes_the_sixteen_groups_of_a_historique_tempo_frame()
        {
            TicCapture run = new TicCapture(TicMode.Auto).Feed(TicVectors.HistoriqueTempo());

            string[] expected = new string[]
            {
                "ADCO=021861348497", "OPTARIF=BBR(", "ISOUSC=30", "BBRHCJB=018328702", "BBRHPJB=023739545",
                "BBRHCJW=001466099", "BBRHPJW=002132883", "BBRHCJR=000860118", "BBRHPJR=000844115",
                "PTEC=HCJB", "DEMAIN=ROUG", "IINST=012", "IMAX=090", "PAPP=02830", "HHPHC=A", "MOTDETAT=000000",
            };
            Assert.AreEqual(expected.Length, run.Groups.Count);
            for (int i = 0; i < expected.Length; i++)
            {
                Assert.AreEqual(expected[i], (string)run.Groups[i]);
            }

            Assert.AreEqual(TicMode.Historique, run.Reader.Decoder.DetectedMode);
            Assert.AreEqual(1L, run.Counters.FramesValid);
            Assert.AreEqual(0L, run.Counters.Rejected);
        }

        [TestMethod]
        public void Turns_a_tempo_frame_into_six_registers_their_total_and_the_subscribed_power()
        {
            ReadingLog r = new TicCapture(TicMode.Auto).Feed(TicVectors.HistoriqueTempo()).Readings;

            Assert.AreEqual(18328702L, r.Last(QuantityId.ActiveEnergyImportT1));
            Assert.AreEqual(23739545L, r.Last(QuantityId.ActiveEnergyImportT2));
            Assert.AreEqual(1466099L, r.Last(QuantityId.ActiveEnergyImportT3));
            Assert.AreEqual(2132883L, r.Last(QuantityId.ActiveEnergyImportT4));
            Assert.AreEqual(860118L, r.Last(QuantityId.ActiveEnergyImportT5));
            Assert.AreEqual(844115L, r.Last(QuantityId.ActiveEnergyImportT6));
            Assert.AreEqual(18328702L + 23739545 + 1466099 + 2132883 + 860118 + 844115, r.Last(QuantityId.TotalActiveEnergyImport));
            Assert.AreEqual(6000L, r.Last(QuantityId.SubscribedPower)); // ISOUSC 30 A at 200 VA per A (Enedis contracts): 6 kVA
            Assert.AreEqual(12L, r.Last(QuantityId.CurrentL1));
            Assert.AreEqual(2830L, r.Last(QuantityId.TotalApparentPower));
            Assert.AreEqual(1L, r.Last(QuantityId.TariffPeriod)); // HCJB: off-peak blue day, register T1
            Assert.AreEqual(0, r.Lost);
        }

        [TestMethod]
        public void Accepts_the_space_checksums_of_a_historique_hc_frame()
        {
            TicCapture run = new TicCapture(TicMode.Auto).Feed(TicVectors.HistoriqueHc());

            // PTEC and IINST end in two spaces: the separator, then a checksum that is itself a SPACE (0x20).
            Assert.AreEqual(11, run.Groups.Count);
            Assert.AreEqual("HP..", run.Value("PTEC"));
            Assert.AreEqual("009", run.Value("IINST"));
            Assert.AreEqual("400000", run.Value("MOTDETAT"));
            ReadingLog r = run.Readings;
            Assert.AreEqual(94939439L, r.Last(QuantityId.ActiveEnergyImportT1));
            Assert.AreEqual(127970334L, r.Last(QuantityId.ActiveEnergyImportT2));
            Assert.AreEqual(94939439L + 127970334, r.Last(QuantityId.TotalActiveEnergyImport));
            Assert.AreEqual(9000L, r.Last(QuantityId.SubscribedPower)); // ISOUSC 45 A at 200 VA per A
            Assert.AreEqual(2L, r.Last(QuantityId.TariffPeriod)); // HP..: peak hours, register T2 (HCHP)
            Assert.AreEqual(2160L, r.Last(QuantityId.TotalApparentPower));
        }

        [TestMethod]
        public void Decodes_a_three_phase_frame_captured_through_a_tty()
        {
            TicCapture run = new TicCapture(TicMode.Auto).Feed(TicVectors.HistoriqueThreePhase());

            Assert.AreEqual(16, run.Groups.Count);
            Assert.AreEqual("056234673197", run.Value("ADCO"));
            Assert.AreEqual("BASE", run.Value("OPTARIF"));
            Assert.AreEqual("02680", run.Value("PMAX"));
            ReadingLog r = run.Readings;
            Assert.AreEqual(10151175L, r.Last(QuantityId.TotalActiveEnergyImport));
            Assert.AreEqual(12000L, r.Last(QuantityId.SubscribedPower)); // ISOUSC 20 A per phase: 3 x 4 kVA
            Assert.AreEqual(0L, r.Last(QuantityId.CurrentL1));
            Assert.AreEqual(2L, r.Last(QuantityId.CurrentL2));
            Assert.AreEqual(0L, r.Last(QuantityId.CurrentL3));
            Assert.AreEqual(740L, r.Last(QuantityId.TotalApparentPower));
            Assert.AreEqual(1L, run.Counters.FramesValid);
        }

        [TestMethod]
        public void Decodes_the_groups_and_horodates_of_a_standard_frame()
        {
            TicCapture run = new TicCapture(TicMode.Auto).Feed(TicVectors.Standard());

            Assert.AreEqual(38, run.Groups.Count);
            Assert.AreEqual(TicMode.Standard, run.Reader.Decoder.DetectedMode);
            Assert.AreEqual("064468368739", run.Value("ADSC"));
            Assert.AreEqual("02", run.Value("VTIC"));
            Assert.AreEqual("      BASE      ", run.Value("NGTF"));
            Assert.AreEqual("PAS DE          MESSAGE         ", run.Value("MSG1"));
            Assert.AreEqual("31051967533895", run.Value("PRM"));

            // DATE H230301091834: winter time (H), 09:18:34 local is 08:18:34 UTC.
            TicFrameInterpreter frame = run.Reader.Frame;
            Assert.IsTrue(frame.HasMeterTime);
            Assert.AreEqual(new DateTime(2023, 3, 1, 8, 18, 34), frame.MeterTime.Utc);
            Assert.IsFalse(frame.MeterTime.Summer);
        }

        [TestMethod]
        public void Turns_a_standard_frame_into_readings_and_its_status_register_into_flags()
        {
            TicCapture run = new TicCapture(TicMode.Auto).Feed(TicVectors.Standard());

            ReadingLog r = run.Readings;
            Assert.AreEqual(11887649L, r.Last(QuantityId.TotalActiveEnergyImport));
            Assert.AreEqual(11887649L, r.Last(QuantityId.ActiveEnergyImportT1));
            Assert.AreEqual(230L, r.Last(QuantityId.PhaseVoltageL1));
            Assert.AreEqual(4000L, r.Last(QuantityId.SubscribedPower));
            Assert.AreEqual(240L, r.Last(QuantityId.TotalApparentPower));
            Assert.AreEqual(170L, r.Last(QuantityId.AverageActivePowerImport));
            Assert.AreEqual(229L, r.Last(QuantityId.AverageVoltageL1));

            // STGE 003A0001 (Enedis-NOI-CPT_54E section 6.2.3.14): dry contact open, cut-off device closed, supplier index 1.
            TicStatus status = run.Reader.Frame.Status;
            Assert.AreEqual(0x003A0001u, status.Value);
            Assert.IsTrue(status.DryContactOpen);
            Assert.AreEqual("closed", status.CutOffStateName);
            Assert.IsFalse(status.Overload);
            Assert.AreEqual(1, status.SupplierIndex);
            Assert.IsTrue(status.StandardMode);
            Assert.AreEqual("enabledSecured", status.EuridisState);
        }

        [TestMethod]
        public void Keeps_the_valid_groups_of_a_capture_with_reception_errors_and_counts_the_rest()
        {
            TicCapture run = new TicCapture(TicMode.Auto).Feed(TicVectors.HistoriqueRxErrors());

            // 304 groups of the capture have a valid checksum; every other fragment is rejected and counted.
            Assert.AreEqual(304L, run.Counters.GroupsValid);
            Assert.AreEqual(304, run.Groups.Count);
            Assert.IsTrue(run.Counters.Rejected >= 134, "rejected " + run.Counters.Rejected.ToString());
            Assert.AreEqual(run.Counters.RejectedChecksum, (long)run.RejectsOf(TicReject.Checksum));

            // A 6-bit checksum lets about one corrupted fragment in 64 through: here one garbled label, known to no table.
            Assert.AreEqual(1L, run.Counters.UnknownLabels);

            // The BASE register only grows, by a few Wh over the capture: no corrupted value slipped in.
            ReadingLog r = run.Readings;
            Assert.AreEqual(0, r.Lost);
            long first = -1;
            long previous = -1;
            int seen = 0;
            for (int i = 0; i < r.Count; i++)
            {
                Reading reading = r.At(i);
                if (reading.Quantity == QuantityId.ActiveEnergyImportT1)
                {
                    Assert.IsTrue(reading.Value >= previous, "BASE went back to " + reading.Value.ToString());
                    first = first < 0 ? reading.Value : first;
                    previous = reading.Value;
                    seen++;
                }
                else if (reading.Quantity == QuantityId.CurrentL1)
                {
                    Assert.IsTrue(reading.Value >= 0 && reading.Value <= 60, "IINST1 " + reading.Value.ToString());
                }
            }

            Assert.IsTrue(seen > 10, "BASE readings: " + seen.ToString());
            Assert.IsTrue(previous - first >= 0 && previous - first <= 100, "BASE grew by " + (previous - first).ToString());
        }

        [TestMethod]
        [DataRow(1)]
        [DataRow(7)]
        [DataRow(64)]
        [DataRow(865)]
        public void Decodes_the_same_readings_whatever_block_the_uart_delivers(int block)
        {
            byte[] frame = TicVectors.Standard();
            TicCapture byByte = new TicCapture(TicMode.Auto).Feed(frame);
            TicCapture byBlock = new TicCapture(TicMode.Auto).FeedBlocks(frame, block);

            Assert.AreEqual(38L, byBlock.Counters.GroupsValid);
            Assert.AreEqual(byByte.Readings.Count, byBlock.Readings.Count);
            for (int i = 0; i < byByte.Readings.Count; i++)
            {
                Assert.AreEqual((int)byByte.Readings.At(i).Quantity, (int)byBlock.Readings.At(i).Quantity);
                Assert.AreEqual(byByte.Readings.At(i).Value, byBlock.Readings.At(i).Value);
            }
        }
    }
}
