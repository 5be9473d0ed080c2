using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Edge.Host.Faults;
using Xunit;

namespace Edge.Tests.Integration.Faults
{
    /// <summary>The pieces together, as a scenario uses them: an MQTT subscriber reaching each broker through the chaos proxy.</summary>
    public class ChaosProxyBrokerTests
    {
        private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

        [Theory]
        [MemberData(nameof(BrokersUnderTest.Available), MemberType = typeof(BrokersUnderTest))]
        public async Task A_subscriber_cut_off_by_the_proxy_reconnects_resumes_its_session_and_gets_what_was_queued(string kind)
        {
            await using IBrokerUnderTest broker = await BrokersUnderTest.StartAsync(kind);
            await using var proxy = TcpChaosProxy.Start(broker.Host, broker.Port);
            var received = new ConcurrentQueue<string>();
            await using var subscriber = await PersistentSubscriber.ConnectAsync(proxy.Host, proxy.Port, ["faults/#"], (_, payload, _) => received.Enqueue(Encoding.UTF8.GetString(payload)));

            // Refused first, so that the message is published (straight to the broker) while the subscriber is away.
            proxy.Refuse();
            proxy.Cut();
            Assert.True(await proxy.WaitUntilAsync(p => p.OpenConnections == 0, Patience));
            await BrokerUnderTestTests.PublishAsync(broker, "faults/queued", "while cut off");
            proxy.Restore();

            Assert.True(await subscriber.WaitUntilConnectedAsync(Patience), $"{broker.Kind}: no reconnection through the proxy");
            Assert.True(await Until(() => received.Contains("while cut off")), $"{broker.Kind}: the message queued in the session did not come; resumed {subscriber.SessionsResumed}, connections {subscriber.Connections}");
            Assert.Equal(1, subscriber.SessionsResumed); // the broker stayed up: it kept the session
            Assert.Equal(2, proxy.UpstreamConnections);
            Assert.True(proxy.BytesToClient > 0 && proxy.BytesToUpstream > 0);
        }

        private static async Task<bool> Until(Func<bool> condition)
        {
            var deadline = DateTime.UtcNow + Patience;
            while (!condition())
            {
                if (DateTime.UtcNow >= deadline)
                {
                    return false;
                }

                await Task.Delay(20);
            }

            return true;
        }
    }
}
