using System;
using System.Collections.Generic;
using System.Linq;
using Edge.Core.Commissioning;
using Edge.Core.Meters;
using Edge.Core.Node;
using Edge.Core.Platform;
using Edge.Core.Setup;
using Edge.Drivers;
using Edge.Drivers.Startup;
using Edge.Tests.Fakes;
using Xunit;

namespace Edge.Tests.Drivers.Startup
{
    /// <summary>The status LED's patterns on a manual clock, the node state they show, and the loop step's pacing.</summary>
    public sealed class StatusLedTests
    {
        [Theory]
        [InlineData(NodeState.NoConfig, "1010101010")]
        [InlineData(NodeState.NoNetwork, "10000000000000000000")]
        [InlineData(NodeState.NoBroker, "10010000000000000000")]
        [InlineData(NodeState.ConfigFallback, "10010010000000000000")]
        [InlineData(NodeState.PublishingBacklog, "11111000001111100000")]
        [InlineData(NodeState.Connected, "11111111111111111111")]
        public void Each_state_blinks_its_pattern_sampled_every_100_ms(NodeState state, string expected)
        {
            var output = new FakeOutput();
            var led = new StatusLed(output);
            var samples = new char[expected.Length];
            for (int i = 0; i < samples.Length; i++)
            {
                led.Show(state, 5000 + (i * 100L));
                samples[i] = output.IsOn ? '1' : '0';
            }

            Assert.Equal(expected, new string(samples));
        }

        [Theory]
        [InlineData(NodeState.NoConfig)]
        [InlineData(NodeState.NoNetwork)]
        [InlineData(NodeState.NoBroker)]
        [InlineData(NodeState.ConfigFallback)]
        [InlineData(NodeState.PublishingBacklog)]
        [InlineData(NodeState.Connected)]
        public void A_pattern_repeats_every_two_seconds_or_less(NodeState state)
        {
            int cycle = StatusLed.PatternOf(state).Sum();

            Assert.True(cycle <= 2000 && 2000 % cycle == 0, state + ": " + cycle + " ms");
        }

        [Theory]
        [InlineData(SelfTestVerdict.Pass, "111111110000000000000000000000")]
        [InlineData(SelfTestVerdict.Warn, "111111110000111111110000000000")]
        [InlineData(SelfTestVerdict.Fail, "111111110000111111110000111111110000000000")]
        public void A_self_test_verdict_shows_as_one_two_or_three_long_flashes(SelfTestVerdict verdict, string expected)
        {
            var output = new FakeOutput();
            var led = new StatusLed(output);
            led.Show(NodeState.Connected, 0);
            var samples = new char[expected.Length];
            for (int i = 0; i < samples.Length; i++)
            {
                led.ShowVerdict(verdict, 1000 + (i * 100L));
                samples[i] = output.IsOn ? '1' : '0';
            }

            Assert.Equal(expected, new string(samples));
            Assert.Equal(NodeState.Connected, led.State);

            // Back to the state's own pattern, from its start.
            led.Show(NodeState.NoBroker, 9000);
            Assert.True(output.IsOn);
            led.Show(NodeState.NoBroker, 9150);
            Assert.False(output.IsOn);
        }

        [Fact]
        public void Show_returns_the_time_until_the_output_changes_next()
        {
            var led = new StatusLed(new FakeOutput());

            Assert.Equal(100, led.Show(NodeState.NoBroker, 0));
            Assert.Equal(60, led.Show(NodeState.NoBroker, 40));
            Assert.Equal(200, led.Show(NodeState.NoBroker, 100));
            Assert.Equal(1600, led.Show(NodeState.NoBroker, 400));
            Assert.Equal(100, led.Show(NodeState.NoBroker, 2000));
        }

        [Fact]
        public void A_new_state_starts_its_pattern_from_its_first_flash()
        {
            var output = new FakeOutput();
            var led = new StatusLed(output);
            led.Show(NodeState.NoNetwork, 0);
            led.Show(NodeState.NoNetwork, 1500);
            Assert.False(output.IsOn);

            Assert.Equal(100, led.Show(NodeState.NoBroker, 1500));
            Assert.True(output.IsOn);
            Assert.Equal(NodeState.NoBroker, led.State);
        }

        [Fact]
        public void A_steady_state_switches_the_output_once()
        {
            var output = new FakeOutput();
            var led = new StatusLed(output);
            for (long at = 0; at < 10_000; at += 250)
            {
                led.Show(NodeState.Connected, at);
            }

            Assert.Equal(1, output.Switches);
            Assert.Equal(1, led.Switches);
        }

