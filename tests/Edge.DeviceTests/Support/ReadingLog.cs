#nullable disable
using Edge.Core.Model;

namespace Edge.DeviceTests.Support
{
    /// <summary>
    /// A reading sink that keeps the readings a decoder gives, in fixed arrays (no allocation per reading), so a
    /// test can ask for the last value of a quantity and how many readings there were.
    /// </summary>
    public sealed class ReadingLog : IReadingSink
    {
        /// <summary>Readings kept at most; later ones are counted in <see cref="Lost"/>.</summary>
        public const int Capacity = 2048;

        private readonly Reading[] _readings = new Reading[Capacity];

        /// <summary>How many readings are kept.</summary>
        public int Count { get; private set; }

        /// <summary>Readings beyond <see cref="Capacity"/>: counted, so a test can fail on them rather than miss them.</summary>
        public int Lost { get; private set; }

        /// <summary>Meter events received.</summary>
        public int Events { get; private set; }

        /// <summary>Keeps a reading.</summary>
        public void Add(Reading reading)
        {
            if (Count == Capacity)
            {
                Lost++;
                return;
            }

            _readings[Count++] = reading;
        }

        /// <summary>Counts a meter event.</summary>
        public void AddEvent(MeterEventKind kind, Reading reading)
        {
            Events++;
        }

        /// <summary>The reading at <paramref name="index"/>, in arrival order.</summary>
        public Reading At(int index)
        {
            return _readings[index];
        }

        /// <summary>True if a reading of the quantity arrived.</summary>
        public bool Has(QuantityId quantity)
        {
            return IndexOfLast(quantity) >= 0;
        }

        /// <summary>The value of the last reading of the quantity; -1 when there is none (no test expects -1).</summary>
        public long Last(QuantityId quantity)
        {
            int i = IndexOfLast(quantity);
            return i < 0 ? -1 : _readings[i].Value;
        }

        /// <summary>How many readings of the quantity arrived.</summary>
        public int CountOf(QuantityId quantity)
        {
            int n = 0;
            for (int i = 0; i < Count; i++)
            {
                if (_readings[i].Quantity == quantity)
                {
                    n++;
                }
            }

            return n;
        }

        /// <summary>Forgets every reading.</summary>
        public void Clear()
        {
            Count = 0;
            Lost = 0;
            Events = 0;
        }

        private int IndexOfLast(QuantityId quantity)
        {
            for (int i = Count - 1; i >= 0; i--)
            {
                if (_readings[i].Quantity == quantity)
                {
                    return i;
                }
            }

            return -1;
        }
    }
}
