using System.Collections.Generic;

namespace Edge.Host.Listening
{
    /// <summary>
    /// Follows the sequence numbers of one channel of one node (readings, events or health each number their own,
    /// docs/contract.md) and tells what each new number means. The line is the highest number followed so far:
    /// <list type="bullet">
    /// <item>missing: numbers the line stepped over. Counted once, at the jump; the line goes on from the new number.</item>
    /// <item>repeated: a number seen before (a QoS 1 redelivery, a resync), or one older than anything the line can
    /// still tell apart (below its first number, or <see cref="Window"/> or more below the line).</item>
    /// <item>reordered: a number that came late, inside a gap already counted as missing (the gap shrinks by one);
    /// or a jump that nothing followed: when the next number carries on from before the jump, the jump was the stray
    /// (one stray 99 among 1, 2, 3... is one reordered message, not 96 missing and every later one repeated).</item>
    /// </list>
    /// A new boot of the node (a new "started" in its status) starts a new line: see <see cref="NodeTracker"/>.
    /// </summary>
    public sealed class SequenceLine
    {
        /// <summary>How far below the line a number is still told apart (late or repeated); older ones are taken as repeats.</summary>
        public const int Window = 512;

        /// <summary>Stray numbers kept ahead of the line, so that the line does not count them missing when it gets there.</summary>
        private const int MaxAhead = 16;

        private readonly SortedSet<long> _seen = new();
        private bool _following;
        private long _first;
        private long _head;
        private Jump? _lastJump;

        public long Missing { get; private set; }

        public long Repeated { get; private set; }

        public long Reordered { get; private set; }

        /// <summary>Takes the next number received; returns what it says about the line, or null when it follows.</summary>
        public string? Follow(long seq)
        {
            if (!_following)
            {
                _following = true;
                _first = seq;
                _head = seq;
                _seen.Add(seq);
                return null;
            }

            if (_seen.Contains(seq))
            {
                Repeated++;
                return $"seq {seq} again: repeated";
            }

            if (seq > _head)
            {
                return Advance(seq);
            }

            if (seq < _first || _head - seq >= Window)
            {
                Repeated++;
                return $"seq {seq} after {_head}: older than the numbers followed, taken as a repeat";
            }

            if (_lastJump is Jump jump && seq > jump.From && seq < jump.To)
            {
                // The line carries on from before the jump: the jump was the one out of line. Its number stays
                // seen (the line will not count it missing when it gets there).
                Missing -= jump.Counted;
                Reordered++;
                _head = jump.From;
                _lastJump = null;
                string note = $"seq {jump.To} was out of line: following {seq} after {jump.From}";
                string? gap = Advance(seq);
                DropStraysBeyond(MaxAhead);
                return gap is null ? note : note + "; " + gap;
            }

            // Below the line, inside the window and never seen: it was counted missing, and came late.
            _seen.Add(seq);
            Missing--;
            Reordered++;
            return $"seq {seq} arrived late, after {_head}";
        }

        /// <summary>Moves the line up to <paramref name="seq"/>, counting the numbers stepped over as missing.</summary>
        private string? Advance(long seq)
        {
            string? note = null;
            if (seq - _head == 1)
            {
                _lastJump = null;
            }
            else
            {
                long skipped = seq - _head - 1 - _seen.GetViewBetween(_head + 1, seq - 1).Count;
                Missing += skipped;
                _lastJump = new Jump(_head, seq, skipped);
                string range = seq - _head == 2 ? $"seq {_head + 1}" : $"seq {_head + 1}..{seq - 1}";
                note = skipped == seq - _head - 1 ? range + " missing" : $"{skipped} of {range} missing";
            }

            _head = seq;
            _seen.Add(seq);

            // Numbers already seen ahead of the line (a stray that came early) join it.
            while (_head < long.MaxValue && _seen.Contains(_head + 1))
            {
                _head++;
            }

            while (_seen.Min <= _head - Window)
            {
                _seen.Remove(_seen.Min);
            }

            return note;
        }

        private void DropStraysBeyond(int count)
        {
            while (_seen.Max > _head && _seen.GetViewBetween(_head + 1, _seen.Max).Count > count)
            {
                _seen.Remove(_seen.Max);
            }
        }

        /// <summary>The last jump: from the line's head, to the number that jumped, and how many it counted missing.</summary>
        private readonly record struct Jump(long From, long To, long Counted);
    }
}
