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

        // The names built last, by slot: the open segment's and the cached one's are asked for again and again, any
        // other (a segment replayed, stripped or deleted) when the outbox turns to it, which is rare. Holding one
        // string per slot instead took 40 bytes a slot (4.4 KB for 110 slots).
        private readonly int[] _namedSlot = new int[NamesKept];
        private readonly string[] _names = new string[NamesKept];
        private int _nextName;

        private const int NamesKept = 2;

        /// <summary><paramref name="count"/> slots; <paramref name="prefix"/> names their files, null in RAM.</summary>
        internal SegmentSlots(string prefix, int count)
        {
            _prefix = prefix;
            _used = new bool[count];
            for (int i = 0; i < NamesKept; i++)
            {
                _namedSlot[i] = -1;
            }
        }

        /// <summary>File names built since construction: each allocates its string.</summary>
        internal int NamesBuilt { get; private set; }

        /// <summary>Slots there are.</summary>
        internal int Count
        {
            get { return _used.Length; }
        }

        /// <summary>The file name of slot <paramref name="slot"/>: one of the last two asked for, or built now.</summary>
        internal string NameOf(int slot)
        {
            for (int i = 0; i < NamesKept; i++)
            {
                if (_namedSlot[i] == slot)
                {
                    return _names[i];
                }
            }

            string name = _prefix + slot.ToString();
            NamesBuilt++;
            _namedSlot[_nextName] = slot;
            _names[_nextName] = name;
            _nextName = (_nextName + 1) % NamesKept;
            return name;
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
