using System;
using System.Linq;
using System.Text.Json;
using Edge.Core.Aggregation;
using Edge.Core.Node;
using Edge.Core.Platform;
using Edge.Core.Time;
using Edge.Drivers.S0;
using Edge.Host.Protocols.Tic;
using Edge.Host.Simulation;
using Edge.Tests.Fakes;
using Xunit;

namespace Edge.Tests.Core
{
    public class AggregationProfileTests
    {
        [Fact]
        public void A_node_reports_every_window_of_its_profile_aligned_to_the_wall_clock()
        {
            var profile = new AggregationProfile(
                [
                    new WindowPlan(new FixedWindowCalendar(60), null, StatisticSet.All),
                    new WindowPlan(new FixedWindowCalendar(900), [Edge.Core.Model.QuantityId.TotalActiveEnergyImport], StatisticSet.Delta | StatisticSet.Last),
                ],
                60000);
            var rig = new S0Rig(Utc.At("2026-11-25T20:07:30Z"), profile);
            rig.Run(TimeSpan.FromMinutes(30));

            var windows = rig.Link.Readings.Select(p => JsonDocument.Parse(p.Payload).RootElement)
                .Select(r => (Window: r.GetProperty("window").GetString(), Start: r.GetProperty("start").GetString(), Seq: r.GetProperty("seq").GetInt64()))
                .ToArray();
            Assert.Equal(30, windows.Count(w => w.Window == "PT1M"));
            Assert.Equal(new[] { "2026-11-25T20:00:00Z", "2026-11-25T20:15:00Z" }, windows.Where(w => w.Window == "PT15M").Select(w => w.Start));
            Assert.Equal(Enumerable.Range(1, windows.Length).Select(i => (long)i), windows.Select(w => w.Seq));

            // The 15-minute window reports only what its plan covers, with only the chosen statistics.
            JsonElement quarter = rig.Link.Readings.Select(p => JsonDocument.Parse(p.Payload).RootElement)
                .Last(r => r.GetProperty("window").GetString() == "PT15M");
            JsonElement values = quarter.GetProperty("meters")[0].GetProperty("values");
            Assert.Equal(["totalActiveEnergyImport"], values.EnumerateObject().Select(p => p.Name));
            Assert.Equal(["delta", "last"], values.GetProperty("totalActiveEnergyImport").EnumerateObject().Select(p => p.Name));
        }

        [Fact]
        public void A_forward_clock_step_cuts_the_open_windows_and_flags_them()
        {
            var rig = new S0Rig(Utc.At("2026-11-25T20:00:00Z"), AggregationProfile.Single(900));
            rig.Run(TimeSpan.FromMinutes(5));
            rig.Clock.SetWallTime(rig.Clock.UtcNow.AddMinutes(20), true);
            rig.Run(TimeSpan.FromSeconds(2));

            JsonElement report = JsonDocument.Parse(Assert.Single(rig.Link.Readings).Payload).RootElement;
            Assert.Equal("stepped", report.GetProperty("clock").GetString());
            Assert.Equal("2026-11-25T20:00:00Z", report.GetProperty("start").GetString());
            Assert.Equal(1, rig.Node.ClockSteps);
        }

        [Fact]
        public void A_backward_clock_step_cuts_the_window_and_reopens_the_earlier_one()
        {
            var rig = new S0Rig(Utc.At("2026-11-25T20:10:00Z"), AggregationProfile.Single(900));
            rig.Run(TimeSpan.FromMinutes(2));
            rig.Clock.SetWallTime(Utc.At("2026-11-25T19:58:00Z"), true);
            rig.Run(TimeSpan.FromMinutes(3));

            var reports = rig.Link.Readings.Select(p => JsonDocument.Parse(p.Payload).RootElement).ToArray();
            Assert.Equal(("stepped", "2026-11-25T20:00:00Z"), (reports[0].GetProperty("clock").GetString(), reports[0].GetProperty("start").GetString()));
            Assert.Equal(("synced", "2026-11-25T19:45:00Z"), (reports[1].GetProperty("clock").GetString(), reports[1].GetProperty("start").GetString()));
        }

        [Fact]
        public void Small_clock_corrections_are_absorbed()
        {
            var rig = new S0Rig(Utc.At("2026-11-25T20:00:00Z"), AggregationProfile.Single(60));
            rig.Run(TimeSpan.FromSeconds(30));
            rig.Clock.SetWallTime(rig.Clock.UtcNow.AddMilliseconds(1500), true);
            rig.Run(TimeSpan.FromSeconds(40));

            Assert.Equal(0, rig.Node.ClockSteps);
            Assert.Equal("synced", JsonDocument.Parse(Assert.Single(rig.Link.Readings).Payload).RootElement.GetProperty("clock").GetString());
        }

        [Fact]
        public void Windows_before_synchronisation_are_flagged_and_the_first_sync_is_a_step()
        {
            var rig = new S0Rig(Utc.At("2000-01-01T00:00:00Z"), AggregationProfile.Single(60), synchronised: false);
            rig.Run(TimeSpan.FromSeconds(90));
            rig.Clock.SetWallTime(Utc.At("2026-11-25T20:00:30Z"), true);
            rig.Run(TimeSpan.FromSeconds(60));

            string[] clocks = rig.Link.Readings.Select(p => JsonDocument.Parse(p.Payload).RootElement.GetProperty("clock").GetString()!).ToArray();
            Assert.Equal(["unsynced", "stepped", "synced"], clocks);
        }

