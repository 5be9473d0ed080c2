using System;
using System.Text;
using System.Threading.Tasks;
using Edge.Host.Faults;
using Xunit;
using Xunit.Sdk;

namespace Edge.Tests.Integration.Faults
{
    /// <summary>The ledger's verdict on hand-made sequences, in each payload format the node publishes.</summary>
    public class DeliveryLedgerTests
    {
        [Fact]
        public void Everything_produced_received_once_in_order_is_complete()
        {
            var ledger = new DeliveryLedger();
            ledger.ProducedRange("n1", SeriesKind.Readings, 1, 5);
            for (int seq = 1; seq <= 5; seq++)
            {
                ledger.Record("edge/n1/readings", Reading("n1", seq));
            }

            DeliveryVerdict verdict = ledger.Verdict();

            Assert.True(verdict.Ok, verdict.Describe());
            SeriesVerdict readings = verdict.Of("n1", SeriesKind.Readings)!;
            Assert.Equal(5, readings.Produced);
            Assert.Equal(5, readings.Received);
            Assert.Equal(0, readings.Duplicates);
            Assert.StartsWith("delivery complete: 1 series judged", verdict.Describe());
            ledger.AssertComplete();
        }

        [Fact]
        public void Received_keys_are_the_numbers_received_each_once_in_increasing_order()
        {
            var ledger = new DeliveryLedger();
            foreach (int seq in new[] { 4, 2, 4, 9 })
            {
                ledger.Record("edge/n1/readings", Reading("n1", seq));
            }

            Assert.Equal([2L, 4L, 9L], ledger.ReceivedKeys("n1", SeriesKind.Readings));
            Assert.Empty(ledger.ReceivedKeys("n1", SeriesKind.Events));
            Assert.Empty(ledger.ReceivedKeys("n2", SeriesKind.Readings));
        }

        [Fact]
        public void Lost_numbers_are_listed_as_ranges_and_fail_the_assertion()
        {
            var ledger = new DeliveryLedger();
            ledger.ProducedRange("n1", SeriesKind.Readings, 1, 20);
            foreach (int seq in new[] { 1, 2, 3, 8, 9, 11, 20 })
            {
                ledger.Record("edge/n1/readings", Reading("n1", seq));
            }

            DeliveryVerdict verdict = ledger.Verdict();

            Assert.False(verdict.Ok);
            Assert.Equal([4L, 5, 6, 7, 10, 12, 13, 14, 15, 16, 17, 18, 19], verdict.Of("n1", SeriesKind.Readings)!.Lost);
            Assert.Equal(13, verdict.Lost);
            var failure = Assert.Throws<FailException>(ledger.AssertComplete);
            Assert.Contains("n1 readings: produced 20, received 7 distinct, 0 redeliveries; LOST 13: 4-7, 10, 12-19", failure.Message);
        }

        [Fact]
        public void Redeliveries_of_the_same_bytes_are_counted_and_allowed()
        {
            var ledger = new DeliveryLedger();
            ledger.ProducedRange("n1", SeriesKind.Readings, 1, 4);
            foreach (int seq in new[] { 1, 2, 3, 2, 3, 4, 4 })
            {
                ledger.Record("edge/n1/readings", Reading("n1", seq));
            }

            DeliveryVerdict verdict = ledger.Verdict();

            Assert.True(verdict.Ok, verdict.Describe());
            SeriesVerdict readings = verdict.Of("n1", SeriesKind.Readings)!;
            Assert.Equal(3, readings.Duplicates);
            Assert.Equal([2L, 3, 4], readings.Redelivered);
            Assert.Empty(readings.OutOfOrder); // a redelivery of 2 after 3 is no reordering
        }

        [Fact]
        public void A_number_received_again_with_other_bytes_is_a_reused_number_not_a_redelivery()
        {
            var ledger = new DeliveryLedger();
            ledger.ProducedRange("n1", SeriesKind.Readings, 1, 2);
            ledger.Record("edge/n1/readings", Reading("n1", 1));
            ledger.Record("edge/n1/readings", Reading("n1", 2));
            ledger.Record("edge/n1/readings", Reading("n1", 2, window: "PT15M"));

            DeliveryVerdict verdict = ledger.Verdict();

            Assert.False(verdict.Ok);
            Assert.Equal([2L], verdict.Of("n1", SeriesKind.Readings)!.Conflicting);
            Assert.Contains("REUSED (received again with other bytes) 1: 2", verdict.Describe());
        }

