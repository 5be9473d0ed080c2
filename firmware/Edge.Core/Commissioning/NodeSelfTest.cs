#nullable disable
using System;
using Edge.Core.Meters;
using Edge.Core.Node;
using Edge.Core.Payloads;
using Edge.Core.Platform;

namespace Edge.Core.Commissioning
{
    /// <summary>
    /// The commissioning self-test of a running node: each meter and sensor (its own diagnosis, from what its line or
    /// bus showed), the clock, the store (a write test and its free space), free memory, the network and the broker
    /// (why the last connection failed: DNS, TCP, TLS, the CONNACK's refusal), then the outbox. The checks read what
    /// the node already knows and never wait: the self-test runs inside the node loop. Its report goes to the log,
    /// one line a check, and as a retained message to &lt;prefix&gt;/&lt;node&gt;/selftest.
    /// </summary>
    public static class NodeSelfTest
    {
        /// <summary>Leaf of the report's topic under &lt;prefix&gt;/&lt;node&gt;/.</summary>
        public const string TopicLeaf = "selftest";

        /// <summary>Log category of the report's lines.</summary>
        public const string LogCategory = "selftest";

        /// <summary>Below this much free managed memory the node fails the check: a TLS reconnection and the encoding of
        /// a report need a few KB of transient buffers each, and an allocation that fails restarts the node.</summary>
        public const long MinFreeMemoryBytes = 8 * 1024;

        /// <summary>Below this much free memory the check warns: a meter or a window more would leave too little.</summary>
        public const long LowFreeMemoryBytes = 20 * 1024;

        /// <summary>Below this much free space the store fails the check: the outbox needs room for a segment or two
        /// beside what it holds (its segments are a few KB) to keep readings through an outage.</summary>
        public const long MinFreeStoreBytes = 16 * 1024;

        /// <summary>The file the write test writes, reads back and deletes.</summary>
        public const string ProbeFile = "selftest.probe";

        /// <summary>Bytes the write test writes: enough to span more than one word of the medium.</summary>
        private const int ProbeBytes = 64;

        /// <summary>Runs every check of <paramref name="node"/> (started) and returns the report.</summary>
        public static SelfTestReport Run(EdgeNode node, long monotonicMs)
        {
            if (node == null)
            {
                throw new ArgumentNullException("node");
            }

            SelfTestReport report = new SelfTestReport();
            for (int i = 0; i < node.MeterCount; i++)
            {
                CheckMeter(report, node.Meter(i), monotonicMs);
            }

            CheckClock(report, node);
            CheckStore(report, node.Store, monotonicMs);
            CheckMemory(report, node.SystemInfo);
            CheckNetwork(report, node.SystemInfo as INetworkStatus, node.Link);
            CheckBroker(report, node);
            CheckOutbox(report, node);
            return report;
        }

        /// <summary>&lt;prefix&gt;/&lt;node&gt;/selftest.</summary>
        public static string Topic(NodeConfig config)
        {
            return TopicMap.NodeTopic(config, TopicLeaf);
        }

        /// <summary>Writes the report's lines, then its summary line, to the node's log: a pass at Info, a warning at
        /// Warning, a failure at Error, so that each shows on the serial console at the default level.</summary>
        public static void WriteLines(ILog log, SelfTestReport report)
        {
            if (log == null)
            {
                return;
            }

            for (int i = 0; i < report.Count; i++)
            {
                SelfTestVerdict verdict = report.VerdictAt(i);
                LogLevel level = verdict == SelfTestVerdict.Fail ? LogLevel.Error : verdict == SelfTestVerdict.Warn ? LogLevel.Warning : LogLevel.Info;
                if (log.IsEnabled(level))
                {
                    log.Write(level, LogCategory, report.LineAt(i));
                }
            }

            LogLevel summary = report.Overall == SelfTestVerdict.Fail ? LogLevel.Error : report.Overall == SelfTestVerdict.Warn ? LogLevel.Warning : LogLevel.Info;
            if (log.IsEnabled(summary))
            {
                log.Write(summary, LogCategory, report.SummaryLine());
            }
        }

