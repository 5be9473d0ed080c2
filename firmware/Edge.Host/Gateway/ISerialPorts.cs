using System;

namespace Edge.Host.Gateway
{
    /// <summary>An open serial device (a /dev/tty*), reduced to what the gateway's adapters use of it.</summary>
    public interface ISerialDevice : IDisposable
    {
        /// <summary>The device's path, for messages.</summary>
        string Path { get; }

        /// <summary>Bytes received and not read yet.</summary>
        int BytesToRead { get; }

        /// <summary>Sets speed and framing (the device stays open).</summary>
        void Apply(SerialLineSettings settings);

        /// <summary>Reads up to <paramref name="count"/> bytes already received, waiting at most the read timeout;
        /// returns how many (0 when none came).</summary>
        int Read(byte[] buffer, int offset, int count);

        /// <summary>Hands the bytes to the driver's transmit queue.</summary>
        void Write(byte[] buffer, int offset, int count);
    }

    /// <summary>Opens serial devices by path: over System.IO.Ports on a gateway, over memory in the tests.</summary>
    public interface ISerialPorts
    {
        /// <summary>Opens <paramref name="path"/> with <paramref name="settings"/>; throws UnauthorizedAccessException
        /// (no permission), IOException or FileNotFoundException (no such device) as SerialPort.Open does.</summary>
        ISerialDevice Open(string path, SerialLineSettings settings);
    }
}
