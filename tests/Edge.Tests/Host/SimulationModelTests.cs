using System;
using System.Linq;
using Edge.Host.Protocols.S0;
using Edge.Host.Simulation;
using Edge.Tests.Fakes;
using Xunit;

namespace Edge.Tests.Host
{
    public class SimulationModelTests
    {
        [Fact]
        public void Virtual_meter_emits_one_pulse_per_quantum_at_the_exact_instant()
        {
            // 1000 W for one hour at 1000 imp/kWh: 1000 pulses, one every 3.6 s.
            var meter = new VirtualPulseMeter(_ => 1000, 1000, Utc.At("2026-11-25T00:00:00Z"), recordPulses: true);
            meter.AdvanceTo(3_600_000);

            Assert.Equal(1000, meter.Count);
            Assert.Equal(3600, meter.PulseTimes[0]);
            Assert.Equal(7200, meter.PulseTimes[1]);
            Assert.Equal(3_600_000, meter.LastEdgeMs);
            Assert.Equal(1000.0, meter.EnergyWh, 6);
        }

        [Fact]
        public void Virtual_meter_follows_a_changing_load()
        {
            // 500 W for 30 min then 3000 W for 30 min at 800 imp/kWh: 1750 Wh = 1400 pulses.
            DateTime start = Utc.At("2026-11-25T00:00:00Z");
            var meter = new VirtualPulseMeter(t => t < start.AddMinutes(30) ? 500 : 3000, 800, start, recordPulses: true);
            meter.AdvanceTo(3_600_000);

            Assert.Equal(1400, meter.Count);
            Assert.Equal(1750.0, meter.EnergyWh, 6);
            Assert.True(meter.PulseTimes.Zip(meter.PulseTimes.Skip(1)).All(p => p.First < p.Second));
        }

        [Fact]
        public void Household_curve_is_deterministic_per_seed()
        {
            var a = new HouseholdLoadCurve(42);
            var b = new HouseholdLoadCurve(42);
            var c = new HouseholdLoadCurve(43);
            DateTime t = Utc.At("2026-11-25T18:30:00Z");
            double[] pa = Enumerable.Range(0, 600).Select(i => a.PowerAt(t.AddMinutes(i))).ToArray();
            Assert.Equal(pa, Enumerable.Range(0, 600).Select(i => b.PowerAt(t.AddMinutes(i))));
            Assert.NotEqual(pa, Enumerable.Range(0, 600).Select(i => c.PowerAt(t.AddMinutes(i))));
        }

        [Fact]
        public void Household_curve_has_a_realistic_daily_energy_and_an_evening_peak()
        {
            var curve = new HouseholdLoadCurve(1);
            DateTime day = Utc.At("2026-11-24T23:00:00Z"); // local midnight (UTC+1)
            double[] minuteWatts = Enumerable.Range(0, 1440).Select(i => curve.PowerAt(day.AddMinutes(i))).ToArray();
            double dailyKwh = minuteWatts.Sum() / 60 / 1000;
            double night = minuteWatts.Skip(60 * 2).Take(60 * 3).Average();   // 02:00-05:00 local
            double evening = minuteWatts.Skip(60 * 18).Take(60 * 3).Average(); // 18:00-21:00 local

            Assert.InRange(dailyKwh, 5, 20);
            Assert.True(evening > 2 * night, $"evening {evening:0} W vs night {night:0} W");
            Assert.True(minuteWatts.Min() > 50);
            Assert.True(minuteWatts.Max() > 1500, "appliances should produce kW peaks");
        }
    }
}
