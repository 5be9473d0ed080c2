using System;
using System.Device.I2c;
using Edge.Host.Protocols.I2c;

namespace Edge.Tests.Drivers.I2c
{
    /// <summary>
    /// System.Device.I2c's I2cDevice over a register-level simulator, so that the .NET IoT bindings (which take an
    /// I2cDevice) read the same registers as the portable drivers. A transfer the chip does not acknowledge throws
    /// IOException, as the Linux I2C device does.
    /// </summary>
    internal sealed class SimulatedI2cDevice : I2cDevice
    {
        private readonly SimulatedI2cChip _chip;

        public SimulatedI2cDevice(SimulatedI2cChip chip, int address)
        {
            _chip = chip;
            ConnectionSettings = new I2cConnectionSettings(1, address);
        }

        public override I2cConnectionSettings ConnectionSettings { get; }

        public override byte ReadByte()
        {
            byte[] one = new byte[1];
            Read(one);
            return one[0];
        }

        public override void Read(Span<byte> buffer)
        {
            byte[] read = new byte[buffer.Length];
            Acknowledged(_chip.Read(read));
            read.CopyTo(buffer);
        }

        public override void WriteByte(byte value) => Write(new[] { value });

        public override void Write(ReadOnlySpan<byte> buffer) => Acknowledged(_chip.Write(buffer.ToArray()));

        public override void WriteRead(ReadOnlySpan<byte> writeBuffer, Span<byte> readBuffer)
        {
            byte[] read = new byte[readBuffer.Length];
            Acknowledged(_chip.WriteRead(writeBuffer.ToArray(), read));
            read.CopyTo(readBuffer);
        }

        private static void Acknowledged(bool ok)
        {
            if (!ok)
            {
                throw new System.IO.IOException("the chip did not acknowledge the transfer");
            }
        }
    }
}
