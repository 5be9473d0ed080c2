#nullable disable
namespace Edge.Core.Outbox
{
    /// <summary>
    /// Finds a record by its ordinal in a segment image, walking record headers from where the last walk of that
    /// segment stopped: a publisher replaying a backlog reads each segment's records in order, so each read costs one
    /// step, not a walk from the segment's start. Remembers the two segments walked last (the one replayed and the
    /// open one, to which fresh records go), by segment number.
    /// </summary>
    internal sealed class RecordCursors
    {
        private readonly long[] _number = new long[2];
        private readonly int[] _ordinal = new int[2];
        private readonly int[] _offset = new int[2];
        private int _victim;

        internal RecordCursors()
        {
            _number[0] = -1;
            _number[1] = -1;
        }

        /// <summary>
        /// Offset in <paramref name="buffer"/> (the image of segment <paramref name="number"/>, valid up to
        /// <paramref name="limit"/>, of <paramref name="ordinals"/> ordinals) of the record of ordinal
        /// <paramref name="ordinal"/>, or -1 when that ordinal holds none (a gap, or past the records), with
        /// <paramref name="next"/> the first ordinal after the gap.
        /// </summary>
        internal int Seek(byte[] buffer, long number, int limit, int ordinals, int ordinal, out int next)
        {
            int cursor = _number[0] == number ? 0 : (_number[1] == number ? 1 : -1);
            int at = OutboxFormat.SegmentHeaderBytes;
            int current = 0;
            if (cursor >= 0 && _ordinal[cursor] <= ordinal)
            {
                at = _offset[cursor];
                current = _ordinal[cursor];
            }

            if (cursor < 0)
            {
                cursor = _victim;
                _victim = 1 - _victim;
                _number[cursor] = number;
            }

            while (at < limit)
            {
                int size = OutboxFormat.RecordHeaderBytes + OutboxFormat.ReadU16(buffer, at + OutboxFormat.RecLength);
                if (buffer[at + OutboxFormat.RecClass] == OutboxFormat.GapClass)
                {
                    int gap = (int)OutboxFormat.ReadU32(buffer, at + OutboxFormat.RecSequence);
                    if (ordinal < current + gap)
                    {
                        Stop(cursor, current, at);
                        next = current + gap;
                        return -1;
                    }

                    current += gap;
                }
                else
                {
                    if (current == ordinal)
                    {
                        Stop(cursor, current, at);
                        next = current + 1;
                        return at;
                    }

                    current++;
                }

                at += size;
            }

            Stop(cursor, current, at);
            next = ordinals;
            return -1;
        }

        /// <summary>Forgets where walks of segment <paramref name="number"/> stopped: its image changed.</summary>
        internal void Invalidate(long number)
        {
            for (int i = 0; i < 2; i++)
            {
                if (_number[i] == number)
                {
                    _number[i] = -1;
                }
            }
        }

        private void Stop(int cursor, int ordinal, int offset)
        {
            _ordinal[cursor] = ordinal;
            _offset[cursor] = offset;
        }
    }
}
