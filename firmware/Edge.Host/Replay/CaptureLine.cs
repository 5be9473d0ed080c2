using System;
using Edge.Core.Platform;

namespace Edge.Host.Replay
{
    /// <summary>The serial line of a replay: hands the driver the bytes of the current frame of a capture, as a UART
    /// would have buffered them between two polls. Opening it at any speed changes nothing; what is sent is dropped
    /// (a TIC line is one-way).</summary>
    public sealed class CaptureLine : ISerialLink
    {
        private byte[] _bytes = [];
        private int _position;
        private int _end;

        /// <summary>Speed the driver opened the line at; 0 until opened.</summary>
        public int OpenedBaud { get; private set; }

        /// <summary>Puts <paramref name="count"/> bytes of <paramref name="bytes"/> from <paramref name="start"/> on the line.</summary>
        public void Load(byte[] bytes, int start, int count)
        {
            _bytes = bytes;
            _position = start;
            _end = start + count;
        }

        /// <inheritdoc/>
        public void Open(int baudRate, int dataBits, SerialParity parity, int stopBits) => OpenedBaud = baudRate;

        /// <inheritdoc/>
        public int Read(byte[] buffer, int offset, int count)
        {
            int n = Math.Min(count, _end - _position);
            Array.Copy(_bytes, _position, buffer, offset, n);
            _position += n;
            return n;
        }

        /// <inheritdoc/>
        public void Write(byte[] buffer, int offset, int count)
        {
        }
    }
}
