#nullable disable
namespace Edge.Core.Platform
{
    /// <summary>
    /// The tickets of an <see cref="IMqttLink"/> whose client library names each publish by its MQTT packet
    /// identifier and reports it done by that identifier (nanoFramework's M2Mqtt: <c>Publish</c> returns the
    /// identifier, the <c>MqttMsgPublished</c> event carries it back). Maps identifiers to tickets and queues the
    /// completions for <see cref="IMqttLink.TryTakeCompletion"/>, in fixed arrays sized at construction: nothing is
    /// allocated per publish. Thread-safe: the loop adds and takes, the client library's thread completes.
    /// </summary>
    public sealed class PublishLedger
    {
        private readonly object _gate = new object();
        private readonly int[] _pendingIds;
        private readonly int[] _pendingTickets;
        private readonly TicketCompletions _done;
        private int _pendingCount;
        private int _lastTicket;

        /// <summary>A ledger for at most <paramref name="capacity"/> publishes outstanding or completed and not yet taken.</summary>
        public PublishLedger(int capacity)
        {
            _pendingIds = new int[capacity];
            _pendingTickets = new int[capacity];
            _done = new TicketCompletions(capacity);
        }

        /// <summary>Publishes refused because the ledger was full (the caller reports ticket 0 for them).</summary>
        public long RefusedFull { get; private set; }

        /// <summary>Completions reported for an identifier the ledger does not hold (a publish already failed by
        /// <see cref="FailAll"/>, or one the client library sent on its own): ignored, and counted here.</summary>
        public long Unmatched { get; private set; }

        /// <summary>Publishes handed over and not yet completed.</summary>
        public int Outstanding
        {
            get
            {
                lock (_gate)
                {
                    return _pendingCount;
                }
            }
        }

        /// <summary>True when one more publish can be recorded; the caller asks before handing the message to the
        /// client library, so that a message is never sent without a ticket.</summary>
        public bool HasRoom
        {
            get
            {
                lock (_gate)
                {
                    return _pendingCount + _done.Count < _pendingIds.Length;
                }
            }
        }

        /// <summary>Records the publish the client library named <paramref name="messageId"/> and returns its ticket
        /// (above 0); 0 when the ledger is full, counted in <see cref="RefusedFull"/>.</summary>
        public int Add(int messageId)
        {
            lock (_gate)
            {
                if (_pendingCount + _done.Count >= _pendingIds.Length)
                {
                    RefusedFull++;
                    return 0;
                }

                _lastTicket = _lastTicket == int.MaxValue ? 1 : _lastTicket + 1;
                _pendingIds[_pendingCount] = messageId;
                _pendingTickets[_pendingCount] = _lastTicket;
                _pendingCount++;
                return _lastTicket;
            }
        }

        /// <summary>The client library reports publish <paramref name="messageId"/> done: <paramref name="delivered"/>
        /// false when it gave up. True if the ledger held it; false (counted in <see cref="Unmatched"/>) if not.</summary>
        public bool Complete(int messageId, bool delivered)
        {
            lock (_gate)
            {
                for (int i = 0; i < _pendingCount; i++)
                {
                    if (_pendingIds[i] == messageId)
                    {
                        int ticket = _pendingTickets[i];
                        RemovePendingAt(i);
                        Enqueue(ticket, delivered);
                        return true;
                    }
                }

                Unmatched++;
                return false;
            }
        }

        /// <summary>The connection ended: every outstanding publish completes as not delivered (IMqttLink: "those
        /// still unacknowledged complete as not delivered"). Returns how many.</summary>
        public int FailAll()
        {
            lock (_gate)
            {
                int failed = _pendingCount;
                for (int i = 0; i < _pendingCount; i++)
                {
                    Enqueue(_pendingTickets[i], false);
                }

                _pendingCount = 0;
                return failed;
            }
        }

        /// <summary>Takes the oldest completion not yet taken, if any.</summary>
        public bool TryTake(out int ticket, out bool delivered)
        {
            lock (_gate)
            {
                return _done.TryTake(out ticket, out delivered);
            }
        }

        private void RemovePendingAt(int index)
        {
            // Order among outstanding publishes does not matter: the last one fills the hole.
            int last = _pendingCount - 1;
            _pendingIds[index] = _pendingIds[last];
            _pendingTickets[index] = _pendingTickets[last];
            _pendingCount = last;
        }

        private void Enqueue(int ticket, bool delivered)
        {
            // Room is guaranteed: Add keeps outstanding plus queued within the capacity, and a completion only moves
            // a ticket from one to the other.
            _done.Add(ticket, delivered);
        }
    }
}
