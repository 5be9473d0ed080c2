using System;
using System.Collections.Generic;
using System.Linq;
using Edge.Core.Model;
using Edge.Core.Security;
using Edge.Drivers.Tic;
using Edge.Tests.Fakes;
using Xunit;

namespace Edge.Tests.Drivers.Tic
{
    /// <summary><see cref="TicReader.ReadAll"/>, which a driver calls once a UART read, against
    /// <see cref="TicReader.Read"/> called event by event over the same blocks.</summary>
    public sealed class TicReaderTests
    {
        private static readonly DateTime Time = new(2026, 11, 25, 20, 0, 0, DateTimeKind.Utc);

        [Theory]
        [InlineData("tic_std_1P_linky_lains_frame1.bin", 1)]
        [InlineData("tic_std_1P_linky_lains_frame1.bin", 7)]
        [InlineData("tic_std_1P_linky_lains_frame1.bin", 256)]
        [InlineData("tic_std_1P_linky_lains_frame1.bin", 5000)]
        [InlineData("tic_hist_1P_tempo_BBR_pyteleinfo_frame1.bin", 1)]
        [InlineData("tic_hist_1P_tempo_BBR_pyteleinfo_frame1.bin", 13)]
        [InlineData("tic_hist_1P_tempo_BBR_pyteleinfo_frame1.bin", 256)]
        [InlineData("tic_hist_3P_linky_lains_frame1_as_captured.bin", 64)]
        public void ReadAll_gives_what_Read_gives_event_by_event(string file, int block)
        {
            // The frame intact, then with one checksum spoiled (a rejected group, an invalid frame), then intact.
            byte[] frame = TicRun.Vector(file);
            byte[] damaged = (byte[])frame.Clone();
            int cr = Array.IndexOf(damaged, (byte)0x0D, Array.IndexOf(damaged, (byte)0x0A) + 1);
            damaged[cr - 1] ^= 0x01;
            byte[] stream = frame.Concat(damaged).Concat(frame).ToArray();

            var identityByEvent = new MeterIdentity(MeterIdPolicy.Clear, null!);
            var byEvent = new TicReader(TicMode.Auto, identityByEvent);
            var sinkByEvent = new RecordingSink();
            var identityAll = new MeterIdentity(MeterIdPolicy.Clear, null!);
            var all = new TicReader(TicMode.Auto, identityAll);
            var sinkAll = new RecordingSink();
            int groupsByEvent = 0;
            int groupsAll = 0;
            for (int at = 0; at < stream.Length; at += block)
            {
                int count = Math.Min(block, stream.Length - at);
                for (int i = at; i < at + count;)
                {
                    TicEvent e = byEvent.Read(stream, i, at + count - i, out int consumed, Time, sinkByEvent);
                    i += consumed;
                    if (e == TicEvent.Group)
                    {
                        groupsByEvent++;
                    }
                }

                groupsAll += all.ReadAll(stream, at, count, Time, sinkAll);
            }

            Assert.Equal(groupsByEvent, groupsAll);
            Assert.Equal(byEvent.Counters.GroupsValid, groupsAll);
            Assert.Equal(sinkByEvent.Readings, sinkAll.Readings);
            Assert.Equal(sinkByEvent.Events, sinkAll.Events);
            Assert.Equal(Counters(byEvent.Counters), Counters(all.Counters));
            Assert.Equal(identityByEvent.Published, identityAll.Published);
            Assert.Equal(byEvent.Decoder.DetectedMode, all.Decoder.DetectedMode);
            Assert.True(all.Counters.RejectedChecksum >= 1);
            Assert.NotEmpty(sinkAll.Readings);
        }

        [Fact]
        public void ReadAll_of_a_standard_frame_in_one_block_returns_its_groups_and_readings()
        {
            var identity = new MeterIdentity(MeterIdPolicy.Clear, null!);
            var reader = new TicReader(TicMode.Auto, identity);
            var sink = new RecordingSink();
            byte[] frame = TicRun.Vector("tic_std_1P_linky_lains_frame1.bin");

            Assert.Equal(38, reader.ReadAll(frame, 0, frame.Length, Time, sink));
            Assert.Equal(1, reader.Counters.FramesValid);
            Assert.Equal(0, reader.Counters.Rejected);
            Assert.Equal(TicMode.Standard, reader.Decoder.DetectedMode);
            Assert.Equal("064468368739", identity.Published);
            Assert.Equal(11887649, sink.Readings.FindLast(r => r.Quantity == QuantityId.TotalActiveEnergyImport).Value);
            Assert.Equal(new DateTime(2023, 3, 1, 8, 18, 34, DateTimeKind.Utc), reader.Frame.MeterTime.Utc);
        }

        [Fact]
        public void ReadAll_of_a_historique_frame_cut_in_two_blocks_returns_each_blocks_groups()
        {
            var reader = new TicReader(TicMode.Historique, new MeterIdentity(MeterIdPolicy.Omit, null!));
            var sink = new RecordingSink();
            byte[] frame = TicRun.Vector("tic_hist_1P_tempo_BBR_pyteleinfo_frame1.bin");
            int half = frame.Length / 2;

            int first = reader.ReadAll(frame, 0, half, Time, sink);
            int second = reader.ReadAll(frame, half, frame.Length - half, Time, sink);

            Assert.Equal(16, first + second);
            Assert.InRange(first, 1, 15);
            Assert.Equal(1, reader.Counters.FramesValid);
            Assert.Equal(TicMode.Historique, reader.Decoder.DetectedMode);
            Assert.Equal(18328702 + 23739545 + 1466099 + 2132883 + 860118 + 844115,
                sink.Readings.FindLast(r => r.Quantity == QuantityId.TotalActiveEnergyImport).Value);
        }

        private static List<long> Counters(TicCounters counters) =>
            Enumerable.Range(0, counters.CounterCount).Select(i => counters.CounterValue(i)).ToList();
    }
}
