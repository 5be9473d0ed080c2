using Edge.Core.Commands;
using Edge.Core.Platform;
using nanoFramework.Runtime.Native;

namespace Edge.Firmware.Platform
{
    /// <summary>
    /// <see cref="ISystemInfo"/> and <see cref="INodeControl"/> on nanoFramework.Runtime.Native: free managed memory
    /// from GC.Run(false), which runs a collection without compacting and returns the free bytes; the reboot the
    /// node's reboot command asks for, by Power.RebootDevice.
    /// </summary>
    public sealed class DeviceSystemInfo : ISystemInfo, INodeControl
    {
        /// <summary>Free managed memory in bytes after a collection (GC.Run(false)).</summary>
        public long FreeMemoryBytes
        {
            get { return GC.Run(false); }
        }

        /// <summary>0: the Wi-Fi signal is not read yet (the start-up that brings up Wi-Fi is to come), and 0 means
        /// unknown for ISystemInfo.</summary>
        public int SignalStrengthDbm
        {
            get { return 0; }
        }

        /// <summary>Restarts the device at once (Power.RebootDevice).</summary>
        public void Reboot()
        {
            Power.RebootDevice();
        }
    }
}
