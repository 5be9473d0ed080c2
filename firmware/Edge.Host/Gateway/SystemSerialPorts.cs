using System;
using System.IO;
using System.IO.Ports;
using Edge.Core.Platform;

namespace Edge.Host.Gateway
{
    /// <summary>Serial devices over System.IO.Ports.SerialPort (termios on Linux).</summary>
    public sealed class SystemSerialPorts : ISerialPorts
    {
        // Short enough that a read of an idle line returns within one node step; the node polls, it never waits.
        private const int ReadTimeoutMs = 50;

        public ISerialDevice Open(string path, SerialLineSettings settings)
        {
            var port = new SerialPort(path) { ReadTimeout = ReadTimeoutMs, Handshake = Handshake.None };
            Configure(port, settings);
            port.Open();
            return new Device(port);
        }

        private static void Configure(SerialPort port, SerialLineSettings settings)
        {
            port.BaudRate = settings.BaudRate;
            port.DataBits = settings.DataBits;
            port.Parity = settings.Parity switch
            {
                SerialParity.Even => Parity.Even,
                SerialParity.Odd => Parity.Odd,
                _ => Parity.None,
            };
            port.StopBits = settings.StopBits == 2 ? StopBits.Two : StopBits.One;
        }

        private sealed class Device(SerialPort port) : ISerialDevice
        {
            public string Path => port.PortName;

            public int BytesToRead => port.BytesToRead;

            public void Apply(SerialLineSettings settings) => Configure(port, settings);

            public int Read(byte[] buffer, int offset, int count)
            {
                try
                {
                    return port.Read(buffer, offset, count);
                }
                catch (TimeoutException)
                {
                    return 0;
                }
            }

            public void Write(byte[] buffer, int offset, int count) => port.Write(buffer, offset, count);

            public void Dispose() => port.Dispose();
        }
    }
}
