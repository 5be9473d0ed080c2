#nullable disable
using Edge.Core.Platform;

namespace Edge.Core.Outbox
{
    /// <summary>
    /// The outbox's acknowledgement mark: the segment number and ordinal of the first unacknowledged record, and the
    /// file slots the outbox had, in PREFIXack0 and PREFIXack1 (README.md in this folder: the mark's 24 bytes). Each
    /// write bumps a counter; the valid copy of the higher counter (compared modulo 2^32) is the mark.
    /// </summary>
    internal sealed class AckMark : TwoCopyMark
    {
        internal AckMark(IStore store, string prefix)
            : base(store, prefix + "ack0", prefix + "ack1", OutboxFormat.MarkBytes)
        {
        }

        /// <summary>True when a mark was loaded or written.</summary>
        internal bool Stored { get; private set; }

        internal uint Counter { get; private set; }

        /// <summary>Segment number of the first unacknowledged record.</summary>
        internal uint Segment { get; private set; }

        /// <summary>Its ordinal in that segment.</summary>
        internal uint Ordinal { get; private set; }

        /// <summary>File slots of the outbox that wrote the mark: a later one with fewer reads them all.</summary>
        internal uint Slots { get; private set; }

        /// <summary>Reads the newer valid copy, if any.</summary>
        internal void Read()
        {
            Stored = Load();
            if (Stored)
            {
                Counter = OutboxFormat.ReadU32(Record, 4);
                Segment = OutboxFormat.ReadU32(Record, 8);
                Ordinal = OutboxFormat.ReadU32(Record, 12);
                Slots = OutboxFormat.ReadU32(Record, 16);
            }
        }

        /// <summary>True when the stored mark already says this.</summary>
        internal bool Says(uint segment, uint ordinal, uint slots)
        {
            return Stored && segment == Segment && ordinal == Ordinal && slots == Slots;
        }

        /// <summary>Writes a new mark over the older copy; false (counted) when the store fails.</summary>
        internal bool Write(uint segment, uint ordinal, uint slots)
        {
            uint counter = Counter + 1;
            OutboxFormat.WriteMark(Record, counter, segment, ordinal, slots);
            if (!Write(false))
            {
                return false;
            }

            Stored = true;
            Counter = counter;
            Segment = segment;
            Ordinal = ordinal;
            Slots = slots;
            return true;
        }

        protected override bool IsValid(byte[] record, int length)
        {
            return OutboxFormat.IsMark(record, length);
        }

        protected override bool IsNewer(byte[] candidate, byte[] than)
        {
            return (int)(OutboxFormat.ReadU32(candidate, 4) - OutboxFormat.ReadU32(than, 4)) > 0;
        }
    }
}
