using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using Edge.Core.Aggregation;
using Edge.Core.Payloads;
using Edge.Core.Model;
using Edge.Core.Time;
using Edge.Drivers.Tic;
using Edge.Tests.Fakes;
using Xunit;

namespace Edge.Tests.Core
{
    public class MessageSizeBoundTests
    {
        private const string NodeId = "substation-north-07";

        /// <summary>The autumn clock change: the local day lasts 25 hours, the longest window there is.</summary>
        private static readonly DateTime WindowStart = Utc.At("2026-10-24T22:00:00Z");

        public static IEnumerable<object[]> Cases()
        {
            foreach (string profile in new[] { "single", "linky-household", "substation" })
            {
                foreach (string meter in new[] { "s0", "tic-standard", "tic-historique" })
                {
                    foreach (PayloadFormat format in new[] { PayloadFormat.EdgeJson, PayloadFormat.Senml, PayloadFormat.IotaJson })
                    {
                        yield return new object[] { profile, meter, format };
                    }
                }
            }
        }

        [Theory]
        [MemberData(nameof(Cases))]
        public void The_largest_report_of_every_profile_meter_kind_and_format_fits_its_bound(string profileName, string meterKind, PayloadFormat format)
        {
            AggregationProfile profile = Profile(profileName);
            QuantityId[] quantities = QuantitiesOf(meterKind);
            string[] meterIds = ["main", "meter-number-two"];

            // The published identifier at its longest (MeterIdentity keeps 96 characters); an S0 output has none.
            string? published = meterKind == "s0" ? null : new string('7', 96);
            var header = new ReportHeader
            {
                NodeId = NodeId,
                MeterIds = meterIds,
                PublishedMeterIds = [published, published],
                Sequence = long.MaxValue,
                ClockSynchronised = false,
            };
            foreach (WindowPlan plan in profile.Windows)
            {
                WindowAggregator window = ExtremeWindow(plan, meterIds.Length, quantities);
                int covered = meterIds.Length * quantities.Count(q => plan.Covers(q));
                Assert.Equal(covered, Enumerable.Range(0, window.SlotCount).Count(i => window.Slot(i).Count > 0));

                if (format == PayloadFormat.IotaJson)
                {
                    for (int meter = 0; meter < meterIds.Length; meter++)
                    {
                        int bound = MessageSizeBound.IotaJson(meter, plan, covered);
                        var writer = new JsonWriter(new byte[bound]);
                        int length = new IotaJsonEncoder().Encode(window, meter, writer);
                        Assert.False(writer.Overflowed, $"{plan.Calendar.Name}: iota-json needs {writer.RequiredLength} bytes, bound {bound}");
                        Assert.InRange(length, 0, bound);
                    }

                    continue;
                }

                int reportBound = format == PayloadFormat.Senml
                    ? MessageSizeBound.Senml(NodeId, meterIds, plan, covered)
                    : MessageSizeBound.EdgeJson(NodeId, meterIds, plan, covered);
                var reportWriter = new JsonWriter(new byte[reportBound]);
                int reportLength = format == PayloadFormat.Senml
                    ? new SenmlEncoder().Encode(header, window, reportWriter)
                    : new EdgeJsonEncoder().Encode(header, window, reportWriter);
                Assert.False(reportWriter.Overflowed, $"{plan.Calendar.Name}: {format} needs {reportWriter.RequiredLength} bytes, bound {reportBound}");
                Assert.InRange(reportLength, 1, reportBound);
                JsonDocument.Parse(Encoding.UTF8.GetString(reportWriter.Buffer, 0, reportLength));
            }
        }

