#nullable disable
using System;

namespace Edge.Core.Payloads
{
    /// <summary>
    /// One group of whole-number health fields (the node's own, or one meter's counters), collected again in the same
    /// order before each health message, beside the values the last published message carried. A full message writes
    /// every known field; a delta only those that changed since the last published one (<see cref="Changed"/>), so a
    /// counter that moved is always sent and one that did not costs nothing. A field is one <see cref="Add"/> line in
    /// the collecting code: its encoding, change tracking and size bound follow from it.
    /// </summary>
    public sealed class HealthFields
    {
        private string[] _names = new string[8];
        private long[] _values = new long[8];
        private bool[] _known = new bool[8];
        private string[] _sentNames = new string[8];
        private long[] _sent = new long[8];
        private bool[] _sentKnown = new bool[8];
        private int _count;
        private int _sentCount = -1;

        /// <summary>Fields collected in the current round.</summary>
        public int Count
        {
            get { return _count; }
        }

        /// <summary>False until a message carrying these fields was published: the first one is full.</summary>
        public bool Published
        {
            get { return _sentCount >= 0; }
        }

        /// <summary>Starts a new round of collection: the fields are added again, in the order they are published.</summary>
        public void Begin()
        {
            _count = 0;
        }

        /// <summary>Adds a field with its current value (a counter, a gauge such as the outbox depth).</summary>
        public void Add(string name, long value)
        {
            AddIfKnown(name, value, true);
        }

        /// <summary>Adds a field that is left out of the message while <paramref name="known"/> is false (free memory
        /// or signal strength on a platform that cannot tell).</summary>
        public void AddIfKnown(string name, long value, bool known)
        {
            if (_count == _names.Length)
            {
                Grow();
            }

            _names[_count] = name;
            _values[_count] = value;
            _known[_count] = known;
            _count++;
        }

        /// <summary>Name of field <paramref name="index"/> (0 to Count - 1).</summary>
        public string Name(int index)
        {
            return _names[index];
        }

        /// <summary>Current value of field <paramref name="index"/>.</summary>
        public long Value(int index)
        {
            return _values[index];
        }

        /// <summary>True when field <paramref name="index"/> has a value to publish this round.</summary>
        public bool Known(int index)
        {
            return _known[index];
        }

        /// <summary>True when a delta carries field <paramref name="index"/>: it is known, and the last published
        /// message did not carry it with this value.</summary>
        public bool Changed(int index)
        {
            if (!_known[index])
            {
                return false;
            }

            return index >= _sentCount || !_sentKnown[index] || _sent[index] != _values[index] || _sentNames[index] != _names[index];
        }

        /// <summary>True when a delta would carry at least one of these fields.</summary>
        public bool AnyChanged
        {
            get
            {
                for (int i = 0; i < _count; i++)
                {
                    if (Changed(i))
                    {
                        return true;
                    }
                }

                return false;
            }
        }

        /// <summary>True when a delta cannot express the change, so the message must be full: nothing was published
        /// yet, the fields are not those of the last published message, or one became unknown (a delta leaves out
        /// what did not change, so it cannot say that a value went away).</summary>
        public bool NeedsFull
        {
            get
            {
                if (_count != _sentCount)
                {
                    return true;
                }

                for (int i = 0; i < _count; i++)
                {
                    if (_sentNames[i] != _names[i] || (_sentKnown[i] && !_known[i]))
                    {
                        return true;
                    }
                }

                return false;
            }
        }

        /// <summary>The values of this round were published: the next delta is measured from them.</summary>
        public void Commit()
        {
            if (_sent.Length < _names.Length)
            {
                _sentNames = new string[_names.Length];
                _sent = new long[_names.Length];
                _sentKnown = new bool[_names.Length];
            }

            Array.Copy(_names, _sentNames, _count);
            Array.Copy(_values, _sent, _count);
            Array.Copy(_known, _sentKnown, _count);
            _sentCount = _count;
        }

        /// <summary>Bytes of every field of this round at its widest value (a long), with its separator.</summary>
        public int LargestBytes
        {
            get
            {
                int size = 0;
                for (int i = 0; i < _count; i++)
                {
                    size += JsonWriter.EncodedLength(_names[i]) + 1 + MessageSizeBound.LongChars + 1;
                }

                return size;
            }
        }

        /// <summary>Room for twice as many fields, in the round collected and the one published; only while the first
        /// rounds collect them, never in steady state.</summary>
        private void Grow()
        {
            int capacity = _names.Length * 2;
            string[] names = new string[capacity];
            long[] values = new long[capacity];
            bool[] known = new bool[capacity];
            Array.Copy(_names, names, _count);
            Array.Copy(_values, values, _count);
            Array.Copy(_known, known, _count);
            _names = names;
            _values = values;
            _known = known;

            // The published round grows with them, so that no later Commit allocates (a tick allocates nothing).
            string[] sentNames = new string[capacity];
            long[] sent = new long[capacity];
            bool[] sentKnown = new bool[capacity];
            int kept = _sentCount > 0 ? _sentCount : 0;
            Array.Copy(_sentNames, sentNames, kept);
            Array.Copy(_sent, sent, kept);
            Array.Copy(_sentKnown, sentKnown, kept);
            _sentNames = sentNames;
            _sent = sent;
            _sentKnown = sentKnown;
        }
    }
}
