using System;
using System.Collections.Generic;
using Edge.Core.Platform;

namespace Edge.Host.Protocols.Modbus
{
    /// <summary>
    /// The master's UART end of a simulated RS-485 line with slaves on it: a frame the master writes reaches every
    /// slave; the one addressed puts its reply on the line after its response delay, byte by byte at the line's
    /// pace (8N1 is 10 bits a character), and a reader sees only the bytes whose time has come.
    /// </summary>
    public sealed class VirtualRs485Bus : ISerialLink
    {
        private readonly List<SimulatedModbusSlave> _slaves = new();
        private readonly TimedLineBytes _line = new();
        private long _nowMs;

        /// <summary>Speed the master opened the line at; 0 until opened.</summary>
        public int OpenedBaud { get; private set; }

        /// <summary>Every frame the master wrote, with the time it was written.</summary>
        public List<(long AtMs, byte[] Frame)> Written { get; } = new();

        /// <summary>Every byte put on the line, requests and replies, in order: what a sniffer on the bus captures.</summary>
        public List<byte> Capture { get; } = new();

        /// <summary>Puts a slave on the line; returns it.</summary>
        public T Attach<T>(T slave)
            where T : SimulatedModbusSlave
        {
            _slaves.Add(slave);
            return slave;
        }

        public void Open(int baudRate, int dataBits, SerialParity parity, int stopBits)
        {
            OpenedBaud = baudRate;
            _line.Clear();
        }

        /// <summary>The line's clock: bytes due by then may be read.</summary>
        public void AdvanceTo(long monotonicMs) => _nowMs = monotonicMs;

        public int Read(byte[] buffer, int offset, int count) => _line.Read(buffer, offset, count, _nowMs);

        public void Write(byte[] buffer, int offset, int count)
        {
            byte[] frame = new byte[count];
            Array.Copy(buffer, offset, frame, 0, count);
            Written.Add((_nowMs, frame));
            Capture.AddRange(frame);
            double byteMs = 10_000.0 / (OpenedBaud == 0 ? 9600 : OpenedBaud);
            double endOfRequest = _nowMs + (count * byteMs);
            foreach (SimulatedModbusSlave slave in _slaves)
            {
                byte[]? reply = slave.Answer(frame, count);
                if (reply is null)
                {
                    continue;
                }

                Capture.AddRange(reply);
                double at = endOfRequest + slave.ResponseDelayMs;
                for (int i = 0; i < reply.Length; i++)
                {
                    _line.Enqueue(at + ((i + 1) * byteMs), reply[i]);
                }
            }
        }
    }
}
