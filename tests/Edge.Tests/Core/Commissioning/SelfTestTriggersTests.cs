using System.Linq;
using System.Text.Json;
using Edge.Core.Commissioning;
using Edge.Core.Meters;
using Edge.Core.Platform;
using Edge.Core.Security;
using Edge.Drivers;
using Edge.Tests.Fakes;
using Xunit;

namespace Edge.Tests.Core.Commissioning
{
    /// <summary>
    /// When the node tests itself: once at first boot (a minute after connecting, or at two minutes without the
    /// broker, its report held until the broker is reached), never again once a boot report reached the broker, and
    /// on a long press of the board's button; the verdict shown on the LED for a minute after.
    /// </summary>
    public sealed class SelfTestTriggersTests
    {
        [Fact]
        public void The_first_boot_tests_itself_a_minute_after_connecting_and_marks_the_node_commissioned()
        {
            CommissioningRig rig = S0Node();
            var triggers = new SelfTestTriggers(rig.Node, null, rig.NowMs);
            Assert.True(triggers.BootDue);

            rig.Run(59, triggers);
            Assert.Equal(0, triggers.Runs);
            rig.Run(1, triggers);

            Assert.Equal((1, 1, false), (triggers.Runs, triggers.Published, triggers.BootDue));
            var report = rig.Link.Published.Single(p => p.Topic == "edge/n1/selftest");
            Assert.Equal((1, true), (report.Qos, report.Retain));
            JsonElement root = JsonDocument.Parse(report.Payload).RootElement;
            Assert.Equal(("boot", "warn"), (root.GetProperty("trigger").GetString(), root.GetProperty("verdict").GetString()));
            Assert.True(rig.Store.Exists(SelfTestTriggers.MarkerFile));
            Assert.Contains("Warning selftest: SELFTEST WARN: 7 checks, 6 passed, 1 warned, 0 failed", rig.Log.Lines);

            rig.Run(600, triggers);
            Assert.Equal(1, triggers.Runs);
        }

        [Fact]
        public void A_commissioned_node_does_not_test_itself_at_the_next_start()
        {
            var store = new MemoryStore();
            store.Write(SelfTestTriggers.MarkerFile, [1], 0, 1);
            CommissioningRig rig = S0Node(store: store);
            var triggers = new SelfTestTriggers(rig.Node, null, rig.NowMs);

            rig.Run(300, triggers);

            Assert.Equal((false, 0), (triggers.BootDue, triggers.Runs));
            Assert.DoesNotContain(rig.Link.Published, p => p.Topic == "edge/n1/selftest");
        }

        [Fact]
        public void Without_the_broker_the_boot_test_runs_at_two_minutes_and_its_report_waits_for_the_connection()
        {
            var link = new FakeMqttLink { BrokerReachable = false };
            CommissioningRig rig = S0Node(link: link);
            var triggers = new SelfTestTriggers(rig.Node, null, rig.NowMs);

            rig.Run(119, triggers);
            Assert.Equal(0, triggers.Runs);
            rig.Run(1, triggers);
            Assert.Equal((1, 0, true), (triggers.Runs, triggers.Published, triggers.Holding));
            Assert.Contains("Error selftest: FAIL broker: the TCP connection is refused or cut, check the broker's address and port (1883, or 8883 with TLS) and that the network's firewall lets the node through", rig.Log.Lines);
            Assert.Contains("Warning selftest: the report is held until the broker is reached", rig.Log.Lines);
            Assert.False(rig.Store.Exists(SelfTestTriggers.MarkerFile));

            link.BrokerReachable = true;
            rig.Run(120, triggers);

            Assert.Equal((1, false), (triggers.Published, triggers.Holding));
            JsonElement root = JsonDocument.Parse(rig.Link.Published.Single(p => p.Topic == "edge/n1/selftest").Payload).RootElement;
            // The report says what was true when it ran: the broker out of reach.
            Assert.Equal(("boot", "fail", "2026-12-03T08:02:00Z"), (root.GetProperty("trigger").GetString(), root.GetProperty("verdict").GetString(), root.GetProperty("at").GetString()));
            Assert.True(rig.Store.Exists(SelfTestTriggers.MarkerFile));
        }

