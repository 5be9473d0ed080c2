#nullable disable
namespace Edge.Core.Commands
{
    /// <summary>
    /// Commands received on the MQTT client's thread, waiting for the node loop: those to run, and those refused
    /// (busy, too long) waiting for their error result. Both are rings of fixed arrays counted in commands, so a
    /// burst costs no allocation here and the limits are exactly what they say. Every call takes the queue's lock.
    /// </summary>
    public sealed class CommandQueue
    {
        private readonly object _lock = new object();
        private readonly string[] _topics;
        private readonly byte[][] _payloads;
        private readonly string[] _refusedTopics;
        private readonly string[] _refusedIds;
        private readonly string[] _refusedErrors;
        private int _head;
        private int _count;
        private int _refusedHead;
        private int _refusedCount;

        /// <param name="capacity">Commands held to run.</param>
        /// <param name="refusalCapacity">Refused commands held until their error result is published.</param>
        public CommandQueue(int capacity, int refusalCapacity)
        {
            _topics = new string[capacity];
            _payloads = new byte[capacity][];
            _refusedTopics = new string[refusalCapacity];
            _refusedIds = new string[refusalCapacity];
            _refusedErrors = new string[refusalCapacity];
        }

        /// <summary>Commands to run that can be held at once.</summary>
        public int Capacity
        {
            get { return _topics.Length; }
        }

        /// <summary>Queues a command to run; false when <see cref="Capacity"/> commands already wait.</summary>
        public bool TryAdd(string topic, byte[] payload)
        {
            lock (_lock)
            {
                if (_count == _topics.Length)
                {
                    return false;
                }

                int tail = (_head + _count) % _topics.Length;
                _topics[tail] = topic;
                _payloads[tail] = payload;
                _count++;
                return true;
            }
        }

        /// <summary>Takes the oldest command to run; false when there is none.</summary>
        public bool TryTake(out string topic, out byte[] payload)
        {
            lock (_lock)
            {
                if (_count == 0)
                {
                    topic = null;
                    payload = null;
                    return false;
                }

                topic = _topics[_head];
                payload = _payloads[_head];
                _topics[_head] = null;
                _payloads[_head] = null;
                _head = (_head + 1) % _topics.Length;
                _count--;
                return true;
            }
        }

        /// <summary>Keeps a refused command's topic, id (null if unreadable) and error until it is answered;
        /// false when the refusals held are at their limit too.</summary>
        public bool TryRefuse(string topic, string id, string error)
        {
            lock (_lock)
            {
                if (_refusedCount == _refusedTopics.Length)
                {
                    return false;
                }

                int tail = (_refusedHead + _refusedCount) % _refusedTopics.Length;
                _refusedTopics[tail] = topic;
                _refusedIds[tail] = id;
                _refusedErrors[tail] = error;
                _refusedCount++;
                return true;
            }
        }

        /// <summary>Takes the oldest refusal to answer; false when there is none.</summary>
        public bool TryTakeRefusal(out string topic, out string id, out string error)
        {
            lock (_lock)
            {
                if (_refusedCount == 0)
                {
                    topic = null;
                    id = null;
                    error = null;
                    return false;
                }

                topic = _refusedTopics[_refusedHead];
                id = _refusedIds[_refusedHead];
                error = _refusedErrors[_refusedHead];
                _refusedTopics[_refusedHead] = null;
                _refusedIds[_refusedHead] = null;
                _refusedErrors[_refusedHead] = null;
                _refusedHead = (_refusedHead + 1) % _refusedTopics.Length;
                _refusedCount--;
                return true;
            }
        }
    }
}
