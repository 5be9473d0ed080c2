#nullable disable
namespace Edge.Core.Setup
{
    /// <summary>How a node reaches its network: Wi-Fi or the board's Ethernet PHY, by DHCP or a fixed address, and
    /// where it takes the time from.</summary>
    public sealed class NetworkSettings
    {
        /// <summary>Network kind of a Wi-Fi node.</summary>
        public const string WifiKind = "wifi";

        /// <summary>Network kind of a node on the board's Ethernet port.</summary>
        public const string EthernetKind = "ethernet";

        /// <summary><see cref="WifiKind"/> or <see cref="EthernetKind"/>.</summary>
        public string Kind = WifiKind;

        /// <summary>Wi-Fi network name (Wi-Fi only).</summary>
        public string Ssid;

        /// <summary>Wi-Fi passphrase, from the secrets file; never logged, published or echoed.</summary>
        public string WifiPassword;

        /// <summary>Fixed IPv4 address, or null for DHCP.</summary>
        public string Address;

        /// <summary>Subnet mask of a fixed address.</summary>
        public string SubnetMask;

        /// <summary>Gateway of a fixed address.</summary>
        public string Gateway;

        /// <summary>DNS server of a fixed address.</summary>
        public string Dns;

        /// <summary>SNTP servers, first preferred; never empty after reading.</summary>
        public string[] NtpServers = new string[] { "pool.ntp.org" };
    }
}