        [Fact]
        public void The_bound_counts_only_the_slots_a_window_has()
        {
            WindowPlan plan = AggregationProfile.Single(60).Windows[0];
            int one = MessageSizeBound.EdgeJson(NodeId, ["main"], plan, 1);
            int two = MessageSizeBound.EdgeJson(NodeId, ["main"], plan, 2);
            int all = MessageSizeBound.EdgeJson(NodeId, ["main"], plan, Quantities.Count);

            Assert.True(one < two && two < all);
            Assert.Equal(all, MessageSizeBound.EdgeJson(NodeId, ["main"], plan, 1000));
        }

        [Fact]
        public void Every_event_at_its_widest_fits_the_event_bound()
        {
            string[] meterIds = ["main", "a-much-longer-meter-name\u00e9"];
            WindowPlan[] plans = AggregationProfile.ThreePhaseSubstation(TimeZoneRule.CentralEurope).Windows;
            int bound = MessageSizeBound.Event(NodeId, meterIds, plans);
            var header = new ReportHeader { NodeId = NodeId, MeterIds = meterIds, Sequence = long.MaxValue };
            var encoder = new EventJsonEncoder();
            var writer = new JsonWriter(new byte[bound]);
            foreach (MeterEventKind kind in Enum.GetValues<MeterEventKind>())
            {
                for (int q = 0; q < Quantities.Count; q++)
                {
                    var reading = new Reading((QuantityId)q, long.MinValue, Reading.MaxDecimals, WindowStart, ReadingQuality.Good);
                    Assert.True(encoder.Encode(header, meterIds[1], kind, reading, writer) > 0, $"{kind} {(QuantityId)q}");
                }
            }

            Assert.True(encoder.EncodeHeartbeat(header, WindowStart, writer) > 0);
            Assert.True(encoder.EncodeTooLarge(header, WindowStart, meterIds[1], "health", int.MaxValue, int.MaxValue, writer) > 0);
        }

        [Fact]
        public void Health_with_every_counter_of_a_tic_meter_fits_the_health_bound()
        {
            var meter = new TicMeter("main", new IdleSerialLink(), TicMode.Auto, new Edge.Core.Security.MeterIdentity(Edge.Core.Security.MeterIdPolicy.Omit, null!));
            string[] meterIds = ["main"];
            var node = new HealthFields();
            var edge = new Edge.Core.Node.EdgeNode(new Edge.Core.Node.NodeConfig { NodeId = NodeId }, new Edge.Core.Platform.ManualClock(WindowStart, true), new FakeMqttLink(), null, null);
            Edge.Core.Node.HealthReporter.CollectNode(node, edge);
            Widest(node);

            HealthFields[] meters = Edge.Core.Node.HealthReporter.CollectMeters(null, [meter]);
            int bound = MessageSizeBound.Health(NodeId, meterIds, node, meters);
            var header = new ReportHeader { NodeId = NodeId, MeterIds = meterIds, Sequence = long.MaxValue };
            var writer = new JsonWriter(new byte[bound]);

            // The full message is the largest: every field of every group, known, at the widest value.
            Widest(meters[0]);
            // and the meter in its longest-named state.
            var statuses = new MeterStatusSet(1);
            statuses.Set(0, Edge.Core.Meters.MeterState.Warning);
            int length = new StatusJsonEncoder().EncodeHealth(header, WindowStart, long.MinValue, true, node, meters, statuses, writer);

            Assert.InRange(length, 1, bound);
            Assert.Contains("\"linkDns\":-9223372036854775808,", System.Text.Encoding.UTF8.GetString(writer.Buffer, 0, length));
            Assert.Contains("{\"id\":\"main\",\"state\":\"warning\",\"counters\":{", System.Text.Encoding.UTF8.GetString(writer.Buffer, 0, length));
        }

        /// <summary>The same fields, every one known and at the widest value a long takes.</summary>
        private static void Widest(HealthFields fields)
        {
            string[] names = Enumerable.Range(0, fields.Count).Select(fields.Name).ToArray();
            fields.Begin();
            foreach (string name in names)
            {
                fields.Add(name, long.MinValue);
            }
        }