        /// <summary>Publishes the report, retained with QoS 1, on the node's selftest topic, so that a platform or an
        /// installer's tool reads the last one whenever it subscribes; <paramref name="commandId"/> is the id of the
        /// command that asked for it (null otherwise). Returns false when the link did not take it (not connected):
        /// the caller counts and says so. <paramref name="at"/> is when the self-test ran.</summary>
        public static bool Publish(EdgeNode node, SelfTestReport report, DateTime at, string trigger, string commandId)
        {
            int length;
            byte[] json = report.ToJson(node.Config.NodeId, at, trigger, commandId, out length);
            return node.Link.State == LinkState.Connected && node.Link.Publish(Topic(node.Config), json, length, 1, true) > 0;
        }

        private static void CheckMeter(SelfTestReport report, IMeterDriver meter, long monotonicMs)
        {
            ISelfTest test = meter as ISelfTest;
            if (test == null)
            {
                report.Pass("meter " + meter.MeterId, "no diagnosis of its own; its readings show in the reports");
                return;
            }

            int before = report.Count;
            try
            {
                test.SelfTest(report, monotonicMs);
            }
            catch (Exception e)
            {
                report.Fail("meter " + meter.MeterId, "its self-test failed (" + e.Message + ")", "report this to the firmware's maintainers with the node's log");
                return;
            }

            if (report.Count == before)
            {
                report.Pass("meter " + meter.MeterId, "no problem found");
            }
        }

        private static void CheckClock(SelfTestReport report, EdgeNode node)
        {
            if (node.ClockSynchronised)
            {
                report.Pass("clock", "synchronised");
                return;
            }

            report.Warn("clock", "not synchronised: windows are not reported until it is",
                "check that the network lets the node reach its time server (NTP, UDP port 123)");
        }

        private static void CheckStore(SelfTestReport report, IStore store, long monotonicMs)
        {
            if (store == null)
            {
                report.Warn("storage", "no store: unsent readings are kept in RAM and lost at a power cut",
                    "check the log at start for why the flash file system did not mount; reflash the node if it says it is damaged");
                return;
            }

            byte[] written = new byte[ProbeBytes];
            for (int i = 0; i < written.Length; i++)
            {
                written[i] = (byte)(monotonicMs + (i * 37));
            }

            byte[] read = new byte[ProbeBytes];
            int got;
            try
            {
                store.Write(ProbeFile, written, 0, written.Length);
                got = store.Read(ProbeFile, read, 0);
                store.Delete(ProbeFile);
            }
            catch (Exception e)
            {
                report.Fail("storage", "write test failed (" + e.Message + ")", StoreFullAction(store));
                return;
            }

            bool same = got == written.Length;
            for (int i = 0; same && i < written.Length; i++)
            {
                same = read[i] == written[i];
            }

            if (!same)
            {
                report.Fail("storage", "write test read back other bytes than written", "the flash is failing: replace the board");
                return;
            }

            IStorageSpace space = store as IStorageSpace;
            long free = space == null ? -1 : space.FreeBytes;
            long total = space == null ? -1 : space.TotalBytes;
            string room = free < 0 ? "free space unknown" : Kb(free) + " free" + (total > 0 ? " of " + Kb(total) : string.Empty);
            if (free >= 0 && free < MinFreeStoreBytes)
            {
                report.Fail("storage", "write test passed but only " + room, StoreFullAction(store));
                return;
            }

            report.Pass("storage", "write test passed, " + room);
        }

        private static string StoreFullAction(IStore store)
        {
            return "the store may be full or worn: erase it (flash-scripts, erase), which loses the unsent readings, then provision the node again";
        }

        private static void CheckMemory(SelfTestReport report, ISystemInfo info)
        {
            long free = info == null ? -1 : info.FreeMemoryBytes;
            if (free < 0)
            {
                report.Pass("memory", "free memory not measured on this platform");
                return;
            }

            if (free < MinFreeMemoryBytes)
            {
                report.Fail("memory", "only " + Kb(free) + " free", "the node may restart under load: configure fewer meters, windows or a smaller outbox");
                return;
            }

            if (free < LowFreeMemoryBytes)
            {
                report.Warn("memory", "only " + Kb(free) + " free", "add no meter or window to this node");
                return;
            }

            report.Pass("memory", Kb(free) + " free");
        }

