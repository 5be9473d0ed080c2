using System.Text;
using Edge.Core.Platform;
using Edge.Host.Faults;
using Edge.Tests.Fakes;
using Xunit;

namespace Edge.Tests.Integration.Faults
{
    /// <summary>The note of what the broker acknowledged, by series and epoch, that a broker-restart scenario reads.</summary>
    public class AcknowledgedLinkTests
    {
        [Fact]
        public void Acknowledged_numbers_are_filed_under_the_epoch_of_their_publication_and_failed_ones_are_not()
        {
            var fake = new FakeMqttLink { Acks = FakeAcks.Held };
            var link = new AcknowledgedLink(fake);
            link.BeginConnect(new MqttConnectOptions { ClientId = "edge-n1" });
            fake.CompleteConnect();

            int first = Publish(link, "edge/n1/readings", DeliveryLedgerTests.Reading("n1", 7));
            int health = Publish(link, "edge/n1/health", Encoding.UTF8.GetBytes("{\"node\":\"n1\",\"seq\":3}"));
            Publish(link, "edge/n1/status", Encoding.UTF8.GetBytes("{\"state\":\"online\"}"));
            fake.Acknowledge(first);
            fake.Acknowledge(health);
            Assert.Equal(0, link.BeginEpoch());
            int second = Publish(link, "edge/n1/readings", DeliveryLedgerTests.Reading("n1", 8));
            int third = Publish(link, "edge/n1/readings", DeliveryLedgerTests.Reading("n1", 9));
            fake.Acknowledge(third);
            fake.Lose();
            while (link.TryTakeCompletion(out _, out _))
            {
            }

            Assert.Equal([7L], link.AcknowledgedIn(SeriesKind.Readings, 0));
            Assert.Equal([3L], link.AcknowledgedIn(SeriesKind.Health, 0));
            Assert.Equal([9L], link.AcknowledgedIn(SeriesKind.Readings, 1));
            Assert.Empty(link.AcknowledgedIn(SeriesKind.Events, 0));
            Assert.Equal(4, link.Published); // the status carries no number
            Assert.True(second > 0);
        }

        private static int Publish(AcknowledgedLink link, string topic, byte[] payload)
        {
            int ticket = link.Publish(topic, payload, payload.Length, 1, false);
            Assert.True(ticket > 0);
            return ticket;
        }
    }
}
