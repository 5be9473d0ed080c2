using System;
using Edge.Core.Platform;

namespace Edge.Host.Protocols.Tic
{
    /// <summary>
    /// The UART end of a simulated TIC line: the meter's frames arrive byte by byte at the line's real pace
    /// (7E1 is 10 bits a byte: 120 bytes/s at 1200 baud, 960 at 9600), separated by a gap, and a reader sees only
    /// the bytes whose time has come. Faults can be injected: bit errors, frames cut short (a cable unplugged),
    /// and a line opened at the wrong speed yields garbage, as a real UART does.
    /// </summary>
    public sealed class VirtualTicSerialPort : ISerialLink
    {
        /// <summary>Pause between two frames; Enedis-NOI-CPT_54E gives 16.7 to 33.4 ms between groups and frames.</summary>
        private const double InterFrameGapMs = 30;

        private readonly SimulatedTicMeter _meter;
        private readonly DateTime _utcAtZero;
        private readonly Random _random;
        private readonly TimedLineBytes _line = new();
        private double _nextFrameMs;
        private long _nowMs;

        public VirtualTicSerialPort(SimulatedTicMeter meter, DateTime utcAtZero, int seed)
        {
            _meter = meter;
            _utcAtZero = utcAtZero;
            _random = new Random(seed);
        }

        /// <summary>Probability that a byte has one bit flipped on the way.</summary>
        public double BitErrorRate { get; set; }

        /// <summary>Probability that a frame is cut off somewhere in its middle.</summary>
        public double CutFrameRate { get; set; }

        /// <summary>Speed the reader opened the line at; 0 until opened.</summary>
        public int OpenedBaud { get; private set; }

        public long FramesSent { get; private set; }

        public void Open(int baudRate, int dataBits, SerialParity parity, int stopBits)
        {
            OpenedBaud = baudRate;
            _line.Clear();
        }

        /// <summary>Runs the meter and the line up to the given monotonic time.</summary>
        public void AdvanceTo(long monotonicMs)
        {
            double byteMs = 10_000.0 / _meter.Baud;
            while (_nextFrameMs <= monotonicMs)
            {
                DateTime utc = _utcAtZero.AddMilliseconds(_nextFrameMs);
                _meter.AdvanceTo(utc);
                byte[] frame = _meter.FrameAt(utc);
                int length = frame.Length;
                if (_random.NextDouble() < CutFrameRate)
                {
                    length = 1 + _random.Next(frame.Length - 1);
                }

                for (int i = 0; i < length; i++)
                {
                    byte b = frame[i];
                    if (_random.NextDouble() < BitErrorRate)
                    {
                        b ^= (byte)(1 << _random.Next(7));
                    }

                    if (OpenedBaud != 0 && OpenedBaud != _meter.Baud)
                    {
                        // At the wrong speed a UART samples the wrong bits: what comes out is noise.
                        b = (byte)_random.Next(0x80);
                    }

                    _line.Enqueue(_nextFrameMs + (i * byteMs), b);
                }

                FramesSent++;
                _nextFrameMs += (length * byteMs) + InterFrameGapMs;
            }

            _meter.AdvanceTo(_utcAtZero.AddMilliseconds(monotonicMs));
            _nowMs = monotonicMs;
        }

        public int Read(byte[] buffer, int offset, int count) => _line.Read(buffer, offset, count, _nowMs);

        public void Write(byte[] buffer, int offset, int count)
        {
            // The TIC line is one-way: the meter ignores anything sent to it.
        }
    }
}
