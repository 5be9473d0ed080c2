using System;
using System.Text;
using Edge.Drivers.Tic;
using Xunit;

namespace Edge.Tests.Drivers.Tic
{
    public class TicHorodateAndStatusTests
    {
        [Theory]
        [InlineData("H230301091834", "2023-03-01T08:18:34Z", false, false)]
        [InlineData("E230715120000", "2023-07-15T10:00:00Z", true, false)]
        [InlineData("h230301091834", "2023-03-01T08:18:34Z", false, true)]
        [InlineData("e230715120000", "2023-07-15T10:00:00Z", true, true)]
        [InlineData(" 230301091834", "2023-03-01T08:18:34Z", false, true)]
        public void Converts_the_meter_time_to_utc_with_its_season_flag(string horodate, string utc, bool summer, bool degraded)
        {
            Assert.True(Parse(horodate, out TicHorodate parsed));
            Assert.Equal(DateTime.Parse(utc, null, System.Globalization.DateTimeStyles.AdjustToUniversal), parsed.Utc);
            Assert.Equal(DateTimeKind.Utc, parsed.Utc.Kind);
            Assert.Equal((summer, degraded), (parsed.Summer, parsed.Degraded));
        }

        [Fact]
        public void Spring_forward_local_times_map_to_consecutive_utc_instants()
        {
            // 2023-03-26: at 02:00 winter time (01:00 UTC) clocks jump to 03:00 summer time.
            Assert.True(Parse("H230326015959", out TicHorodate before));
            Assert.True(Parse("E230326030000", out TicHorodate after));
            Assert.Equal(new DateTime(2023, 3, 26, 0, 59, 59, DateTimeKind.Utc), before.Utc);
            Assert.Equal(TimeSpan.FromSeconds(1), after.Utc - before.Utc);
        }

        [Fact]
        public void Fall_back_repeated_local_hour_is_told_apart_by_the_season_flag()
        {
            // 2023-10-29: 02:30 happens twice, first in summer time (00:30 UTC), then in winter time (01:30 UTC).
            Assert.True(Parse("E231029023000", out TicHorodate first));
            Assert.True(Parse("H231029023000", out TicHorodate second));
            Assert.Equal(new DateTime(2023, 10, 29, 0, 30, 0, DateTimeKind.Utc), first.Utc);
            Assert.Equal(new DateTime(2023, 10, 29, 1, 30, 0, DateTimeKind.Utc), second.Utc);
        }

        [Theory]
        [InlineData("X230301091834")]
        [InlineData("H231301091834")]
        [InlineData("H230230091834")]
        [InlineData("H230301241834")]
        [InlineData("H230301096034")]
        [InlineData("H2303010918")]
        [InlineData("H2303010918AB")]
        public void Rejects_an_impossible_horodate(string horodate)
        {
            Assert.False(Parse(horodate, out _));
        }

        [Fact]
        public void Decodes_every_status_register_field()
        {
            // Overload (bit 7), overvoltage (6), producer (8), negative energy (9), cut-off open on overload (1-3 = 1),
            // supplier index 4 (10-13 = 3), distributor index 2 (14-15 = 1), degraded clock (16), standard (17),
            // PLC registered (21-22 = 2), synchronised (23), today red (24-25 = 3), tomorrow white (26-27 = 2),
            // notice PM2 (28-29 = 2), peak PM1 (30-31 = 1).
            uint value = (1u << 7) | (1u << 6) | (1u << 8) | (1u << 9) | (1u << 1) | (3u << 10) | (1u << 14) | (1u << 16) | (1u << 17)
                | (2u << 21) | (1u << 23) | (3u << 24) | (2u << 26) | (2u << 28) | (1u << 30);
            var status = new TicStatus(value);

            Assert.False(status.DryContactOpen);
            Assert.Equal("openOverload", status.CutOffStateName);
            Assert.False(status.TerminalCoverOpen);
            Assert.True(status.Overload);
            Assert.True(status.Overvoltage);
            Assert.True(status.Producer);
            Assert.True(status.NegativeActiveEnergy);
            Assert.Equal(4, status.SupplierIndex);
            Assert.Equal(2, status.DistributorIndex);
            Assert.True(status.ClockDegraded);
            Assert.True(status.StandardMode);
            Assert.Equal("disabled", status.EuridisState);
            Assert.Equal("registered", status.PlcState);
            Assert.True(status.PlcSynchronised);
            Assert.Equal("red", status.TempoToday);
            Assert.Equal("white", status.TempoTomorrow);
            Assert.Equal(2, status.MobilePeakNotice);
            Assert.Equal(1, status.MobilePeak);
        }

        [Theory]
        [InlineData(0u, "closed")]
        [InlineData(2u, "openOverload")]
        [InlineData(4u, "openOvervoltage")]
        [InlineData(6u, "openLoadShedding")]
        [InlineData(8u, "openRemoteOrder")]
        [InlineData(10u, "openOverheatAboveMaxCurrent")]
        [InlineData(12u, "openOverheatBelowMaxCurrent")]
        public void Names_the_cut_off_device_state(uint value, string name)
        {
            Assert.Equal(name, new TicStatus(value).CutOffStateName);
        }

        private static bool Parse(string text, out TicHorodate horodate)
        {
            byte[] bytes = Encoding.ASCII.GetBytes(text);
            return TicHorodate.TryParse(bytes, 0, bytes.Length, out horodate);
        }
    }
}
