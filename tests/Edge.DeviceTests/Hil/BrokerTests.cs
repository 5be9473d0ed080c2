#nullable disable
using Edge.Core.Platform;
using Edge.DeviceTests.Support;
using nanoFramework.TestFramework;

namespace Edge.DeviceTests.Hil
{
    /// <summary>
    /// The broker of the harness (hardware/test-harness.md): the node connects over TLS, subscribes, and a message it publishes
    /// at QoS 1 is acknowledged and comes back on its subscription.
    /// </summary>
    [TestClass]
    public class BrokerTests
    {
        /// <summary>How long a connection (TLS handshake included) or a round trip may take.</summary>
        private const int TimeoutMs = 15000;

        private const int StepMs = 100;

        private static string _receivedTopic;
        private static string _receivedText;

        [TestMethod]
        public void Connects_publishes_and_receives_its_own_message_back()
        {
            LoopbackHarness harness = LoopbackHarness.Require();
            IMqttLink link = harness.Broker;
            _receivedTopic = null;
            _receivedText = null;
            Assert.IsTrue(harness.BrokerOptions.UseTls, "the harness broker is mqtts with its CA file in the node setup (broker.tls, broker.caFile; hardware/test-harness.md)");
            link.MessageReceived += OnMessage;
            try
            {
                link.BeginConnect(harness.BrokerOptions);
                long deadline = harness.MonotonicMs + TimeoutMs;
                while (link.State != LinkState.Connected && link.Failure == LinkFailure.None && harness.MonotonicMs < deadline)
                {
                    harness.Pause(StepMs);
                }

                Assert.AreEqual((int)LinkState.Connected, (int)link.State, "broker connection, failure " + ((int)link.Failure).ToString());
                Assert.IsTrue(link.Subscribe(harness.BrokerTopic, 1));

                byte[] payload = Text.Bytes("hil round trip");
                int ticket = link.Publish(harness.BrokerTopic, payload, payload.Length, 1, false);
                Assert.IsTrue(ticket > 0, "publish accepted");

                bool acknowledged = false;
                deadline = harness.MonotonicMs + TimeoutMs;
                while ((!acknowledged || _receivedText == null) && harness.MonotonicMs < deadline)
                {
                    int done;
                    bool delivered;
                    if (link.TryTakeCompletion(out done, out delivered))
                    {
                        Assert.AreEqual(ticket, done);
                        Assert.IsTrue(delivered, "PUBACK received");
                        acknowledged = true;
                        continue;
                    }

                    harness.Pause(StepMs);
                }

                Assert.IsTrue(acknowledged, "publish acknowledged");
                Assert.AreEqual(harness.BrokerTopic, _receivedTopic);
                Assert.AreEqual("hil round trip", _receivedText);
            }
            finally
            {
                link.MessageReceived -= OnMessage;
                link.Disconnect();
            }

            Assert.AreEqual((int)LinkState.Disconnected, (int)link.State);
        }

        private static void OnMessage(string topic, byte[] payload)
        {
            _receivedTopic = topic;
            _receivedText = Text.Of(payload, payload.Length);
        }
    }
}
