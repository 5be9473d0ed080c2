#nullable disable
namespace Edge.Core.Outbox
{
    /// <summary>
    /// The outbox's table of segments, oldest first, the last entry being the open segment: per entry, parallel arrays
    /// rather than an object each (an object costs a header and, on nanoFramework, a 12-byte block per field). Holds
    /// what the outbox needs without reading a segment: its number, the index of its first record, its ordinals
    /// (records and gaps), bytes, records held, unacknowledged records by class and their bytes, its policy level and
    /// its slot.
    /// </summary>
    internal sealed class SegmentTable
    {
        /// <summary>Record classes counted per entry.</summary>
        internal const int ClassCount = 4;

        /// <summary>The slot of a segment not written yet.</summary>
        internal const byte NoSlot = 0xFF;

        /// <summary>Entries in use.</summary>
        internal int Count;

        internal readonly uint[] Number;
        internal readonly long[] First;
        internal readonly int[] Slots;
        internal readonly ushort[] Bytes;
        internal readonly ushort[] Held;
        internal readonly ushort[] UnackedBytes;
        internal readonly ushort[] Unacked;
        internal readonly byte[] Level;
        internal readonly byte[] Slot;

        /// <summary>A table of <paramref name="entries"/> entries at most.</summary>
        internal SegmentTable(int entries)
        {
            Number = new uint[entries];
            First = new long[entries];
            Slots = new int[entries];
            Bytes = new ushort[entries];
            Held = new ushort[entries];
            UnackedBytes = new ushort[entries];
            Unacked = new ushort[entries * ClassCount];
            Level = new byte[entries];
            Slot = new byte[entries];
        }

        /// <summary>The entry whose index range holds <paramref name="index"/>, or -1 (a gap left by a deleted
        /// segment, or out of range).</summary>
        internal int Find(long index)
        {
            int low = 0;
            int high = Count - 1;
            while (low < high)
            {
                int middle = (low + high + 1) / 2;
                if (First[middle] <= index)
                {
                    low = middle;
                }
                else
                {
                    high = middle - 1;
                }
            }

            return index >= First[low] && index < First[low] + Slots[low] ? low : -1;
        }

        /// <summary>Unacknowledged records of entry <paramref name="s"/>, all classes.</summary>
        internal int UnackedOf(int s)
        {
            int at = s * ClassCount;
            return Unacked[at] + Unacked[at + 1] + Unacked[at + 2] + Unacked[at + 3];
        }

        /// <summary>Moves the entries from <paramref name="s"/> on one place up, leaving <paramref name="s"/> empty.</summary>
        internal void Insert(int s)
        {
            for (int i = Count; i > s; i--)
            {
                Copy(i - 1, i);
            }

            Count++;
            Number[s] = 0;
            First[s] = 0;
            Slots[s] = 0;
            Bytes[s] = OutboxFormat.SegmentHeaderBytes;
            Held[s] = 0;
            UnackedBytes[s] = 0;
            for (int c = 0; c < ClassCount; c++)
            {
                Unacked[(s * ClassCount) + c] = 0;
            }

            Level[s] = 2;
            Slot[s] = NoSlot;
        }

        /// <summary>Removes entry <paramref name="s"/>, moving the later ones down.</summary>
        internal void Remove(int s)
        {
            for (int i = s; i < Count - 1; i++)
            {
                Copy(i + 1, i);
            }

            Count--;
        }

        private void Copy(int from, int to)
        {
            Number[to] = Number[from];
            First[to] = First[from];
            Slots[to] = Slots[from];
            Bytes[to] = Bytes[from];
            Held[to] = Held[from];
            UnackedBytes[to] = UnackedBytes[from];
            for (int c = 0; c < ClassCount; c++)
            {
                Unacked[(to * ClassCount) + c] = Unacked[(from * ClassCount) + c];
            }

            Level[to] = Level[from];
            Slot[to] = Slot[from];
        }
    }
}
