using System;

namespace Edge.Host.Simulation
{
    /// <summary>
    /// Active power drawn by a simulated household, as a pure function of time and seed, so a run can be replayed
    /// and a test can ask for the power at any instant. Built from the parts that shape a real load curve:
    /// a standby base load, a fridge compressor cycling on and off, a daily profile (morning and evening peaks,
    /// low at night) and appliance events (kettle, oven, washing machine, hob, vacuum) started at random minutes
    /// with probabilities that follow the time of day. Magnitudes follow typical European household figures
    /// (10 to 12 kWh a day, about 4,000 kWh a year, with peaks of a few kW).
    /// </summary>
    public sealed class HouseholdLoadCurve
    {
        /// <summary>Local time offset used for the daily profile (Central European Time; DST ignored here).</summary>
        private static readonly TimeSpan LocalOffset = TimeSpan.FromHours(1);

        // Mean background load (W) per local hour: lighting, electronics, heating circulators.
        private static readonly double[] HourlyBackground =
        [
            112, 104, 96, 96, 96, 112, 208, 336, 304, 208, 176, 192,
            240, 208, 176, 176, 208, 304, 416, 448, 416, 352, 256, 160,
        ];

        // Chance (per minute) that an appliance starts, per local hour; the evening peak dominates.
        private static readonly double[] HourlyEventChance =
        [
            0.0008, 0.0004, 0.0004, 0.0004, 0.0004, 0.0016, 0.012, 0.018, 0.012, 0.006, 0.0048, 0.008,
            0.012, 0.008, 0.0048, 0.0048, 0.008, 0.014, 0.02, 0.018, 0.012, 0.008, 0.004, 0.0016,
        ];

        private static readonly Appliance[] Appliances =
        [
            new("kettle", 2000, 3, 3),
            new("oven", 2400, 25, 50),
            new("washing machine", 1900, 15, 20),
            new("hob", 1500, 10, 25),
            new("vacuum cleaner", 900, 5, 15),
            new("microwave", 1100, 2, 6),
        ];

        /// <summary>Longest appliance run in minutes: how far back an event can still be running.</summary>
        private const int LongestEventMinutes = 50;

        private readonly ulong _seed;

        public HouseholdLoadCurve(ulong seed)
        {
            _seed = seed;
        }

        /// <summary>Active power in W at the given instant.</summary>
        public double PowerAt(DateTime utc)
        {
            DateTime local = utc + LocalOffset;
            double hour = local.TimeOfDay.TotalHours;
            int h = (int)hour;
            double fraction = hour - h;

            // Background: interpolate between hourly means so the curve has no steps, plus slow noise.
            double background = (HourlyBackground[h] * (1 - fraction)) + (HourlyBackground[(h + 1) % 24] * fraction);
            long minute = utc.Ticks / TimeSpan.TicksPerMinute;
            background *= 0.9 + (0.2 * Unit(Hash(minute, 1)));

            // Fridge: 110 W compressor, 14 min on in every 38 min, phase set by the seed.
            long seconds = utc.Ticks / TimeSpan.TicksPerSecond;
            long phase = (long)(Hash(0, 2) % (38 * 60));
            double fridge = ((seconds + phase) % (38 * 60)) < 14 * 60 ? 110 : 0;

            return background + fridge + AppliancePower(minute, local);
        }

        private double AppliancePower(long minuteNow, DateTime localNow)
        {
            double total = 0;
            for (long start = minuteNow - LongestEventMinutes; start <= minuteNow; start++)
            {
                int hourOfStart = (localNow.AddMinutes(start - minuteNow)).Hour;
                if (Unit(Hash(start, 3)) >= HourlyEventChance[hourOfStart])
                {
                    continue;
                }

                Appliance appliance = Appliances[Hash(start, 4) % (ulong)Appliances.Length];
                int duration = appliance.MinMinutes + (int)(Hash(start, 5) % (ulong)(appliance.MaxMinutes - appliance.MinMinutes + 1));
                if (minuteNow < start + duration)
                {
                    total += appliance.Watts;
                }
            }

            return total;
        }

        private ulong Hash(long value, ulong stream)
        {
            // SplitMix64 finaliser over (seed, stream, value): a stateless, well-mixed random source.
            ulong z = unchecked(_seed + (stream * 0x9E3779B97F4A7C15UL) + ((ulong)value * 0xBF58476D1CE4E5B9UL));
            z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
            z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
            return z ^ (z >> 31);
        }

        private static double Unit(ulong hash) => (hash >> 11) * (1.0 / (1UL << 53));

        private sealed record Appliance(string Name, double Watts, int MinMinutes, int MaxMinutes);
    }
}
