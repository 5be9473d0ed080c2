#nullable disable
using System;

namespace Edge.Core.Node
{
    /// <summary>
    /// Delay before the next connection attempt: exponential backoff with full jitter. After the n-th failure in a
    /// row (n from 0) the delay is drawn uniformly in [floor, min(cap, base x 2^n)], so that thousands of nodes that
    /// lost the broker together spread their attempts over the whole window instead of returning in waves (equal
    /// jitter, half fixed and half random, costs a broker more attempts over a longer time: M. Brooker, "Exponential
    /// Backoff And Jitter", AWS Architecture Blog, 2015); the floor keeps a node from hammering a broker that refuses
    /// at once. The random source is a xorshift32 generator seeded per node (from its id), so a node's delays are the
    /// same from run to run and tests are deterministic.
    /// </summary>
    public sealed class ReconnectBackoff
    {
        private readonly long _floorMs;
        private readonly long _baseMs;
        private readonly long _capMs;
        private long _bound;
        private uint _state;

        /// <summary>A backoff drawing from [<paramref name="floorMs"/>, min(<paramref name="capMs"/>, <paramref name="baseMs"/> x 2^n)]
        /// (ms), its jitter from <paramref name="seed"/> (0: a fixed seed); ArgumentOutOfRangeException unless
        /// 0 &lt; floor &lt;= base &lt;= cap.</summary>
        public ReconnectBackoff(long floorMs, long baseMs, long capMs, uint seed)
        {
            if (floorMs <= 0 || baseMs < floorMs || capMs < baseMs)
            {
                throw new ArgumentOutOfRangeException("floorMs");
            }

            _floorMs = floorMs;
            _baseMs = baseMs;
            _capMs = capMs;
            _bound = baseMs;
            _state = seed == 0 ? 0x9E3779B9u : seed;
        }

        /// <summary>The longest delay, in ms.</summary>
        public long CapMs
        {
            get { return _capMs; }
        }

        /// <summary>Delay to wait after a failed attempt, in ms; each call doubles the upper bound of the next, up to the cap.</summary>
        public long NextDelayMs()
        {
            long span = _bound - _floorMs;
            long delay = _floorMs + (long)(NextRandom() % (uint)(span + 1));
            _bound = _bound > _capMs / 2 ? _capMs : _bound * 2;
            return delay;
        }

        /// <summary>Back to the shortest bound (the base), after a successful connection.</summary>
        public void Reset()
        {
            _bound = _baseMs;
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
