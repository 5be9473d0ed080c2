using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Edge.Core.Model;
using Edge.Drivers.P1;
using Edge.Host.Broker;
using Edge.Host.Cli;
using Edge.Host.Platform;
using Edge.Host.Protocols;
using Edge.Host.Protocols.P1;
using Edge.Host.Simulation;
using Edge.Tests.Fakes;
using Edge.Tests.Integration;
using Xunit;

namespace Edge.Tests.Host
{
    /// <summary>DSMR P1 on the host tools: decode and replay of real telegrams, and the simulated meter behind a node.</summary>
    [Collection(BrokerCollection.Name)]
    public sealed class P1HostTests : IDisposable
    {
        private readonly BrokerFixture _broker;
        private readonly string _directory = Directory.CreateTempSubdirectory("edge-p1-").FullName;

        public P1HostTests(BrokerFixture broker) => _broker = broker;

        private static string Vector(string name) => Path.Combine(AppContext.BaseDirectory, "TestData", "dsmr", name);

        [Fact]
        public async Task Decodes_a_dsmr5_telegram_into_one_json_object_with_fields_meter_time_and_readings()
        {
            (int exit, string output, string error) = await Run("decode", "--protocol", "p1", Vector("dsmr_p1_v50_ndokter_ISk5_MT382_3phase_gas.txt"));

            Assert.Equal(0, exit);
            JsonElement telegram = JsonDocument.Parse(Assert.Single(Lines(output))).RootElement;
            Assert.Equal(("p1", 50, "2017-01-02T18:20:02Z"), (telegram.GetProperty("protocol").GetString(), telegram.GetProperty("version").GetInt32(), telegram.GetProperty("meterTime").GetString()));
            JsonElement fields = telegram.GetProperty("fields");
            Assert.Equal("000004.426*kWh", fields.GetProperty("1-0:1.8.1").GetString());
            Assert.Equal("0.48*A", fields.GetProperty("1-0:31.7.0").GetString());
            Assert.Equal(["170102161005W", "00000.107*m3"], fields.GetProperty("0-1:24.2.1").EnumerateArray().Select(v => v.GetString()));
            // Winter time: the gas meter's 16:10:05 local is 15:10:05 UTC.
            Assert.Equal("2017-01-02T15:10:05Z", telegram.GetProperty("fieldTimes").GetProperty("0-1:24.2.1").GetString());

            var readings = Readings(telegram);
            Assert.Contains(("totalActiveEnergyImport", 6825m, "Wh"), readings);
            Assert.Contains(("activeEnergyExport.T1", 2444m, "Wh"), readings);
            Assert.Contains(("activePower.L3", 142m, "W"), readings);
            Assert.Contains(("current.L1", 0.48m, "A"), readings);
            Assert.Contains(("phaseVoltage.L3", 229m, "V"), readings);
            Assert.Contains(("gasVolume", 0.107m, "m3"), readings);
            Assert.Equal(
                "p1 (dsmr5): 1 telegrams (1 valid, 0 rejected: crc 0, missing crc 0, truncated 0, line too long 0); 0 stray bytes; " +
                "0 unknown OBIS codes, 0 malformed lines, 0 malformed values, 0 malformed timestamps, 0 unmapped channels",
                error.Trim());
        }

        [Theory]
        [InlineData("dsmr_p1_emucs_fluvius_v171.txt", "dsmr5", "totalActiveEnergyImport", "15792")]
        [InlineData("dsmr_p1_sagemcom_t210_d_r_Wh_units.txt", "dsmr5", "totalActiveEnergyImport", "6545766")]
        [InlineData("dsmr_p1_unpadded_crc_3hexdigits.txt", "dsmr5", null, null)]
        [InlineData("dsmr_p1_v22_ndokter_no_crc.txt", "dsmr22", "gasVolume", "1.001")]
        public async Task Decodes_every_valid_reference_telegram(string file, string mode, string? quantity, string? value)
        {
            (int exit, string output, _) = await Run("decode", "--protocol", "p1", "--mode", mode, Vector(file));

            Assert.Equal(0, exit);
            JsonElement telegram = JsonDocument.Parse(Assert.Single(Lines(output))).RootElement;
            Assert.Equal("p1", telegram.GetProperty("protocol").GetString());
            if (quantity is not null)
            {
                Assert.Contains(Readings(telegram), r => r.Quantity == quantity && r.Value == decimal.Parse(value!, System.Globalization.CultureInfo.InvariantCulture));
            }
            else
            {
                Assert.NotEmpty(telegram.GetProperty("readings").EnumerateArray());
            }
        }

