using System.Collections.Generic;
using System.Linq;
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

        [Fact]
        public void Asks_for_a_persistent_session_and_notes_when_the_broker_resumed_it()
        {
            var link = new FakeMqttLink { SessionPresentOnConnect = true };
            var session = Session(link);
            session.Service(0);

            Assert.False(link.LastConnectOptions!.CleanSession);
            Assert.Equal(10000, link.LastConnectOptions.ConnectTimeoutMs);
            Assert.True(session.SessionPresent);
        }

        [Fact]
        public void Never_waits_for_a_connection_attempt_and_gives_it_up_as_a_timeout()
        {
            var link = new FakeMqttLink { ConnectHangs = true };
            var session = Session(link);

            session.Service(0);
            Assert.Equal(LinkState.Connecting, link.State);
            Assert.True(session.Busy);
            session.Service(9999);
            Assert.Equal((1, 0), (link.ConnectCalls, link.DisconnectCalls));

            session.Service(10000);
            Assert.Equal((1L, 1), (session.Failures(LinkFailure.Timeout), link.DisconnectCalls));
            Assert.False(session.Busy);

            // The next attempt waits for the backoff, and one that completes connects.
            link.ConnectHangs = false;
            session.Service(10499);
            Assert.Equal(1, link.ConnectCalls);
            session.Service(11000);
            Assert.True(session.IsReady);
        }

        [Fact]
        public void A_connection_that_completes_later_is_taken_up_at_the_next_service()
        {
            var link = new FakeMqttLink { ConnectHangs = true };
            var session = Session(link);
            session.Service(0);
            Assert.False(session.IsReady);

            link.CompleteConnect();
            session.Service(1000);
            Assert.True(session.IsReady);
            Assert.Equal(["edge/n1/cmd/#", "/k1/n1-main-PT1M/cmd"], link.Subscriptions);
            Assert.Equal("edge/n1/status", Assert.Single(link.Published).Topic);
        }

        [Fact]
        public void Counts_failed_attempts_by_kind_with_the_code_of_a_refusal()
        {
            var link = new FakeMqttLink();
            var session = Session(link);
            long at = 0;
            foreach (LinkFailure kind in new[] { LinkFailure.Dns, LinkFailure.Dns, LinkFailure.Tcp, LinkFailure.Tls, LinkFailure.Refused, LinkFailure.Timeout })
            {
                link.FailConnectWith = kind;
                link.RefuseCode = 4;
                long attempts = session.ConnectAttempts;
                while (session.ConnectAttempts == attempts)
                {
                    session.Service(at += 100);
                }
            }

            link.FailConnectWith = LinkFailure.None;
            while (!session.IsReady)
            {
                session.Service(at += 100);
            }

            link.Lose();
            session.Service(at += 100);

            Assert.Equal(
                (2L, 1L, 1L, 1L, 1L, 1L, 4),
                (session.Failures(LinkFailure.Dns), session.Failures(LinkFailure.Tcp), session.Failures(LinkFailure.Tls), session.Failures(LinkFailure.Refused),
                    session.Failures(LinkFailure.Timeout), session.Failures(LinkFailure.Lost), session.LastRefusedCode));
            Assert.Equal(7, session.ConnectAttempts);
            Assert.Equal(
                ["linkAttempts 7", "linkDns 2", "linkTcp 1", "linkTls 1", "linkRefused 1", "linkRefusedCode 4", "linkTimeout 1", "linkLost 1", "linkAckTimeouts 0", "linkTakeovers 0", "linkInFlight 0"],
                Counters(session));
        }

        [Fact]
        public void Publishes_without_waiting_up_to_the_in_flight_window()
        {
            var link = new FakeMqttLink { Acks = FakeAcks.Held };
            var session = Session(link, new NodeConfig { NodeId = "n1", InFlightWindow = 3 });
            session.Service(0);
            link.AcknowledgeAll();
            session.Service(0);

            int[] tickets = [.. Enumerable.Range(0, 3).Select(i => session.Publish("edge/n1/readings", [(byte)i], 1))];
            Assert.All(tickets, t => Assert.True(t > 0));
            Assert.False(session.CanPublish);
            Assert.Equal(0, session.Publish("edge/n1/readings", [9], 1));
            Assert.Equal(3, session.InFlight);

            link.Acknowledge(tickets[1]);
            Assert.False(session.CanPublish, "a finished ticket counts until the caller takes it");
            Assert.True(session.TryTakeCompletion(out int done, out bool delivered));
            Assert.Equal((tickets[1], true), (done, delivered));
            Assert.True(session.CanPublish);
            Assert.Equal(2, session.InFlight);
        }

        [Fact]
        public void Reports_completions_in_the_order_the_broker_acknowledges()
        {
            var link = new FakeMqttLink { Acks = FakeAcks.Held };
            var session = Session(link);
            session.Service(0);
            link.AcknowledgeAll();
            int[] tickets = [.. Enumerable.Range(0, 3).Select(i => session.Publish("edge/n1/readings", [(byte)i], 1))];

            link.Acknowledge(tickets[2]);
            link.Acknowledge(tickets[0]);
            link.Acknowledge(tickets[1]);

            var order = new List<int>();
            while (session.TryTakeCompletion(out int ticket, out bool delivered))
            {
                Assert.True(delivered);
                order.Add(ticket);
            }

            Assert.Equal([tickets[2], tickets[0], tickets[1]], order);
        }

        [Fact]
        public void Drops_a_link_whose_broker_stopped_acknowledging_and_reconnects()
        {
            var link = new FakeMqttLink();
            var session = Session(link);
            session.Service(0);
            link.Acks = FakeAcks.Never;
            session.Service(1000);
            int ticket = session.Publish("edge/n1/readings", [1], 1);

            session.Service(1000 + 29999);
            Assert.True(session.IsReady);
            Assert.False(session.TryTakeCompletion(out _, out _));

            // 30 s without a PUBACK: the link is dead though it looks up.
            session.Service(1000 + 30000);
            Assert.Equal((1L, 1, false), (session.AckTimeouts, link.DisconnectCalls, session.IsReady));
            Assert.True(session.TryTakeCompletion(out int failed, out bool delivered));
            Assert.Equal((ticket, false), (failed, delivered));
            Assert.Equal(0, session.InFlight);

            // Reconnects after the backoff (at most ReconnectMinDelayMs), announcing itself again.
            link.Acks = FakeAcks.Immediate;
            session.Service(1000 + 31000);
            Assert.True(session.IsReady);
            Assert.Equal((2, 1L), (link.ConnectCalls, session.Reconnects));
            Assert.Equal(2, link.Status.Count());
            Assert.Contains("linkAckTimeouts 1", Counters(session));
        }

        [Fact]
        public void Takes_connections_lost_soon_after_connecting_several_times_in_a_row_for_a_takeover_and_waits_the_cap()
        {
            var log = new LineLog();
            var link = new FakeMqttLink();
            var session = new BrokerSession(
                new NodeConfig { NodeId = "n1" }, link, "edge/n1/status", [], new JsonWriter(new byte[1024]), new NodeLog(log), Utc.At("2026-11-25T20:00:00Z"), 0);
            long at = 0;
            for (int i = 0; i < 3; i++)
            {
                while (!session.IsReady)
                {
                    session.Service(at += 100);
                }

                // Another client with the same id connects: the broker drops this one (MQTT 3.1.1 says nothing more).
                session.Service(at += 2000);
                link.Lose();
                session.Service(at += 100);
            }

            Assert.Equal((1L, 3L), (session.Takeovers, session.Failures(LinkFailure.Lost)));
            Assert.Contains(log.Lines, l => l.StartsWith("Error node session taken over (3 connections in a row lost within 10000 ms): another client uses the id edge-n1"));
            int calls = link.ConnectCalls;
            session.Service(at + 299999);
            Assert.Equal(calls, link.ConnectCalls);
            session.Service(at + 300000);
            Assert.Equal(calls + 1, link.ConnectCalls);
            Assert.Contains("linkTakeovers 1", Counters(session));
        }

        [Fact]
        public void A_connection_that_lasted_or_another_failure_between_losses_is_no_takeover()
        {
            var link = new FakeMqttLink();
            var session = Session(link);
            long at = 0;
            for (int i = 0; i < 6; i++)
            {
                while (!session.IsReady)
                {
                    session.Service(at += 100);
                }

                // Every third connection lasts a minute; the others are cut after 2 s.
                session.Service(at += i % 3 == 2 ? 60000 : 2000);
                link.Lose();
                session.Service(at += 100);
                if (i == 3)
                {
                    // A refused attempt between two short connections breaks the streak too.
                    link.FailConnectWith = LinkFailure.Refused;
                    while (session.Failures(LinkFailure.Refused) == 0)
                    {
                        session.Service(at += 100);
                    }

                    link.FailConnectWith = LinkFailure.None;
                }
            }

            Assert.Equal((0L, 6L), (session.Takeovers, session.Failures(LinkFailure.Lost)));
        }

        [Fact]
        public void Waits_the_cap_at_once_when_the_broker_says_the_session_was_taken_over()
        {
            var link = new FakeMqttLink();
            var session = Session(link);
            session.Service(0);
            link.Lose(LinkFailure.TakenOver);
            session.Service(60000);

            Assert.Equal((1L, 1L, 0L), (session.Takeovers, session.Failures(LinkFailure.TakenOver), session.Failures(LinkFailure.Lost)));
            session.Service(60000 + 299999);
            Assert.Equal(1, link.ConnectCalls);
            session.Service(60000 + 300000);
            Assert.Equal(2, link.ConnectCalls);
        }

        [Fact]
        public void Closes_only_once_the_goodbye_is_acknowledged()
        {
            var link = new FakeMqttLink();
            var session = Session(link);
            session.Service(0);
            link.Acks = FakeAcks.Held;
            session.SayGoodbye();
            session.Stop();
            Assert.Equal((true, 0, true), (session.Busy, link.DisconnectCalls, session.IsConnected));
            Assert.False(session.CanPublish);

            link.AcknowledgeAll();
            session.Service(100);
            Assert.Equal((false, 1, false), (session.Busy, link.DisconnectCalls, session.IsConnected));
            Assert.Equal("{\"v\":1,\"node\":\"n1\",\"state\":\"offline\"}", link.Status.Last().Payload);
        }

        private static string[] Counters(BrokerSession session) =>
            [.. Enumerable.Range(0, session.Counters.CounterCount).Select(i => $"{session.Counters.CounterName(i)} {session.Counters.CounterValue(i)}")];

        private static BrokerSession Session(IMqttLink link, NodeConfig? config = null)
        {
            return new BrokerSession(
                config ?? new NodeConfig { NodeId = "n1" }, link, "edge/n1/status", ["edge/n1/cmd/#", "/k1/n1-main-PT1M/cmd"], new JsonWriter(new byte[1024]), new NodeLog(null), Utc.At("2026-11-25T20:00:00Z"), 0);
        }

        private sealed class LineLog : ILog
        {
            public List<string> Lines { get; } = new();

            public bool IsEnabled(LogLevel level) => true;

            public void Write(LogLevel level, string tag, string message) => Lines.Add($"{level} {tag} {message}");
        }
    }
}