        [Fact]
        public void A_report_replaced_before_the_broker_is_reached_is_counted_and_said()
        {
            var button = new FakeButton();
            var link = new FakeMqttLink { BrokerReachable = false };
            CommissioningRig rig = S0Node(link: link);
            var triggers = new SelfTestTriggers(rig.Node, button, rig.NowMs);
            rig.Run(120, triggers);

            button.IsActive = true;
            rig.Run(4, triggers);
            button.IsActive = false;

            Assert.Equal((2, 1), (triggers.Runs, triggers.Unpublished));
            Assert.Contains(rig.Log.Lines, l => l.StartsWith("Warning selftest: the boot report held since ") && l.EndsWith(" is replaced by this one and never published (1 so far)"));

            link.BrokerReachable = true;
            rig.Run(120, triggers);
            JsonElement root = JsonDocument.Parse(rig.Link.Published.Single(p => p.Topic == "edge/n1/selftest").Payload).RootElement;
            Assert.Equal("button", root.GetProperty("trigger").GetString());
            // Only a boot report marks the node commissioned: the next start tests itself again.
            Assert.False(rig.Store.Exists(SelfTestTriggers.MarkerFile));
        }

        [Fact]
        public void A_three_second_press_runs_the_self_test_once_and_a_shorter_one_does_not()
        {
            var button = new FakeButton();
            var store = new MemoryStore();
            store.Write(SelfTestTriggers.MarkerFile, [1], 0, 1);
            CommissioningRig rig = S0Node(store: store);
            var triggers = new SelfTestTriggers(rig.Node, button, rig.NowMs);
            Assert.True(triggers.HasButton);

            button.IsActive = true;
            rig.Run(2, triggers);
            button.IsActive = false;
            rig.Run(1, triggers);
            Assert.Equal(0, triggers.Runs);

            // Seen pressed from the first poll, 100 ms after it went down: 3 s later by the poll 3.1 s after.
            button.IsActive = true;
            rig.Run(3, triggers);
            Assert.Equal(0, triggers.Runs);
            rig.Run(1, triggers);
            Assert.Equal(1, triggers.Runs);
            rig.Run(10, triggers);
            Assert.Equal(1, triggers.Runs);
            button.IsActive = false;
            rig.Run(1, triggers);

            var published = rig.Link.Published.Where(p => p.Topic == "edge/n1/selftest").ToArray();
            Assert.Single(published);
            Assert.Equal("button", JsonDocument.Parse(published[0].Payload).RootElement.GetProperty("trigger").GetString());
        }

        [Fact]
        public void The_verdict_is_shown_for_a_minute_after_a_run()
        {
            CommissioningRig rig = S0Node();
            var triggers = new SelfTestTriggers(rig.Node, null, rig.NowMs);
            Assert.False(triggers.ShowingVerdict(rig.NowMs));

            rig.Run(60, triggers);
            Assert.Equal(SelfTestVerdict.Warn, triggers.LastVerdict);
            Assert.True(triggers.ShowingVerdict(rig.NowMs));
            Assert.True(triggers.ShowingVerdict(rig.NowMs + SelfTestTriggers.VerdictShownMs - 1));
            Assert.False(triggers.ShowingVerdict(rig.NowMs + SelfTestTriggers.VerdictShownMs));
        }

        /// <summary>A node reading an S0 output that has sent no pulse yet: its boot report warns.</summary>
        private static CommissioningRig S0Node(IStore? store = null, FakeMqttLink? link = null)
        {
            var spec = new MeterSpec { Kind = MeterFactory.S0Kind, Id = "pv", Port = "s0", PulsesPerKwh = 1000 };
            MeterDriver driver = MeterFactory.Build(spec, new MeterPorts().AddPulseInput("s0", new FakePulseInput()), new MeterIdentity(MeterIdPolicy.Omit, null!));
            return new CommissioningRig(driver, store: store, link: link);
        }
    }
}
