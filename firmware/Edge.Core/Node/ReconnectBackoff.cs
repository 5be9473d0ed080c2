#nullable disable
using System;

namespace Edge.Core.Node
{
    /// <summary>
    /// Delay before the next connection attempt: exponential backoff with "equal jitter" (half fixed, half random),
    /// so that thousands of nodes that lost the broker together do not all reconnect in the same second.
    /// The random source is a xorshift32 generator seeded per node (from its id), deterministic in tests.
    /// </summary>
    public sealed class ReconnectBackoff
    {
        private readonly long _minDelayMs;
        private readonly long _maxDelayMs;
        private long _current;
        private uint _state;

        /// <summary>A backoff from <paramref name="minDelayMs"/> to <paramref name="maxDelayMs"/> (ms), its jitter from <paramref name="seed"/> (0: a fixed seed); ArgumentOutOfRangeException if the minimum is not positive or exceeds the maximum.</summary>
        public ReconnectBackoff(long minDelayMs, long maxDelayMs, uint seed)
        {
            if (minDelayMs <= 0 || maxDelayMs < minDelayMs)
            {
                throw new ArgumentOutOfRangeException("minDelayMs");
            }

            _minDelayMs = minDelayMs;
            _maxDelayMs = maxDelayMs;
            _current = minDelayMs;
            _state = seed == 0 ? 0x9E3779B9u : seed;
        }

        /// <summary>Delay to wait after a failed attempt; each call doubles the base, up to the maximum.</summary>
        public long NextDelayMs()
        {
            long half = _current / 2;
            long delay = half + (long)(NextRandom() % (uint)(half + 1));
            _current = _current >= _maxDelayMs / 2 ? _maxDelayMs : _current * 2;
            return delay;
        }

        /// <summary>Back to the shortest delay, after a successful connection.</summary>
        public void Reset()
        {
            _current = _minDelayMs;
        }

        /// <summary>A stable seed from a node id (FNV-1a, 32 bit).</summary>
        public static uint SeedFrom(string text)
        {
            uint hash = 2166136261u;
            for (int i = 0; i < text.Length; i++)
            {
                hash ^= text[i];
                hash *= 16777619u;
            }

            return hash;
        }

        private uint NextRandom()
        {
            // xorshift32 (Marsaglia 2003, shifts 13, 17, 5).
            uint x = _state;
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            _state = x;
            return x;
        }
    }
}
