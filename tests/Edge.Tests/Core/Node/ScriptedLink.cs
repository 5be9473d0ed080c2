using System.Collections.Generic;
using System.Text;
using Edge.Core.Platform;

namespace Edge.Tests.Core.Node
{
    /// <summary>A broker connection scripted per test: reachable or not, taking publishes or not, recording
    /// connections, subscriptions and publishes in the order they happen. Attempts and publishes finish at once.</summary>
    internal sealed class ScriptedLink : IMqttLink
    {
        private readonly Queue<(int Ticket, bool Delivered)> _completions = new();
        private int _lastTicket;

        public bool Reachable { get; set; } = true;

        /// <summary>False: the broker does not acknowledge what is published (each completes as not delivered).</summary>
        public bool TakesPublishes { get; set; } = true;

        public LinkState State { get; private set; }

        public LinkFailure Failure { get; private set; }

        public int RefusedCode => 0;

        public bool SessionPresent => false;

        public bool IsConnected => State == LinkState.Connected;

        public int ConnectCalls { get; private set; }

        public MqttConnectOptions? Options { get; private set; }

        public List<string> Calls { get; } = new();

        public event MqttMessageHandler? MessageReceived;

        public void BeginConnect(MqttConnectOptions options)
        {
            ConnectCalls++;
            Options = options;
            State = Reachable ? LinkState.Connected : LinkState.Disconnected;
            Failure = Reachable ? LinkFailure.None : LinkFailure.Tcp;
            Calls.Add("connect " + (IsConnected ? "ok" : "refused"));
        }

        public void Disconnect()
        {
            State = LinkState.Disconnected;
            Failure = LinkFailure.None;
            Calls.Add("disconnect");
        }

        /// <summary>The broker goes away.</summary>
        public void Drop()
        {
            State = LinkState.Disconnected;
            Failure = LinkFailure.Lost;
        }

        public int Publish(string topic, byte[] payload, int length, int qos, bool retain)
        {
            if (!IsConnected)
            {
                return 0;
            }

            int ticket = ++_lastTicket;
            if (TakesPublishes)
            {
                Calls.Add($"publish {topic} {Encoding.UTF8.GetString(payload, 0, length)}{(retain ? " retained" : "")}");
            }

            _completions.Enqueue((ticket, TakesPublishes));
            return ticket;
        }

        public bool TryTakeCompletion(out int ticket, out bool delivered)
        {
            bool any = _completions.TryDequeue(out (int Ticket, bool Delivered) done);
            (ticket, delivered) = done;
            return any;
        }

        public bool Subscribe(string topicFilter, int qos)
        {
            Calls.Add($"subscribe {topicFilter} qos{qos}");
            return IsConnected;
        }

        public void Deliver(string topic, byte[] payload) => MessageReceived?.Invoke(topic, payload);
    }
}
