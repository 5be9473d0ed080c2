using System;
using System.Threading;
using Edge.Core.Platform;
using Edge.Core.Setup;
using Edge.Drivers.Startup;
using Edge.Firmware.Platform;

namespace Edge.Firmware
{
    /// <summary>
    /// The device's composition root. At boot, in order: the serial console log; the store on the internal drive
    /// (I:\edge\); the setup read from config.json, secrets.json and board.json there, or the last good one when
    /// they are refused; the node started on the real adapters by the portable <see cref="NodeStartup"/> (meters,
    /// broker link, relay, status LED); the network brought up on a worker thread (Wi-Fi or the board's Ethernet,
    /// then SNTP), so that the meters are read from the first second; then the node loop, forever. What each step
    /// does when it fails is in firmware/Edge.Firmware/README.md, "Start-up".
    /// </summary>
    public static class Program
    {
        /// <summary>The node's storage directory on the internal LittleFS drive, where nanoff deploys its files.</summary>
        public const string StorageDirectory = "I:\\edge\\";

        private static DebugLog _log;
        private static DevicePlatform _platform;
        private static DeviceClock _clock;
        private static NetworkSettings _network;

        /// <summary>Boots the node and runs its loop; never returns.</summary>
        public static void Main()
        {
            _log = new DebugLog(LogLevel.Info);
            _log.Write(LogLevel.Info, "boot", "Edge firmware starting");
            IStore store = new ReplacingStore(new LittleFsFiles(), StorageDirectory);
            _clock = new DeviceClock();
            _platform = new DevicePlatform(_clock, store, _log, new DeviceSystemInfo());
            NodeStartup startup = new NodeStartup(_platform);

            bool lastGood;
            NodeSetup setup = ReadSetup(store, out lastGood);
            if (startup.Start(setup, lastGood))
            {
                _network = setup.Network;
                new Thread(BringUpNetwork).Start();
            }
            else
            {
                // Nothing to run: the LED (when a setup named it) blinks "no configuration", the console says why;
                // new files deployed with nanoff are read at the next boot.
                _log.Write(LogLevel.Error, "boot", "the node is not running: " + startup.Failure);
            }

            while (true)
            {
                Thread.Sleep(startup.Step());
            }
        }

        /// <summary>
        /// Reads the node's setup: config.json, secrets.json and board.json from <see cref="StorageDirectory"/>
        /// through the portable <see cref="ConfigSource"/>, which logs every problem with its JSON path and falls
        /// back to the last setup that read good (<paramref name="lastGood"/> true); null when there is none (a node
        /// never provisioned, or refused files and no earlier good setup).
        /// </summary>
        private static NodeSetup ReadSetup(IStore store, out bool lastGood)
        {
            ConfigSource source = new ConfigSource(store, _log);
            NodeSetup setup = source.Load();
            lastGood = source.Status == SetupStatus.LastGood;
            return setup;
        }

        /// <summary>Joins the network until it is up (a minute an attempt), then starts SNTP and tells the node.</summary>
        private static void BringUpNetwork()
        {
            NetworkLink network = new NetworkLink(_network, _log);
            string[] servers = _network.NtpServers;
            _clock.StartSntp(servers[0], servers.Length > 1 ? servers[1] : servers[0]);
            while (!network.Join())
            {
                Thread.Sleep(NetworkLink.RetryDelayMs);
            }

            // The helper waited for a valid date (SNTP answered): reports are stamped as synchronised from now on.
            _clock.MarkSynchronised();
            _platform.NetworkUp = true;
        }
    }
}