        [Fact]
        public void The_state_follows_the_network_the_broker_the_fallback_and_the_backlog_in_that_order()
        {
            var link = new FakeMqttLink { BrokerReachable = false };
            FakeNodePlatform platform = Platform(link);
            var startup = new NodeStartup(platform);
            Assert.Equal(NodeState.NoConfig, startup.State);
            Assert.True(startup.Start(S0Setup(), fallback: true), startup.Failure);

            platform.NetworkUp = false;
            Assert.Equal(NodeState.NoNetwork, startup.State);
            platform.NetworkUp = true;
            startup.Step();
            Assert.Equal(NodeState.NoBroker, startup.State);
            Assert.Equal(NodeState.NoBroker, startup.Led!.State);

            link.BrokerReachable = true;
            RunSeconds(startup, platform, 10);
            Assert.True(startup.RunningFallback);
            Assert.Equal(NodeState.ConfigFallback, startup.State);
        }

        [Fact]
        public void Messages_waiting_beyond_the_in_flight_window_show_as_a_backlog_until_they_are_acknowledged()
        {
            var link = new FakeMqttLink { Acks = FakeAcks.Held };
            FakeNodePlatform platform = Platform(link);
            var startup = new NodeStartup(platform);
            NodeSetup setup = S0Setup();
            setup.Node.WindowSeconds = 60;
            Assert.True(startup.Start(setup, fallback: false), startup.Failure);

            RunSeconds(startup, platform, 6 * 60);
            Assert.True(startup.Node!.OutboxDepth > setup.Node.InFlightWindow, "outbox " + startup.Node.OutboxDepth);
            Assert.Equal(NodeState.PublishingBacklog, startup.State);

            link.Acks = FakeAcks.Immediate;
            link.AcknowledgeAll();
            RunSeconds(startup, platform, 10);
            Assert.Equal(NodeState.Connected, startup.State);
            Assert.True(platform.Outputs[23].IsOn);
        }

        [Fact]
        public void The_loop_step_waits_for_the_next_tick_or_the_next_change_of_the_led_whichever_comes_first()
        {
            NodeStartup startup = Started(S0Setup(), out FakeNodePlatform platform);
            var clock = (ManualClock)platform.Clock;

            // Connected: the LED is steady, so the step waits for the next second.
            Assert.Equal(1000, startup.Step());
            clock.Advance(400);
            Assert.Equal(600, startup.Step());

            // The network gone, the LED flashes: 100 ms on, then the step wakes for the LED, not the tick.
            platform.NetworkUp = false;
            Assert.Equal(100, startup.Step());
            clock.Advance(100);
            Assert.Equal(500, startup.Step());
        }

        [Fact]
        public void A_late_pass_schedules_the_next_tick_a_full_second_later_rather_than_catching_up_with_a_burst()
        {
            NodeSetup setup = S0Setup();
            setup.Pins.StatusLed = PinMap.None;
            NodeStartup startup = Started(setup, out FakeNodePlatform platform);
            var clock = (ManualClock)platform.Clock;
            Assert.Equal(1000, startup.Step());

            // 5.5 s late (a long flash write): one tick now, the next at 6.5 s, not five at once nor one at 6 s.
            clock.Advance(5500);
            Assert.Equal(1000, startup.Step());
            clock.Advance(999);
            Assert.Equal(1, startup.Step());
            Assert.Null(startup.Led);
        }

        [Fact]
        public void Without_a_node_the_led_shows_no_configuration()
        {
            FakeNodePlatform platform = Platform(new FakeMqttLink());
            var startup = new NodeStartup(platform);
            NodeSetup setup = S0Setup();
            setup.Meters[0].Port = "s0-9";

            Assert.False(startup.Start(setup, fallback: false));
            Assert.Equal(100, startup.Step());

            Assert.Equal(NodeState.NoConfig, startup.Led!.State);
            Assert.True(platform.Outputs[23].IsOn);
        }

        /// <summary>A node started from <paramref name="setup"/> on a fake platform whose broker acknowledges at once.</summary>
        private static NodeStartup Started(NodeSetup setup, out FakeNodePlatform platform)
        {
            platform = Platform(new FakeMqttLink());
            var startup = new NodeStartup(platform);
            Assert.True(startup.Start(setup, fallback: false), startup.Failure);
            return startup;
        }

        private static void RunSeconds(NodeStartup startup, FakeNodePlatform platform, int seconds)
        {
            for (int s = 0; s < seconds; s++)
            {
                ((ManualClock)platform.Clock).Advance(NodeStartup.TickIntervalMs);
                startup.Step();
            }
        }

        private static FakeNodePlatform Platform(FakeMqttLink link) => new(new ManualClock(Utc.At("2026-11-25T20:00:00Z"), synchronised: true), link);

        private static NodeSetup S0Setup() => new()
        {
            Board = "esp32-devkitc",
            Node = new NodeConfig { NodeId = "n1" },
            Meters = [new MeterSpec { Kind = MeterFactory.S0Kind, Id = "main", Port = "s0-1", PulsesPerKwh = 1000 }],
            Broker = new BrokerSettings { Host = "broker.example" },
            Pins = BoardProfiles.Pins("esp32-devkitc"),
        };
    }
}
