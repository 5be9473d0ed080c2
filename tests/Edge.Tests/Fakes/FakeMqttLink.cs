using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Edge.Core.Platform;

namespace Edge.Tests.Fakes
{
    /// <summary>How the fake broker answers publishes.</summary>
    internal enum FakeAcks
    {
        /// <summary>Each publish is acknowledged at once, as the synchronous links of old were.</summary>
        Immediate,

        /// <summary>Acknowledgements wait until the test releases them (<see cref="FakeMqttLink.Acknowledge"/>), in any order.</summary>
        Held,

        /// <summary>A black hole: publishes are taken and never acknowledged, while the connection looks up.</summary>
        Never,
    }

    /// <summary>
    /// A broker connection the test controls, recording what is published. By default it connects and acknowledges
    /// at once, so a node's tick sees the outcome of what it asked in the same tick; the test can make connection
    /// attempts hang or fail with a given kind (or a CONNACK code), hold or drop acknowledgements, and lose the
    /// connection. Nothing is allocated per publish when <see cref="Record"/> is false.
    /// </summary>
    internal sealed class FakeMqttLink : IMqttLink
    {
        private const int Capacity = 1024;

        private readonly int[] _doneTickets = new int[Capacity];
        private readonly bool[] _doneDelivered = new bool[Capacity];
        private readonly int[] _held = new int[Capacity];
        private int _doneHead;
        private int _doneCount;
        private int _heldCount;
        private int _lastTicket;

        /// <summary>False: attempts fail as a refused TCP connection would.</summary>
        public bool BrokerReachable { get; set; } = true;

        /// <summary>When not None, attempts fail with this kind (Refused with <see cref="RefuseCode"/>).</summary>
        public LinkFailure FailConnectWith { get; set; }

        /// <summary>The CONNACK return code of a refused attempt.</summary>
        public int RefuseCode { get; set; } = 5;

        /// <summary>True: attempts stay under way (a black-holed TCP) until <see cref="CompleteConnect"/>.</summary>
        public bool ConnectHangs { get; set; }

        /// <summary>The CONNACK's session-present flag the fake answers.</summary>
        public bool SessionPresentOnConnect { get; set; }

        /// <summary>How publishes are acknowledged.</summary>
        public FakeAcks Acks { get; set; } = FakeAcks.Immediate;

        /// <summary>When false, publishes are not recorded (for allocation measurements).</summary>
        public bool Record { get; set; } = true;

        public LinkState State { get; private set; }

        public LinkFailure Failure { get; private set; }

        public int RefusedCode { get; private set; }

        public bool SessionPresent { get; private set; }

        public bool IsConnected => State == LinkState.Connected;

        public int ConnectCalls { get; private set; }

        public int DisconnectCalls { get; private set; }

        public int PublishCount { get; private set; }

        /// <summary>Publishes taken and not yet acknowledged (held or black-holed).</summary>
        public int Outstanding => _heldCount;

        public MqttConnectOptions? LastConnectOptions { get; private set; }

        public List<string> Subscriptions { get; } = new();

        public List<(string Topic, string Payload, int Qos, bool Retain)> Published { get; } = new();

        /// <summary>The ticket of each recorded publish, in the order of <see cref="Published"/>.</summary>
        public List<int> Tickets { get; } = new();

        /// <summary>What the broker acknowledged, in the order it did: what a subscriber gets (recorded publishes only).</summary>
        public List<(string Topic, string Payload, int Qos, bool Retain)> Delivered { get; } = new();

        /// <summary>What was published on a node's readings topic (window reports).</summary>
        public IEnumerable<(string Topic, string Payload, int Qos, bool Retain)> Readings =>
            Published.Where(p => p.Topic.EndsWith("/readings", StringComparison.Ordinal));

        public List<(string Topic, string Payload, int Qos, bool Retain)> ReadingsList => Readings.ToList();

        /// <summary>What was published on a node's status topic (birth and goodbye, retained).</summary>
        public IEnumerable<(string Topic, string Payload, int Qos, bool Retain)> Status =>
            Published.Where(p => p.Topic.EndsWith("/status", StringComparison.Ordinal));

        /// <summary>What was published on a node's health topic.</summary>
        public IEnumerable<(string Topic, string Payload, int Qos, bool Retain)> Health =>
            Published.Where(p => p.Topic.EndsWith("/health", StringComparison.Ordinal));

        /// <summary>What was published on a node's events topic.</summary>
        public IEnumerable<(string Topic, string Payload, int Qos, bool Retain)> Events =>
            Published.Where(p => p.Topic.EndsWith("/events", StringComparison.Ordinal));

        public event MqttMessageHandler? MessageReceived;

