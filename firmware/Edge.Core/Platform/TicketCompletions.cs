#nullable disable
namespace Edge.Core.Platform
{
    /// <summary>
    /// Publish tickets that finished and are waiting to be taken, oldest first, each with whether the broker
    /// acknowledged it: the queue behind <see cref="IMqttLink.TryTakeCompletion"/>, kept in two fixed arrays so
    /// that nothing is allocated per publish. Not thread-safe: a caller shared between threads holds its own lock.
    /// </summary>
    public sealed class TicketCompletions
    {
        private readonly int[] _tickets;
        private readonly bool[] _delivered;
        private int _head;
        private int _count;

        /// <summary>A queue for at most <paramref name="capacity"/> completions not yet taken.</summary>
        public TicketCompletions(int capacity)
        {
            _tickets = new int[capacity];
            _delivered = new bool[capacity];
        }

        /// <summary>Completions waiting to be taken.</summary>
        public int Count
        {
            get { return _count; }
        }

        /// <summary>Queues a finished ticket. The caller keeps room: it never has more tickets outstanding and queued
        /// together than the capacity, since a completion only moves a ticket from one to the other.</summary>
        public void Add(int ticket, bool delivered)
        {
            int tail = (_head + _count) % _tickets.Length;
            _tickets[tail] = ticket;
            _delivered[tail] = delivered;
            _count++;
        }

        /// <summary>Takes the oldest completion, if any.</summary>
        public bool TryTake(out int ticket, out bool delivered)
        {
            if (_count == 0)
            {
                ticket = 0;
                delivered = false;
                return false;
            }

            ticket = _tickets[_head];
            delivered = _delivered[_head];
            _head = (_head + 1) % _tickets.Length;
            _count--;
            return true;
        }
    }
}
