using System;
using Edge.Core.Platform;

namespace Edge.Host.Protocols
{
    /// <summary>
    /// The UART end of a simulated meter's serial output: the meter's frames arrive byte by byte at the line's real
    /// pace (start bit, data bits, parity and stop bit: 10 bits a byte for 7E1 and 8N1 alike), and a reader sees only
    /// the bytes whose time has come. Faults can be injected: bit errors, frames cut short (a cable unplugged), and a
    /// line opened at the wrong speed yields garbage, as a real UART does. A protocol gives the meter, its speed and
    /// its cadence.
    /// </summary>
    public abstract class VirtualMeterSerialPort : ISerialLink
    {
        private readonly DateTime _utcAtZero;
        private readonly Random _random;
        private readonly TimedLineBytes _line = new();
        private double _nextFrameMs;
        private long _nowMs;

        protected VirtualMeterSerialPort(DateTime utcAtZero, int seed)
        {
            _utcAtZero = utcAtZero;
            _random = new Random(seed);
        }

        /// <summary>Probability that a byte has one bit flipped on the way.</summary>
        public double BitErrorRate { get; set; }

        /// <summary>Probability that a frame is cut off somewhere in its middle.</summary>
        public double CutFrameRate { get; set; }

        /// <summary>Speed the reader opened the line at; 0 until opened.</summary>
        public int OpenedBaud { get; private set; }

        /// <summary>Frames the meter has put on the line, cut ones included.</summary>
        public long FramesSent { get; private set; }

        /// <summary>The meter's line speed.</summary>
        protected abstract int Baud { get; }

        /// <summary>Data bits of a character (7 for 7E1, 8 for 8N1): the bits an error can flip and noise fills.</summary>
        protected abstract int DataBits { get; }

        /// <summary>Whether the meter sends at all now (a DSMR meter only while its data request line is up).</summary>
        protected virtual bool Sending => true;

        public void Open(int baudRate, int dataBits, SerialParity parity, int stopBits)
        {
            OpenedBaud = baudRate;
            _line.Clear();
        }

        /// <summary>Runs the meter and the line up to the given monotonic time.</summary>
        public void AdvanceTo(long monotonicMs)
        {
            double byteMs = 10_000.0 / Baud;
            while (_nextFrameMs <= monotonicMs)
            {
                if (!Sending)
                {
                    _nextFrameMs += FrameInterval(0);
                    continue;
                }

                byte[] frame = FrameAt(_utcAtZero.AddMilliseconds(_nextFrameMs));
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
                        b ^= (byte)(1 << _random.Next(DataBits));
                    }

                    if (OpenedBaud != 0 && OpenedBaud != Baud)
                    {
                        // At the wrong speed a UART samples the wrong bits: what comes out is noise.
                        b = (byte)_random.Next(1 << DataBits);
                    }

                    _line.Enqueue(_nextFrameMs + (i * byteMs), b);
                }

                FramesSent++;
                _nextFrameMs += FrameInterval(length * byteMs);
            }

            AdvanceMeterTo(_utcAtZero.AddMilliseconds(monotonicMs));
            _nowMs = monotonicMs;
        }

        public int Read(byte[] buffer, int offset, int count) => _line.Read(buffer, offset, count, _nowMs);

        public virtual void Write(byte[] buffer, int offset, int count)
        {
            // A meter's output is one-way: it ignores anything sent to it.
        }

        /// <summary>The meter run up to <paramref name="utc"/>, and the frame it starts sending then.</summary>
        protected abstract byte[] FrameAt(DateTime utc);

        /// <summary>Runs the meter up to <paramref name="utc"/> between frames.</summary>
        protected abstract void AdvanceMeterTo(DateTime utc);

        /// <summary>Time from the start of a frame that took <paramref name="lineMs"/> on the line to the start of the next.</summary>
        protected abstract double FrameInterval(double lineMs);
    }
}
