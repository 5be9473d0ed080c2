using System;
using Edge.Core.Platform;
using nanoFramework.Networking;

namespace Edge.Firmware.Platform
{
    /// <summary>
    /// <see cref="IClock"/> on the ESP32: monotonic time from Environment.TickCount64 (milliseconds since boot,
    /// nanoFramework.Runtime.Native), wall time from DateTime.UtcNow, which the SNTP client (nanoFramework.Networking.Sntp)
    /// sets. Wall time counts as synchronised once the network came up with its time set (WifiNetworkHelper and
    /// NetworkHelper wait for it when asked with requiresDateTime), which the start-up reports with
    /// <see cref="MarkSynchronised"/>.
    /// </summary>
    public sealed class DeviceClock : IClock
    {
        private bool _synchronised;

        /// <summary>Milliseconds since boot.</summary>
        public long MonotonicMs
        {
            get { return Environment.TickCount64; }
        }

        /// <summary>Wall time, UTC.</summary>
        public DateTime UtcNow
        {
            get { return DateTime.UtcNow; }
        }

        /// <summary>True once <see cref="MarkSynchronised"/> was called.</summary>
        public bool IsSynchronised
        {
            get { return _synchronised; }
        }

        /// <summary>Starts the SNTP client on the given servers (it then corrects the time every hour, per
        /// nanoFramework's Sntp.Start).</summary>
        public void StartSntp(string server1, string server2)
        {
            Sntp.Server1 = server1;
            Sntp.Server2 = server2;
            Sntp.Start();
        }

        /// <summary>Wall time was set from SNTP: from now on it counts as synchronised.</summary>
        public void MarkSynchronised()
        {
            _synchronised = true;
        }
    }
}
