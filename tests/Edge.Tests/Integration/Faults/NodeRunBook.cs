using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using Edge.Host.Faults;

namespace Edge.Tests.Integration.Faults
{
    /// <summary>
    /// What a node in a process of its own produced over several runs on one store, told from outside: the test
    /// cannot count inside a killed process. A run's reports are numbered on from the number its start found in the
    /// store (<see cref="StoreSnapshot.NextSequence"/> after the previous run: the reserved block's mark, raised above
    /// every held record) without a gap, so run r produced every number from its first to the highest that anyone saw
    /// of it: received by the subscriber, or held in the store when it died. A number above that was never durably
    /// produced (the window was still open, or its record not yet written when the power went): that is the power
    /// cut's doing, not a loss. A run's numbers lie below the next number its store held when it ended; that the next
    /// run starts above them (no number reused) is for the scenario to assert: <see cref="FirstOf"/>(r + 1) &gt;
    /// <see cref="HighestOf"/>(r).
    /// </summary>
    public sealed class NodeRunBook
    {
        private readonly object _gate = new();
        private readonly string _node;
        private readonly HashSet<long> _received = new();
        private readonly List<Run> _runs = new() { new Run(1) };

        public NodeRunBook(string node)
        {
            _node = node;
        }

        /// <summary>Runs begun, the first included.</summary>
        public int Runs
        {
            get
            {
                lock (_gate)
                {
                    return _runs.Count;
                }
            }
        }

        /// <summary>Readings numbers the subscriber received so far, each once.</summary>
        public IReadOnlySet<long> Received
        {
            get
            {
                lock (_gate)
                {
                    return new HashSet<long>(_received);
                }
            }
        }

        /// <summary>Takes a message as the subscriber received it; keeps the numbers of the node's edge-json readings.</summary>
        public void Record(string topic, byte[] payload)
        {
            if (topic != $"edge/{_node}/readings")
            {
                return;
            }

            using JsonDocument document = JsonDocument.Parse(payload);
            if (document.RootElement.TryGetProperty("seq", out JsonElement seq) && seq.TryGetInt64(out long number))
            {
                lock (_gate)
                {
                    _received.Add(number);
                }
            }
        }

        /// <summary>The current run ended (killed or stopped) leaving <paramref name="store"/>; the next run, if any, starts
        /// at the store's next number, or at <paramref name="nextFirst"/> when given (the store was damaged since).</summary>
        public void Ended(StoreSnapshot store, long? nextFirst = null)
        {
            lock (_gate)
            {
                _runs[^1].Held = store.HeldReadings;
                _runs[^1].Bound = store.NextSequence;
                _runs.Add(new Run(nextFirst ?? store.NextSequence));
            }
        }

        /// <summary>The highest number run <paramref name="index"/> (from 0) produced by what is known now: received, or held at its end.</summary>
        public long HighestOf(int index)
        {
            lock (_gate)
            {
                long first = _runs[index].First;
                long below = _runs[index].Bound;
                long highest = first - 1;
                foreach (long number in _received.Concat(_runs[index].Held))
                {
                    if (number >= first && number < below && number > highest)
                    {
                        highest = number;
                    }
                }

                return highest;
            }
        }

        /// <summary>True once the subscriber received every number of <paramref name="stillHeld"/> (what the current run
        /// found in its store) and a number of the current run: a clean stop now leaves nothing behind. (A clean stop
        /// publishes what the link takes at once, at most NodeConfig.MaxPublishesPerTick, and leaves the rest in the
        /// store for the next start: a scenario that wants everything delivered waits for this first.)</summary>
        public bool CaughtUp(IEnumerable<long> stillHeld)
        {
            lock (_gate)
            {
                long first = _runs[^1].First;
                return stillHeld.All(_received.Contains) && _received.Any(n => n >= first);
            }
        }

        /// <summary>The first number of run <paramref name="index"/> (from 0).</summary>
        public long FirstOf(int index) => _runs[index].First;

        /// <summary>Feeds <paramref name="ledger"/> every number each run produced (see the class summary).</summary>
        public void FeedProduced(DeliveryLedger ledger)
        {
            for (int r = 0; r < _runs.Count; r++)
            {
                long highest = HighestOf(r);
                if (highest >= _runs[r].First)
                {
                    ledger.ProducedRange(_node, SeriesKind.Readings, _runs[r].First, highest);
                }
            }
        }

        /// <summary>"run 1: 1-37 (held 35-37); run 2: 101-160", for failure messages.</summary>
        public string Describe()
        {
            var parts = new List<string>();
            for (int r = 0; r < _runs.Count; r++)
            {
                long highest = HighestOf(r);
                string held = _runs[r].Held.Count == 0 ? string.Empty : $" (held at its end {SeriesVerdict.Ranges([.. _runs[r].Held.Order()], 8)})";
                parts.Add($"run {r + 1}: {(highest >= _runs[r].First ? $"{_runs[r].First}-{highest}" : $"nothing from {_runs[r].First}")}{held}");
            }

            return string.Join("; ", parts);
        }

        private sealed class Run
        {
            public Run(long first)
            {
                First = first;
            }

            public long First { get; }

            public IReadOnlySet<long> Held { get; set; } = new HashSet<long>();

            /// <summary>Above every number of the run: the next number its store held when it ended (long.MaxValue while it runs).</summary>
            public long Bound { get; set; } = long.MaxValue;
        }
    }
}