        [Fact]
        public async Task Exits_3_on_the_spec_example_whose_printed_crc_is_wrong_saying_why()
        {
            (int exit, string output, string error) = await Run("decode", "--protocol", "p1", Vector("dsmr_p1_v502_spec_example_printed_crc_EF2F_INVALID.txt"));

            Assert.Equal(3, exit);
            Assert.Equal(string.Empty, output);
            Assert.Contains("1 telegrams (0 valid, 1 rejected: crc 1,", error);
            Assert.EndsWith("(1071 bytes, --mode dsmr5); 1 telegrams failed their CRC: bytes were damaged on the line, or the capture was altered (line ends changed?)" + Environment.NewLine, error);
        }

        [Fact]
        public async Task Exits_3_on_a_dsmr22_telegram_read_as_dsmr5_and_names_the_mode()
        {
            (int exit, string output, string error) = await Run("decode", "--protocol", "p1", Vector("dsmr_p1_v22_ndokter_no_crc.txt"));

            Assert.Equal(3, exit);
            Assert.Equal(string.Empty, output);
            Assert.EndsWith("1 telegrams end with no CRC, as DSMR 2.2 and 3.0 ones do: try --mode dsmr22" + Environment.NewLine, error);
        }

        [Fact]
        public async Task Exits_3_on_random_bytes_asking_about_the_line()
        {
            var noise = new byte[4096];
            new Random(11).NextBytes(noise);
            for (int i = 0; i < noise.Length; i++)
            {
                // No '/' at all: nothing can start a telegram.
                noise[i] = noise[i] == (byte)'/' ? (byte)0 : noise[i];
            }

            (int exit, string output, string error) = await Run(["decode", "--protocol", "p1", "-"], noise);

            Assert.Equal(3, exit);
            Assert.Equal(string.Empty, output);
            Assert.EndsWith("decode: no complete valid DSMR P1 frame in standard input (4096 bytes, --mode dsmr5); no telegram start ('/') followed by its end ('!'): was the line read at 115200 baud 8N1 (DSMR 4/5) or 9600 7E1 (DSMR 2.2/3.0), with the meter's inverted signal inverted back?" + Environment.NewLine, error);
        }

        [Fact]
        public async Task Omits_equipment_identifiers_by_default_and_shows_them_when_asked()
        {
            const string id = "4B384547303034303436333935353037";
            (_, string omitted, _) = await Run("decode", "--protocol", "p1", Vector("dsmr_p1_v50_ndokter_ISk5_MT382_3phase_gas.txt"));
            (_, string clear, _) = await Run("decode", "--protocol", "p1", "--meter-id", "clear", Vector("dsmr_p1_v50_ndokter_ISk5_MT382_3phase_gas.txt"));

            Assert.DoesNotContain(id, omitted);
            Assert.DoesNotContain("0-0:96.1.1", omitted);
            Assert.DoesNotContain("3232323241424344313233343536373839", omitted);
            Assert.Equal(id, JsonDocument.Parse(clear).RootElement.GetProperty("fields").GetProperty("0-0:96.1.1").GetString());
        }

        [Fact]
        public async Task Replays_a_telegram_on_the_meters_own_clock()
        {
            (int exit, string output, string error) = await Run("replay", "--protocol", "p1", "--window", "1m", Vector("dsmr_p1_v50_ndokter_ISk5_MT382_3phase_gas.txt"));

            Assert.Equal(0, exit);
            JsonElement report = JsonDocument.Parse(Assert.Single(Lines(output))).RootElement;
            Assert.Equal(("2017-01-02T18:20:00Z", "synced"), (report.GetProperty("start").GetString(), report.GetProperty("clock").GetString()));
            JsonElement values = report.GetProperty("meters")[0].GetProperty("values");
            Assert.Equal(6825, values.GetProperty("totalActiveEnergyImport").GetProperty("last").GetInt64());
            Assert.Equal(244, values.GetProperty("totalActivePower").GetProperty("last").GetInt32());
            Assert.Equal("replay: 1 frames, 1 reports and 0 events published; p1: 1 telegrams, 1 valid, 0 rejected (crc 0, missing crc 0, truncated 0, line too long 0), 0 stray bytes", error.Trim());
        }

