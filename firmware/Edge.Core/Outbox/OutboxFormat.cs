#nullable disable
using System;

namespace Edge.Core.Outbox
{
    /// <summary>
    /// The byte layout of outbox segments, records and acknowledgement marks (README.md in this folder describes it
    /// byte by byte). Every multi-byte field is little-endian, the ESP32's own byte order.
    /// </summary>
    internal static class OutboxFormat
    {
        internal const int SegmentHeaderBytes = 16;
        internal const int RecordHeaderBytes = 16;
        internal const int MarkBytes = 24;

        /// <summary>Version of the segment and mark layout; a reader skips files of another version.</summary>
        internal const byte Version = 1;

        /// <summary>Class byte of a gap record: it stands for records dropped from the segment, so that the records
        /// kept keep their ordinal (and the broker's in-flight indexes stay valid).</summary>
        internal const byte GapClass = 0xFF;

        /// <summary>The largest payload a record's 16-bit length field holds.</summary>
        internal const int MaxPayloadField = 0xFFFF;

        // Record header offsets.
        internal const int RecLength = 0;
        internal const int RecTopic = 2;
        internal const int RecClass = 3;
        internal const int RecSequence = 4;
        internal const int RecTime = 8;
        internal const int RecCrc = 12;

        // "EOBS": Edge outbox segment.
        private const byte SegMagic0 = 0x45;
        private const byte SegMagic1 = 0x4F;
        private const byte SegMagic2 = 0x42;
        private const byte SegMagic3 = 0x53;

        // "EOM" + version: Edge outbox mark.
        private const byte MarkMagic0 = 0x45;
        private const byte MarkMagic1 = 0x4F;
        private const byte MarkMagic2 = 0x4D;

        /// <summary>Moves <paramref name="count"/> bytes within <paramref name="b"/>, the ranges possibly overlapping:
        /// Array.Copy is only relied on for ranges apart, whatever the runtime does with overlapping ones.</summary>
        internal static void Move(byte[] b, int from, int to, int count)
        {
            if (from == to || count <= 0)
            {
                return;
            }

            if (to + count <= from || from + count <= to)
            {
                Array.Copy(b, from, b, to, count);
            }
            else if (to < from)
            {
                for (int i = 0; i < count; i++)
                {
                    b[to + i] = b[from + i];
                }
            }
            else
            {
                for (int i = count - 1; i >= 0; i--)
                {
                    b[to + i] = b[from + i];
                }
            }
        }

        internal static void WriteU16(byte[] b, int at, int value)
        {
            b[at] = (byte)value;
            b[at + 1] = (byte)(value >> 8);
        }

        internal static int ReadU16(byte[] b, int at)
        {
            return b[at] | (b[at + 1] << 8);
        }

        internal static void WriteU32(byte[] b, int at, uint value)
        {
            b[at] = (byte)value;
            b[at + 1] = (byte)(value >> 8);
            b[at + 2] = (byte)(value >> 16);
            b[at + 3] = (byte)(value >> 24);
        }

        internal static uint ReadU32(byte[] b, int at)
        {
            return b[at] | ((uint)b[at + 1] << 8) | ((uint)b[at + 2] << 16) | ((uint)b[at + 3] << 24);
        }

        internal static void WriteSegmentHeader(byte[] b, uint number)
        {
            b[0] = SegMagic0;
            b[1] = SegMagic1;
            b[2] = SegMagic2;
            b[3] = SegMagic3;
            b[4] = Version;
            b[5] = 0;
            b[6] = 0;
            b[7] = 0;
            WriteU32(b, 8, number);
            WriteU32(b, 12, Crc32.Compute(b, 0, 12));
        }

        /// <summary>True when the first <paramref name="length"/> bytes start with a valid segment header.</summary>
        internal static bool IsSegmentHeader(byte[] b, int length)
        {
            return length >= SegmentHeaderBytes && b[0] == SegMagic0 && b[1] == SegMagic1 && b[2] == SegMagic2
                && b[3] == SegMagic3 && b[4] == Version && ReadU32(b, 12) == Crc32.Compute(b, 0, 12);
        }

