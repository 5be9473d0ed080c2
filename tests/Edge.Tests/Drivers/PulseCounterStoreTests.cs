using System;
using System.Linq;
using Edge.Core.Meters;
using Edge.Core.Model;
using Edge.Core.Platform;
using Edge.Drivers.S0;
using Edge.Tests.Fakes;
using Xunit;

namespace Edge.Tests.Drivers
{
    /// <summary>
    /// The S0 count kept through reboots: a record by step of pulses or on a schedule, never per pulse, in two
    /// checksummed copies written in turn; a reboot (a new meter over the same store) resumes from the newest valid
    /// copy, losing at most one step and counting no pulse twice.
    /// </summary>
    public class PulseCounterStoreTests
    {
        private static readonly DateTime T0 = Utc.At("2026-11-25T20:00:00Z");

        /// <summary>A node's S0 meter over <paramref name="store"/>: 1000 imp/kWh, a record every 100 pulses or 15 min.</summary>
        private sealed class Node
        {
            public Node(IStore store, long initialEnergyWh = 0)
            {
                Counter = new PulseCounterStore(store, "s0-main", PulseMeterSpec.DefaultPersistPulses, PulseMeterSpec.DefaultPersistMinutes * 60_000L);
                Meter = new S0PulseMeter("main", Input, MeterKinds.S0Electricity, 1000, initialEnergyWh, 0, 300_000, Counter);
            }

            public PulseQualifier Input { get; } = new(false, 30, 10);

            public PulseCounterStore Counter { get; }

            public S0PulseMeter Meter { get; }

            public RecordingSink Sink { get; } = new();

            private long _nextPulseMs;

            /// <summary>Runs from <paramref name="fromMs"/> to <paramref name="toMs"/>, polled every second as the node
            /// does, with a 50 ms pulse every <paramref name="everyMs"/>, the k-th closing at k x everyMs - 500 ms.</summary>
            public void Run(long fromMs, long toMs, long everyMs)
            {
                if (_nextPulseMs == 0)
                {
                    _nextPulseMs = everyMs - 500;
                }

                for (long at = fromMs; at <= toMs; at += 1000)
                {
                    while (_nextPulseMs <= at - 100)
                    {
                        Input.Edge(_nextPulseMs, false);
                        Input.Edge(_nextPulseMs + 50, true);
                        _nextPulseMs += everyMs;
                    }

                    Meter.Poll(T0.AddMilliseconds(at), at, Sink);
                }
            }

            public long LastEnergy => Sink.Readings.Last(r => r.Quantity == QuantityId.TotalActiveEnergyImport).Value;
        }

        [Fact]
        public void Writes_ten_records_in_an_hour_at_1000_w_and_1000_imp_per_kwh_one_per_100_pulses()
        {
            // 1000 W at 1000 imp/kWh: a pulse every 3.6 s, 1000 in the hour; a record every 100 pulses (6 min).
            var store = new MemoryStore();
            var node = new Node(store);

            node.Run(0, 3_600_000, 3600);

            Assert.Equal(1000, node.Meter.TotalPulses);
            Assert.Equal(10, node.Counter.Writes);
            Assert.Equal(10, store.Writes);
            Assert.Equal(1000, node.Counter.Persisted);
        }

        [Fact]
        public void Writes_four_records_in_an_hour_at_100_w_one_per_15_minutes()
        {
            // 100 W: a pulse every 36 s, 25 in each quarter hour, never a step of 100 since the last record.
            var store = new MemoryStore();
            var node = new Node(store);

            node.Run(0, 3_600_000, 36_000);

            Assert.Equal(100, node.Meter.TotalPulses);
            Assert.Equal(4, node.Counter.Writes);
            Assert.Equal(100, node.Counter.Persisted);
        }

        [Fact]
        public void Writes_nothing_while_no_pulse_comes()
        {
            var store = new MemoryStore();
            var node = new Node(store);

            node.Run(0, 7_200_000, long.MaxValue / 4);

            Assert.Equal(0, store.Writes);
        }

        [Fact]
        public void A_reboot_resumes_from_the_last_record_losing_less_than_a_step_and_counting_no_pulse_twice()
        {
            var store = new MemoryStore();
            var before = new Node(store, initialEnergyWh: 5000);
            before.Run(0, 900_000, 3600);
            Assert.Equal(250, before.Meter.TotalPulses);
            Assert.Equal(200, before.Counter.Persisted);

            // Power cut: the 50 pulses since the last record are lost, the 200 before it are kept.
            var after = new Node(store, initialEnergyWh: 5000);
            after.Run(0, 0, 3600);
            long restored = after.LastEnergy;
            after.Run(1000, 36_000, 3600);

            Assert.Equal(5200, restored);
            Assert.Equal(200 + 10, after.Meter.TotalPulses);
            Assert.Equal(5210, after.LastEnergy);
            Assert.True(before.Meter.TotalPulses - after.Counter.Persisted < PulseMeterSpec.DefaultPersistPulses);
        }

