using System.Net;
using System.Net.NetworkInformation;
using Edge.Core.Commands;
using Edge.Core.Platform;
using nanoFramework.Runtime.Native;

namespace Edge.Firmware.Platform
{
    /// <summary>
    /// <see cref="ISystemInfo"/> and <see cref="INodeControl"/> on nanoFramework.Runtime.Native: free managed memory
    /// from GC.Run(false), which runs a collection without compacting and returns the free bytes; the reboot the
    /// node's reboot command asks for, by Power.RebootDevice; whether the network interface has an address, for the
    /// self-test, by IPGlobalProperties.GetIPAddress (0.0.0.0 until DHCP or the fixed address is set).
    /// </summary>
    public sealed class DeviceSystemInfo : ISystemInfo, INodeControl, INetworkStatus
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

        /// <summary>True when the network interface has an address other than 0.0.0.0.</summary>
        public bool NetworkUp
        {
            get { return (object)Current() != null; }
        }

        /// <summary>The interface's IPv4 address in dotted-quad form, or null without one.</summary>
        public string Address
        {
            get
            {
                IPAddress address = Current();
                return (object)address == null ? null : address.ToString();
            }
        }

        /// <summary>Restarts the device at once (Power.RebootDevice).</summary>
        public void Reboot()
        {
            Power.RebootDevice();
        }

        private static IPAddress Current()
        {
            IPAddress address = IPGlobalProperties.GetIPAddress();

            // IPAddress's == operator answers false for two nulls (it calls Equals on the left one only when that is not
            // null): every null test here compares references.
            if ((object)address == null || address.Equals(IPAddress.Any))
            {
                return null;
            }

            return address;
        }
    }
}
