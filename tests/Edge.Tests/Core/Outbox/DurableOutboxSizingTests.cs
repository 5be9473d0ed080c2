using System.Collections.Generic;
using System.Linq;
using Edge.Core.Outbox;
using Edge.Tests.Fakes;
using Xunit;
using static Edge.Tests.Core.Outbox.OutboxKit;

namespace Edge.Tests.Core.Outbox
{
    /// <summary>The figures of README.md in firmware/Edge.Core/Outbox (sizing and flash wear), computed.</summary>
    public class DurableOutboxSizingTests
    {
        private const int Tick = 300;
        private const int TicksPerDay = 86400 / Tick;

        [Theory]
        // Reports of up to 280 bytes, nothing else queued but the daily total and five events a day.
        [InlineData(280, false, 672)]
        // With a 245-byte health message and a 100-byte heartbeat every 5 minutes queued as well: telemetry goes first.
        [InlineData(260, true, 672)]
        // 300-byte reports: about 6.5 days of them.
        [InlineData(300, false, 624)]
        public void The_default_capacity_holds_a_week_of_15_minute_reports_through_a_broker_outage(int reportBytes, bool telemetry, int reportsKept)
        {
            var store = new MemoryStore();
            var outbox = new DurableOutbox(store, "ob");
            long sequence = 0;
            int reports = 0;
            int totals = 0;
            int events = 0;
            for (int tick = 0; tick < 7 * TicksPerDay; tick++)
            {
                if (telemetry)
                {
                    Add(outbox, RecordClass.Telemetry, ++sequence, 245, topic: 2);
                    Add(outbox, RecordClass.Telemetry, ++sequence, 100, topic: 1);
                }

                if (tick % 3 == 2)
                {
                    Add(outbox, RecordClass.Interval, ++sequence, reportBytes);
                    reports++;
                }

                if (tick % TicksPerDay == TicksPerDay - 1)
                {
                    Add(outbox, RecordClass.Total, ++sequence, 310);
                    totals++;
                }

                if (tick % 58 == 7)
                {
                    Add(outbox, RecordClass.Event, ++sequence, 150, topic: 1);
                    events++;
                }

                outbox.Flush();
            }

            List<Held> held = Unacknowledged(outbox);
            Assert.Equal(7 * 96, reports);
            Assert.True(held.Count(h => h.Class == RecordClass.Interval) >= reportsKept);
            Assert.Equal(totals, held.Count(h => h.Class == RecordClass.Total));
            Assert.Equal(events, held.Count(h => h.Class == RecordClass.Event));

            // Flash blocks: at most capacity / segment + 2 segment files, plus the two acknowledgement marks.
            Assert.True(store.Files.Count <= 52 + 2 + 2);
            Assert.True(store.Files.Values.All(f => f.Length <= DurableOutbox.DefaultSegmentBytes));
        }

        [Theory]
        // 96 reports, a total at the same tick as the last one, five events: 101 ticks queue something.
        [InlineData(false, 101, 0)]
        // Health and heartbeat every 5 minutes (288 ticks, the reports among them) and five events: 293 ticks. When
        // a segment fills between two records of one tick, closing it writes it once more.
        [InlineData(true, 293, 12)]
        public void A_connected_day_writes_a_segment_and_the_mark_once_per_tick_that_queued_something(bool telemetry, int ticksWithNews, int closesMidTick)
        {
            var store = new MemoryStore();
            var outbox = new DurableOutbox(store, "ob");
            long sequence = 0;
            var inFlight = new List<long>();
            int before = 0;

            // Nine days, so that history fills the capacity and is forgotten as new records come; the last is counted.
            for (int day = 0; day < 9; day++)
            {
                if (day == 8)
                {
                    before = store.Writes;
                }

                for (int second = 0; second < 86400; second += 1)
                {
                    // The broker acknowledges what was published at the previous tick.
                    foreach (long index in inFlight)
                    {
                        outbox.Acknowledge(index);
                    }

                    inFlight.Clear();
                    if (telemetry && second % 300 == 299)
                    {
                        Add(outbox, RecordClass.Telemetry, ++sequence, 245, topic: 2);
                        Add(outbox, RecordClass.Telemetry, ++sequence, 100, topic: 1);
                    }

                    if (second % 900 == 899)
                    {
                        Add(outbox, RecordClass.Interval, ++sequence, 265);
                    }

                    if (second == 86399)
                    {
                        Add(outbox, RecordClass.Total, ++sequence, 310);
                    }

                    if (second % 17280 == 100)
                    {
                        Add(outbox, RecordClass.Event, ++sequence, 150, topic: 1);
                    }

                    outbox.Flush();
                    for (long index = outbox.FirstUnacknowledged; index < outbox.End; index++)
                    {
                        inFlight.Add(index);
                    }
                }
            }

            Assert.InRange(store.Writes - before, 2 * ticksWithNews, (2 * ticksWithNews) + closesMidTick);
            Assert.True(outbox.UsedBytes > outbox.CapacityBytes * 9 / 10, "history fills the capacity");
            Assert.Equal(0, TotalDropped(outbox));
        }
    }
}
