using System.Collections.Generic;
using System.Text;
using Edge.Core.Node;
using Edge.Core.Outbox;
using Edge.Core.Payloads;
using Edge.Core.Platform;
using Edge.Tests.Fakes;
using Xunit;

namespace Edge.Tests.Core.Node
{
    public class EventReporterTests
    {
        [Fact]
        public void A_message_refused_for_its_size_is_counted_logged_and_announced_on_the_events_topic()
        {
            var rig = new Rig();
            rig.Events.RefuseTooLarge(null, "PT1M", 9120, 8192);

            Assert.Equal((1L, 1L, 1), (rig.Events.MessagesTooLarge, rig.Events.EventsQueued, rig.Publisher.Depth));
            Assert.Equal(
                "publish edge/n1/events {\"v\":1,\"node\":\"n1\",\"seq\":1,\"time\":\"2026-11-25T20:00:00Z\",\"clock\":\"synced\",\"event\":\"reportTooLarge\",\"window\":\"PT1M\",\"size\":9120,\"limit\":8192}",
                rig.PublishAll()[^1]);
            Assert.Equal(["Error node PT1M message of 9120 bytes is larger than the 8192 it may take; not published"], rig.Log.Lines);
        }

        [Fact]
        public void Heartbeats_take_the_event_sequence_and_count_as_activity()
        {
            var rig = new Rig();
            rig.Clock.Advance(300000);
            rig.Events.Heartbeat(rig.Clock.UtcNow);
            rig.Events.Heartbeat(rig.Clock.UtcNow);

            Assert.Equal((2L, 0L, 300000L), (rig.Events.HeartbeatsQueued, rig.Events.EventsQueued, rig.Publisher.LastActivityMs));
            List<string> published = rig.PublishAll();
            Assert.Contains("\"seq\":1,", published[^2]);
            Assert.Contains("\"seq\":2,", published[^1]);
        }

        private sealed class Rig
        {
            public Rig()
            {
                var config = new NodeConfig { NodeId = "n1" };
                var topics = new TopicMap(config, ["main"], ["PT1M"]);
                var header = new ReportHeader { NodeId = "n1", MeterIds = ["main"], PublishedMeterIds = new string[1] };
                var writer = new JsonWriter(new byte[512]);
                Publisher = new ReportPublisher(config, topics, new DurableOutbox(null, null, 8192, 1024, OutboxPolicy.KeepTotalsAndEvents), Clock, new byte[1024], 0);
                Events = new EventReporter(header, writer, new SequenceCounter(null, "eseq", 100), Publisher, Clock, new NodeLog(Log));
                Session = new BrokerSession(config, Link, topics.Status, [], writer, new NodeLog(null), Clock.UtcNow, 0);
            }

            public ManualClock Clock { get; } = new(Utc.At("2026-11-25T20:00:00Z"), true);

            public ScriptedLink Link { get; } = new();

            public LineLog Log { get; } = new();

            public ReportPublisher Publisher { get; }

            public EventReporter Events { get; }

            public BrokerSession Session { get; }

            public List<string> PublishAll()
            {
                Session.Service(Clock.MonotonicMs);
                Assert.True(Session.IsReady);
                Publisher.PublishQueued(Session, 8, false);
                return Link.Calls;
            }
        }

        private sealed class LineLog : ILog
        {
            public List<string> Lines { get; } = new();

            public bool IsEnabled(LogLevel level) => true;

            public void Write(LogLevel level, string tag, string message) => Lines.Add($"{level} {tag} {message}");
        }
    }
}
