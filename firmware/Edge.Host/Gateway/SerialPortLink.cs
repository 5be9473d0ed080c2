using System;
using System.Threading;
using Edge.Core.Platform;

namespace Edge.Host.Gateway
{
    /// <summary>
    /// <see cref="ISerialLink"/> over a serial device of the gateway (a USB TIC or P1 adapter, a USB or HAT RS-485
    /// adapter). The device is opened when the line is handed to the node, so that a missing device or a missing
    /// permission refuses the start; the driver's <see cref="Open"/> then sets its speed and framing.
    /// With a direction output (an RS-485 transceiver's DE/RE pin on a GPIO), the output is driven on around each
    /// write and held until the last character has left the shift register: the write returns once the bytes are
    /// queued, so the hold is the bytes' time on the wire at the line's speed. Without one the transceiver turns
    /// itself (USB RS-485 adapters do) or the kernel does it (a UART set to RS-485 mode, TIOCSRS485).
    /// </summary>
    public sealed class SerialPortLink : ISerialLink, IDisposable
    {
        private readonly ISerialDevice _device;
        private readonly IDigitalOutput? _direction;
        private readonly Action<int> _sleep;
        private SerialLineSettings _settings = SerialLineSettings.P1;

        /// <summary>A link over the open <paramref name="device"/>, turning <paramref name="direction"/> (or null)
        /// around writes; <paramref name="sleep"/> waits the milliseconds given (Thread.Sleep when null).</summary>
        public SerialPortLink(ISerialDevice device, IDigitalOutput? direction, Action<int>? sleep = null)
        {
            _device = device;
            _direction = direction;
            _sleep = sleep ?? Thread.Sleep;
        }

        /// <summary>The line settings last applied.</summary>
        public SerialLineSettings Settings => _settings;

        public void Open(int baudRate, int dataBits, SerialParity parity, int stopBits)
        {
            _settings = new SerialLineSettings(baudRate, dataBits, parity, stopBits);
            _device.Apply(_settings);
        }

        /// <summary>Reads what has arrived, never waiting for more: 0 when the line is idle.</summary>
        public int Read(byte[] buffer, int offset, int count)
        {
            int waiting = _device.BytesToRead;
            return waiting == 0 ? 0 : _device.Read(buffer, offset, Math.Min(count, waiting));
        }

        public void Write(byte[] buffer, int offset, int count)
        {
            if (_direction is null)
            {
                _device.Write(buffer, offset, count);
                return;
            }

            _direction.Set(true);
            try
            {
                _device.Write(buffer, offset, count);
                _sleep(WireTimeMs(count));
            }
            finally
            {
                _direction.Set(false);
            }
        }

        /// <summary>The time <paramref name="bytes"/> take on the wire at the current settings, rounded up, plus one
        /// character's time for the last one leaving the transmitter.</summary>
        public int WireTimeMs(int bytes)
        {
            long bits = (long)(bytes + 1) * _settings.BitsPerCharacter;
            return (int)((bits * 1000 + _settings.BaudRate - 1) / _settings.BaudRate);
        }

        public void Dispose() => _device.Dispose();
    }
}
