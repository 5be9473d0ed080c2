#nullable disable
using System;

namespace Edge.Drivers.Tic
{
    /// <summary>
    /// Holds back a register value that cannot be the meter's: one that moved backwards, or forwards by more energy
    /// than the meter can let through since the last value published. Downstream, a drop looks like a meter reset
    /// (the window's delta restarts) and a jump like a consumption that never happened; both come from frames damaged
    /// in a way their checks could not see, so such a value is counted (<see cref="TicCounters.RegistersHeld"/>) and
    /// not published.
    /// <para>Recovery: a meter replaced, or reset, really does restart lower. A value that does not follow the
    /// published one is therefore taken as the register's new start once <see cref="RebaseFrames"/> consecutive
    /// values of the register (one a frame) agree, each one plausible after the one before
    /// (<see cref="TicCounters.RegistersRebased"/>). After a long silence (the line cut while the node runs) the
    /// elapsed time makes the meter's new value plausible at once.</para>
    /// <para>State is kept per register slot in arrays allocated once: checking a value allocates nothing.</para>
    /// </summary>
    public sealed class TicRegisterGuard
    {
        /// <summary>Consecutive values that must agree before the register restarts from them: about 10 s of frames,
        /// far more than a burst of line noise spans, little against a meter replacement.</summary>
        public const int RebaseFrames = 5;

        /// <summary>Shortest elapsed time the bound uses. A historique frame takes up to 2.5 s at 1200 baud and
        /// frames read in one poll share one time stamp: 10 s covers four frames of the meter's real progress.</summary>
        public const long MinimumElapsedMs = 10000;

        /// <summary>Beyond a year the bound exceeds any 9-digit register's range anyway; capping keeps it in 64 bits.</summary>
        private const long LongestElapsedMs = 366L * 24 * 3600 * 1000;

        private const long MillisecondsPerHour = 3600000;

        private readonly TicCounters _counters;
        private readonly bool[] _hasPublished;
        private readonly long[] _published;
        private readonly long[] _publishedTicks;
        private readonly long[] _candidate;
        private readonly long[] _candidateTicks;
        private readonly int[] _candidateFrames;

        /// <param name="registers">Register slots to guard, from 0 (the interpreter guards every register of
        /// <see cref="TicLabels"/>, and the total in one more slot).</param>
        /// <param name="counters">Where held and rebased values are counted.</param>
        public TicRegisterGuard(int registers, TicCounters counters)
        {
            _counters = counters;
            _hasPublished = new bool[registers];
            _published = new long[registers];
            _publishedTicks = new long[registers];
            _candidate = new long[registers];
            _candidateTicks = new long[registers];
            _candidateFrames = new int[registers];
        }

        /// <summary>
        /// True if <paramref name="value"/> of register <paramref name="slot"/>, read at <paramref name="time"/>, may
        /// be published, given the most the meter can deliver, <paramref name="maxVoltAmperes"/>; false (and counted)
        /// if it is held back. The first value of a register is always published: there is nothing to judge it by.
        /// </summary>
        public bool Accept(int slot, long value, DateTime time, long maxVoltAmperes)
        {
            // An unchanged register (all but the running tariff's, frame after frame) follows whatever the time: no
            // bound to compute.
            long ticks = time.Ticks;
            if (!_hasPublished[slot] || value == _published[slot] || Follows(_published[slot], _publishedTicks[slot], value, ticks, maxVoltAmperes))
            {
                Publish(slot, value, ticks);
                return true;
            }

            if (_candidateFrames[slot] > 0 && Follows(_candidate[slot], _candidateTicks[slot], value, ticks, maxVoltAmperes))
            {
                _candidateFrames[slot]++;
            }
            else
            {
                _candidateFrames[slot] = 1;
            }

            _candidate[slot] = value;
            _candidateTicks[slot] = ticks;
            if (_candidateFrames[slot] >= RebaseFrames)
            {
                _counters.RegistersRebased++;
                Publish(slot, value, ticks);
                return true;
            }

            _counters.RegistersHeld++;
            return false;
        }

        private void Publish(int slot, long value, long ticks)
        {
            _hasPublished[slot] = true;
            _published[slot] = value;
            _publishedTicks[slot] = ticks;
            _candidateFrames[slot] = 0;
        }

        /// <summary>
        /// True if a register can go from <paramref name="previous"/> to <paramref name="value"/> in the time between:
        /// not backwards (a wrap of the 9-digit register past 999,999,999 Wh counts as forwards), and by no more than
        /// the maximum power over that time (at least <see cref="MinimumElapsedMs"/>), plus the register's 1 Wh step.
        /// Energy in Wh (or varh) is bounded by apparent power x time: |P|, |Q| &lt;= S.
        /// </summary>
        private static bool Follows(long previous, long previousTicks, long value, long ticks, long maxVoltAmperes)
        {
            long step = value - previous;
            if (step < 0)
            {
                step += TicMeter.RegisterModulus;
                if (step < 0)
                {
                    return false;
                }
            }

            long elapsedMs = (ticks - previousTicks) / TimeSpan.TicksPerMillisecond;
            if (elapsedMs < MinimumElapsedMs)
            {
                elapsedMs = MinimumElapsedMs;
            }
            else if (elapsedMs > LongestElapsedMs)
            {
                elapsedMs = LongestElapsedMs;
            }

            return step <= (maxVoltAmperes * elapsedMs / MillisecondsPerHour) + 1;
        }
    }
}
