using Edge.Core.Outbox;
using Edge.Core.Platform;
using System.Linq;
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

            publisher.PublishQueued(session, 3, false);

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
            publisher.PublishQueued(session, 8, false);
            Assert.Equal(7, publisher.OldestHeldSequence);

            Assert.Equal(1, publisher.Resync(8));
            publisher.PublishQueued(session, 8, false);
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

            publisher.PublishQueued(session, 8, false);

            Assert.Equal((2, 0L, 1L), (publisher.Depth, publisher.ReportsPublished, session.PublishFailures));
            link.TakesPublishes = true;
            publisher.PublishQueued(session, 8, false);
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

        [Fact]
        public void Publishes_up_to_the_window_without_waiting_and_lets_messages_go_in_order_whatever_the_order_of_acks()
        {
            var (link, session, publisher) = HeldRig(window: 3);
            for (int i = 1; i <= 5; i++)
            {
                Queue(publisher, TopicMap.Readings, i, "r" + i);
            }

            publisher.PublishQueued(session, 8, false);
            Assert.Equal(["r1", "r2", "r3"], Payloads(link));
            int[] tickets = link.HeldTickets();

            // r2 is acknowledged first: it is counted, stays held until r1 is acknowledged too, and frees its place
            // in the window for r4.
            link.Acknowledge(tickets[1]);
            publisher.PublishQueued(session, 8, false);
            Assert.Equal((4, 1L, 1L), (publisher.Depth, publisher.ReportsPublished, publisher.OldestHeldSequence));
            Assert.Equal(["r1", "r2", "r3", "r4"], Payloads(link));

            link.Acknowledge(tickets[0]);
            publisher.PublishQueued(session, 8, false);
            Assert.Equal((3, 2L, 1L), (publisher.Depth, publisher.ReportsPublished, publisher.OldestHeldSequence));
            Assert.Equal(["r1", "r2", "r3", "r4", "r5"], Payloads(link));

            link.AcknowledgeAll();
            publisher.PublishQueued(session, 8, false);
            Assert.Equal((0, 5L), (publisher.Depth, publisher.ReportsPublished));

            // The outbox holds them in order: a resync from 3 publishes r3, r4, r5 again.
            Assert.Equal(3, publisher.Resync(3));
            publisher.PublishQueued(session, 8, false);
            Assert.Equal(["r3", "r4", "r5"], Payloads(link)[^3..]);
        }

        [Fact]
        public void A_report_stays_held_for_resync_once_acknowledged()
        {
            var (link, session, publisher) = HeldRig(window: 4);
            Queue(publisher, TopicMap.Readings, 7, "r7");
            publisher.PublishQueued(session, 8, false);
            Assert.Equal((1, 7L, 0L), (publisher.Depth, publisher.OldestHeldSequence, publisher.ReportsPublished));

            link.AcknowledgeAll();
            publisher.PublishQueued(session, 8, false);
            Assert.Equal((0, 7L, 1L), (publisher.Depth, publisher.OldestHeldSequence, publisher.ReportsPublished));
            Assert.Equal(1, publisher.Resync(7));
            publisher.PublishQueued(session, 8, false);
            Assert.Equal(["r7", "r7"], Payloads(link));
        }

        [Fact]
        public void Publishes_again_from_the_first_unacknowledged_after_the_connection_failed()
        {
            var (link, session, publisher) = HeldRig(window: 4);
            for (int i = 1; i <= 3; i++)
            {
                Queue(publisher, TopicMap.Readings, i, "r" + i);
            }

            publisher.PublishQueued(session, 8, false);
            link.Acknowledge(link.HeldTickets()[1]);
            link.Lose();
            session.Service(1000);
            publisher.PublishQueued(session, 8, false);
            Assert.Equal((2, 1L), (publisher.Depth, publisher.ReportsPublished));

            // Reconnected (within the first backoff delay): r1 and r3 again, r2 was acknowledged.
            session.Service(2000);
            Assert.True(session.IsReady);
            link.Acks = FakeAcks.Immediate;
            publisher.PublishQueued(session, 8, false);
            Assert.Equal(["r1", "r2", "r3", "r1", "r3"], Payloads(link));
            Assert.Equal((0, 3L), (publisher.Depth, publisher.ReportsPublished));
        }

        [Fact]
        public void Forgets_the_tickets_of_messages_the_full_outbox_dropped()
        {
            // Two RAM segments of 64 bytes: two records of 2 bytes each (18 with the header) per segment.
            var outbox = new DurableOutbox(null, null, 128, 64, OutboxPolicy.DropOldest);
            var (link, session, publisher) = HeldRig(window: 2, outbox: outbox);
            Queue(publisher, TopicMap.Readings, 1, "r1");
            Queue(publisher, TopicMap.Readings, 2, "r2");
            publisher.PublishQueued(session, 8, false);
            int[] tickets = link.HeldTickets();

            // Three more: the oldest segment, both records in flight, makes room; their acknowledgements are ignored.
            Queue(publisher, TopicMap.Readings, 3, "r3");
            Queue(publisher, TopicMap.Readings, 4, "r4");
            Queue(publisher, TopicMap.Readings, 5, "r5");
            Assert.Equal((3, 2), (publisher.Depth, publisher.Dropped));
            link.Acknowledge(tickets[0]);
            link.Acknowledge(tickets[1]);
            publisher.PublishQueued(session, 8, false);
            Assert.Equal((3, 0L), (publisher.Depth, publisher.ReportsPublished));
            Assert.Equal(["r1", "r2", "r3", "r4"], Payloads(link));
        }

        [Fact]
        public void Appends_each_message_with_its_class_sequence_and_time_before_publishing_it()
        {
            var (_, _, publisher) = HeldRig(window: 4);
            byte[] bytes = Encoding.UTF8.GetBytes("d1");
            Assert.True(publisher.Enqueue(TopicMap.Readings, RecordClass.Total, 41, bytes, bytes.Length));

            var buffer = new byte[16];
            Assert.True(publisher.Outbox.Read(0, buffer, out byte topic, out RecordClass cls, out long sequence, out int length));
            Assert.Equal((TopicMap.Readings, RecordClass.Total, 41L, "d1"), (topic, cls, sequence, Encoding.UTF8.GetString(buffer, 0, length)));
            Assert.Equal(Edge.Core.Time.UtcTime.UnixSeconds(Clock.UtcNow), publisher.Outbox.OldestUnacknowledgedUtcSeconds);
        }

        [Fact]
        public void Publishes_no_more_than_ReplayPerSecond_a_second_unless_draining()
        {
            var config = new NodeConfig { NodeId = "n1", InFlightWindow = 8, ReplayPerSecond = 2 };
            var (link, session, publisher) = HeldRig(window: 8, config: config);
            link.Acks = FakeAcks.Immediate;
            for (int i = 1; i <= 9; i++)
            {
                Queue(publisher, TopicMap.Readings, i, "r" + i);
            }

            publisher.PublishQueued(session, 8, true);
            publisher.PublishQueued(session, 8, true);
            Assert.Equal(2, Payloads(link).Length);

            // Half a second brings one token, a full second two (the bucket holds no more than a second's worth).
            Clock.Advance(500);
            publisher.PublishQueued(session, 8, true);
            Assert.Equal(3, Payloads(link).Length);
            Clock.Advance(5000);
            publisher.PublishQueued(session, 8, true);
            Assert.Equal(5, Payloads(link).Length);

            publisher.PublishQueued(session, 8, false);
            Assert.Equal(["r1", "r2", "r3", "r4", "r5", "r6", "r7", "r8", "r9"], Payloads(link));
        }

        private static string[] Payloads(FakeMqttLink link) => [.. link.Readings.Select(p => p.Payload)];

        private static ManualClock Clock { get; } = new(Utc.At("2026-11-25T20:00:00Z"), true);

        /// <summary>A connected session over a link whose acknowledgements the test releases.</summary>
        private static (FakeMqttLink Link, BrokerSession Session, ReportPublisher Publisher) HeldRig(int window, NodeConfig? config = null, DurableOutbox? outbox = null)
        {
            config ??= new NodeConfig { NodeId = "n1" };
            config.InFlightWindow = window;
            var topics = new TopicMap(config, ["main"], ["PT1M"]);
            var link = new FakeMqttLink { Acks = FakeAcks.Held };
            var session = new BrokerSession(config, link, topics.Status, [], new JsonWriter(new byte[512]), new NodeLog(null), Utc.At("2026-11-25T20:00:00Z"), 0);
            session.Service(0);
            link.AcknowledgeAll();
            session.Service(0);
            Assert.True(session.IsReady);
            return (link, session, new ReportPublisher(config, topics, outbox ?? RamOutbox(), Clock, new byte[256], Clock.MonotonicMs));
        }

        private static (ScriptedLink Link, BrokerSession Session, ReportPublisher Publisher) Rig()
        {
            var config = new NodeConfig { NodeId = "n1" };
            var topics = new TopicMap(config, ["main"], ["PT1M"]);
            var link = new ScriptedLink();
            var session = new BrokerSession(config, link, topics.Status, [], new JsonWriter(new byte[512]), new NodeLog(null), Utc.At("2026-11-25T20:00:00Z"), 0);
            session.Service(0);
            Assert.True(session.IsReady);
            return (link, session, new ReportPublisher(config, topics, RamOutbox(), Clock, new byte[256], 5000));
        }

        private static DurableOutbox RamOutbox() => new(null, null, 4096, 512, OutboxPolicy.KeepTotalsAndEvents);

        private static void Queue(ReportPublisher publisher, byte topic, long sequence, string payload)
        {
            byte[] bytes = Encoding.UTF8.GetBytes(payload);
            Assert.True(publisher.Enqueue(topic, RecordClass.Interval, sequence, bytes, bytes.Length));
        }
    }
}
