#nullable disable
using Edge.Core.Aggregation;
using Edge.Core.Model;
using Edge.Core.Payloads;
using Edge.DeviceTests.Support;
using nanoFramework.TestFramework;

namespace Edge.DeviceTests.Payloads
{
    /// <summary>
    /// The payload encoders (edge-json, SenML RFC 8428, the FIWARE IoT Agent's JSON measure) write, on the device's
    /// number formatting, exactly the values computed by hand from one 15-minute window of two meters.
    /// </summary>
    [TestClass]
    public class EncoderTests
    {
        private static WindowAggregator _window;
        private static JsonWriter _writer;

        [Setup]
        public void Aggregate_the_window()
        {
            // Main meter: 500.1 W at 20:07:01, 610.2 W at :02, 480 W (uncertain) at :03; its register 4 210 006 Wh,
            // then 4 210 015 Wh. PV meter: -1200 W at :03. Closed at the window's end, 20:15:00.
            _window = new WindowAggregator(900, 2, 8);
            _window.Open(Day.At(20, 7, 0));
            _window.Add(0, new Reading(QuantityId.TotalActivePower, 5001, 1, Day.At(20, 7, 1), ReadingQuality.Good));
            _window.Add(0, new Reading(QuantityId.TotalActiveEnergyImport, 4210006, 0, Day.At(20, 7, 1), ReadingQuality.Good));
            _window.Add(0, new Reading(QuantityId.TotalActivePower, 6102, 1, Day.At(20, 7, 2), ReadingQuality.Good));
            _window.Add(0, new Reading(QuantityId.TotalActivePower, 480, 0, Day.At(20, 7, 3), ReadingQuality.Uncertain));
            _window.Add(0, new Reading(QuantityId.TotalActiveEnergyImport, 4210015, 0, Day.At(20, 7, 3), ReadingQuality.Good));
            _window.Add(1, new Reading(QuantityId.TotalActivePower, -1200, 0, Day.At(20, 7, 3), ReadingQuality.Good));
            _window.Close(_window.WindowEnd);
            _writer = new JsonWriter(new byte[2048]);
        }

        [TestMethod]
        public void Edge_json_carries_every_statistic_of_both_meters()
        {
            ReportHeader header = Header();

            int length = new EdgeJsonEncoder().Encode(header, _window, _writer);

            // Time-weighted by hand (a value holds 60 s at most): 500.1 W for 1 s, 610.2 W for 1 s, 480 W for 60 s:
            // (5001 + 6102 + 4800 * 60) / 62 = 4824.2, 482.42 W, covering 62 s of 900 (0.069). PV: -1200 W for 60 s
            // (0.067). minAt and maxAt are seconds from the window's start, 20:00:00.
            Assert.AreEqual(
                "{\"v\":1,\"node\":\"n-17\",\"seq\":42,\"window\":\"PT15M\",\"start\":\"2026-11-25T20:00:00Z\",\"end\":\"2026-11-25T20:15:00Z\",\"clock\":\"synced\"," +
                "\"meters\":[{\"id\":\"main\",\"values\":{" +
                "\"totalActivePower\":{\"u\":\"W\",\"n\":3,\"mean\":482.42,\"min\":480,\"minAt\":423,\"max\":610.2,\"maxAt\":422,\"cov\":0.069,\"last\":480,\"uncertain\":1}," +
                "\"totalActiveEnergyImport\":{\"u\":\"Wh\",\"n\":2,\"first\":4210006,\"delta\":9,\"last\":4210015}}}," +
                "{\"id\":\"pv\",\"values\":{\"totalActivePower\":{\"u\":\"W\",\"n\":1,\"mean\":-1200,\"min\":-1200,\"minAt\":423,\"max\":-1200,\"maxAt\":423,\"cov\":0.067,\"last\":-1200}}}]}",
                Text.Of(_writer.Buffer, length));
        }

        [TestMethod]
        public void Senml_gives_energy_in_joules_and_extremes_at_the_instant_they_occurred()
        {
            int length = new SenmlEncoder().Encode(Header(), _window, _writer);
            string json = Text.Of(_writer.Buffer, length);

            // Base time: the window's end, 2026-11-25T20:15:00Z = 1795637700 s since 1970 (RFC 8428: base time plus a record's time).
            Assert.AreEqual(0, json.IndexOf("[{\"bn\":\"urn:edge:n-17:\",\"bt\":1795637700,"));
            // Wh is not a SenML unit (RFC 8428 and RFC 8798 units): 4 210 015 Wh x 3600 = 15 156 054 000 J; delta 9 Wh = 32 400 J.
            Assert.IsTrue(Text.Contains(json, "{\"n\":\"main:totalActiveEnergyImport\",\"u\":\"J\",\"v\":15156054000}"), json);
            Assert.IsTrue(Text.Contains(json, "{\"n\":\"main:totalActiveEnergyImport:delta\",\"u\":\"J\",\"v\":32400}"), json);
            // Minimum 480 W at 20:07:03, 477 s before the base time; maximum 610.2 W at 20:07:02.
            Assert.IsTrue(Text.Contains(json, "{\"n\":\"main:totalActivePower:min\",\"u\":\"W\",\"t\":-477,\"v\":480}"), json);
            Assert.IsTrue(Text.Contains(json, "{\"n\":\"main:totalActivePower:max\",\"u\":\"W\",\"t\":-478,\"v\":610.2}"), json);
            Assert.IsTrue(Text.Contains(json, "{\"n\":\"pv:totalActivePower\",\"u\":\"W\",\"v\":-1200}"), json);
        }

        [TestMethod]
        public void Iota_json_gives_one_flat_measure_per_meter_in_the_data_models_units()
        {
            IotaJsonEncoder encoder = new IotaJsonEncoder();

            int main = encoder.Encode(_window, 0, _writer);
            // Energy in kWh (ThreePhaseAcMeasurement): 4 210 015 Wh = 4210.015 kWh; power: the time-weighted mean.
            Assert.AreEqual("{\"TimeInstant\":\"2026-11-25T20:15:00Z\",\"totalActiveEnergyImport\":4210.015,\"totalActivePower\":482.42}", Text.Of(_writer.Buffer, main));

            int pv = encoder.Encode(_window, 1, _writer);
            Assert.AreEqual("{\"TimeInstant\":\"2026-11-25T20:15:00Z\",\"totalActivePower\":-1200}", Text.Of(_writer.Buffer, pv));
        }

        [TestMethod]
        public void An_encoder_says_when_the_report_does_not_fit_its_buffer()
        {
            JsonWriter small = new JsonWriter(new byte[64]);

            Assert.AreEqual(-1, new IotaJsonEncoder().Encode(_window, 0, small));
            Assert.IsTrue(small.Overflowed);
        }

        private static ReportHeader Header()
        {
            ReportHeader header = new ReportHeader();
            header.NodeId = "n-17";
            header.Sequence = 42;
            header.ClockSynchronised = true;
            header.MeterIds = new string[] { "main", "pv" };
            return header;
        }
    }
}
