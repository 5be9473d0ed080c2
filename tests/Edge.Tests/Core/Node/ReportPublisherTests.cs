using System.Text;
using Edge.Core.Node;
using Edge.Core.Payloads;
using Edge.Tests.Fakes;
using Xunit;

namespace Edge.Tests.Core.Node
{
    public class ReportPublisherTests
    {
        [Fact]
        public void Publishes_oldest_first_up_to_the_limit_and_counts_reports_and_events_apart()
        {
            var (link, session, publisher) = Rig();
            Queue(publisher, TopicMap.Readings, 1, "r1");
            Queue(publisher, TopicMap.Events, 1, "e1");
            Queue(publisher, TopicMap.Health, 1, "h1");
            Queue(publisher, TopicMap.Readings, 2, "r2");

            publisher.PublishQueued(session, 3);

            Assert.Equal(["publish edge/n1/readings r1", "publish edge/n1/events e1", "publish edge/n1/health h1"], link.Calls[^3..]);
            Assert.Equal((1, 1L, 1L), (publisher.Depth, publisher.ReportsPublished, publisher.EventsPublished));
        }

        [Fact]
        public void Keeps_acknowledged_reports_for_resync_and_queues_them_again_from_a_sequence()
        {
            var (link, session, publisher) = Rig();
            Queue(publisher, TopicMap.Readings, 7, "r7");
            Queue(publisher, TopicMap.Events, 1, "e1");
            Queue(publisher, TopicMap.Readings, 8, "r8");
            publisher.PublishQueued(session, 8);
            Assert.Equal(7, publisher.OldestHeldSequence);

            Assert.Equal(1, publisher.Resync(8));
            publisher.PublishQueued(session, 8);
            Assert.Equal("publish edge/n1/readings r8", link.Calls[^1]);
            Assert.Equal(3, publisher.ReportsPublished);
        }

        [Fact]
        public void Keeps_a_message_the_broker_did_not_take_and_stops_there()
        {
            var (link, session, publisher) = Rig();
            Queue(publisher, TopicMap.Readings, 1, "r1");
            Queue(publisher, TopicMap.Readings, 2, "r2");
            link.TakesPublishes = false;

            publisher.PublishQueued(session, 8);

            Assert.Equal((2, 0L, 1L), (publisher.Depth, publisher.ReportsPublished, session.PublishFailures));
            link.TakesPublishes = true;
            publisher.PublishQueued(session, 8);
            Assert.Equal(["publish edge/n1/readings r1", "publish edge/n1/readings r2"], link.Calls[^2..]);
        }

        [Fact]
        public void Notes_the_last_activity_from_the_start()
        {
            var (_, _, publisher) = Rig();
            Assert.Equal(5000, publisher.LastActivityMs);
            publisher.NoteActivity(9000);
            Assert.Equal(9000, publisher.LastActivityMs);
        }

        private static (ScriptedLink Link, BrokerSession Session, ReportPublisher Publisher) Rig()
        {
            var config = new NodeConfig { NodeId = "n1", OutboxCapacity = 8, OutboxSlotBytes = 256, HistoryCapacity = 4 };
            var topics = new TopicMap(config, ["main"], ["PT1M"]);
            var link = new ScriptedLink();
            var session = new BrokerSession(config, link, topics.Status, [], new JsonWriter(new byte[512]), new NodeLog(null), Utc.At("2026-11-25T20:00:00Z"), 0);
            session.Service(0);
            Assert.True(session.IsReady);
            return (link, session, new ReportPublisher(config, topics, null, 5000));
        }

        private static void Queue(ReportPublisher publisher, byte topic, long sequence, string payload)
        {
            byte[] bytes = Encoding.UTF8.GetBytes(payload);
            Assert.True(publisher.Enqueue(topic, sequence, bytes, bytes.Length));
        }
    }
}
