using System;
using System.Device.Wifi;
using System.Threading;
using Edge.Core.Platform;
using Edge.Core.Setup;
using nanoFramework.Networking;

namespace Edge.Firmware.Platform
{
    /// <summary>
    /// The node's network: Wi-Fi through WifiNetworkHelper (System.Device.Wifi), or the Ethernet PHY of boards such
    /// as the Olimex ESP32-POE-ISO and WT32-ETH01 through NetworkHelper (System.Net), by DHCP or at the fixed address
    /// of the setup. Each attempt waits for an address and a valid date, at most <see cref="AttemptMs"/>; the Wi-Fi
    /// password is handed to the helper and never logged.
    /// </summary>
    public sealed class NetworkLink
    {
        /// <summary>How long one attempt may take, address and SNTP date included.</summary>
        public const int AttemptMs = 60000;

        /// <summary>Pause between two failed attempts.</summary>
        public const int RetryDelayMs = 10000;

        private readonly NetworkSettings _settings;
        private readonly ILog _log;

        /// <summary>The network of <paramref name="settings"/>, reporting to <paramref name="log"/>.</summary>
        public NetworkLink(NetworkSettings settings, ILog log)
        {
            _settings = settings;
            _log = log;
        }

        /// <summary>Failed attempts so far, each logged with the helper's status.</summary>
        public int Failures { get; private set; }

        /// <summary>One attempt: true when the network is up with a valid date; false, logged, when not in time.</summary>
        public bool Join()
        {
            bool ethernet = _settings.Kind == NetworkSettings.EthernetKind;
            IPConfiguration address = _settings.Address == null ? null
                : new IPConfiguration(_settings.Address, _settings.SubnetMask, _settings.Gateway, _settings.Dns == null ? null : new string[] { _settings.Dns });
            bool up;
            NetworkHelperStatus status;
            Exception failure;
            using (CancellationTokenSource timeout = new CancellationTokenSource(AttemptMs))
            {
                if (ethernet)
                {
                    up = address == null
                        ? NetworkHelper.SetupAndConnectNetwork(timeout.Token, true)
                        : NetworkHelper.SetupAndConnectNetwork(address, timeout.Token, true);
                    status = NetworkHelper.Status;
                    failure = NetworkHelper.HelperException;
                }
                else
                {
                    up = address == null
                        ? WifiNetworkHelper.ConnectDhcp(_settings.Ssid, _settings.WifiPassword, WifiReconnectionKind.Automatic, true, 0, timeout.Token)
                        : WifiNetworkHelper.ConnectFixAddress(_settings.Ssid, _settings.WifiPassword, address, WifiReconnectionKind.Automatic, true, 0, timeout.Token);
                    status = WifiNetworkHelper.Status;
                    failure = WifiNetworkHelper.HelperException;
                }
            }

            string where = ethernet ? "Ethernet" : "Wi-Fi '" + _settings.Ssid + "'";
            if (up)
            {
                _log.Write(LogLevel.Info, "network", where + " up" + (address == null ? " (DHCP)" : " at " + _settings.Address));
                return true;
            }

            Failures++;
            _log.Write(LogLevel.Warning, "network", where + " not up after " + (AttemptMs / 1000).ToString() + " s (attempt " + Failures.ToString() + ", " + Why(status)
                + (failure == null ? string.Empty : ": " + failure.Message) + "); next attempt in " + (RetryDelayMs / 1000).ToString() + " s");
            return false;
        }

        private static string Why(NetworkHelperStatus status)
        {
            // Enum.ToString gives the number on nanoFramework.
            switch (status)
            {
                case NetworkHelperStatus.TokenExpiredWaitingIPAddress:
                    return "no address";
                case NetworkHelperStatus.TokenExpiredWaitingDateTime:
                    return "no SNTP date";
                case NetworkHelperStatus.FailedNoNetworkInterface:
                    return "no network interface in this firmware image";
                default:
                    return "status " + ((int)status).ToString();
            }
        }
    }
}
