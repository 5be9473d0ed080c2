using System;
using System.Linq;
using Edge.Core.Commissioning;
using Edge.Core.Meters;
using Edge.Core.Model;
using Edge.Core.Platform;
using Edge.Core.Security;
using Edge.Drivers;
using Edge.Drivers.Tic;
using Edge.Host.Protocols.Tic;
using Edge.Tests.Fakes;
using Xunit;

namespace Edge.Tests.Core.Commissioning
{
    /// <summary>
    /// The commissioning self-test as an installer reads it on the serial console: one line a check, for a node
    /// wired right and for each classic fault made on purpose (the meter in the other TIC mode, a silent line, no
    /// pulses, a broker that refuses the node, a clock that never synchronises, a full or failing store, too little
    /// memory, no network), each line exact.
    /// </summary>
    public sealed class NodeSelfTestTests
    {
        [Fact]
        public void A_well_wired_linky_node_passes_every_check_with_one_line_each()
        {
            CommissioningRig rig = TicNode(meterMode: TicMode.Standard, configured: TicMode.Standard, store: new SizedStore(), info: new FakeSystemInfo()).Run(30);

            Assert.Equal(
                [
                    "PASS meter main: TIC standard at 9600 baud, last group 0 s ago, 0 of " + Groups(rig) + " groups rejected",
                    "PASS clock: synchronised",
                    "PASS storage: write test passed, 900 KB free of 1024 KB",
                    "PASS memory: 60 KB free",
                    "PASS network: up, address 192.168.4.21",
                    "PASS broker: connected, 0 reconnections since start",
                    "PASS outbox: 0 messages waiting, none dropped",
                ],
                rig.Lines());
            Assert.Equal(SelfTestVerdict.Pass, rig.Report().Overall);
            Assert.False(rig.Store.Exists(NodeSelfTest.ProbeFile));
        }

        [Fact]
        public void A_historique_meter_on_a_node_configured_standard_fails_naming_the_mode_to_set()
        {
            // At 9600 baud a 1200-baud line is noise; after 20 s of it the node listens at 1200 for 4 s and hears
            // valid historique groups, which it refuses as the other mode.
            CommissioningRig rig = TicNode(meterMode: TicMode.Historique, configured: TicMode.Standard).Run(40);

            Assert.Equal(
                "FAIL meter main: the meter sends TIC historique (1200 baud) but the node is configured standard, set ticMode to historique (or auto) in the node's configuration",
                rig.Line("meter main"));
            Assert.Equal(SelfTestVerdict.Fail, rig.Report().Overall);
        }

        [Fact]
        public void A_standard_meter_on_a_node_configured_historique_fails_naming_the_mode_to_set()
        {
            CommissioningRig rig = TicNode(meterMode: TicMode.Standard, configured: TicMode.Historique).Run(40);

            Assert.Equal(
                "FAIL meter main: the meter sends TIC standard (9600 baud) but the node is configured historique, set ticMode to standard (or auto) in the node's configuration",
                rig.Line("meter main"));
        }

        [Fact]
        public void Before_the_probe_at_the_other_speed_a_wrong_mode_shows_as_noise_without_groups()
        {
            CommissioningRig rig = TicNode(meterMode: TicMode.Historique, configured: TicMode.Standard).Run(12);

            Assert.Equal(
                "FAIL meter main: bytes arrive on the TIC line but no valid group in the last 10 s, check the signal polarity and the line speed; in a fixed mode the node listens at the other mode's speed for 4 s every 20 s of silence, so run the self-test again in a minute to know whether the mode is wrong",
                rig.Line("meter main"));
        }

        [Fact]
        public void A_tic_line_with_nothing_on_it_fails_naming_the_wires()
        {
            var driver = new TicMeter("main", new SilentLine(), TicMode.Standard, new MeterIdentity(MeterIdPolicy.Omit, null!));
            CommissioningRig rig = new CommissioningRig(driver).Run(30);

            Assert.Equal(
                "FAIL meter main: no data on the TIC line, check the wires from the meter's I1 and I2 terminals to the optocoupler, its pull-up supply, and the UART RX pin",
                rig.Line("meter main"));
        }

