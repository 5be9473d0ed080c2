using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using Edge.Core.Aggregation;
using Edge.Core.Payloads;
using Edge.Core.Model;
using Edge.Tests.Fakes;
using Xunit;

namespace Edge.Tests.Core
{
    public class SenmlEncoderTests
    {
        [Theory]
        [InlineData("rfc8428_ex1")]
        [InlineData("rfc8428_ex2")]
        [InlineData("rfc8428_ex4")]
        [InlineData("rfc8428_ex5")]
        [InlineData("rfc8428_ex6")]
        [InlineData("rfc8428_ex8")]
        // Example 7 is left out: its data value ("vd") is dropped by the working group's resolver, and data values
        // are not what these tests are about.
        public void The_resolver_of_these_tests_resolves_the_rfc_examples_as_the_rfc_does(string example)
        {
            string folder = Path.Combine(AppContext.BaseDirectory, "TestData", "senml");
            var pack = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, example + ".json"))).RootElement;
            var expected = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, example + ".resolved.json"))).RootElement;
            bool absoluteTimes = pack.EnumerateArray().Any(r => r.TryGetProperty("bt", out JsonElement bt) && bt.GetDouble() > 268_435_456);

            Resolved[] resolved = SenmlResolver.Resolve(pack, now: 0);

            Assert.Equal(expected.GetArrayLength(), resolved.Length);
            for (int i = 0; i < resolved.Length; i++)
            {
                JsonElement e = expected[i];
                Assert.Equal(e.GetProperty("n").GetString(), resolved[i].Name);
                Assert.Equal(e.TryGetProperty("u", out JsonElement u) ? u.GetString() : null, resolved[i].Unit);
                Assert.Equal(e.TryGetProperty("v", out JsonElement v) ? v.GetDecimal() : null, resolved[i].Value);
                if (absoluteTimes)
                {
                    Assert.Equal(e.GetProperty("t").GetDecimal(), resolved[i].Time);
                }
            }
        }

        [Fact]
        public void A_window_resolved_by_any_senml_consumer_gives_back_the_source_statistics()
        {
            WindowAggregator window = Window();
            var header = new ReportHeader { NodeId = "n1", Sequence = 7, ClockSynchronised = true, MeterIds = ["main"] };
            var writer = new JsonWriter(new byte[2048]);

            int length = new SenmlEncoder().Encode(header, window, writer);

            string json = Encoding.UTF8.GetString(writer.Buffer, 0, length);
            Resolved[] records = SenmlResolver.Resolve(JsonDocument.Parse(json).RootElement, now: 0);
            var byName = records.ToDictionary(r => r.Name);
            decimal end = new DateTimeOffset(Utc.At("2026-11-25T20:15:00Z")).ToUnixTimeSeconds();

            // Energy: Wh is not a SenML unit; the register and the window's delta come as J (x 3600).
            Assert.Equal(("J", 4210015m * 3600, end), Of(byName["urn:edge:n1:main:totalActiveEnergyImport"]));
            Assert.Equal(("J", 9m * 3600, end), Of(byName["urn:edge:n1:main:totalActiveEnergyImport:delta"]));

            // Power: the time-weighted mean at the window's end, min and max at the instant they occurred.
            QuantityStats power = window.Slot(0);
            Assert.Equal(("W", power.Mean(1) / (decimal)Math.Pow(10, power.Decimals + 1), end), Of(byName["urn:edge:n1:main:totalActivePower"]));
            Assert.Equal(("W", 480m, end - 477), Of(byName["urn:edge:n1:main:totalActivePower:min"]));
            Assert.Equal(("W", 610.2m, end - 478), Of(byName["urn:edge:n1:main:totalActivePower:max"]));

            // The power factor is a ratio: "/" in SenML; reactive energy (varh) has no SenML unit and is left out.
            Assert.Equal("/", byName["urn:edge:n1:main:powerFactor"].Unit);
            Assert.DoesNotContain(records, r => r.Name.Contains("reactive", StringComparison.Ordinal));
            Assert.StartsWith("[{\"bn\":\"urn:edge:n1:\",\"bt\":" + end + ",", json);
        }

        [Fact]
        public void Encoding_allocates_nothing()
        {
            WindowAggregator window = Window();
            var header = new ReportHeader { NodeId = "n1", Sequence = 7, ClockSynchronised = true, MeterIds = ["main"] };
            var writer = new JsonWriter(new byte[2048]);
            var encoder = new SenmlEncoder();
            encoder.Encode(header, window, writer);
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 500; i++)
            {
                encoder.Encode(header, window, writer);
            }

            Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        private static (string?, decimal?, decimal) Of(Resolved r) => (r.Unit, r.Value, r.Time);

        private static WindowAggregator Window()
        {
            var window = new WindowAggregator(900, 1, 8);
            window.Open(Utc.At("2026-11-25T20:07:00Z"));
            window.Add(0, new Reading(QuantityId.TotalActivePower, 5001, 1, Utc.At("2026-11-25T20:07:01Z"), ReadingQuality.Good));
            window.Add(0, new Reading(QuantityId.TotalActiveEnergyImport, 4210006, 0, Utc.At("2026-11-25T20:07:01Z"), ReadingQuality.Good));
            window.Add(0, new Reading(QuantityId.TotalActivePower, 6102, 1, Utc.At("2026-11-25T20:07:02Z"), ReadingQuality.Good));
            window.Add(0, new Reading(QuantityId.TotalActivePower, 480, 0, Utc.At("2026-11-25T20:07:03Z"), ReadingQuality.Good));
            window.Add(0, new Reading(QuantityId.TotalActiveEnergyImport, 4210015, 0, Utc.At("2026-11-25T20:07:03Z"), ReadingQuality.Good));
            window.Add(0, new Reading(QuantityId.PowerFactor, 97, 2, Utc.At("2026-11-25T20:07:03Z"), ReadingQuality.Good));
            window.Add(0, new Reading(QuantityId.ReactiveEnergyQ1, 1234, 0, Utc.At("2026-11-25T20:07:03Z"), ReadingQuality.Good));
            window.Close(window.WindowEnd);
            return window;
        }
    }

    /// <summary>A record after resolution (RFC 8428 section 4.6): full name, absolute time, unit, value.</summary>
    internal sealed record Resolved(string Name, decimal Time, string? Unit, decimal? Value);

    /// <summary>
    /// An RFC 8428 resolver written from section 4.6, independent of the encoder: base name + name, base time +
    /// time (times below 2^28 are relative to now), base unit when a record has none, base value + value, base
    /// fields carried to the following records.
    /// </summary>
    internal static class SenmlResolver
    {
        public static Resolved[] Resolve(JsonElement pack, decimal now)
        {
            string baseName = string.Empty;
            decimal baseTime = 0;
            string? baseUnit = null;
            decimal baseValue = 0;
            var records = new List<Resolved>();
            foreach (JsonElement record in pack.EnumerateArray())
            {
                if (record.TryGetProperty("bn", out JsonElement bn))
                {
                    baseName = bn.GetString()!;
                }

                if (record.TryGetProperty("bt", out JsonElement bt))
                {
                    baseTime = bt.GetDecimal();
                }

                if (record.TryGetProperty("bu", out JsonElement bu))
                {
                    baseUnit = bu.GetString();
                }

                if (record.TryGetProperty("bv", out JsonElement bv))
                {
                    baseValue = bv.GetDecimal();
                }

                string name = baseName + (record.TryGetProperty("n", out JsonElement n) ? n.GetString() : string.Empty);
                decimal time = baseTime + (record.TryGetProperty("t", out JsonElement t) ? t.GetDecimal() : 0);
                if (time < 268_435_456)
                {
                    time += now;
                }

                string? unit = record.TryGetProperty("u", out JsonElement u) ? u.GetString() : baseUnit;
                decimal? value = record.TryGetProperty("v", out JsonElement v) ? baseValue + v.GetDecimal() : null;
                records.Add(new Resolved(name, time, unit, value));
            }

            return records.ToArray();
        }
    }
}