        [Fact]
        public void Two_reboots_in_a_row_keep_counting_up_from_the_newest_copy()
        {
            var store = new MemoryStore();
            new Node(store).Run(0, 720_000, 3600);
            var second = new Node(store);
            second.Run(0, 360_000, 3600);
            var third = new Node(store);

            third.Run(0, 0, 3600);

            Assert.Equal(200 + 100, second.Meter.TotalPulses);
            Assert.Equal(300, third.Meter.TotalPulses);
            Assert.Equal(300, third.LastEnergy);
        }

        [Fact]
        public void A_torn_newest_copy_falls_back_to_the_older_one()
        {
            var store = new MemoryStore();
            new Node(store).Run(0, 720_000, 3600);
            Assert.Equal((200, 100), (Count(store, "s0-main.b"), Count(store, "s0-main.a")));

            // The write of the newest record was cut short: half of it reached the flash.
            store.Files["s0-main.b"] = store.Files["s0-main.b"].Take(6).ToArray();
            var after = new Node(store);
            after.Run(0, 0, 3600);

            Assert.Equal(100, after.Meter.TotalPulses);
            Assert.Equal(1, after.Counter.ValidCopies);
        }

        [Fact]
        public void A_corrupt_newest_copy_falls_back_to_the_older_one()
        {
            var store = new MemoryStore();
            new Node(store).Run(0, 720_000, 3600);
            store.Files["s0-main.b"][0] ^= 0x40;

            var after = new Node(store);
            after.Run(0, 0, 3600);

            Assert.Equal(100, after.Meter.TotalPulses);
            Assert.Equal(1, after.Counter.ValidCopies);
        }

        [Fact]
        public void The_next_record_after_a_fallback_replaces_the_damaged_copy()
        {
            var store = new MemoryStore();
            new Node(store).Run(0, 720_000, 3600);
            store.Files["s0-main.b"][3] ^= 0x01;
            var after = new Node(store);

            after.Run(0, 360_000, 3600);

            Assert.Equal((200, 100), (Count(store, "s0-main.b"), Count(store, "s0-main.a")));
        }

        [Fact]
        public void No_record_at_all_starts_the_count_at_0()
        {
            var node = new Node(new MemoryStore(), initialEnergyWh: 42);

            node.Run(0, 0, 3600);

            Assert.Equal(0, node.Meter.TotalPulses);
            Assert.Equal(42, node.LastEnergy);
            Assert.Equal(0, node.Counter.ValidCopies);
        }

        [Fact]
        public void A_failing_store_is_counted_and_the_record_written_at_the_next_poll_once_it_works()
        {
            var store = new FailingStore(new MemoryStore()) { FailWrites = true };
            var node = new Node(store);
            node.Run(0, 360_000, 3600);
            Assert.Equal((0, 0L), (node.Counter.Writes, node.Counter.Persisted));
            int errors = node.Counter.StoreErrors;
            string failing = SelfTests.Line(node.Meter, 360_000);

            store.FailWrites = false;
            node.Run(361_000, 361_000, 3600);

            Assert.Equal(1, errors);
            Assert.Equal("WARN meter main: the pulse count is not kept: 1 store errors, the last record 100 pulses behind, "
                + "a reboot would lose them: the store may be full or worn, see the storage line of the self-test", failing);
            Assert.StartsWith("PASS meter main: 100 pulses", SelfTests.Line(node.Meter, 361_000));
            Assert.Equal((1, 100L), (node.Counter.Writes, node.Counter.Persisted));
            Assert.Equal(new long[] { 100, 0, 0, 0, 0, 1, 1 }, Enumerable.Range(0, node.Meter.CounterCount).Select(node.Meter.CounterValue));
            Assert.Equal("counterStoreErrors", node.Meter.CounterName(6));
        }

        [Theory]
        [InlineData(0, 60_000)]
        [InlineData(10, 0)]
        public void Refuses_a_step_or_interval_under_1(int step, long intervalMs)
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => new PulseCounterStore(new MemoryStore(), "s0-main", step, intervalMs));
        }

        private static long Count(MemoryStore store, string name) => BitConverter.ToInt64(store.Files[name], 0);
    }
}
