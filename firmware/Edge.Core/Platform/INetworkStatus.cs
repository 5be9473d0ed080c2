#nullable disable
namespace Edge.Core.Platform
{
    /// <summary>What a platform can say about its network for the self-test; implemented, where the platform knows,
    /// by the same object as <see cref="ISystemInfo"/>.</summary>
    public interface INetworkStatus
    {
        /// <summary>True while the node has a network address (Wi-Fi joined or Ethernet link up).</summary>
        bool NetworkUp { get; }

        /// <summary>The node's address on the network ("192.168.1.20"), or null when it has none or cannot tell.</summary>
        string Address { get; }
    }
}
