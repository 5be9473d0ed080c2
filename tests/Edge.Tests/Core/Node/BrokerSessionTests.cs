using Edge.Core.Node;
using Edge.Core.Payloads;
using Edge.Tests.Fakes;
using Xunit;

namespace Edge.Tests.Core.Node
{
    public class BrokerSessionTests
    {
        private const string Birth = "publish edge/n1/status {\"v\":1,\"node\":\"n1\",\"state\":\"online\",\"firmware\":\"0.1.0\",\"started\":\"2026-11-25T20:00:00Z\"} retained";

        [Fact]
        public void Connects_with_the_last_will_offline_and_retained_on_the_status_topic()
        {
            var link = new ScriptedLink();
            var session = Session(link);

            Assert.True(session.Ready(0));
            Assert.Equal(("edge-n1", "edge/n1/status", "{\"v\":1,\"node\":\"n1\",\"state\":\"offline\"}", true, 60),
                (link.Options!.ClientId, link.Options.WillTopic, System.Text.Encoding.UTF8.GetString(link.Options.WillPayload), link.Options.WillRetain, link.Options.KeepAliveSeconds));
        }

        [Fact]
        public void Subscribes_and_announces_the_birth_at_each_connection_and_counts_reconnects()
        {
            var link = new ScriptedLink();
            var session = Session(link);
            Assert.True(session.Ready(0));
            Assert.True(session.Ready(1000));
            link.Drop();
            Assert.True(session.Ready(2000));

            string[] connection = ["connect ok", "subscribe edge/n1/cmd/# qos1", "subscribe /k1/n1-main-PT1M/cmd qos1", Birth];
            Assert.Equal([.. connection, .. connection], link.Calls);
            Assert.Equal((2, 1), (session.ConnectAttempts, session.Reconnects));
        }

        [Fact]
        public void Retries_an_unreachable_broker_only_once_the_jittered_delay_has_passed()
        {
            var link = new ScriptedLink { Reachable = false };
            var session = Session(link);
            var backoff = new ReconnectBackoff(500, 1000, 300000, ReconnectBackoff.SeedFrom("n1"));
            long first = backoff.NextDelayMs();
            long second = backoff.NextDelayMs();

            Assert.False(session.Ready(0));
            Assert.False(session.Ready(first - 1));
            Assert.Equal(1, link.ConnectCalls);
            Assert.False(session.Ready(first));
            Assert.False(session.Ready(first + second - 1));
            Assert.Equal(2, link.ConnectCalls);
            link.Reachable = true;
            Assert.True(session.Ready(first + second));
            Assert.Equal((3, 0), (session.ConnectAttempts, session.Reconnects));
        }

        [Fact]
        public void Starts_again_from_the_shortest_delay_after_a_connection()
        {
            var link = new ScriptedLink { Reachable = false };
            var session = Session(link);
            for (long at = 0; at < 600000; at += 1000)
            {
                session.Ready(at);
            }

            link.Reachable = true;
            long connectedAt = 600000;
            while (!session.Ready(connectedAt))
            {
                connectedAt += 1000;
            }

            link.Drop();
            link.Reachable = false;
            Assert.False(session.Ready(connectedAt + 1000));
            int calls = link.ConnectCalls;

            // The first delay after a connection is at most ReconnectMinDelayMs, not the 5 minutes reached before.
            Assert.False(session.Ready(connectedAt + 2000));
            Assert.Equal(calls + 1, link.ConnectCalls);
        }

        [Fact]
        public void Counts_a_birth_the_broker_did_not_take_as_a_publish_failure()
        {
            var link = new ScriptedLink { TakesPublishes = false };
            var session = Session(link);

            Assert.False(session.Ready(0));
            Assert.Equal(1, session.PublishFailures);
            Assert.False(session.Publish("edge/n1/readings", new byte[] { 1 }, 1));
            Assert.Equal(2, session.PublishFailures);
        }

        [Fact]
        public void Says_goodbye_offline_and_never_connects_again_once_stopped()
        {
            var link = new ScriptedLink();
            var session = Session(link);
            session.Ready(0);
            session.SayGoodbye();
            session.Stop();

            Assert.False(session.Ready(10000));
            Assert.Equal(["publish edge/n1/status {\"v\":1,\"node\":\"n1\",\"state\":\"offline\"} retained", "disconnect"], link.Calls[^2..]);
            Assert.Equal(1, link.ConnectCalls);
        }

        private static BrokerSession Session(ScriptedLink link)
        {
            var config = new NodeConfig { NodeId = "n1" };
            return new BrokerSession(
                config, link, "edge/n1/status", ["edge/n1/cmd/#", "/k1/n1-main-PT1M/cmd"], new JsonWriter(new byte[1024]), new NodeLog(null), Utc.At("2026-11-25T20:00:00Z"), 0);
        }
    }
}
