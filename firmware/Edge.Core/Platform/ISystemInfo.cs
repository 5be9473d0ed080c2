#nullable disable
namespace Edge.Core.Platform
{
    /// <summary>What the platform can tell about itself for health telemetry.</summary>
    public interface ISystemInfo
    {
        /// <summary>Free managed memory in bytes (nanoFramework: GC.Run(false)); -1 if unknown.</summary>
        long FreeMemoryBytes { get; }

        /// <summary>Wi-Fi signal strength in dBm, or 0 when unknown or not on Wi-Fi (Ethernet boards).</summary>
        int SignalStrengthDbm { get; }
    }
}
