using System;
using System.Text;
using System.Text.Json;
using Edge.Core.Aggregation;
using Edge.Core.Payloads;
using Edge.Core.Model;
using Edge.Core.Time;
using Edge.Tests.Fakes;
using Xunit;

namespace Edge.Tests.Core
{
    public class EdgeJsonEncoderTests
    {
        [Fact]
        public void Encodes_a_window_as_a_versioned_compact_report()
        {
            WindowAggregator window = TwoMeterWindow();
            var header = new ReportHeader { NodeId = "n-17", Sequence = 42, ClockSynchronised = true, MeterIds = ["main", "pv"] };
            var writer = new JsonWriter(new byte[1024]);

            int length = new EdgeJsonEncoder().Encode(header, window, writer);

            string json = Encoding.UTF8.GetString(writer.Buffer, 0, length);
            // Time-weighted by hand (the window is closed at its end; a value holds 60 s at most):
            // 500.1 W for 1 s, 610.2 W for 1 s, 480 W for 60 s -> (5001 + 6102 + 4800 * 60) / 62 = 4824.2 -> 482.42 W,
            // covering 62 s of 900 s (0.069). The PV meter: -1200 W held 60 s (0.067).
            Assert.Equal(
                "{\"v\":1,\"node\":\"n-17\",\"seq\":42,\"window\":\"PT15M\",\"start\":\"2026-11-25T20:00:00Z\",\"end\":\"2026-11-25T20:15:00Z\",\"clock\":\"synced\"," +
                "\"meters\":[{\"id\":\"main\",\"values\":{" +
                "\"totalActivePower\":{\"u\":\"W\",\"n\":3,\"mean\":482.42,\"min\":480,\"minAt\":423,\"max\":610.2,\"maxAt\":422,\"cov\":0.069,\"last\":480,\"uncertain\":1}," +
                "\"totalActiveEnergyImport\":{\"u\":\"Wh\",\"n\":2,\"first\":4210006,\"delta\":9,\"last\":4210015}}}," +
                "{\"id\":\"pv\",\"values\":{\"totalActivePower\":{\"u\":\"W\",\"n\":1,\"mean\":-1200,\"min\":-1200,\"minAt\":423,\"max\":-1200,\"maxAt\":423,\"cov\":0.067,\"last\":-1200}}}]}",
                json);
            using JsonDocument parsed = JsonDocument.Parse(json);
            Assert.Equal(42, parsed.RootElement.GetProperty("seq").GetInt64());
        }

        [Fact]
        public void Reports_the_delta_of_a_register_with_its_gap_rollovers_and_resets()
        {
            var window = new WindowAggregator(60, 1, 4);
            window.SetRegisterRule(new RegisterRule(0, QuantityId.TotalActiveEnergyImport, 1_000_000_000, 0));
            window.Open(Utc.At("2026-11-25T20:00:00Z"));
            window.Add(0, new Reading(QuantityId.TotalActiveEnergyImport, 999_999_998, 0, Utc.At("2026-11-25T20:00:10Z"), ReadingQuality.Good));
            window.Close(window.WindowEnd);
            window.Open(Utc.At("2026-11-25T20:05:00Z"));
            window.Add(0, new Reading(QuantityId.TotalActiveEnergyImport, 3, 0, Utc.At("2026-11-25T20:05:10Z"), ReadingQuality.Good));
            window.Add(0, new Reading(QuantityId.TotalActiveEnergyImport, 1, 0, Utc.At("2026-11-25T20:05:20Z"), ReadingQuality.Good));
            window.Close(window.WindowEnd);
            var header = new ReportHeader { NodeId = "n", Sequence = 2, ClockSynchronised = true, MeterIds = ["main"] };
            var writer = new JsonWriter(new byte[512]);

            int length = new EdgeJsonEncoder().Encode(header, window, writer);

            Assert.Contains(
                "\"totalActiveEnergyImport\":{\"u\":\"Wh\",\"n\":2,\"first\":3,\"delta\":5,\"deltaSince\":\"2026-11-25T20:00:10Z\",\"rollovers\":1,\"resets\":1,\"last\":1}",
                Encoding.UTF8.GetString(writer.Buffer, 0, length));
        }