        public void BeginConnect(MqttConnectOptions options)
        {
            if (State != LinkState.Disconnected)
            {
                return;
            }

            ConnectCalls++;
            LastConnectOptions = options;
            Failure = LinkFailure.None;
            RefusedCode = 0;
            State = LinkState.Connecting;
            if (!ConnectHangs)
            {
                CompleteConnect();
            }
        }

        /// <summary>The attempt under way ends as <see cref="BrokerReachable"/> and <see cref="FailConnectWith"/> say.</summary>
        public void CompleteConnect()
        {
            if (State != LinkState.Connecting)
            {
                return;
            }

            if (FailConnectWith != LinkFailure.None)
            {
                State = LinkState.Disconnected;
                Failure = FailConnectWith;
                RefusedCode = FailConnectWith == LinkFailure.Refused ? RefuseCode : 0;
            }
            else if (!BrokerReachable)
            {
                State = LinkState.Disconnected;
                Failure = LinkFailure.Tcp;
            }
            else
            {
                State = LinkState.Connected;
                SessionPresent = SessionPresentOnConnect;
            }
        }

        public void Disconnect()
        {
            DisconnectCalls++;
            State = LinkState.Disconnected;
            Failure = LinkFailure.None;
            FailHeld();
        }

        /// <summary>Simulates the broker going away: the connection is lost and attempts fail until it is reachable again.</summary>
        public void Drop()
        {
            BrokerReachable = false;
            Lose(LinkFailure.Lost);
        }

        /// <summary>The connection ends as a broker or network would end it (Lost, TakenOver); the broker stays reachable.</summary>
        public void Lose(LinkFailure why = LinkFailure.Lost)
        {
            if (State == LinkState.Disconnected)
            {
                return;
            }

            State = LinkState.Disconnected;
            Failure = why;
            FailHeld();
        }

        public int Publish(string topic, byte[] payload, int length, int qos, bool retain)
        {
            if (State != LinkState.Connected)
            {
                return 0;
            }

            PublishCount++;
            int ticket = ++_lastTicket;
            if (Record)
            {
                Published.Add((topic, Encoding.UTF8.GetString(payload, 0, length), qos, retain));
                Tickets.Add(ticket);
            }

            if (Acks == FakeAcks.Immediate)
            {
                Complete(ticket, true);
            }
            else
            {
                _held[_heldCount++] = ticket;
            }

            return ticket;
        }

        /// <summary>The broker acknowledges the held publish of that ticket.</summary>
        public void Acknowledge(int ticket)
        {
            int at = Array.IndexOf(_held, ticket, 0, _heldCount);
            if (at < 0)
            {
                throw new InvalidOperationException($"ticket {ticket} is not held");
            }

            Array.Copy(_held, at + 1, _held, at, _heldCount - at - 1);
            _heldCount--;
            Complete(ticket, true);
        }

        /// <summary>The broker acknowledges every held publish, oldest first.</summary>
        public void AcknowledgeAll()
        {
            while (_heldCount > 0)
            {
                Acknowledge(_held[0]);
            }
        }

        /// <summary>The tickets held, oldest first.</summary>
        public int[] HeldTickets() => _held.Take(_heldCount).ToArray();

        public bool TryTakeCompletion(out int ticket, out bool delivered)
        {
            if (_doneCount == 0)
            {
                ticket = 0;
                delivered = false;
                return false;
            }

            ticket = _doneTickets[_doneHead];
            delivered = _doneDelivered[_doneHead];
            _doneHead = (_doneHead + 1) % Capacity;
            _doneCount--;
            return true;
        }

        public bool Subscribe(string topicFilter, int qos)
        {
            if (State != LinkState.Connected)
            {
                return false;
            }

            if (Record)
            {
                Subscriptions.Add(topicFilter);
            }

            return true;
        }

        public void Deliver(string topic, byte[] payload) => MessageReceived?.Invoke(topic, payload);

        private void FailHeld()
        {
            for (int i = 0; i < _heldCount; i++)
            {
                Complete(_held[i], false);
            }

            _heldCount = 0;
        }

        private void Complete(int ticket, bool delivered)
        {
            if (delivered && Record)
            {
                int at = Tickets.LastIndexOf(ticket);
                if (at >= 0)
                {
                    Delivered.Add(Published[at]);
                }
            }

            if (_doneCount == Capacity)
            {
                throw new InvalidOperationException("completions not taken: more than " + Capacity);
            }

            _doneTickets[(_doneHead + _doneCount) % Capacity] = ticket;
            _doneDelivered[(_doneHead + _doneCount) % Capacity] = delivered;
            _doneCount++;
        }
    }
}
