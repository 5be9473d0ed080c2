#nullable disable
using Edge.Core.Model;
using Edge.DeviceTests.Support;
using Edge.DeviceTests.Vectors;
using Edge.Drivers.Tic;
using nanoFramework.TestFramework;

namespace Edge.DeviceTests.Tic
{
    /// <summary>What the decoder does with damaged or unexpected bytes on the device: every refused group is
    /// counted, and no total is derived from an incomplete frame.</summary>
    [TestClass]
    public class TicDamageTests
    {
        private static byte[] _hc;

        [Setup]
        public void Load_the_vectors()
        {
            _hc = TicVectors.HistoriqueHc();
        }

        [TestMethod]
        public void Rejects_a_group_with_a_bad_checksum_and_derives_no_total_from_its_frame()
        {
            byte[] frame = (byte[])_hc.Clone();
            int at = IndexOf(frame, "HCHC 0949") + 5;
            frame[at] = (byte)'1'; // 094939439 becomes 194939439: the checksum no longer matches

            TicCapture run = new TicCapture(TicMode.Auto).Feed(frame);

            Assert.AreEqual(1L, run.Counters.RejectedChecksum);
            Assert.AreEqual(1, run.Rejects.Count);
            Assert.IsNull(run.Value("HCHC"));
            Assert.IsFalse(run.Readings.Has(QuantityId.ActiveEnergyImportT1));
            Assert.IsFalse(run.Readings.Has(QuantityId.TotalActiveEnergyImport));
            Assert.AreEqual(0L, run.Counters.FramesValid);
            Assert.AreEqual(10L, run.Counters.GroupsValid);
        }

        [TestMethod]
        public void A_fixed_mode_rejects_the_other_modes_groups_as_framing_errors()
        {
            TicCapture run = new TicCapture(TicMode.Standard).Feed(_hc);
            Assert.AreEqual(0L, run.Counters.GroupsValid);
            Assert.AreEqual(11L, run.Counters.RejectedFraming);
            Assert.AreEqual(0, run.Readings.Count);

            run = new TicCapture(TicMode.Historique).Feed(TicVectors.Standard());
            Assert.AreEqual(38L, run.Counters.RejectedFraming);
        }

        [TestMethod]
        public void Resynchronises_after_a_frame_cut_in_the_middle()
        {
            byte[] cut = new byte[_hc.Length / 2];
            System.Array.Copy(_hc, cut, cut.Length);

            TicCapture run = new TicCapture(TicMode.Auto).Feed(cut).Feed(_hc);

            Assert.AreEqual(1L, run.Counters.FramesCut);
            Assert.AreEqual(1L, run.Counters.FramesValid);
            Assert.AreEqual(94939439L + 127970334, run.Readings.Last(QuantityId.TotalActiveEnergyImport));
            Assert.AreEqual(1, run.Readings.CountOf(QuantityId.TotalActiveEnergyImport));
        }

        [TestMethod]
        public void Tolerates_the_parity_bit_left_in_bit_7_by_an_8N1_uart()
        {
            // TIC is 7E1 (Enedis-NOI-CPT_54E): read as 8N1, each byte keeps its even-parity bit in bit 7.
            byte[] frame = TicVectors.Standard();
            int withBit7 = 0;
            for (int i = 0; i < frame.Length; i++)
            {
                int ones = 0;
                for (int b = frame[i]; b != 0; b >>= 1)
                {
                    ones += b & 1;
                }

                if (ones % 2 == 1)
                {
                    frame[i] = (byte)(frame[i] | 0x80);
                    withBit7++;
                }
            }

            TicCapture run = new TicCapture(TicMode.Auto).Feed(frame);

            Assert.IsTrue(withBit7 > 0);
            Assert.AreEqual(38L, run.Counters.GroupsValid);
            Assert.AreEqual(11887649L, run.Readings.Last(QuantityId.TotalActiveEnergyImport));
        }

        private static int IndexOf(byte[] bytes, string text)
        {
            for (int i = 0; i + text.Length <= bytes.Length; i++)
            {
                int j = 0;
                while (j < text.Length && bytes[i + j] == (byte)text[j])
                {
                    j++;
                }

                if (j == text.Length)
                {
                    return i;
                }
            }

            return -1;
        }
    }
}