        private static void CheckNetwork(SelfTestReport report, INetworkStatus network, IMqttLink link)
        {
            if (network == null)
            {
                // Without the platform's word, a broker that answers proves the network; otherwise the broker's line
                // says why it is not reached.
                if (link.State == LinkState.Connected)
                {
                    report.Pass("network", "up (the broker answers)");
                }

                return;
            }

            if (!network.NetworkUp)
            {
                report.Fail("network", "no network address",
                    "check the Wi-Fi name and password in the node's configuration (or the Ethernet cable) and the signal in the meter room");
                return;
            }

            report.Pass("network", network.Address == null ? "up" : "up, address " + network.Address);
        }

        private static void CheckBroker(SelfTestReport report, EdgeNode node)
        {
            IMqttLink link = node.Link;
            if (link.State == LinkState.Connected)
            {
                report.Pass("broker", "connected" + (link.SessionPresent ? ", session resumed" : string.Empty) + ", "
                    + node.Reconnects.ToString() + " reconnections since start");
                return;
            }

            LinkFailure failure = link.Failure;
            switch (failure)
            {
                case LinkFailure.Dns:
                    report.Fail("broker", "its host name does not resolve (DNS)", "check the broker's address in the configuration and the network's DNS server");
                    return;
                case LinkFailure.Tcp:
                    report.Fail("broker", "the TCP connection is refused or cut", "check the broker's address and port (1883, or 8883 with TLS) and that the network's firewall lets the node through");
                    return;
                case LinkFailure.Tls:
                    report.Fail("broker", "the TLS handshake failed", "check the CA certificate provisioned on the node, the broker's certificate (host name, expiry) and the node's clock");
                    return;
                case LinkFailure.Timeout:
                    report.Fail("broker", "no answer to the connection within " + (node.Config.ConnectTimeoutMs / 1000).ToString() + " s", "check the broker's address and port and the network's firewall");
                    return;
                case LinkFailure.Refused:
                    Refused(report, link.RefusedCode);
                    return;
                case LinkFailure.TakenOver:
                    report.Fail("broker", "another client connected with this node's id", "two nodes share an id: give each its own");
                    return;
                case LinkFailure.Lost:
                    report.Warn("broker", "the connection was lost; the node reconnects", "if it keeps dropping, check the Wi-Fi signal and the broker's limits");
                    return;
                default:
                    report.Warn("broker", link.State == LinkState.Connecting ? "connecting" : "not connected yet", "run the self-test again in a minute");
                    return;
            }
        }

        /// <summary>The CONNACK return codes of MQTT 3.1.1 section 3.2.2.3, and MQTT 5's equivalents (section 3.2.2.2).</summary>
        private static void Refused(SelfTestReport report, int code)
        {
            string connack = " (CONNACK " + code.ToString() + ")";
            if (code == 4 || code == 0x86)
            {
                report.Fail("broker", "the broker refuses the node's user name or password" + connack, "provision the node's credentials again and check the broker's password file");
            }
            else if (code == 5 || code == 0x87)
            {
                report.Fail("broker", "the broker does not authorise this node" + connack, "check the broker's access list for this node's user");
            }
            else if (code == 2 || code == 0x85)
            {
                report.Fail("broker", "the broker rejects the node's client id" + connack, "check that the node id is unique and allowed by the broker");
            }
            else
            {
                report.Fail("broker", "the broker refuses the connection" + connack, "check the broker's log for why");
            }
        }

        private static void CheckOutbox(SelfTestReport report, EdgeNode node)
        {
            int dropped = node.OutboxDropped;
            string depth = node.OutboxDepth.ToString() + " messages waiting";
            if (dropped > 0)
            {
                report.Warn("outbox", depth + ", " + dropped.ToString() + " dropped when it was full",
                    "the broker was out of reach longer than the outbox holds: check the link's outages in the health messages");
                return;
            }

            report.Pass("outbox", depth + ", none dropped");
        }

        /// <summary>KB for a node's flash and heap; MB from 10 MB, for a gateway's disk.</summary>
        private static string Kb(long bytes)
        {
            const long TenMb = 10L * 1024 * 1024;
            return bytes >= TenMb ? (bytes / (1024 * 1024)).ToString() + " MB" : (bytes / 1024).ToString() + " KB";
        }
    }
}
