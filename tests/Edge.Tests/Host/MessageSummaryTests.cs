using System.Text;
using Edge.Host.Cli;
using Xunit;

namespace Edge.Tests.Host
{
    public class MessageSummaryTests
    {
        private static string Format(string topic, string payload) => MessageSummary.Format(topic, Encoding.UTF8.GetBytes(payload), "edge");

        [Fact]
        public void Shows_an_event_with_its_meter_quantity_and_value()
        {
            Assert.Equal(
                "edge/n/events  seq 3  overloadStarted  [main] totalActivePower 7420.5 W  at 2026-11-25 21:28:13Z",
                Format("edge/n/events", "{\"v\":1,\"node\":\"n\",\"seq\":3,\"time\":\"2026-11-25T21:28:13Z\",\"clock\":\"synced\",\"meter\":\"main\",\"event\":\"overloadStarted\",\"quantity\":\"totalActivePower\",\"value\":7420.5,\"u\":\"W\"}"));
            Assert.Equal(
                "edge/n/events  seq 4  heartbeat  at 2026-11-25 21:30:00Z  (clock not synchronised)",
                Format("edge/n/events", "{\"v\":1,\"node\":\"n\",\"seq\":4,\"time\":\"2026-11-25T21:30:00Z\",\"clock\":\"unsynced\",\"event\":\"heartbeat\"}"));
        }

        [Fact]
        public void Shows_health_with_its_optional_fields_and_meter_counters()
        {
            Assert.Equal(
                "edge/n/health  seq 1  uptime 600 s  full  reconnects 1  outbox 3  dropped 0  unanswered 2  free 61234 B  rssi -61 dBm  [main] frames 60, checksum 2  [aux]",
                Format("edge/n/health", "{\"v\":1,\"node\":\"n\",\"seq\":1,\"time\":\"2026-11-25T21:30:00Z\",\"clock\":\"synced\",\"full\":true,\"uptime\":600,\"freeMemory\":61234,\"rssi\":-61,\"reconnects\":1,\"outbox\":3,\"dropped\":0,\"tooLarge\":0,\"commandsUnanswered\":2,\"meters\":[{\"id\":\"main\",\"counters\":{\"frames\":60,\"checksum\":2}},{\"id\":\"aux\"}]}"));
        }

        [Fact]
        public void Shows_a_health_delta_with_only_what_it_carries()
        {
            Assert.Equal(
                "edge/n/health  seq 2  uptime 7800 s  delta  free 60920 B  [main] frames 120",
                Format("edge/n/health", "{\"v\":1,\"node\":\"n\",\"seq\":2,\"time\":\"2026-11-25T23:30:00Z\",\"clock\":\"synced\",\"uptime\":7800,\"freeMemory\":60920,\"meters\":[{\"id\":\"main\",\"counters\":{\"frames\":120}}]}"));
            Assert.Equal(
                "edge/n/health  seq 3  uptime 15000 s  delta  outbox 2",
                Format("edge/n/health", "{\"v\":1,\"node\":\"n\",\"seq\":3,\"time\":\"2026-11-26T01:30:00Z\",\"clock\":\"synced\",\"uptime\":15000,\"outbox\":2}"));
        }

        [Fact]
        public void Shows_status_commands_and_results_compactly()
        {
            Assert.Equal("edge/n/status  offline", Format("edge/n/status", "{\"v\":1,\"node\":\"n\",\"state\":\"offline\"}"));
            Assert.Equal("edge/n/cmd/relay/set  command  {\"id\":\"7\",\"state\":\"pulse\"}", Format("edge/n/cmd/relay/set", "{ \"id\" : \"7\",\n \"state\": \"pulse\" }"));
            Assert.Equal(
                "edge/n/cmd/relay/set/result  id 7  refused: this node has no relay",
                Format("edge/n/cmd/relay/set/result", "{\"v\":1,\"node\":\"n\",\"command\":\"relay/set\",\"id\":\"7\",\"ok\":false,\"error\":\"this node has no relay\"}"));
            Assert.Equal(
                "/json/edge/n-main/cmdexe  configSet  id configSet  ok  {\"healthSeconds\":60}",
                Format("/json/edge/n-main/cmdexe", "{\"configSet\":{\"v\":1,\"node\":\"n\",\"command\":\"config/set\",\"id\":\"configSet\",\"ok\":true,\"result\":{\"healthSeconds\":60}}}"));
            string longResult = Format("edge/n/cmd/config/get/result", "{\"v\":1,\"node\":\"n\",\"command\":\"config/get\",\"id\":\"1\",\"ok\":true,\"result\":{\"pad\":\"" + new string('x', 300) + "\"}}");
            Assert.Equal("edge/n/cmd/config/get/result  id 1  ok  ".Length + 100, longResult.Length);
            Assert.EndsWith("xxx...", longResult);
        }

        [Theory]
        [InlineData("edge/n/health", "{\"seq\":\"x\"}", "edge/n/health  11 B  not a valid health message: ")]
        [InlineData("edge/n/status", "{\"state\":1}", "edge/n/status  11 B  not a valid status message: ")]
        [InlineData("edge/n/events", "\u0001\u0002", "edge/n/events  2 B  not a valid events message: ")]
        [InlineData("/json/edge/n-main/cmdexe", "{\"a\":{},\"b\":{}}", "/json/edge/n-main/cmdexe  15 B  not a valid iotaCommandResults message: ")]
        [InlineData("edge/n/telemetry", "{}", "edge/n/telemetry  2 B  (not a channel of the contract)")]
        public void Says_in_one_line_what_it_could_not_read(string topic, string payload, string start)
        {
            string line = Format(topic, payload);
            Assert.StartsWith(start, line);
            Assert.DoesNotContain('\n', line);
        }
    }
}
