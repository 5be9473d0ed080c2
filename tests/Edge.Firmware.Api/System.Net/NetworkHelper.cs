// Declarations only (bodies throw): the part of nanoFramework.System.Net 1.11.54 the firmware calls.
// Confirmed in nanoframework/System.Net: nanoFramework.System.Net/NetworkHelper/NetworkHelper.cs,
// NetworkHelperStatus.cs and IPConfiguration.cs.
using System;
using System.Threading;

namespace nanoFramework.Networking
{
    public static class NetworkHelper
    {
        public static NetworkHelperStatus Status
        {
            get { throw new NotImplementedException(); }
        }

        public static Exception HelperException
        {
            get { throw new NotImplementedException(); }
        }

        public static bool SetupAndConnectNetwork(CancellationToken token = default, bool requiresDateTime = false)
        {
            throw new NotImplementedException();
        }

        public static bool SetupAndConnectNetwork(IPConfiguration ipConfiguration, CancellationToken token = default, bool requiresDateTime = false)
        {
            throw new NotImplementedException();
        }
    }

    public enum NetworkHelperStatus
    {
        None,
        Started,
        NetworkIsReady,
        FailedNoNetworkInterface,
        TokenExpiredWaitingIPAddress,
        TokenExpiredWaitingDateTime,
        ErrorConnetingToWiFiWhileScanning,
    }

    public class IPConfiguration
    {
        public IPConfiguration(string ipv4Address, string ipv4SubnetMask, string ipv4GatewayAddress, string[] ipv4DnsAddresses = null)
        {
            throw new NotImplementedException();
        }
    }
}