        [Fact]
        public void A_line_with_one_group_in_twenty_damaged_warns_about_the_signal()
        {
            CommissioningRig rig = TicNode(meterMode: TicMode.Standard, configured: TicMode.Standard, bitErrorRate: 0.002).Run(60);

            string line = rig.Line("meter main");
            TicCounters counters = ((TicMeter)rig.Node.Meter(0)).Counters;
            Assert.True(counters.Rejected * 100 > (counters.GroupsValid + counters.Rejected) * TicMeter.MaxRejectedPercent, line);
            Assert.Equal(
                $"WARN meter main: TIC standard at 9600 baud, last group 0 s ago, {counters.Rejected} of {counters.GroupsValid + counters.Rejected} groups rejected, more than 2 % is a damaged signal: check the optocoupler's pull-up (too slow at 9600 baud), the cable's length and its route away from power cables",
                line);
        }

        [Fact]
        public void An_s0_meter_without_pulses_warns_then_fails_after_a_quarter_hour()
        {
            var spec = new MeterSpec { Kind = MeterFactory.S0Kind, Id = "pv", Port = "s0", PulsesPerKwh = 1000 };
            var input = new FakePulseInput();
            MeterDriver driver = MeterFactory.Build(spec, new MeterPorts().AddPulseInput("s0", input), new MeterIdentity(MeterIdPolicy.Omit, null!));
            // The driver starts counting at its first poll, a second after the node.
            CommissioningRig rig = new CommissioningRig(driver).Run((5 * 60) + 1);

            Assert.Equal("WARN meter pv: no pulse yet (5 min since start), switch a load on and run the self-test again; check S0+ and S0- polarity if none comes", rig.Line("meter pv"));

            rig.Run(10 * 60);
            Assert.Equal("FAIL meter pv: no pulse from the S0 output for 15 minutes, check S0+ and S0- polarity and the pull-up", rig.Line("meter pv"));

            input.Pulse(rig.NowMs);
            rig.Run(2);
            input.Pulse(rig.NowMs);
            rig.Run(1);
            Assert.Equal("PASS meter pv: 2 pulses in the 15 min since start, the last 1 s ago, 1000 imp/kWh", rig.Line("meter pv"));
        }

        [Theory]
        [InlineData(4, "FAIL broker: the broker refuses the node's user name or password (CONNACK 4), provision the node's credentials again and check the broker's password file")]
        [InlineData(0x86, "FAIL broker: the broker refuses the node's user name or password (CONNACK 134), provision the node's credentials again and check the broker's password file")]
        [InlineData(5, "FAIL broker: the broker does not authorise this node (CONNACK 5), check the broker's access list for this node's user")]
        [InlineData(2, "FAIL broker: the broker rejects the node's client id (CONNACK 2), check that the node id is unique and allowed by the broker")]
        [InlineData(3, "FAIL broker: the broker refuses the connection (CONNACK 3), check the broker's log for why")]
        public void A_broker_refusing_the_node_fails_with_the_connack_code_and_what_to_fix(int code, string expected)
        {
            var link = new FakeMqttLink { FailConnectWith = LinkFailure.Refused, RefuseCode = code };
            CommissioningRig rig = TicNode(TicMode.Standard, TicMode.Standard, link: link).Run(30);

            Assert.Equal(expected, rig.Line("broker"));
            Assert.Equal(SelfTestVerdict.Fail, rig.Report().Overall);
        }

        [Theory]
        [InlineData(LinkFailure.Dns, "FAIL broker: its host name does not resolve (DNS), check the broker's address in the configuration and the network's DNS server")]
        [InlineData(LinkFailure.Tcp, "FAIL broker: the TCP connection is refused or cut, check the broker's address and port (1883, or 8883 with TLS) and that the network's firewall lets the node through")]
        [InlineData(LinkFailure.Tls, "FAIL broker: the TLS handshake failed, check the CA certificate provisioned on the node, the broker's certificate (host name, expiry) and the node's clock")]
        [InlineData(LinkFailure.Timeout, "FAIL broker: no answer to the connection within 10 s, check the broker's address and port and the network's firewall")]
        public void A_broker_out_of_reach_names_the_layer_that_failed(LinkFailure failure, string expected)
        {
            var link = new FakeMqttLink { FailConnectWith = failure };
            CommissioningRig rig = TicNode(TicMode.Standard, TicMode.Standard, link: link).Run(30);

            Assert.Equal(expected, rig.Line("broker"));
        }

        [Fact]
        public void A_clock_that_never_synchronised_warns_with_the_time_server_to_reach()
        {
            CommissioningRig rig = TicNode(TicMode.Standard, TicMode.Standard, synchronised: false).Run(30);

            Assert.Equal("WARN clock: not synchronised: windows are not reported until it is, check that the network lets the node reach its time server (NTP, UDP port 123)", rig.Line("clock"));
            Assert.Equal(SelfTestVerdict.Warn, rig.Report().Overall);
        }

