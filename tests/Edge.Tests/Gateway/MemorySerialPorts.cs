using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using Edge.Host.Gateway;

namespace Edge.Tests.Gateway
{
    /// <summary>Serial devices in memory: each path a test gives bytes to receive, or a refusal as SerialPort.Open
    /// throws it; the settings every device was opened and set with are recorded.</summary>
    internal sealed class MemorySerialPorts : ISerialPorts
    {
        public Dictionary<string, MemorySerialDevice> Devices { get; } = new();

        public Dictionary<string, Exception> Refused { get; } = new();

        public MemorySerialDevice Add(string path)
        {
            var device = new MemorySerialDevice(path);
            Devices[path] = device;
            return device;
        }

        public ISerialDevice Open(string path, SerialLineSettings settings)
        {
            if (Refused.TryGetValue(path, out Exception? refusal))
            {
                throw refusal;
            }

            if (!Devices.TryGetValue(path, out MemorySerialDevice? device))
            {
                throw new System.IO.FileNotFoundException($"Could not find file '{path}'.", path);
            }

            device.Apply(settings);
            return device;
        }
    }

    /// <summary>One device: bytes queued to be received, bytes written, the settings applied in order.</summary>
    internal sealed class MemorySerialDevice(string path) : ISerialDevice
    {
        private readonly ConcurrentQueue<byte> _received = new();

        public string Path => path;

        public List<SerialLineSettings> Applied { get; } = new();

        public List<byte> Written { get; } = new();

        /// <summary>Called on each write, with the bytes (a test checks the direction pin there).</summary>
        public Action<byte[]>? OnWrite { get; set; }

        public bool Disposed { get; private set; }

        /// <summary>The largest read answered, as a UART hands over what its FIFO holds.</summary>
        public int ChunkBytes { get; set; } = 64;

        public void Receive(byte[] bytes)
        {
            foreach (byte b in bytes)
            {
                _received.Enqueue(b);
            }
        }

        public int BytesToRead => Math.Min(_received.Count, ChunkBytes);

        public void Apply(SerialLineSettings settings) => Applied.Add(settings);

        public int Read(byte[] buffer, int offset, int count)
        {
            int read = 0;
            while (read < count && _received.TryDequeue(out byte b))
            {
                buffer[offset + read++] = b;
            }

            return read;
        }

        public void Write(byte[] buffer, int offset, int count)
        {
            byte[] bytes = buffer[offset..(offset + count)];
            Written.AddRange(bytes);
            OnWrite?.Invoke(bytes);
        }

        public void Dispose() => Disposed = true;
    }
}