        [Fact]
        public void A_first_arrival_below_a_higher_number_already_received_is_out_of_order()
        {
            var ledger = new DeliveryLedger();
            ledger.ProducedRange("n1", SeriesKind.Events, 1, 5);
            foreach (int seq in new[] { 1, 3, 2, 5, 4 })
            {
                ledger.Record("edge/n1/events", Event("n1", seq));
            }

            SeriesVerdict events = ledger.Verdict().Of("n1", SeriesKind.Events)!;

            Assert.False(events.Ok);
            Assert.Equal([(2L, 3L), (4L, 5L)], events.OutOfOrder);
            Assert.Contains("OUT OF ORDER 2: 2 after 3, 4 after 5", events.Describe());
        }

        [Fact]
        public void A_number_never_produced_is_unexpected()
        {
            var ledger = new DeliveryLedger();
            ledger.ProducedRange("n1", SeriesKind.Readings, 1, 2);
            ledger.Record("edge/n1/readings", Reading("n1", 1));
            ledger.Record("edge/n1/readings", Reading("n1", 2));
            ledger.Record("edge/n1/readings", Reading("n1", 101));

            SeriesVerdict readings = ledger.Verdict().Of("n1", SeriesKind.Readings)!;

            Assert.Equal([101L], readings.Unexpected);
            Assert.Contains("UNEXPECTED (never produced) 1: 101", readings.Describe());
        }

        [Fact]
        public void A_series_nothing_was_fed_for_is_not_judged_unless_declared()
        {
            var ledger = new DeliveryLedger();
            ledger.ProducedRange("n1", SeriesKind.Readings, 1, 1);
            ledger.Record("edge/n1/readings", Reading("n1", 1));
            ledger.Record("edge/n1/events", Event("n1", 7));
            ledger.Record("edge/n2/readings", Reading("n2", 1));

            DeliveryVerdict verdict = ledger.Verdict();
            Assert.True(verdict.Ok, verdict.Describe());
            Assert.Contains("n1 events: 1 received, not judged", verdict.Describe());

            ledger.ExpectNothing("n1", SeriesKind.Events);
            Assert.Equal([7L], ledger.Verdict().Of("n1", SeriesKind.Events)!.Unexpected);
        }

        [Fact]
        public void Nodes_are_kept_apart_by_topic_and_a_payload_naming_another_node_is_malformed()
        {
            var ledger = new DeliveryLedger();
            ledger.ProducedRange("n1", SeriesKind.Readings, 1, 2);
            ledger.ProducedRange("n2", SeriesKind.Readings, 1, 1);
            ledger.Record("city/n1/readings", Reading("n1", 1));
            ledger.Record("city/n2/readings", Reading("n2", 1));
            ledger.Record("city/n1/readings", Reading("n2", 2));

            DeliveryVerdict verdict = ledger.Verdict();

            Assert.False(verdict.Ok);
            Assert.Equal([2L], verdict.Of("n1", SeriesKind.Readings)!.Lost);
            Assert.True(verdict.Of("n2", SeriesKind.Readings)!.Ok);
            string malformed = Assert.Single(verdict.Malformed);
            Assert.StartsWith("city/n1/readings: \"node\" is not 'n1', the topic's: {", malformed);
        }

        [Theory]
        [InlineData("{\"v\":1,\"node\":\"n1\",\"window\":\"PT1M\"}", "no whole \"seq\"")]
        [InlineData("{\"v\":1,\"node\":\"n1\",\"seq\":\"3\"}", "no whole \"seq\"")]
        [InlineData("{\"v\":1,\"node\":\"n1\",\"seq\":3.5}", "no whole \"seq\"")]
        [InlineData("{\"v\":1,\"node\":\"n1\",\"seq\":", "not JSON")]
        [InlineData("42", "not a JSON object")]
        [InlineData("[]", "a SenML pack without records")]
        public void A_numbered_message_whose_number_cannot_be_read_is_malformed(string payload, string why)
        {
            var ledger = new DeliveryLedger();
            ledger.Record("edge/n1/readings", Encoding.UTF8.GetBytes(payload));

            DeliveryVerdict verdict = ledger.Verdict();

            Assert.False(verdict.Ok);
            Assert.Contains(why, Assert.Single(verdict.Malformed));
            Assert.Contains("MALFORMED edge/n1/readings: " + why, verdict.Describe());
        }

        [Fact]
        public void Status_commands_and_results_are_ignored()
        {
            var ledger = new DeliveryLedger();
            ledger.Record("edge/n1/status", Status("n1", "2026-12-01T20:00:00Z"), retained: true);
            ledger.Record("edge/n1/cmd/config/get", Encoding.UTF8.GetBytes("{\"id\":\"1\"}"));
            ledger.Record("edge/n1/cmd/config/get/result", Encoding.UTF8.GetBytes("{\"v\":1,\"node\":\"n1\",\"command\":\"config/get\",\"id\":\"1\",\"ok\":true,\"result\":{}}"));
            ledger.Record("/edge/n1-main-PT1M/cmd", Encoding.UTF8.GetBytes("{}"));

            DeliveryVerdict verdict = ledger.Verdict();

            Assert.True(verdict.Ok);
            Assert.Empty(verdict.Series);
            Assert.Equal(4, ledger.Messages);
            Assert.Equal(4, ledger.Ignored);
        }

