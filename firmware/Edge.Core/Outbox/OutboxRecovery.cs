#nullable disable

namespace Edge.Core.Outbox
{
    /// <summary>
    /// What the load does with a segment record that fails its checks: corruption, when a valid record follows it in
    /// the segment, is cut out of the segment image and replaced by one gap record; otherwise it is a torn tail (a
    /// power cut while appending can only hit the end of what was written), which the caller drops. Stateless, so
    /// that it costs the outbox no memory.
    /// </summary>
    internal static class OutboxRecovery
    {
        /// <summary>
        /// Repairs the segment image <paramref name="b"/> whose record at <paramref name="at"/> is not valid: when a
        /// valid record starts further on before <paramref name="limit"/>, the bytes between are replaced by a gap
        /// record (see <see cref="DamagedSlots"/>), the rest moved up behind it, and the image's new length returned;
        /// -1 when nothing valid follows (a torn tail), the image then unchanged.
        /// </summary>
        internal static int ReplaceDamage(byte[] b, int at, int limit)
        {
            // A record is never shorter than its header: the next one cannot start inside this one's header.
            int next = OutboxFormat.FindRecord(b, at + OutboxFormat.RecordHeaderBytes, limit);
            if (next < 0)
            {
                return -1;
            }

            int slots = DamagedSlots(b, at, next);
            int gapEnd = at + OutboxFormat.RecordHeaderBytes;
            OutboxFormat.Move(b, next, gapEnd, limit - next);
            OutboxFormat.WriteGap(b, at, slots);
            return limit - (next - gapEnd);
        }

        /// <summary>
        /// How many records the damaged bytes from <paramref name="at"/> to <paramref name="next"/> held, as an upper
        /// bound: one when the damaged header's length lands exactly on <paramref name="next"/> (only the record's other
        /// bytes were hit), otherwise one per record header that fits. Counting too many only offers acknowledged
        /// records again (at-least-once); counting too few would pass unacknowledged ones as acknowledged.
        /// </summary>
        internal static int DamagedSlots(byte[] b, int at, int next)
        {
            if (at + OutboxFormat.RecordHeaderBytes + OutboxFormat.ReadU16(b, at + OutboxFormat.RecLength) == next)
            {
                return 1;
            }

            return (next - at) / OutboxFormat.RecordHeaderBytes;
        }
    }
}
