using System;
using System.Device.I2c;
using System.IO;
using Edge.Core.Platform;

namespace Edge.Host.Gateway
{
    /// <summary>
    /// <see cref="IRegisterBus"/> over a .NET IoT <see cref="I2cDevice"/> (/dev/i2c-N on Linux). A transfer the chip
    /// does not acknowledge throws IOException there; here it is a false return, as the portable drivers expect
    /// (they count and report it).
    /// </summary>
    public sealed class I2cRegisterBusAdapter : IRegisterBus, IDisposable
    {
        private readonly I2cDevice _device;

        public I2cRegisterBusAdapter(I2cDevice device) => _device = device;

        public bool Write(byte[] data) => Transfer(() => _device.Write(data));

        public bool Read(byte[] data) => Transfer(() => _device.Read(data));

        public bool WriteRead(byte[] write, byte[] read) => Transfer(() => _device.WriteRead(write, read));

        public void Dispose() => _device.Dispose();

        private static bool Transfer(Action transfer)
        {
            try
            {
                transfer();
                return true;
            }
            catch (IOException)
            {
                return false;
            }
        }
    }
}