        [Fact]
        public void A_compact_register_entry_without_a_delta_yet_carries_its_value()
        {
            var plan = new WindowPlan(new FixedWindowCalendar(900), null, StatisticSet.Compact);
            var window = new WindowAggregator(plan, 1, 4, WindowAggregator.DefaultMaxHoldMs);
            window.Open(Utc.At("2026-11-25T20:00:00Z"));
            window.Add(0, new Reading(QuantityId.TotalActiveEnergyImport, 4210015, 0, Utc.At("2026-11-25T20:14:59Z"), ReadingQuality.Good));
            window.Close(window.WindowEnd);
            var writer = new JsonWriter(new byte[512]);

            int length = new EdgeJsonEncoder().Encode(new ReportHeader { NodeId = "n", Sequence = 1, ClockSynchronised = true, MeterIds = ["main"] }, window, writer);

            Assert.Contains("\"totalActiveEnergyImport\":{\"last\":4210015}", Encoding.UTF8.GetString(writer.Buffer, 0, length));
        }

        [Fact]
        public void Leaves_out_meters_without_samples_and_flags_an_unsynchronised_clock()
        {
            var window = new WindowAggregator(60, 2, 4);
            window.Open(Utc.At("2026-11-25T20:00:00Z"));
            window.Add(1, new Reading(QuantityId.Temperature, 215, 1, Utc.At("2026-11-25T20:00:05Z"), ReadingQuality.Good));
            window.Close(window.WindowEnd);
            var header = new ReportHeader { NodeId = "n", Sequence = 1, ClockSynchronised = false, MeterIds = ["main", "cabinet"] };
            var writer = new JsonWriter(new byte[512]);

            int length = new EdgeJsonEncoder().Encode(header, window, writer);

            Assert.Equal(
                "{\"v\":1,\"node\":\"n\",\"seq\":1,\"window\":\"PT1M\",\"start\":\"2026-11-25T20:00:00Z\",\"end\":\"2026-11-25T20:01:00Z\",\"clock\":\"unsynced\"," +
                "\"meters\":[{\"id\":\"cabinet\",\"values\":{\"temperature\":{\"u\":\"Cel\",\"n\":1,\"mean\":21.5,\"min\":21.5,\"minAt\":5,\"max\":21.5,\"maxAt\":5,\"cov\":0.917,\"last\":21.5}}}]}",
                Encoding.UTF8.GetString(writer.Buffer, 0, length));
        }

        [Fact]
        public void Reports_minus_one_when_the_buffer_is_too_small()
        {
            var header = new ReportHeader { NodeId = "n-17", Sequence = 1, ClockSynchronised = true, MeterIds = ["main", "pv"] };
            Assert.Equal(-1, new EdgeJsonEncoder().Encode(header, TwoMeterWindow(), new JsonWriter(new byte[100])));
        }

        [Fact]
        public void Encoding_allocates_nothing()
        {
            WindowAggregator window = TwoMeterWindow();
            var header = new ReportHeader { NodeId = "n-17", Sequence = 1, ClockSynchronised = true, MeterIds = ["main", "pv"] };
            var writer = new JsonWriter(new byte[1024]);
            var encoder = new EdgeJsonEncoder();
            encoder.Encode(header, window, writer);
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 1000; i++)
            {
                header.Sequence = i;
                encoder.Encode(header, window, writer);
            }

            Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        private static WindowAggregator TwoMeterWindow()
        {
            var window = new WindowAggregator(900, 2, 8);
            window.Open(Utc.At("2026-11-25T20:07:00Z"));
            window.Add(0, new Reading(QuantityId.TotalActivePower, 5001, 1, Utc.At("2026-11-25T20:07:01Z"), ReadingQuality.Good));
            window.Add(0, new Reading(QuantityId.TotalActiveEnergyImport, 4210006, 0, Utc.At("2026-11-25T20:07:01Z"), ReadingQuality.Good));
            window.Add(0, new Reading(QuantityId.TotalActivePower, 6102, 1, Utc.At("2026-11-25T20:07:02Z"), ReadingQuality.Good));
            window.Add(0, new Reading(QuantityId.TotalActivePower, 480, 0, Utc.At("2026-11-25T20:07:03Z"), ReadingQuality.Uncertain));
            window.Add(0, new Reading(QuantityId.TotalActiveEnergyImport, 4210015, 0, Utc.At("2026-11-25T20:07:03Z"), ReadingQuality.Good));
            window.Add(1, new Reading(QuantityId.TotalActivePower, -1200, 0, Utc.At("2026-11-25T20:07:03Z"), ReadingQuality.Good));
            window.Close(window.WindowEnd);
            return window;
        }
    }
}
