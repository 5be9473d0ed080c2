#nullable disable
namespace Edge.Core.Aggregation
{
    /// <summary>Which statistics a window reports, as flags: fewer statistics, smaller payloads.</summary>
    public static class StatisticSet
    {
        /// <summary>Sampled quantities: the time-weighted mean, with one more decimal than the samples.</summary>
        public const int Mean = 1;

        /// <summary>Sampled quantities: the smallest value of the window.</summary>
        public const int Min = 2;

        /// <summary>Sampled quantities: the largest value of the window.</summary>
        public const int Max = 4;

        /// <summary>The latest value of the window; state quantities report it whatever the set says.</summary>
        public const int Last = 8;

        /// <summary>The second in the window at which the min and the max occurred.</summary>
        public const int ExtremeTimes = 16;

        /// <summary>Covered fraction of the window, when below 1.</summary>
        public const int Coverage = 32;

        /// <summary>Cumulative registers: first value of the window.</summary>
        public const int First = 64;

        /// <summary>Cumulative registers: consumption in the window, with its gap, rollover and reset notes.</summary>
        public const int Delta = 128;

        /// <summary>The unit ("u") beside each quantity; consumers that know the vocabulary can do without.</summary>
        public const int Unit = 256;

        /// <summary>The number of samples ("n").</summary>
        public const int Count = 512;

        /// <summary>Everything: the default.</summary>
        public const int All = Mean | Min | Max | Last | ExtremeTimes | Coverage | First | Delta | Unit | Count;

        /// <summary>Small payloads for metered households: the mean and max of sampled quantities, the delta of
        /// registers (edge-json adds a register's last value only while it has no delta yet), coverage when
        /// incomplete; no units (fixed by the vocabulary) and no counts.</summary>
        public const int Compact = Mean | Max | Delta | Coverage;
    }
}
