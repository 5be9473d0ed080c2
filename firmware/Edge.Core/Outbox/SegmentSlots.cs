#nullable disable
namespace Edge.Core.Outbox
{
    /// <summary>
    /// The outbox's segment slots and which are taken: in a store, slot i is the file PREFIXi; in RAM, the i-th
    /// segment buffer. A slot is taken by a segment, by a merged segment whose file waits for the acknowledgement mark
    /// to move before it is deleted, or by a file that could not be read (so that no new segment overwrites it).
    /// </summary>
    internal sealed class SegmentSlots
    {
        private readonly string _prefix;
        private readonly bool[] _used;
        private readonly string[] _names;

        /// <summary><paramref name="count"/> slots; <paramref name="prefix"/> names their files, null in RAM.</summary>
        internal SegmentSlots(string prefix, int count)
        {
            _prefix = prefix;
            _used = new bool[count];
            if (prefix != null)
            {
                _names = new string[count];
                for (int i = 0; i < count; i++)
                {
                    _names[i] = prefix + i.ToString();
                }
            }
        }

        /// <summary>Slots there are.</summary>
        internal int Count
        {
            get { return _used.Length; }
        }

        /// <summary>The file name of slot <paramref name="slot"/>.</summary>
        internal string NameOf(int slot)
        {
            return _names[slot];
        }

        /// <summary>Marks slot <paramref name="slot"/> taken.</summary>
        internal void Take(int slot)
        {
            _used[slot] = true;
        }

        /// <summary>Marks slot <paramref name="slot"/> free.</summary>
        internal void Free(int slot)
        {
            _used[slot] = false;
        }

        /// <summary>The lowest free slot, now taken, or -1.</summary>
        internal int TakeFree()
        {
            for (int i = 0; i < _used.Length; i++)
            {
                if (!_used[i])
                {
                    _used[i] = true;
                    return i;
                }
            }

            return -1;
        }
    }
}
