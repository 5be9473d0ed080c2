#nullable disable
using System;
using Edge.Core.Model;
using Edge.Core.Time;

namespace Edge.Core.Aggregation
{
    /// <summary>
    /// The windows a node reports and how long a sample holds. Two documented defaults:
    /// <list type="bullet">
    /// <item><see cref="LinkyHousehold"/>: 15-minute settlement intervals of the energy delta, the peak apparent
    /// power and the mean voltage, plus local-day totals of the energy registers: about 1 KB of payload per hour.</item>
    /// <item><see cref="ThreePhaseSubstation"/>: 1-minute windows of everything with full statistics, 15-minute
    /// intervals and local-day totals of the energy registers.</item>
    /// </list>
    /// </summary>
    public sealed class AggregationProfile
    {
        private static readonly QuantityId[] HouseholdInterval =
        {
            QuantityId.TotalActiveEnergyImport, QuantityId.TotalActiveEnergyExport, QuantityId.TotalApparentPower,
            QuantityId.PhaseVoltageL1,
        };

        private static readonly QuantityId[] EnergyRegisters =
        {
            QuantityId.TotalActiveEnergyImport, QuantityId.TotalActiveEnergyExport,
            QuantityId.ActiveEnergyImportT1, QuantityId.ActiveEnergyImportT2, QuantityId.ActiveEnergyImportT3,
            QuantityId.ActiveEnergyImportT4, QuantityId.ActiveEnergyImportT5, QuantityId.ActiveEnergyImportT6,
            QuantityId.TotalReactiveEnergyImport, QuantityId.TotalReactiveEnergyExport,
        };

        /// <param name="windows">The windows to report; at least one.</param>
        /// <param name="maxHoldMs">How long a sample's value holds without a newer one, in ms; above 0.</param>
        public AggregationProfile(WindowPlan[] windows, long maxHoldMs)
        {
            if (windows == null || windows.Length == 0)
            {
                throw new ArgumentException("a profile needs at least one window", "windows");
            }

            if (maxHoldMs <= 0)
            {
                throw new ArgumentOutOfRangeException("maxHoldMs");
            }

            Windows = windows;
            MaxHoldMs = maxHoldMs;
        }

        /// <summary>The windows the node reports, each run by its own aggregator, in this order.</summary>
        public WindowPlan[] Windows { get; private set; }

        /// <summary>How long a sample's value holds without a newer one (see QuantityStats).</summary>
        public long MaxHoldMs { get; private set; }

        /// <summary>One window of the given length over every quantity with every statistic.</summary>
        public static AggregationProfile Single(int windowSeconds)
        {
            return new AggregationProfile(
                new WindowPlan[] { new WindowPlan(new FixedWindowCalendar(windowSeconds), null, StatisticSet.All) },
                WindowAggregator.DefaultMaxHoldMs);
        }

        /// <summary>A Linky household node: 15-minute intervals (the EU imbalance settlement period) and local days.</summary>
        public static AggregationProfile LinkyHousehold(TimeZoneRule zone)
        {
            return new AggregationProfile(
                new WindowPlan[]
                {
                    // The energy delta already gives the mean power: apparent power reports its peak, voltage its mean.
                    new WindowPlan(new FixedWindowCalendar(900), HouseholdInterval, StatisticSet.Compact)
                        .WithStatistics(QuantityId.TotalApparentPower, StatisticSet.Max | StatisticSet.Coverage)
                        .WithStatistics(QuantityId.PhaseVoltageL1, StatisticSet.Mean | StatisticSet.Coverage),
                    new WindowPlan(new LocalDayCalendar(zone), EnergyRegisters, StatisticSet.Last | StatisticSet.Delta | StatisticSet.Unit),
                },
                WindowAggregator.DefaultMaxHoldMs);
        }

        /// <summary>A three-phase substation node: 1-minute windows of everything, 15-minute intervals and local
        /// days of the energy registers.</summary>
        public static AggregationProfile ThreePhaseSubstation(TimeZoneRule zone)
        {
            return new AggregationProfile(
                new WindowPlan[]
                {
                    new WindowPlan(new FixedWindowCalendar(60), null, StatisticSet.All),
                    new WindowPlan(new FixedWindowCalendar(900), EnergyRegisters, StatisticSet.First | StatisticSet.Last | StatisticSet.Delta | StatisticSet.Unit | StatisticSet.Count),
                    new WindowPlan(new LocalDayCalendar(zone), EnergyRegisters, StatisticSet.Last | StatisticSet.Delta | StatisticSet.Unit | StatisticSet.Count),
                },
                WindowAggregator.DefaultMaxHoldMs);
        }
    }
}
