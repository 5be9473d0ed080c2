using System;
using System.Buffers.Binary;
using System.Collections.Generic;

namespace Edge.Tests.Core.Outbox
{
    /// <summary>Reads a segment file as README.md in firmware/Edge.Core/Outbox describes it, independently of the
    /// outbox's own code: the tests find with it where each record ends.</summary>
    internal static class SegmentFile
    {
        public const int HeaderBytes = 16;
        public const int RecordHeaderBytes = 16;
        public const byte GapClass = 0xFF;

        /// <summary>End offset and sequence of every record (gap records left out), up to the first one that does not fit.</summary>
        public static List<(int End, long Sequence)> Records(byte[] file)
        {
            var records = new List<(int End, long Sequence)>();
            if (file.Length < HeaderBytes || file[0] != (byte)'E' || file[1] != (byte)'O' || file[2] != (byte)'B' || file[3] != (byte)'S')
            {
                return records;
            }

            for (int at = HeaderBytes; at + RecordHeaderBytes <= file.Length;)
            {
                int length = BinaryPrimitives.ReadUInt16LittleEndian(file.AsSpan(at));
                int end = at + RecordHeaderBytes + length;
                if (end > file.Length)
                {
                    break;
                }

                if (file[at + 3] != GapClass)
                {
                    records.Add((end, BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(at + 4))));
                }

                at = end;
            }

            return records;
        }

        /// <summary>Every offset where a record, gap records included, ends: where a cut leaves no torn tail.</summary>
        public static List<int> Boundaries(byte[] file)
        {
            var ends = new List<int> { HeaderBytes };
            for (int at = HeaderBytes; at + RecordHeaderBytes <= file.Length;)
            {
                int end = at + RecordHeaderBytes + BinaryPrimitives.ReadUInt16LittleEndian(file.AsSpan(at));
                if (end > file.Length)
                {
                    break;
                }

                ends.Add(end);
                at = end;
            }

            return ends;
        }

        /// <summary>The segment number in a file's header.</summary>
        public static uint Number(byte[] file) => BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(8));
    }
}
