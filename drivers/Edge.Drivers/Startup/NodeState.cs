#nullable disable
namespace Edge.Drivers.Startup
{
    /// <summary>Where a node stands, as its status LED shows it to the installer; see <see cref="StatusLed"/> for
    /// the pattern of each. When several hold, the first in this order is shown: the one to fix first.</summary>
    public enum NodeState : byte
    {
        /// <summary>No configuration the node can run: none on its storage, or none that starts. Nothing is read.</summary>
        NoConfig = 0,

        /// <summary>Running, without a network address (Wi-Fi not joined, Ethernet cable out, no DHCP answer).</summary>
        NoNetwork = 1,

        /// <summary>On the network, not connected to the broker (refused, unreachable, TLS failing).</summary>
        NoBroker = 2,

        /// <summary>Connected, but running its last good configuration: the current file was refused (the serial
        /// console says why).</summary>
        ConfigFallback = 3,

        /// <summary>Connected and sending messages queued while it was not (more than the in-flight window waits).</summary>
        PublishingBacklog = 4,

        /// <summary>Connected, nothing waiting: all is well.</summary>
        Connected = 5,
    }
}