        [Fact]
        public void Health_is_judged_per_boot_told_by_a_new_started_in_the_online_status()
        {
            var ledger = new DeliveryLedger();
            ledger.ProducedRange("n1", SeriesKind.Health, 1, 2, boot: 1);
            ledger.ProducedRange("n1", SeriesKind.Health, 1, 3, boot: 2);
            ledger.Record("edge/n1/status", Status("n1", "2026-12-01T20:00:00Z"), retained: true);
            ledger.Record("edge/n1/health", Health("n1", 1, uptime: 300));
            ledger.Record("edge/n1/health", Health("n1", 2, uptime: 600));
            ledger.Record("edge/n1/status", Status("n1", "2026-12-01T20:00:00Z")); // a reconnection: same boot
            Assert.Equal(1, ledger.BootOf("n1"));
            ledger.Record("edge/n1/status", Status("n1", "2026-12-01T21:00:00Z")); // a new boot
            ledger.Record("edge/n1/health", Health("n1", 1, uptime: 300));
            ledger.Record("edge/n1/health", Health("n1", 3, uptime: 900));

            DeliveryVerdict verdict = ledger.Verdict();

            Assert.Equal(2, ledger.BootOf("n1"));
            Assert.True(verdict.Of("n1", SeriesKind.Health, boot: 1)!.Ok);
            SeriesVerdict second = verdict.Of("n1", SeriesKind.Health, boot: 2)!;
            Assert.Equal([2L], second.Lost);
            Assert.Empty(second.Conflicting); // health 1 of boot 2 is not a reuse of boot 1's
            Assert.Contains("n1 health (boot 2): produced 3, received 2 distinct, 0 redeliveries; LOST 1: 2", verdict.Describe());
        }

        [Fact]
        public void Readings_and_events_are_one_series_across_boots()
        {
            var ledger = new DeliveryLedger();
            ledger.ProducedRange("n1", SeriesKind.Readings, 1, 2);
            ledger.ProducedRange("n1", SeriesKind.Readings, 101, 102); // a reboot skipped the rest of the reserved block
            ledger.Record("edge/n1/status", Status("n1", "2026-12-01T20:00:00Z"));
            ledger.Record("edge/n1/readings", Reading("n1", 1));
            ledger.Record("edge/n1/readings", Reading("n1", 2));
            ledger.Record("edge/n1/status", Status("n1", "2026-12-01T21:00:00Z"));
            ledger.Record("edge/n1/readings", Reading("n1", 101));
            ledger.Record("edge/n1/readings", Reading("n1", 102));

            DeliveryVerdict verdict = ledger.Verdict();

            Assert.True(verdict.Ok, verdict.Describe());
            Assert.Single(verdict.Series);
        }

        [Fact]
        public void SenML_packs_are_keyed_by_their_base_time_and_node_from_the_base_name()
        {
            var ledger = new DeliveryLedger();
            long end = new DateTimeOffset(2026, 11, 25, 20, 16, 0, TimeSpan.Zero).ToUnixTimeSeconds();
            ledger.Produced("n1", SeriesKind.ReadingWindows, end);
            ledger.Produced("n1", SeriesKind.ReadingWindows, end + 60);
            ledger.Produced("n1", SeriesKind.ReadingWindows, end + 120);
            ledger.Record("edge/n1/readings", Senml("n1", end));
            ledger.Record("edge/n1/readings", Senml("n1", end + 120));
            ledger.Record("edge/n1/readings", Senml("n2", end + 60));

            DeliveryVerdict verdict = ledger.Verdict();

            Assert.Equal([end + 60], verdict.Of("n1", SeriesKind.ReadingWindows)!.Lost);
            Assert.Contains("SenML base name 'urn:edge:n2:' is not urn:edge:n1:", Assert.Single(verdict.Malformed));
        }

