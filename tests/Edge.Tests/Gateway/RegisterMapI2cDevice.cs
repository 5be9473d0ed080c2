using System;
using System.Collections.Generic;
using System.Device.I2c;
using System.IO;
using System.Linq;

namespace Edge.Tests.Gateway
{
    /// <summary>
    /// A .NET IoT I2C device over a register map, as a chip with an auto-incrementing register pointer answers: a
    /// write sets the pointer (first byte) and stores what follows, a read returns the registers from the pointer.
    /// A device set not to acknowledge throws IOException, as the Linux driver does on a NACK.
    /// </summary>
    internal sealed class RegisterMapI2cDevice : I2cDevice
    {
        private byte _pointer;

        public RegisterMapI2cDevice(I2cConnectionSettings settings) => ConnectionSettings = settings;

        public override I2cConnectionSettings ConnectionSettings { get; }

        public byte[] Registers { get; } = new byte[256];

        public bool Acknowledges { get; set; } = true;

        /// <summary>Acknowledges writes but not a read header, as an SHT3x before a measurement (SHT3x-DIS section 4.4).</summary>
        public bool RefusesReads { get; set; }

        /// <summary>Each transfer, in order: "write 0xfa", "read 2".</summary>
        public List<string> Transfers { get; } = new();

        public bool Disposed { get; private set; }

        public override byte ReadByte()
        {
            Span<byte> one = stackalloc byte[1];
            Read(one);
            return one[0];
        }

        public override void Read(Span<byte> buffer)
        {
            Answer();
            if (RefusesReads)
            {
                throw new IOException($"Error 6 performing I2C data transfer (read not acknowledged by 0x{ConnectionSettings.DeviceAddress:x2})");
            }

            Transfers.Add($"read {buffer.Length}");
            for (int i = 0; i < buffer.Length; i++)
            {
                buffer[i] = Registers[(byte)(_pointer + i)];
            }

            _pointer = (byte)(_pointer + buffer.Length);
        }

        public override void WriteByte(byte value) => Write([value]);

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            Answer();
            Transfers.Add("write " + string.Join(" ", buffer.ToArray().Select(b => $"0x{b:x2}")));
            if (buffer.Length == 0)
            {
                return;
            }

            _pointer = buffer[0];
            for (int i = 1; i < buffer.Length; i++)
            {
                Registers[(byte)(_pointer + i - 1)] = buffer[i];
            }
        }

        public override void WriteRead(ReadOnlySpan<byte> writeBuffer, Span<byte> readBuffer)
        {
            Write(writeBuffer);
            Read(readBuffer);
        }

        protected override void Dispose(bool disposing)
        {
            Disposed = true;
            base.Dispose(disposing);
        }

        private void Answer()
        {
            if (!Acknowledges)
            {
                throw new IOException($"Error 6 performing I2C data transfer (no acknowledge from 0x{ConnectionSettings.DeviceAddress:x2})");
            }
        }
    }
}
