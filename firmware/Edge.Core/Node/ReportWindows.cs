#nullable disable
using System;
using Edge.Core.Aggregation;
using Edge.Core.Meters;
using Edge.Core.Model;
using Edge.Core.Outbox;
using Edge.Core.Payloads;
using Edge.Core.Platform;

namespace Edge.Core.Node
{
    /// <summary>
    /// The report windows of the node's profile: each takes the readings of every meter, and when its end has passed
    /// is closed, reported through the node's <see cref="ReportEncoder"/> with the next report sequence, and opened
    /// again. A window with no sample is counted, not reported.
    /// </summary>
    public sealed class ReportWindows
    {
        private readonly WindowAggregator[] _windows;
        private readonly IMeterDriver[] _meters;
        private readonly ReportHeader _header;
        private readonly ReportEncoder _encoder;
        private readonly SequenceCounter _sequence;
        private readonly IClock _clock;

        // By quantity: bit 0 (CoveredBit) set if a window's plan covers it. Most of a meter's readings (a Linky frame
        // gives 23, a household's windows keep 6) are covered by no window, and are turned away here with one look-up
        // instead of by every window's aggregator, a call each.
        // Internal: the router reads it to skip the call for a reading no window covers, and keeps its own routes
        // in the other bits of the same bytes rather than in a second table of its own (65 bytes less per node).
        internal readonly byte[] Covered;

        /// <summary>The bit of <see cref="Covered"/> that says a window covers the quantity.</summary>
        internal const byte CoveredBit = 1;

        /// <summary>The windows of the profile, with the meters they read, reported through <paramref name="encoder"/> with the numbers of <paramref name="sequence"/>.</summary>
        public ReportWindows(WindowAggregator[] windows, IMeterDriver[] meters, ReportHeader header, ReportEncoder encoder, SequenceCounter sequence, IClock clock)
        {
            _windows = windows;
            _meters = meters;
            _header = header;
            _encoder = encoder;
            _sequence = sequence;
            _clock = clock;
            Covered = new byte[Quantities.Count];
            for (int q = 0; q < Covered.Length; q++)
            {
                for (int w = 0; w < windows.Length; w++)
                {
                    if (windows[w].Plan.Covers((QuantityId)q))
                    {
                        Covered[q] = CoveredBit;
                    }
                }
            }
        }

        /// <summary>Windows closed with no sample at all (nothing to report).</summary>
        public long EmptyWindows { get; private set; }

        /// <summary>The sequence number the next report will carry.</summary>
        public long NextSequence
        {
            get { return _sequence.Peek; }
        }

        /// <summary>Opens the windows not open yet, and closes and reopens those whose end has passed; a window cut by a
        /// step of the clock is flagged "stepped".</summary>
        public void CloseDue(DateTime now, bool stepped)
        {
            for (int w = 0; w < _windows.Length; w++)
            {
                WindowAggregator window = _windows[w];
                if (!window.IsOpen)
                {
                    window.Open(now);
                }
                else if (window.IsDue(now))
                {
                    Close(w, now, stepped);
                    window.Open(now);
                }
            }
        }

        /// <summary>Closes every open window now (on shutdown), so its data is reported rather than lost.</summary>
        public void CloseAll(DateTime now)
        {
            for (int w = 0; w < _windows.Length; w++)
            {
                if (_windows[w].IsOpen)
                {
                    Close(w, now, false);
                    _windows[w].Open(now);
                }
            }
        }

        /// <summary>A reading goes to every window whose plan covers it.</summary>
        public void Add(int meter, Reading reading)
        {
            int quantity = (int)reading.Quantity;
            if ((uint)quantity < (uint)Quantities.Count && (Covered[quantity] & CoveredBit) == 0)
            {
                // As every window's aggregator would: a meter the node does not have is refused, covered or not
                // (each aggregator counts the node's meters).
                if ((uint)meter >= (uint)_meters.Length && _windows.Length > 0)
                {
                    throw new ArgumentOutOfRangeException("meter");
                }

                return;
            }

            AddCovered(meter, reading);
        }

        /// <summary>A reading the caller knows a window covers (<see cref="Covered"/>), of a meter the node has: to
        /// every window, without the look-up <see cref="Add"/> starts with.</summary>
        internal void AddCovered(int meter, Reading reading)
        {
            WindowAggregator[] windows = _windows;
            for (int w = 0; w < windows.Length; w++)
            {
                windows[w].Add(meter, reading);
            }
        }

        private void Close(int w, DateTime now, bool stepped)
        {
            WindowAggregator window = _windows[w];
            window.Close(now);
            if (window.SampleCount == 0)
            {
                EmptyWindows++;
                return;
            }

            _header.Sequence = _sequence.Peek;
            _header.ClockSynchronised = _clock.IsSynchronised;
            _header.ClockStepped = stepped;
            for (int i = 0; i < _meters.Length; i++)
            {
                _header.PublishedMeterIds[i] = _meters[i].PublishedMeterId;
            }

            _encoder.Enqueue(w, window);
        }
    }
}