        private static AggregationProfile Profile(string name) => name switch
        {
            "single" => AggregationProfile.Single(60),
            "linky-household" => AggregationProfile.LinkyHousehold(TimeZoneRule.CentralEurope),
            _ => AggregationProfile.ThreePhaseSubstation(TimeZoneRule.CentralEurope),
        };

        /// <summary>Every quantity a driver of the kind can deliver.</summary>
        private static QuantityId[] QuantitiesOf(string meterKind)
        {
            if (meterKind == "s0")
            {
                return [QuantityId.TotalActiveEnergyImport, QuantityId.TotalActivePower];
            }

            TicMode mode = meterKind == "tic-standard" ? TicMode.Standard : TicMode.Historique;
            TicValueKind[] read = [TicValueKind.Energy, TicValueKind.Measure, TicValueKind.SubscribedCurrent, TicValueKind.KiloVoltAmpere, TicValueKind.TariffIndex, TicValueKind.TariffPeriodCode];
            var quantities = new HashSet<QuantityId> { QuantityId.TotalActiveEnergyImport };
            for (int i = 0; i < TicLabels.Count; i++)
            {
                TicLabel label = TicLabels.At(i);
                if (label.IsIn(mode) && read.Contains(label.Kind))
                {
                    quantities.Add(label.Quantity);
                }
            }

            return quantities.Order().ToArray();
        }

        /// <summary>
        /// A window in which every quantity has every statistic at its widest: registers with a gap before the
        /// window, a rollover, a reset and doubtful samples; measures with the extremes of a long, with 9 decimals, at
        /// the window's two ends, incomplete coverage and doubtful samples.
        /// </summary>
        private static WindowAggregator ExtremeWindow(WindowPlan plan, int meterCount, QuantityId[] quantities)
        {
            const long modulus = long.MaxValue;
            var window = new WindowAggregator(plan, meterCount, meterCount * quantities.Length, WindowAggregator.DefaultMaxHoldMs);
            for (int meter = 0; meter < meterCount; meter++)
            {
                foreach (QuantityId q in quantities)
                {
                    window.SetRegisterRule(new RegisterRule(meter, q, modulus, 0));
                }
            }

            DateTime before = WindowStart.AddHours(-3);
            window.Open(before);
            Add(window, meterCount, quantities, before, _ => modulus - 2, ReadingQuality.Good);
            window.Close(before.AddSeconds(1));

            window.Open(WindowStart);
            DateTime start = window.WindowStart;
            DateTime last = window.WindowEnd.AddSeconds(-1);
            Add(window, meterCount, quantities, start, kind => kind == QuantityKind.Cumulative ? modulus - 1 : long.MinValue, ReadingQuality.Uncertain);
            Add(window, meterCount, quantities, start.AddSeconds(2), kind => kind == QuantityKind.Cumulative ? 3 : long.MaxValue, ReadingQuality.Good);
            Add(window, meterCount, quantities, last, kind => kind == QuantityKind.Cumulative ? 1 : long.MinValue + 1, ReadingQuality.Uncertain);
            window.Close(window.WindowEnd);
            return window;
        }

        private static void Add(WindowAggregator window, int meterCount, QuantityId[] quantities, DateTime time, Func<QuantityKind, long> value, ReadingQuality quality)
        {
            for (int meter = 0; meter < meterCount; meter++)
            {
                foreach (QuantityId q in quantities)
                {
                    window.Add(meter, new Reading(q, value(Quantities.KindOf(q)), Reading.MaxDecimals, time, quality));
                }
            }
        }

        private sealed class IdleSerialLink : Edge.Core.Platform.ISerialLink
        {
            public void Open(int baudRate, int dataBits, Edge.Core.Platform.SerialParity parity, int stopBits)
            {
            }

            public int Read(byte[] buffer, int offset, int count) => 0;

            public void Write(byte[] buffer, int offset, int count)
            {
            }
        }
    }
}