        [Fact]
        public async Task Replays_a_dsmr22_telegram_from_the_given_start_unsynchronised()
        {
            (int exit, string output, _) = await Run("replay", "--protocol", "p1", "--mode", "dsmr22", "--window", "1m", "--start", "2026-11-25T20:00:30Z", Vector("dsmr_p1_v22_ndokter_no_crc.txt"));

            Assert.Equal(0, exit);
            JsonElement report = JsonDocument.Parse(Assert.Single(Lines(output))).RootElement;
            Assert.Equal(("2026-11-25T20:00:00Z", "unsynced"), (report.GetProperty("start").GetString(), report.GetProperty("clock").GetString()));
            Assert.Equal(2002, report.GetProperty("meters")[0].GetProperty("values").GetProperty("totalActiveEnergyImport").GetProperty("last").GetInt64());
        }

        [Fact]
        public async Task Replays_a_recorded_hour_of_the_simulated_meter_into_intervals_whose_deltas_add_up()
        {
            // An hour of the simulated meter, recorded as the UART would: a telegram a second, one of them damaged.
            DateTime start = Utc.At("2026-11-25T19:52:10Z");
            var meter = new SimulatedP1Meter(t => 1500 + (500 * Math.Sin(t.Minute / 9.0)), start, 5_000_000, seed: 3);
            var capture = new List<byte>();
            for (DateTime t = start; t < start.AddHours(1); t = t.AddSeconds(1))
            {
                meter.AdvanceTo(t);
                byte[] telegram = meter.TelegramAt(t);
                if (t == start.AddMinutes(30))
                {
                    telegram[100] ^= 0x04;
                }

                capture.AddRange(telegram);
            }

            string file = Path.Combine(_directory, "hour.txt");
            File.WriteAllBytes(file, capture.ToArray());

            (int exit, string output, string error) = await Run("replay", "--protocol", "p1", "--window", "15m", file);

            Assert.Equal(0, exit);
            JsonElement[] reports = Lines(output).Select(l => JsonDocument.Parse(l).RootElement).Where(r => r.TryGetProperty("window", out _)).ToArray();
            Assert.Equal(
                new[] { "2026-11-25T19:45:00Z", "2026-11-25T20:00:00Z", "2026-11-25T20:15:00Z", "2026-11-25T20:30:00Z", "2026-11-25T20:45:00Z" },
                reports.Select(r => r.GetProperty("start").GetString()));
            Assert.All(reports, r => Assert.Equal("synced", r.GetProperty("clock").GetString()));
            JsonElement[] energy = reports.Select(r => r.GetProperty("meters")[0].GetProperty("values").GetProperty("totalActiveEnergyImport")).ToArray();
            long deltas = energy.Sum(e => e.GetProperty("delta").GetInt64());
            Assert.Equal(energy[^1].GetProperty("last").GetInt64() - energy[0].GetProperty("first").GetInt64(), deltas);
            Assert.InRange(deltas, 1450, 1550); // about 1.5 kW for an hour
            Assert.Contains("p1: 3600 telegrams, 3599 valid, 1 rejected (crc 1,", error);
        }

        [Fact]
        public void Simulated_telegrams_pass_the_drivers_crc_and_decode_to_the_meters_registers()
        {
            DateTime start = Utc.At("2026-07-01T10:00:00Z");
            var meter = new SimulatedP1Meter(_ => 2300, start, 4_210_000, seed: 4);
            meter.AdvanceTo(start.AddMinutes(7));
            byte[] telegram = meter.TelegramAt(start.AddMinutes(7));
            var decoder = new P1TelegramDecoder(acceptsNoCrc: false);
            var sink = new RecordingSink();

            Assert.Equal(1, decoder.ReadAll(telegram, 0, telegram.Length, start, sink, out P1Outcome outcome));
            Assert.Equal(P1Outcome.Valid, outcome);
            Assert.True(decoder.Telegram.HadCrc);
            Assert.Equal(P1Crc.Compute(telegram, 0, Array.IndexOf(telegram, (byte)'!') + 1), decoder.Telegram.Crc);
            Assert.Equal(start.AddMinutes(7), decoder.Telegram.MeterTime);
            Assert.Equal((0L, 0L, 0L), (decoder.Counters.UnknownObis, decoder.Counters.MalformedValues, decoder.Counters.MalformedTimestamps));
            Assert.Equal(meter.RegisterWh, decoder.Telegram.ReadingOf(QuantityId.TotalActiveEnergyImport, start).Value);
            Assert.Equal(2300, decoder.Telegram.ReadingOf(QuantityId.TotalActivePower, start).Value);
            Reading gas = decoder.Telegram.ReadingOf(QuantityId.GasVolume, start);
            Assert.Equal((long)Math.Floor(meter.GasReading.M3 * 1000), gas.Value * (long)Math.Pow(10, 3 - gas.Decimals));
            Assert.True(decoder.Telegram.TryChannelTime(1, out DateTime gasTime));
            Assert.Equal(start.AddMinutes(5), gasTime);

            // One bit flipped anywhere in the checked bytes: the CRC refuses the telegram.
            telegram[telegram.Length / 2] ^= 0x10;
            Assert.Equal(0, decoder.ReadAll(telegram, 0, telegram.Length, start, sink, out outcome));
            Assert.Equal(1, decoder.Counters.RejectedCrc);
        }