        internal static uint SegmentNumber(byte[] b)
        {
            return ReadU32(b, 8);
        }

        /// <summary>Writes a record's header at <paramref name="at"/>; its payload must already follow it.</summary>
        internal static void WriteRecordHeader(byte[] b, int at, int length, byte topic, byte cls, uint sequence, uint utcSeconds)
        {
            WriteU16(b, at + RecLength, length);
            b[at + RecTopic] = topic;
            b[at + RecClass] = cls;
            WriteU32(b, at + RecSequence, sequence);
            WriteU32(b, at + RecTime, utcSeconds);
            WriteU32(b, at + RecCrc, RecordCrc(b, at, length));
        }

        /// <summary>A gap record standing for <paramref name="slots"/> dropped records.</summary>
        internal static void WriteGap(byte[] b, int at, int slots)
        {
            WriteRecordHeader(b, at, 0, 0, GapClass, (uint)slots, 0);
        }

        /// <summary>CRC-32 over the 12 header bytes before the CRC field, then the payload.</summary>
        internal static uint RecordCrc(byte[] b, int at, int length)
        {
            uint crc = Crc32.Update(0, b, at, RecCrc);
            return Crc32.Update(crc, b, at + RecordHeaderBytes, length);
        }

        /// <summary>
        /// Bytes of the valid record at <paramref name="at"/> (header and payload) when it ends by <paramref name="limit"/>,
        /// its class is known, a gap stands for at least one record and the CRC matches; 0 otherwise.
        /// </summary>
        internal static int CheckRecord(byte[] b, int at, int limit)
        {
            if (limit - at < RecordHeaderBytes)
            {
                return 0;
            }

            int length = ReadU16(b, at + RecLength);
            if (length > limit - at - RecordHeaderBytes)
            {
                return 0;
            }

            byte cls = b[at + RecClass];
            if (cls == GapClass)
            {
                if (length != 0 || ReadU32(b, at + RecSequence) == 0 || ReadU32(b, at + RecSequence) > int.MaxValue)
                {
                    return 0;
                }
            }
            else if (cls > (byte)RecordClass.Event)
            {
                return 0;
            }

            if (ReadU32(b, at + RecCrc) != RecordCrc(b, at, length))
            {
                return 0;
            }

            return RecordHeaderBytes + length;
        }

        /// <summary>
        /// Where the first valid record at or after <paramref name="from"/> starts, scanning byte by byte up to
        /// <paramref name="limit"/>; -1 when there is none. Records carry no magic, but a false match needs a known class,
        /// a length that fits and a matching CRC-32, so a match inside damaged or payload bytes is a 1 in 2^32 event.
        /// </summary>
        internal static int FindRecord(byte[] b, int from, int limit)
        {
            for (int at = from; at <= limit - RecordHeaderBytes; at++)
            {
                if (CheckRecord(b, at, limit) > 0)
                {
                    return at;
                }
            }

            return -1;
        }

        internal static void WriteMark(byte[] b, uint counter, uint ackSegment, uint ackOrdinal, uint slots)
        {
            b[0] = MarkMagic0;
            b[1] = MarkMagic1;
            b[2] = MarkMagic2;
            b[3] = Version;
            WriteU32(b, 4, counter);
            WriteU32(b, 8, ackSegment);
            WriteU32(b, 12, ackOrdinal);
            WriteU32(b, 16, slots);
            WriteU32(b, 20, Crc32.Compute(b, 0, 20));
        }

        internal static bool IsMark(byte[] b, int length)
        {
            return length == MarkBytes && b[0] == MarkMagic0 && b[1] == MarkMagic1 && b[2] == MarkMagic2
                && b[3] == Version && ReadU32(b, 20) == Crc32.Compute(b, 0, 20);
        }
    }
}