        [Fact]
        public void A_store_that_refuses_writes_fails_the_write_test_with_the_error()
        {
            var store = new FailingStore(new MemoryStore()) { FailWrites = true, OnlyFile = NodeSelfTest.ProbeFile };
            CommissioningRig rig = TicNode(TicMode.Standard, TicMode.Standard, store: store).Run(30);

            Assert.Equal(
                "FAIL storage: write test failed (no space left on device), the store may be full or worn: erase it (flash-scripts, erase), which loses the unsent readings, then provision the node again",
                rig.Line("storage"));
        }

        [Fact]
        public void A_nearly_full_store_fails_with_its_free_space()
        {
            var store = new SizedStore { FreeBytes = 12 * 1024 };
            CommissioningRig rig = TicNode(TicMode.Standard, TicMode.Standard, store: store).Run(30);

            Assert.Equal(
                "FAIL storage: write test passed but only 12 KB free of 1024 KB, the store may be full or worn: erase it (flash-scripts, erase), which loses the unsent readings, then provision the node again",
                rig.Line("storage"));
        }

        [Fact]
        public void A_gateways_disk_is_counted_in_mb()
        {
            var store = new SizedStore { FreeBytes = 20L * 1024 * 1024 * 1024, TotalBytes = 100L * 1024 * 1024 * 1024 };
            CommissioningRig rig = TicNode(TicMode.Standard, TicMode.Standard, store: store).Run(5);

            Assert.Equal("PASS storage: write test passed, 20480 MB free of 102400 MB", rig.Line("storage"));
        }

        [Fact]
        public void A_store_that_reads_back_other_bytes_fails_as_failing_flash()
        {
            CommissioningRig rig = TicNode(TicMode.Standard, TicMode.Standard, store: new FlippingStore()).Run(30);

            Assert.Equal("FAIL storage: write test read back other bytes than written, the flash is failing: replace the board", rig.Line("storage"));
        }

        [Fact]
        public void A_node_without_a_store_warns_that_an_outage_loses_readings()
        {
            var driver = new TicMeter("main", new SilentLine(), TicMode.Standard, new MeterIdentity(MeterIdPolicy.Omit, null!));
            var clock = new ManualClock(CommissioningRig.Start, true);
            var node = new Edge.Core.Node.EdgeNode(new Edge.Core.Node.NodeConfig { NodeId = "n1" }, clock, new FakeMqttLink(), null!, null!);
            node.AddMeter(driver);
            node.Start();
            SelfTestReport report = NodeSelfTest.Run(node, 0);

            Assert.Equal(
                "WARN storage: no store: unsent readings are kept in RAM and lost at a power cut, check the log at start for why the flash file system did not mount; reflash the node if it says it is damaged",
                report.LineAt(report.IndexOf("storage")));
        }

        [Theory]
        [InlineData(6 * 1024, "FAIL memory: only 6 KB free, the node may restart under load: configure fewer meters, windows or a smaller outbox")]
        [InlineData(15 * 1024, "WARN memory: only 15 KB free, add no meter or window to this node")]
        [InlineData(21 * 1024, "PASS memory: 21 KB free")]
        public void Free_memory_passes_warns_or_fails_at_the_thresholds(long free, string expected)
        {
            CommissioningRig rig = TicNode(TicMode.Standard, TicMode.Standard, info: new FakeSystemInfo { FreeMemoryBytes = free }).Run(5);

            Assert.Equal(expected, rig.Line("memory"));
        }

        [Fact]
        public void A_node_without_a_network_address_fails_naming_the_wifi_settings()
        {
            var link = new FakeMqttLink { BrokerReachable = false };
            CommissioningRig rig = TicNode(TicMode.Standard, TicMode.Standard, link: link, info: new FakeSystemInfo { NetworkUp = false, Address = null }).Run(30);

            Assert.Equal(
                "FAIL network: no network address, check the Wi-Fi name and password in the node's configuration (or the Ethernet cable) and the signal in the meter room",
                rig.Line("network"));
        }

        [Fact]
        public void Without_the_platforms_word_on_the_network_a_connected_broker_proves_it_and_a_broken_one_says_nothing_more()
        {
            CommissioningRig up = TicNode(TicMode.Standard, TicMode.Standard).Run(5);
            Assert.Equal("PASS network: up (the broker answers)", up.Line("network"));

            CommissioningRig down = TicNode(TicMode.Standard, TicMode.Standard, link: new FakeMqttLink { BrokerReachable = false }).Run(5);
            Assert.Equal(-1, down.Report().IndexOf("network"));
            Assert.StartsWith("FAIL broker: the TCP connection", down.Line("broker"));
        }