        [Fact]
        public async Task A_node_reading_the_simulated_meter_publishes_its_registers_gas_and_phases_through_the_broker()
        {
            var options = new SimulationOptions { NodeId = "it-p1", Meter = ProtocolRegistry.Meter("p1"), StartUtc = Utc.At("2026-12-01T10:00:00Z"), Seed = 5 };
            await using TopicRecorder recorder = await TopicRecorder.StartAsync(_broker, "edge/it-p1/readings");
            using var link = new MqttNetLink(_broker.Host, _broker.Port);
            var simulation = new NodeSimulation(options, link);

            simulation.Run(TimeSpan.FromMinutes(3));

            var messages = await recorder.WaitForAsync(3, TimeSpan.FromSeconds(20));
            JsonElement values = JsonDocument.Parse(messages[^1].Payload).RootElement.GetProperty("meters")[0].GetProperty("values");
            Assert.InRange(values.GetProperty("totalActiveEnergyImport").GetProperty("last").GetInt64(), simulation.RegisterWh - 5, simulation.RegisterWh);
            Assert.InRange(values.GetProperty("phaseVoltage.L2").GetProperty("last").GetDecimal(), 227m, 233m);
            Assert.True(values.TryGetProperty("gasVolume", out _));
            P1Meter driver = ((P1MeterRig)simulation.Meter).Meter;
            // A telegram a second while the driver holds Data Request up, every one valid.
            Assert.True(((P1MeterRig)simulation.Meter).Line.DataRequest);
            Assert.InRange(driver.Counters.TelegramsValid, 175, 181);
            Assert.Equal((0L, 0L), (driver.Counters.Rejected, driver.Counters.StrayBytes));
        }

        [Fact]
        public async Task Simulate_meter_p1_shows_the_reports_the_embedded_broker_received()
        {
            var output = new StringWriter();
            var error = new StringWriter();
            int port = EmbeddedBroker.FreeLoopbackPort();

            int exit = await EdgeCli.RunAsync(
                ["simulate", "--meter", "p1", "--speed", "600", "--duration", "3m", "--port", port.ToString(), "--store", "none"],
                TextWriter.Synchronized(output),
                TextWriter.Synchronized(error),
                interactive: false).WaitAsync(TimeSpan.FromSeconds(60));

            string text = output.ToString();
            Assert.True(exit == 0, $"exit {exit}: {error}");
            Assert.Contains("Edge simulator: node sim-0001, virtual DSMR 5 three-phase meter with gas on M-Bus channel 1, P1 port at 115200 baud 8N1, a telegram a second", text);
            Assert.Matches(@"edge/sim-0001/readings  seq 1  \d+ B  window PT1M .*  \[main\]  totalActiveEnergyImport first \d+ Wh", text);
            Assert.Matches(@"gasVolume first 3481\.2\d+ m3", text);
            Assert.Matches(@"stopped after 00:03:00 virtual: (\d+) reports published, \1 received by the watcher, 0 unsent", text);
        }

        public void Dispose() => Directory.Delete(_directory, recursive: true);

        private static (string? Quantity, decimal Value, string? Unit)[] Readings(JsonElement telegram) =>
            telegram.GetProperty("readings").EnumerateArray()
                .Select(r => (r.GetProperty("quantity").GetString(), r.GetProperty("value").GetDecimal(), r.GetProperty("unit").GetString()))
                .ToArray();

        private static string[] Lines(string output) => output.Split('\n', StringSplitOptions.RemoveEmptyEntries);

        private static Task<(int, string, string)> Run(params string[] args) => Run(args, null);

        private static async Task<(int, string, string)> Run(string[] args, byte[]? input)
        {
            var output = new StringWriter();
            var error = new StringWriter();
            int exit = await EdgeCli.RunAsync(args, output, error, interactive: false, standardInput: input is null ? null : () => new MemoryStream(input));
            return (exit, output.ToString(), error.ToString());
        }
    }
}
