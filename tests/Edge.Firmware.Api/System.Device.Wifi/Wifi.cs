// Declarations only (bodies throw): the part of nanoFramework.System.Device.Wifi 1.5.147 the firmware calls.
// Confirmed in nanoframework/System.Device.Wifi: System.Device.Wifi/NetworkHelper/WifiNetworkHelper.cs and
// System.Device.Wifi/WifiReconnectionKind.cs.
using System;
using System.Threading;

namespace nanoFramework.Networking
{
    public static class WifiNetworkHelper
    {
        public static NetworkHelperStatus Status
        {
            get { throw new NotImplementedException(); }
        }

        public static Exception HelperException
        {
            get { throw new NotImplementedException(); }
        }

        public static bool ConnectDhcp(string ssid, string password, System.Device.Wifi.WifiReconnectionKind reconnectionKind = System.Device.Wifi.WifiReconnectionKind.Automatic,
            bool requiresDateTime = false, int wifiAdapterId = 0, CancellationToken token = default)
        {
            throw new NotImplementedException();
        }

        public static bool ConnectFixAddress(string ssid, string password, IPConfiguration ipConfiguration,
            System.Device.Wifi.WifiReconnectionKind reconnectionKind = System.Device.Wifi.WifiReconnectionKind.Automatic,
            bool requiresDateTime = false, int WifiAdapter = 0, CancellationToken token = default)
        {
            throw new NotImplementedException();
        }
    }
}

namespace System.Device.Wifi
{
    public enum WifiReconnectionKind
    {
        Automatic,
        Manual,
    }
}
