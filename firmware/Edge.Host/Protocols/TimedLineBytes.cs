using System.Collections.Generic;

namespace Edge.Host.Protocols
{
    /// <summary>
    /// The bytes on a simulated serial line, each with the virtual instant it has arrived by: a virtual port queues
    /// what its meter sends at the line's pace, and its reader takes only the bytes whose time has come.
    /// </summary>
    public sealed class TimedLineBytes
    {
        private readonly Queue<(double AtMs, byte Value)> _bytes = new();

        /// <summary>Bytes queued and not read yet.</summary>
        public int Count => _bytes.Count;

        /// <summary>Queues <paramref name="value"/>, arrived by <paramref name="atMs"/>.</summary>
        public void Enqueue(double atMs, byte value) => _bytes.Enqueue((atMs, value));

        /// <summary>Drops everything queued (the line was opened again).</summary>
        public void Clear() => _bytes.Clear();

        /// <summary>Copies up to <paramref name="count"/> bytes arrived by <paramref name="nowMs"/>; returns how many.</summary>
        public int Read(byte[] buffer, int offset, int count, long nowMs)
        {
            int read = 0;
            while (read < count && _bytes.Count > 0 && _bytes.Peek().AtMs <= nowMs)
            {
                buffer[offset + read++] = _bytes.Dequeue().Value;
            }

            return read;
        }
    }
}
