using System;
using System.Linq;
using System.Text.Json;
using Edge.Core.Aggregation;
using Edge.Core.Meters;
using Edge.Core.Model;
using Edge.Core.Node;
using Edge.Core.Platform;
using Edge.Core.Time;
using Edge.Tests.Fakes;
using Xunit;

namespace Edge.Tests.Core.Node
{
    /// <summary>Each window gets the slots its plan can use, SlotCapacity staying the limit: what the node reports
    /// is the same as when every window had SlotCapacity slots.</summary>
    public class WindowSlotTests
    {
        private static readonly QuantityId[] Listed =
        {
            QuantityId.TotalActiveEnergyImport, QuantityId.TotalApparentPower, QuantityId.PhaseVoltageL1, QuantityId.CurrentL1,
        };

        [Fact]
        public void A_plan_counts_the_meter_and_quantity_pairs_it_covers()
        {
            AggregationProfile household = AggregationProfile.LinkyHousehold(TimeZoneRule.CentralEurope);
            Assert.Equal(4, household.Windows[0].Pairs(1));
            Assert.Equal(10, household.Windows[1].Pairs(1));
            Assert.Equal(20, household.Windows[1].Pairs(2));
            Assert.Equal(2 * Quantities.Count, AggregationProfile.Single(60).Windows[0].Pairs(2));

            // Meters the plan leaves out take no slot.
            var second = new WindowPlan(new FixedWindowCalendar(60), Listed, StatisticSet.Last, new[] { 1 });
            Assert.Equal(4, second.Pairs(3));
            Assert.Equal(0, second.Pairs(1));
        }

        [Fact]
        public void A_plan_ranks_the_quantities_it_covers_in_the_vocabulary_order()
        {
            var plan = new WindowPlan(new FixedWindowCalendar(60), new[] { QuantityId.PhaseVoltageL1, QuantityId.TotalActiveEnergyImport, QuantityId.PhaseVoltageL1 }, StatisticSet.Last);

            Assert.Equal(2, plan.QuantityCount);
            Assert.Equal(0, plan.RankOf(QuantityId.TotalActiveEnergyImport));
            Assert.Equal(1, plan.RankOf(QuantityId.PhaseVoltageL1));
            Assert.Equal(-1, plan.RankOf(QuantityId.CurrentL1));
            Assert.Equal(Quantities.Count, AggregationProfile.Single(60).Windows[0].QuantityCount);
            Assert.Equal((int)QuantityId.CurrentL1, AggregationProfile.Single(60).Windows[0].RankOf(QuantityId.CurrentL1));
        }

        [Fact]
        public void An_aggregator_with_a_slot_per_covered_pair_drops_nothing_it_covers()
        {
            var plan = new WindowPlan(new FixedWindowCalendar(60), Listed, StatisticSet.Last);
            var window = new WindowAggregator(plan, 2, plan.Pairs(2), 60000);
            window.Open(Utc.At("2026-11-25T20:00:00Z"));
            for (int meter = 0; meter < 2; meter++)
            {
                foreach (QuantityId quantity in Enum.GetValues<QuantityId>().Where(q => q != QuantityId.None))
                {
                    window.Add(meter, new Reading(quantity, 1, 0, Utc.At("2026-11-25T20:00:01Z"), ReadingQuality.Good));
                }
            }

            Assert.Equal(8, window.SlotCapacity);
            Assert.Equal(8, window.SlotCount);
            Assert.Equal(0, window.DroppedNoSlot);
        }

        [Fact]
        public void A_register_rule_of_a_quantity_the_plan_leaves_out_is_not_kept_and_the_first_rule_applies()
        {
            var plan = new WindowPlan(new FixedWindowCalendar(60), new[] { QuantityId.TotalActiveEnergyImport }, StatisticSet.Delta);
            var window = new WindowAggregator(plan, 1, 1, 60000);
            window.SetRegisterRule(new RegisterRule(0, QuantityId.TotalActiveEnergyExport, 100, 0));
            window.SetRegisterRule(new RegisterRule(0, QuantityId.TotalActiveEnergyImport, 1000, 0));
            window.SetRegisterRule(new RegisterRule(0, QuantityId.TotalActiveEnergyImport, 100, 0));
            window.Open(Utc.At("2026-11-25T20:00:00Z"));
            window.Add(0, new Reading(QuantityId.TotalActiveEnergyImport, 990, 0, Utc.At("2026-11-25T20:00:01Z"), ReadingQuality.Good));
            window.Add(0, new Reading(QuantityId.TotalActiveEnergyImport, 5, 0, Utc.At("2026-11-25T20:00:02Z"), ReadingQuality.Good));

            // Wrapped at 1000 (the first rule), not at 100.
            Assert.Equal((15L, 1), (window.Slot(0).Delta, window.Slot(0).Rollovers));
        }

        [Theory]
        [InlineData(32, 4)]
        [InlineData(3, 3)]
        public void A_node_reports_what_its_plan_covers_up_to_SlotCapacity(int slotCapacity, int reported)
        {
            var clock = new ManualClock(Utc.At("2026-11-25T20:00:00Z"), true);
            var link = new FakeMqttLink();
            var profile = new AggregationProfile(new[] { new WindowPlan(new FixedWindowCalendar(60), Listed, StatisticSet.Last) }, 60000);
            var node = new EdgeNode(new NodeConfig { NodeId = "n1", Profile = profile, SlotCapacity = slotCapacity }, clock, link, null, null);
            node.AddMeter(new ManyQuantitiesMeter());
            node.Start();
            for (int s = 0; s < 65; s++)
            {
                clock.Advance(1000);
                node.Tick();
            }

            JsonElement values = JsonDocument.Parse(link.ReadingsList[0].Payload).RootElement.GetProperty("meters")[0].GetProperty("values");
            string[] names = values.EnumerateObject().Select(p => p.Name).ToArray();
            Assert.Equal(Listed.Take(reported).Select(Quantities.NameOf), names);
        }

        /// <summary>Every quantity of the vocabulary each poll, in the vocabulary's order.</summary>
        private sealed class ManyQuantitiesMeter : IMeterDriver
        {
            public string MeterId => "many";

            public string? PublishedMeterId => null;

            public void Poll(DateTime utcNow, long monotonicMs, IReadingSink sink)
            {
                foreach (QuantityId quantity in Enum.GetValues<QuantityId>().Where(q => q != QuantityId.None))
                {
                    sink.Add(new Reading(quantity, 1, 0, utcNow, ReadingQuality.Good));
                }
            }
        }
    }
}
