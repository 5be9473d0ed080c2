#nullable disable

namespace Edge.Core.Node
{
    /// <summary>
    /// Watches that each meter keeps delivering: a meter without a reading for MeterSilenceSeconds (read at every
    /// check, so config/set applies at once; 0: never) falls silent once, and resumes with its next reading. The node
    /// announces both as events, with the length of the silence in seconds.
    /// </summary>
    public sealed class MeterWatchdog
    {
        /// <summary>Returned when nothing changed.</summary>
        public const long NoChange = -1;

        private readonly NodeConfig _config;
        // Internal so that the router notes a reading of a meter that was not silent (every reading but one after a
        // silence) without a call: on the nanoFramework interpreter a call costs more than the store itself.
        internal readonly long[] LastReadingMs;
        internal readonly bool[] Silent;

        /// <summary>A watchdog of <paramref name="meterCount"/> meters, each counted as last heard at <paramref name="monotonicMs"/>.</summary>
        public MeterWatchdog(NodeConfig config, int meterCount, long monotonicMs)
        {
            _config = config;
            LastReadingMs = new long[meterCount];
            Silent = new bool[meterCount];
            for (int i = 0; i < meterCount; i++)
            {
                LastReadingMs[i] = monotonicMs;
            }
        }

        /// <summary>True while meter <paramref name="meter"/> is silent.</summary>
        public bool IsSilent(int meter)
        {
            return Silent[meter];
        }

        /// <summary>Seconds the meter has been without a reading when it falls silent now, else NoChange.</summary>
        public long Check(int meter, long monotonicMs)
        {
            if (_config.MeterSilenceSeconds <= 0 || Silent[meter])
            {
                return NoChange;
            }

            long silentMs = monotonicMs - LastReadingMs[meter];
            if (silentMs < _config.MeterSilenceSeconds * 1000L)
            {
                return NoChange;
            }

            Silent[meter] = true;
            return silentMs / 1000;
        }

        /// <summary>Notes a reading; returns the seconds of silence it ends when the meter was silent, else NoChange.</summary>
        public long OnReading(int meter, long monotonicMs)
        {
            long resumed = NoChange;
            if (Silent[meter])
            {
                Silent[meter] = false;
                resumed = (monotonicMs - LastReadingMs[meter]) / 1000;
            }

            LastReadingMs[meter] = monotonicMs;
            return resumed;
        }
    }
}
