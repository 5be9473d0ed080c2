using Edge.Core.Node;
using Edge.Core.Payloads;
using Edge.Core.Platform;
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

            session.Service(0);
            Assert.True(session.IsReady);
            Assert.Equal(("edge-n1", "edge/n1/status", "{\"v\":1,\"node\":\"n1\",\"state\":\"offline\"}", true, 60),
                (link.Options!.ClientId, link.Options.WillTopic, System.Text.Encoding.UTF8.GetString(link.Options.WillPayload), link.Options.WillRetain, link.Options.KeepAliveSeconds));
        }

        [Fact]
        public void Subscribes_and_announces_the_birth_at_each_connection_and_counts_reconnects()
        {
            var link = new ScriptedLink();
            var session = Session(link);
            session.Service(0);
            session.Service(1000);
            Assert.True(session.IsReady);
            link.Drop();
            session.Service(2000);
            Assert.False(session.IsReady);

            // The first delay after a connection is at most ReconnectMinDelayMs (1 s).
            session.Service(3000);
            Assert.True(session.IsReady);

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

            session.Service(0);
            session.Service(first - 1);
            Assert.Equal(1, link.ConnectCalls);
            session.Service(first);
            session.Service(first + second - 1);
            Assert.Equal(2, link.ConnectCalls);
            link.Reachable = true;
            session.Service(first + second);
            Assert.True(session.IsReady);
            Assert.Equal((3, 0), (session.ConnectAttempts, session.Reconnects));
        }

        [Fact]
        public void Starts_again_from_the_shortest_delay_after_a_connection()
        {
            var link = new ScriptedLink { Reachable = false };
            var session = Session(link);
            for (long at = 0; at < 600000; at += 1000)
            {
                session.Service(at);
            }

            link.Reachable = true;
            long connectedAt = 600000;
            while (true)
            {
                session.Service(connectedAt);
                if (session.IsReady)
                {
                    break;
                }

                connectedAt += 1000;
            }

            link.Drop();
            link.Reachable = false;
            session.Service(connectedAt + 1000);
            Assert.False(session.IsReady);
            int calls = link.ConnectCalls;

            // The first delay after a connection is at most ReconnectMinDelayMs, not the 5 minutes reached before.
            session.Service(connectedAt + 2000);
            Assert.Equal(calls + 1, link.ConnectCalls);
        }

        [Fact]
        public void Counts_a_birth_the_broker_did_not_take_as_a_publish_failure()
        {
            var link = new ScriptedLink { TakesPublishes = false };
            var session = Session(link);

            session.Service(0);
            Assert.Equal(1, session.PublishFailures);
            int ticket = session.Publish("edge/n1/readings", new byte[] { 1 }, 1);
            Assert.True(ticket > 0);
            Assert.True(session.TryTakeCompletion(out int done, out bool delivered));
            Assert.Equal((ticket, false), (done, delivered));
            Assert.Equal(2, session.PublishFailures);
        }

        [Fact]
        public void Says_goodbye_offline_and_never_connects_again_once_stopped()
        {
            var link = new ScriptedLink();
            var session = Session(link);
            session.Service(0);
            session.SayGoodbye();
            session.Stop();

            session.Service(10000);
            Assert.False(session.IsReady);
            Assert.Equal(["publish edge/n1/status {\"v\":1,\"node\":\"n1\",\"state\":\"offline\"} retained", "disconnect"], link.Calls[^2..]);
            Assert.Equal(1, link.ConnectCalls);
        }

        private static BrokerSession Session(IMqttLink link, NodeConfig? config = null)
        {
            return new BrokerSession(
                config ?? new NodeConfig { NodeId = "n1" }, link, "edge/n1/status", ["edge/n1/cmd/#", "/k1/n1-main-PT1M/cmd"], new JsonWriter(new byte[1024]), new NodeLog(null), Utc.At("2026-11-25T20:00:00Z"), 0);
        }
    }
}