        [Fact]
        public void Daily_totals_follow_local_days_and_their_deltas_add_up()
        {
            // A constant 1 kW for two local days across the autumn DST change (25 hours on 2026-10-25).
            var profile = new AggregationProfile(
                [new WindowPlan(new LocalDayCalendar(TimeZoneRule.CentralEurope), [Edge.Core.Model.QuantityId.TotalActiveEnergyImport], StatisticSet.All)],
                60000);
            var rig = new S0Rig(Utc.At("2026-10-24T22:00:00Z"), profile, watts: 1000);
            rig.Run(TimeSpan.FromHours(49) + TimeSpan.FromMinutes(1));

            var days = rig.Link.Readings.Select(p => JsonDocument.Parse(p.Payload).RootElement).ToArray();
            Assert.Equal(2, days.Length);
            Assert.Equal(("2026-10-24T22:00:00Z", "2026-10-25T23:00:00Z"), (days[0].GetProperty("start").GetString(), days[0].GetProperty("end").GetString()));
            Assert.Equal(("2026-10-25T23:00:00Z", "2026-10-26T23:00:00Z"), (days[1].GetProperty("start").GetString(), days[1].GetProperty("end").GetString()));
            long[] deltas = days.Select(d => d.GetProperty("meters")[0].GetProperty("values").GetProperty("totalActiveEnergyImport").GetProperty("delta").GetInt64()).ToArray();

            // 25 h and 24 h at 1 kW; the first day misses the energy before its first sample (one pulse at most).
            Assert.InRange(deltas[0], 24_998, 25_000);
            Assert.Equal(24_000, deltas[1]);
        }

        [Fact]
        public void A_linky_household_node_sends_under_1200_bytes_of_readings_an_hour()
        {
            var link = new FakeMqttLink();
            var simulation = new NodeSimulation(
                new SimulationOptions
                {
                    Meter = TicProtocol.Standard,
                    StartUtc = Utc.At("2026-11-25T18:00:00Z"),
                    Profile = AggregationProfile.LinkyHousehold(TimeZoneRule.CentralEurope),
                },
                link);
            simulation.Run(TimeSpan.FromHours(24));

            long bytes = link.Readings.Sum(p => (long)System.Text.Encoding.UTF8.GetByteCount(p.Payload));
            // A quarter past the first (the first one starts before the meter's first frame: its coverage shows).
            JsonElement quarter = JsonDocument.Parse(link.Readings.ElementAt(2).Payload).RootElement.GetProperty("meters")[0].GetProperty("values");
            Assert.Equal(["max"], quarter.GetProperty("totalApparentPower").EnumerateObject().Select(p => p.Name));
            Assert.Equal(["mean"], quarter.GetProperty("phaseVoltage.L1").EnumerateObject().Select(p => p.Name));
            Assert.Equal(24 * 4 + 1, link.Readings.Count());
            Assert.True(bytes / 24.0 < 1200, $"{bytes / 24.0:0} bytes per hour");
        }

        [Fact]
        public void Interval_deltas_over_a_simulated_week_of_tic_frames_add_up_to_the_register_difference()
        {
            var link = new FakeMqttLink();
            var simulation = new NodeSimulation(
                new SimulationOptions
                {
                    Meter = TicProtocol.Historique,
                    StartUtc = Utc.At("2026-11-23T00:00:00Z"),
                    Profile = new AggregationProfile(
                        [new WindowPlan(new FixedWindowCalendar(900), [Edge.Core.Model.QuantityId.ActiveEnergyImportT1, Edge.Core.Model.QuantityId.ActiveEnergyImportT2], StatisticSet.All)],
                        60000),
                    TickMs = 5000,
                },
                link);
            simulation.Run(TimeSpan.FromDays(7));

            JsonElement[] reports = link.Readings.Select(p => JsonDocument.Parse(p.Payload).RootElement).ToArray();
            Assert.Equal(7 * 96, reports.Length);
            foreach (string register in new[] { "activeEnergyImport.T1", "activeEnergyImport.T2" })
            {
                JsonElement[] stats = reports.Select(r => r.GetProperty("meters")[0].GetProperty("values"))
                    .Where(v => v.TryGetProperty(register, out _)).Select(v => v.GetProperty(register)).ToArray();
                long sum = stats.Sum(s => s.TryGetProperty("delta", out JsonElement d) ? d.GetInt64() : 0);
                Assert.Equal(stats[^1].GetProperty("last").GetInt64() - stats[0].GetProperty("first").GetInt64(), sum);
                Assert.True(sum > 10_000, $"{register}: {sum} Wh in a week");
            }
        }

        /// <summary>A node with an S0 meter at constant power, and a clock the test controls.</summary>
        private sealed class S0Rig
        {
            private readonly int _watts;
            private long _nextPulseMs;

            public S0Rig(DateTime start, AggregationProfile profile, bool synchronised = true, int watts = 2000)
            {
                _watts = watts;
                Clock = new ManualClock(start, synchronised);
                Link = new FakeMqttLink();
                Node = new EdgeNode(new NodeConfig { NodeId = "n1", Profile = profile }, Clock, Link, null, null);
                Node.AddMeter(new S0PulseMeter("main", Input, 1000, 0, 0));
                Node.Start();
            }

            public ManualClock Clock { get; }

            public FakeMqttLink Link { get; }

            public EdgeNode Node { get; }

            public FakePulseInput Input { get; } = new();

            public void Run(TimeSpan duration)
            {
                for (long s = 0; s < (long)duration.TotalSeconds; s++)
                {
                    Clock.Advance(1000);
                    long interval = 3_600_000 / _watts;
                    while (_nextPulseMs + interval <= Clock.MonotonicMs)
                    {
                        _nextPulseMs += interval;
                        Input.Pulse(_nextPulseMs);
                    }

                    Node.Tick();
                }
            }
        }
    }
}