        [Fact]
        public void The_console_shows_each_line_at_its_level_then_the_summary()
        {
            var link = new FakeMqttLink { FailConnectWith = LinkFailure.Refused, RefuseCode = 4 };
            CommissioningRig rig = TicNode(TicMode.Standard, TicMode.Standard, synchronised: false, link: link).Run(30);
            var log = new ListLog();
            NodeSelfTest.WriteLines(log, rig.Report());

            Assert.Equal(
                [
                    "Info selftest: PASS meter main: TIC standard at 9600 baud, last group 0 s ago, 0 of " + Groups(rig) + " groups rejected",
                    "Warning selftest: WARN clock: not synchronised: windows are not reported until it is, check that the network lets the node reach its time server (NTP, UDP port 123)",
                    "Info selftest: PASS storage: write test passed, free space unknown",
                    "Info selftest: PASS memory: free memory not measured on this platform",
                    "Error selftest: FAIL broker: the broker refuses the node's user name or password (CONNACK 4), provision the node's credentials again and check the broker's password file",
                    "Info selftest: PASS outbox: 0 messages waiting, none dropped",
                    "Error selftest: SELFTEST FAIL: 6 checks, 4 passed, 1 warned, 1 failed",
                ],
                log.Lines);
        }

        [Fact]
        public void A_meter_whose_self_test_throws_fails_its_line_and_the_others_still_run()
        {
            CommissioningRig rig = new CommissioningRig(new ThrowingMeter()).Run(3);

            Assert.Equal("FAIL meter broken: its self-test failed (register map missing), report this to the firmware's maintainers with the node's log", rig.Line("meter broken"));
            Assert.Equal("PASS clock: synchronised", rig.Line("clock"));
        }

        private static long Groups(CommissioningRig rig)
        {
            TicCounters counters = ((TicMeter)rig.Node.Meter(0)).Counters;
            return counters.GroupsValid + counters.Rejected;
        }

        /// <summary>A node reading a virtual Linky meter sending in <paramref name="meterMode"/>, its driver
        /// configured <paramref name="configured"/>.</summary>
        private static CommissioningRig TicNode(TicMode meterMode, TicMode configured, double bitErrorRate = 0, bool synchronised = true,
            IStore? store = null, FakeMqttLink? link = null, ISystemInfo? info = null)
        {
            var source = new SimulatedTicMeter(meterMode, _ => 1500, CommissioningRig.Start, 1_000_000, 7);
            var line = new VirtualTicSerialPort(source, CommissioningRig.Start, 8) { BitErrorRate = bitErrorRate };
            var driver = new TicMeter("main", line, configured, new MeterIdentity(MeterIdPolicy.Omit, null!));
            return new CommissioningRig(driver, line.AdvanceTo, synchronised, store, link, info);
        }

        private sealed class SilentLine : ISerialLink
        {
            public void Open(int baudRate, int dataBits, SerialParity parity, int stopBits)
            {
            }

            public int Read(byte[] buffer, int offset, int count) => 0;

            public void Write(byte[] buffer, int offset, int count)
            {
            }
        }

        /// <summary>A flash that flips a bit of everything it stores.</summary>
        private sealed class FlippingStore : IStore
        {
            private readonly MemoryStore _inner = new();

            public bool Exists(string name) => _inner.Exists(name);

            public int Length(string name) => _inner.Length(name);

            public int Read(string name, byte[] buffer, int offset)
            {
                int n = _inner.Read(name, buffer, offset);
                if (n > 0 && name == NodeSelfTest.ProbeFile)
                {
                    buffer[offset] ^= 0x10;
                }

                return n;
            }

            public void Write(string name, byte[] data, int offset, int count) => _inner.Write(name, data, offset, count);

            public void Delete(string name) => _inner.Delete(name);
        }

        private sealed class ThrowingMeter : IMeterDriver, ISelfTest
        {
            public string MeterId => "broken";

            public string? PublishedMeterId => null;

            public void Poll(DateTime utcNow, long monotonicMs, IReadingSink sink)
            {
            }

            public void SelfTest(SelfTestReport report, long monotonicMs) => throw new InvalidOperationException("register map missing");
        }
    }
}
