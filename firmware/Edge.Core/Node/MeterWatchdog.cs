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
        private readonly long[] _lastReadingMs;
        private readonly bool[] _silent;

        /// <summary>A watchdog of <paramref name="meterCount"/> meters, each counted as last heard at <paramref name="monotonicMs"/>.</summary>
        public MeterWatchdog(NodeConfig config, int meterCount, long monotonicMs)
        {
            _config = config;
            _lastReadingMs = new long[meterCount];
            _silent = new bool[meterCount];
            for (int i = 0; i < meterCount; i++)
            {
                _lastReadingMs[i] = monotonicMs;
            }
        }

        /// <summary>True while meter <paramref name="meter"/> is silent.</summary>
        public bool IsSilent(int meter)
        {
            return _silent[meter];
        }

        /// <summary>Seconds the meter has been without a reading when it falls silent now, else NoChange.</summary>
        public long Check(int meter, long monotonicMs)
        {
            if (_config.MeterSilenceSeconds <= 0 || _silent[meter])
            {
                return NoChange;
            }

            long silentMs = monotonicMs - _lastReadingMs[meter];
            if (silentMs < _config.MeterSilenceSeconds * 1000L)
            {
                return NoChange;
            }

            _silent[meter] = true;
            return silentMs / 1000;
        }

        /// <summary>Notes a reading; returns the seconds of silence it ends when the meter was silent, else NoChange.</summary>
        public long OnReading(int meter, long monotonicMs)
        {
            long resumed = NoChange;
            if (_silent[meter])
            {
                _silent[meter] = false;
                resumed = (monotonicMs - _lastReadingMs[meter]) / 1000;
            }

            _lastReadingMs[meter] = monotonicMs;
            return resumed;
        }
    }
}
