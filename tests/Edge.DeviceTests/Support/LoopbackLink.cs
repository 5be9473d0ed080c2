#nullable disable
using System.Collections;
using Edge.Core.Platform;

namespace Edge.DeviceTests.Support
{
    /// <summary>
    /// A broker connection in memory that compiles for the device: it connects at once, acknowledges every publish
    /// at once, keeps what was published (topic and text), and delivers the messages a test sends, as a broker
    /// would deliver a command.
    /// </summary>
    public sealed class LoopbackLink : IMqttLink
    {
        private const int Capacity = 256;

        private readonly TicketCompletions _done = new TicketCompletions(Capacity);
        private int _lastTicket;

        /// <summary>Topics published, in order.</summary>
        public ArrayList Topics { get; } = new ArrayList();

        /// <summary>Payloads published, as text, in the order of <see cref="Topics"/>.</summary>
        public ArrayList Payloads { get; } = new ArrayList();

        /// <summary>Topic filters subscribed to.</summary>
        public ArrayList Subscriptions { get; } = new ArrayList();

        /// <summary>The connection state.</summary>
        public LinkState State { get; private set; }

        /// <summary>Never fails.</summary>
        public LinkFailure Failure
        {
            get { return LinkFailure.None; }
        }

        /// <summary>Never refused.</summary>
        public int RefusedCode
        {
            get { return 0; }
        }

        /// <summary>A clean session every time.</summary>
        public bool SessionPresent
        {
            get { return false; }
        }

        /// <summary>Raised by <see cref="Deliver"/>.</summary>
        public event MqttMessageHandler MessageReceived;

        /// <summary>Connects at once.</summary>
        public void BeginConnect(MqttConnectOptions options)
        {
            State = LinkState.Connected;
        }

        /// <summary>Disconnects.</summary>
        public void Disconnect()
        {
            State = LinkState.Disconnected;
        }

        /// <summary>Keeps the message and acknowledges it at once; 0 when not connected or too many are pending.</summary>
        public int Publish(string topic, byte[] payload, int length, int qos, bool retain)
        {
            if (State != LinkState.Connected || _done.Count == Capacity)
            {
                return 0;
            }

            Topics.Add(topic);
            Payloads.Add(Text.Of(payload, length));
            int ticket = ++_lastTicket;
            _done.Add(ticket, true);
            return ticket;
        }

        /// <summary>Gives the oldest acknowledgement not yet taken.</summary>
        public bool TryTakeCompletion(out int ticket, out bool delivered)
        {
            return _done.TryTake(out ticket, out delivered);
        }

        /// <summary>Records the filter.</summary>
        public bool Subscribe(string topicFilter, int qos)
        {
            Subscriptions.Add(topicFilter);
            return State == LinkState.Connected;
        }

        /// <summary>Delivers a message to the node, as the broker would.</summary>
        public void Deliver(string topic, string payload)
        {
            MqttMessageHandler handler = MessageReceived;
            if (handler != null)
            {
                handler(topic, Text.Bytes(payload));
            }
        }

        /// <summary>The last payload published on <paramref name="topic"/> at or after <paramref name="from"/>; null if none.</summary>
        public string LastOn(string topic, int from)
        {
            for (int i = Topics.Count - 1; i >= from; i--)
            {
                if ((string)Topics[i] == topic)
                {
                    return (string)Payloads[i];
                }
            }

            return null;
        }
    }
}
