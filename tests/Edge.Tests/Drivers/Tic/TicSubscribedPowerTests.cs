using System.Linq;
using Edge.Core.Model;
using Edge.Drivers.Tic;
using Edge.Host.Protocols.Tic;
using Xunit;

namespace Edge.Tests.Drivers.Tic
{
    /// <summary>
    /// The subscribed power: in historique mode ISOUSC is the subscribed current per phase, 200 VA per A, so a
    /// three-phase meter has three times the power of a single-phase one with the same ISOUSC. The groups that show a
    /// meter is three-phase come after ISOUSC, so the power is published at the end of a complete valid frame. In
    /// standard mode PREF gives it in kVA.
    /// </summary>
    public class TicSubscribedPowerTests
    {
        private static readonly byte[] ThreePhase = TicRun.Vector("tic_hist_3P_linky_lains_frame1_as_captured.bin");

        [Fact]
        public void A_three_phase_frame_publishes_200_VA_per_subscribed_ampere_on_each_phase()
        {
            var run = new TicRun().Feed(ThreePhase);

            // ISOUSC 20 A per phase: 3 x 20 x 200 VA.
            Assert.Equal(new long[] { 12000 }, Published(run));
        }

        [Theory]
        [InlineData("tic_hist_1P_HC_pyteleinfo_VALID_FRAME.bin", 9000)] // ISOUSC 45
        [InlineData("tic_hist_1P_tempo_BBR_pyteleinfo_frame1.bin", 6000)] // ISOUSC 30
        public void A_single_phase_frame_publishes_200_VA_per_subscribed_ampere(string file, long voltAmperes)
        {
            var run = new TicRun().Feed(TicRun.Vector(file));

            Assert.Equal(new[] { voltAmperes }, Published(run));
        }

        [Fact]
        public void A_standard_frame_publishes_its_reference_power_in_kilovoltamperes()
        {
            var run = new TicRun().Feed(TicRun.Vector("tic_std_1P_linky_lains_frame1.bin"));

            Assert.Equal(new long[] { 4000 }, Published(run)); // PREF 04
        }

        [Fact]
        public void The_historique_subscribed_power_waits_for_the_end_of_the_frame()
        {
            int etx = ThreePhase.Length - 1;
            Assert.Equal(TicFrameWriter.Etx, ThreePhase[etx]);
            var run = new TicRun().Feed(ThreePhase[..etx]);
            Assert.Empty(Published(run));

            run.Feed(ThreePhase[etx..]);
            Assert.Equal(new long[] { 12000 }, Published(run));
        }

        [Fact]
        public void An_invalid_frame_publishes_no_subscribed_power()
        {
            // IINST2's checksum damaged: the group is rejected, so the frame is not valid, although ISOUSC passed.
            byte[] frame = (byte[])ThreePhase.Clone();
            frame[TicRun.IndexOf(frame, "IINST2 002 K") + "IINST2 002 ".Length] ^= 0x01;

            var run = new TicRun().Feed(frame);

            Assert.Equal((1L, 1L, 0L), (run.Counters.RejectedChecksum, run.Counters.Frames, run.Counters.FramesValid));
            Assert.Contains("ISOUSC", run.Groups.Select(g => g.Label));
            Assert.Empty(Published(run));
        }

        [Fact]
        public void A_frame_interrupted_by_eot_publishes_no_subscribed_power()
        {
            byte[] frame = (byte[])ThreePhase.Clone();
            frame[^1] = TicFrameWriter.Eot;

            var run = new TicRun().Feed(frame);

            Assert.Equal(1, run.Counters.FramesAborted);
            Assert.Empty(Published(run));
        }

        [Fact]
        public void A_frame_with_a_bad_value_publishes_no_subscribed_power()
        {
            byte[] frame = Historique(new("ISOUSC", "20"), new("IINST1", "001"), new("PTEC", "HX.."));

            var run = new TicRun().Feed(frame);

            Assert.Equal((1L, 0L), (run.Counters.BadValues, run.Counters.FramesValid));
            Assert.Empty(Published(run));
        }

        /// <summary>Enedis-NOI-CPT_02E section 6.2: the groups only a three-phase meter sends.</summary>
        [Theory]
        [InlineData("IINST1", "001")]
        [InlineData("IINST2", "001")]
        [InlineData("IINST3", "001")]
        [InlineData("IMAX1", "060")]
        [InlineData("IMAX2", "060")]
        [InlineData("IMAX3", "060")]
        [InlineData("ADIR1", "025")]
        [InlineData("ADIR2", "025")]
        [InlineData("ADIR3", "025")]
        [InlineData("PMAX", "02680")]
        [InlineData("PPOT", "00")]
        public void Any_group_of_a_three_phase_meter_makes_the_subscription_three_phase(string label, string value)
        {
            var run = new TicRun().Feed(Historique(new("ISOUSC", "20"), new(label, value)));

            Assert.Equal(new long[] { 12000 }, Published(run));
        }

        [Fact]
        public void The_groups_of_a_single_phase_meter_leave_the_subscription_single_phase()
        {
            var run = new TicRun().Feed(Historique(new("ISOUSC", "20"), new("IINST", "001"), new("IMAX", "060"), new("ADPS", "025"), new("PAPP", "00740")));

            Assert.Equal(new long[] { 4000 }, Published(run));
        }

        [Fact]
        public void Each_frame_says_for_itself_whether_the_meter_is_three_phase()
        {
            byte[] single = Historique(new("ISOUSC", "30"), new("IINST", "001"));

            var run = new TicRun().Feed(ThreePhase).Feed(single).Feed(ThreePhase);

            Assert.Equal(new long[] { 12000, 6000, 12000 }, Published(run));
        }

        private static long[] Published(TicRun run) =>
            run.Sink.Readings.Where(r => r.Quantity == QuantityId.SubscribedPower).Select(r => r.Value).ToArray();

        private static byte[] Historique(params TicField[] fields) => TicFrameWriter.Frame(TicMode.Historique, fields);
    }
}
