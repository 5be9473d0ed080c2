using System.Collections.Generic;
using Edge.Core.Outbox;
using Xunit;

namespace Edge.Tests.Core.Outbox
{
    /// <summary>A record as the tests append it and expect it back.</summary>
    internal sealed record Held(long Index, byte Topic, RecordClass Class, long Sequence, byte[] Payload);

    internal static class OutboxKit
    {
        /// <summary>Bytes that differ from one sequence to the next, so that a record read back is the one written.</summary>
        public static byte[] Payload(long sequence, int length)
        {
            var payload = new byte[length];
            for (int i = 0; i < length; i++)
            {
                payload[i] = (byte)((sequence * 31) + (i * 7) + 1);
            }

            return payload;
        }

        /// <summary>Appends a record whose payload is <see cref="Payload"/> of its sequence; returns its index.</summary>
        public static long Add(DurableOutbox outbox, RecordClass cls, long sequence, int length, byte topic = 0, long utc = 1_800_000_000)
        {
            long index = outbox.End;
            Assert.True(outbox.Append(topic, cls, sequence, utc, Payload(sequence, length), length), $"append of {sequence} refused");
            return index;
        }

        /// <summary>Every record held from <paramref name="from"/> to the end, in order.</summary>
        public static List<Held> ReadFrom(DurableOutbox outbox, long from)
        {
            var held = new List<Held>();
            var buffer = new byte[outbox.LargestPayloadBytes];
            for (long i = from; i < outbox.End; i++)
            {
                if (outbox.Read(i, buffer, out byte topic, out RecordClass cls, out long sequence, out int length))
                {
                    held.Add(new Held(i, topic, cls, sequence, buffer[..length]));
                }
            }

            return held;
        }

        /// <summary>What a publisher would send: the records from <see cref="DurableOutbox.FirstUnacknowledged"/> on.</summary>
        public static List<Held> Unacknowledged(DurableOutbox outbox) => ReadFrom(outbox, outbox.FirstUnacknowledged);

        public static List<long> Sequences(List<Held> held)
        {
            var sequences = new List<long>();
            foreach (Held h in held)
            {
                Assert.Equal(Payload(h.Sequence, h.Payload.Length), h.Payload);
                sequences.Add(h.Sequence);
            }

            return sequences;
        }

        public static List<long> Range(long from, long to)
        {
            var list = new List<long>();
            for (long i = from; i <= to; i++)
            {
                list.Add(i);
            }

            return list;
        }

        public static int TotalDropped(DurableOutbox outbox) =>
            outbox.Dropped(RecordClass.Telemetry) + outbox.Dropped(RecordClass.Interval)
            + outbox.Dropped(RecordClass.Total) + outbox.Dropped(RecordClass.Event);
    }
}