        [Fact]
        public void IoT_Agent_measures_are_keyed_by_their_time_instant_per_device()
        {
            var ledger = new DeliveryLedger();
            long end = new DateTimeOffset(2026, 11, 25, 20, 16, 0, TimeSpan.Zero).ToUnixTimeSeconds();
            ledger.ProducedRange("n1-main-PT1M", SeriesKind.ReadingWindows, end, end); // one window each
            ledger.Produced("n1-main-PT15M", SeriesKind.ReadingWindows, end - 60);
            ledger.Record("/json/edge/n1-main-PT1M/attrs", Encoding.UTF8.GetBytes("{\"TimeInstant\":\"2026-11-25T20:16:00Z\",\"totalActivePower\":312.64}"));
            ledger.Record("/json/edge/n1-main-PT15M/attrs", Encoding.UTF8.GetBytes("{\"TimeInstant\":\"2026-11-25T20:15:00Z\",\"totalActivePower\":300}"));
            ledger.Record("/json/edge/n1-main-PT15M/attrs", Encoding.UTF8.GetBytes("{\"totalActivePower\":300}"));

            DeliveryVerdict verdict = ledger.Verdict();

            Assert.True(verdict.Of("n1-main-PT1M", SeriesKind.ReadingWindows)!.Ok);
            Assert.True(verdict.Of("n1-main-PT15M", SeriesKind.ReadingWindows)!.Ok);
            Assert.Contains("no \"TimeInstant\" time", Assert.Single(verdict.Malformed));
        }

        [Fact]
        public void The_failure_message_cuts_long_lists()
        {
            var ledger = new DeliveryLedger();
            ledger.ProducedRange("n1", SeriesKind.Readings, 1, 100);
            for (int seq = 2; seq <= 100; seq += 2)
            {
                ledger.Record("edge/n1/readings", Reading("n1", seq));
            }

            string text = ledger.Verdict().Describe(max: 3);

            Assert.Contains("LOST 50: 1, 3, 5 and 47 more", text);
        }

        [Fact]
        public async Task Waiting_ends_as_soon_as_everything_produced_arrived()
        {
            var ledger = new DeliveryLedger();
            ledger.ProducedRange("n1", SeriesKind.Readings, 1, 3);
            ledger.Record("edge/n1/readings", Reading("n1", 1));
            _ = Task.Run(async () =>
            {
                await Task.Delay(50);
                ledger.Record("edge/n1/readings", Reading("n1", 2));
                ledger.Record("edge/n1/readings", Reading("n1", 3));
            });

            var clock = System.Diagnostics.Stopwatch.StartNew();
            DeliveryVerdict verdict = await ledger.WaitForAllAsync(TimeSpan.FromSeconds(30));

            Assert.True(verdict.Ok, verdict.Describe());
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"waited {clock.Elapsed}");
        }

        [Fact]
        public async Task Waiting_gives_up_after_the_timeout_with_the_lost_numbers()
        {
            var ledger = new DeliveryLedger();
            ledger.ProducedRange("n1", SeriesKind.Readings, 1, 2);
            ledger.Record("edge/n1/readings", Reading("n1", 1));

            DeliveryVerdict verdict = await ledger.WaitForAllAsync(TimeSpan.FromMilliseconds(100));

            Assert.Equal([2L], verdict.Of("n1", SeriesKind.Readings)!.Lost);
        }

        internal static byte[] Reading(string node, long seq, string window = "PT1M") => Encoding.UTF8.GetBytes(
            $"{{\"v\":1,\"node\":\"{node}\",\"seq\":{seq},\"window\":\"{window}\",\"start\":\"2026-11-25T20:15:00Z\",\"end\":\"2026-11-25T20:16:00Z\",\"clock\":\"synced\",\"meters\":[]}}");

        private static byte[] Event(string node, long seq) => Encoding.UTF8.GetBytes(
            $"{{\"v\":1,\"node\":\"{node}\",\"seq\":{seq},\"time\":\"2026-11-25T20:05:17Z\",\"clock\":\"synced\",\"event\":\"heartbeat\"}}");

        private static byte[] Health(string node, long seq, int uptime) => Encoding.UTF8.GetBytes(
            $"{{\"v\":1,\"node\":\"{node}\",\"seq\":{seq},\"time\":\"2026-11-25T20:05:17Z\",\"clock\":\"synced\",\"uptime\":{uptime}}}");

        private static byte[] Status(string node, string started) => Encoding.UTF8.GetBytes(
            $"{{\"v\":1,\"node\":\"{node}\",\"state\":\"online\",\"firmware\":\"0.1.0\",\"started\":\"{started}\"}}");

        private static byte[] Senml(string node, long baseTime) => Encoding.UTF8.GetBytes(
            $"[{{\"bn\":\"urn:edge:{node}:\",\"bt\":{baseTime},\"n\":\"main:totalActivePower\",\"u\":\"W\",\"v\":312.64}},{{\"n\":\"main:totalActivePower:min\",\"u\":\"W\",\"t\":-12,\"v\":302.6}}]");
    }
}
