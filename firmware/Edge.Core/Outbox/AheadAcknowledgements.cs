#nullable disable
namespace Edge.Core.Outbox
{
    /// <summary>
    /// The records a publisher with several messages in flight had acknowledged ahead of the first unacknowledged
    /// one, by index: once the ones before are acknowledged too, the outbox's first unacknowledged index moves over
    /// them. A fixed set of <see cref="DurableOutbox.MaxAcknowledgedAhead"/> indexes, unordered.
    /// </summary>
    internal sealed class AheadAcknowledgements
    {
        private readonly long[] _indexes;
        private int _count;

        internal AheadAcknowledgements(int capacity)
        {
            _indexes = new long[capacity];
        }

        /// <summary>True when no more can be held.</summary>
        internal bool IsFull
        {
            get { return _count == _indexes.Length; }
        }

        internal bool Contains(long index)
        {
            for (int i = 0; i < _count; i++)
            {
                if (_indexes[i] == index)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Adds <paramref name="index"/>; the caller checks <see cref="IsFull"/> first.</summary>
        internal void Add(long index)
        {
            _indexes[_count++] = index;
        }

        /// <summary>Removes <paramref name="index"/>; false when it was not held.</summary>
        internal bool Remove(long index)
        {
            for (int i = 0; i < _count; i++)
            {
                if (_indexes[i] == index)
                {
                    _indexes[i] = _indexes[--_count];
                    return true;
                }
            }

            return false;
        }

        /// <summary>Forgets the indexes below <paramref name="first"/>: records since dropped, or passed.</summary>
        internal void RemoveBelow(long first)
        {
            for (int i = _count - 1; i >= 0; i--)
            {
                if (_indexes[i] < first)
                {
                    _indexes[i] = _indexes[--_count];
                }
            }
        }
    }
}
