using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Edge.Drivers.Tic;
using Edge.Host.Cli;
using Edge.Host.Protocols.Tic;
using Edge.Tests.Fakes;
using Xunit;

namespace Edge.Tests.Host
{
    public sealed class ReplayCommandTests : IDisposable
    {
        private readonly string _directory = Directory.CreateTempSubdirectory("edge-replay-").FullName;

        private static string Vector(string name) => Path.Combine(AppContext.BaseDirectory, "TestData", "tic", name);

        [Fact]
        public async Task Replays_a_standard_frame_on_the_meters_own_clock()
        {
            (int exit, string output, string error) = await Run("replay", "--protocol", "tic", Vector("tic_std_1P_linky_lains_frame1.bin"));

            Assert.Equal(0, exit);
            JsonElement report = JsonDocument.Parse(Assert.Single(Lines(output))).RootElement;
            Assert.Equal(("PT15M", "2023-03-01T08:15:00Z", "synced"), (report.GetProperty("window").GetString(), report.GetProperty("start").GetString(), report.GetProperty("clock").GetString()));
            JsonElement values = report.GetProperty("meters")[0].GetProperty("values");
            Assert.Equal(11887649, values.GetProperty("totalActiveEnergyImport").GetProperty("last").GetInt64());
            Assert.Equal(230, values.GetProperty("phaseVoltage.L1").GetProperty("last").GetInt32());
            Assert.Contains("replay: 1 frames, 1 reports and 0 events published; tic: 38 valid groups, 0 rejected", error);
        }

        [Fact]
        public async Task Replays_every_one_minute_report_of_a_standard_meter_however_large()
        {
            // The recorded frame, then the same a minute later: the second window's report has every register's
            // delta and the coverage of every measure, over 2,048 bytes.
            byte[] frame = File.ReadAllBytes(Vector("tic_std_1P_linky_lains_frame1.bin"));
            string file = Path.Combine(_directory, "two-minutes.bin");
            File.WriteAllBytes(file, frame.Concat(Redated(frame, "H230301091834", "H230301091934")).ToArray());

            (int exit, string output, string error) = await Run("replay", "--protocol", "tic", "--window", "1m", file);

            Assert.Equal(0, exit);
            string[] lines = Lines(output);
            Assert.Equal(2, lines.Length);
            JsonElement second = JsonDocument.Parse(lines[1]).RootElement;
            Assert.Equal(("2023-03-01T08:19:00Z", 2), (second.GetProperty("start").GetString(), second.GetProperty("seq").GetInt32()));
            Assert.Equal(0, second.GetProperty("meters")[0].GetProperty("values").GetProperty("totalActiveEnergyImport").GetProperty("delta").GetInt64());
            Assert.InRange(lines[1].Length, 2049, 4096);
            Assert.Contains("replay: 2 frames, 2 reports and 0 events published", error);
        }

        [Fact]
        public async Task Replays_a_historique_capture_with_errors_by_frame_cadence()
        {
            (int exit, string output, string error) = await Run(
                "replay", "--protocol", "tic", "--window", "1m", "--start", "2026-11-25T20:00:00Z", Vector("tic_hist_3P_linky_lains_capture_rx_errors.bin"));

            Assert.Equal(0, exit);
            JsonElement report = JsonDocument.Parse(Assert.Single(Lines(output))).RootElement;

            // No meter clock in historique mode: the windows follow the line's pace from --start, flagged as unsynchronised.
            Assert.Equal(("2026-11-25T20:00:00Z", "unsynced"), (report.GetProperty("start").GetString(), report.GetProperty("clock").GetString()));
            JsonElement values = report.GetProperty("meters")[0].GetProperty("values");
            // Not one frame of this capture ends complete and valid, and only such a frame says whether the meter is
            // three-phase (ISOUSC is per phase): no subscribed power, rather than a wrong one.
            Assert.False(values.TryGetProperty("subscribedPower", out _));
            JsonElement register = values.GetProperty("activeEnergyImport.T1");
            Assert.InRange(register.GetProperty("last").GetInt64() - register.GetProperty("first").GetInt64(), 0, 100);
            Assert.Contains("tic: 304 valid groups", error);
        }

        [Fact]
        public async Task Replays_a_recorded_hour_into_settlement_intervals_whose_deltas_add_up()
        {
            // An hour of a simulated standard-mode meter, recorded as the UART would: frames back to back.
            DateTime start = Utc.At("2026-11-25T19:52:10Z");
            var meter = new SimulatedTicMeter(TicMode.Standard, t => 1500 + (500 * Math.Sin(t.Minute / 9.0)), start, 5_000_000, seed: 3);
            var capture = new List<byte>();
            for (DateTime t = start; t < start.AddHours(1); t = t.AddSeconds(1))
            {
                meter.AdvanceTo(t);
                capture.AddRange(meter.FrameAt(t));
            }

            string file = Path.Combine(_directory, "hour.bin");
            File.WriteAllBytes(file, capture.ToArray());

            (int exit, string output, _) = await Run("replay", "--protocol", "tic", "--window", "15m", file);

            Assert.Equal(0, exit);
            JsonElement[] reports = Lines(output).Select(l => JsonDocument.Parse(l).RootElement).Where(r => r.TryGetProperty("window", out _)).ToArray();
            Assert.Equal(
                new[] { "2026-11-25T19:45:00Z", "2026-11-25T20:00:00Z", "2026-11-25T20:15:00Z", "2026-11-25T20:30:00Z", "2026-11-25T20:45:00Z" },
                reports.Select(r => r.GetProperty("start").GetString()));
            JsonElement[] energy = reports.Select(r => r.GetProperty("meters")[0].GetProperty("values").GetProperty("totalActiveEnergyImport")).ToArray();
            long deltas = energy.Sum(e => e.GetProperty("delta").GetInt64());
            Assert.Equal(energy[^1].GetProperty("last").GetInt64() - energy[0].GetProperty("first").GetInt64(), deltas);
            Assert.InRange(deltas, 1450, 1550); // about 1.5 kW for an hour
        }

        [Theory]
        [InlineData("dsmr", "--protocol 'dsmr' is not supported; supported: tic, modbus or p1")]
        [InlineData("s0", "--protocol 's0' is not supported")]
        public async Task Says_which_protocols_it_can_replay(string protocol, string message)
        {
            (int exit, _, string error) = await Run("replay", "--protocol", protocol, Vector("tic_std_1P_linky_lains_frame1.bin"));
            Assert.Equal(2, exit);
            Assert.Contains(message, error);
        }

        [Fact]
        public async Task Says_it_could_not_connect_to_an_unreachable_broker_and_why()
        {
            int port = Edge.Host.Broker.EmbeddedBroker.FreeLoopbackPort();

            (int exit, string output, string error) = await Run("replay", "--protocol", "tic", "--broker", $"mqtt://127.0.0.1:{port}", Vector("tic_std_1P_linky_lains_frame1.bin"));

            Assert.Equal(1, exit);
            Assert.Equal(string.Empty, output);
            string[] lines = Lines(error.Replace("\r", string.Empty));
            Assert.Equal(2, lines.Length);
            Assert.StartsWith("replay: 1 frames, 0 reports and 0 events published, 1 not delivered; tic: 38 valid groups", lines[0]);
            Assert.Matches($@"^replay: could not connect to the broker at mqtt://127\.0\.0\.1:{port} \(\d+ attempts?\): Connection refused$", lines[1]);
        }

        /// <summary>The frame with its DATE group's horodate replaced and the group's checksum made anew
        /// (Enedis-NOI-CPT_54E section 5.3.6: the sum of label, separators, horodate and data, & 0x3F + 0x20).</summary>
        private static byte[] Redated(byte[] frame, string from, string to)
        {
            string text = System.Text.Encoding.ASCII.GetString(frame);
            string group = $"DATE\t{from}\t\t";
            int at = text.IndexOf(group, StringComparison.Ordinal);
            Assert.True(at >= 0);
            string redated = $"DATE\t{to}\t\t";
            char checksum = (char)((redated.Sum(c => c) & 0x3F) + 0x20);
            string result = text[..at] + redated + checksum + text[(at + group.Length + 1)..];
            return System.Text.Encoding.ASCII.GetBytes(result);
        }

        public void Dispose() => Directory.Delete(_directory, recursive: true);

        private static string[] Lines(string output) => output.Split('\n', StringSplitOptions.RemoveEmptyEntries);

        private static async Task<(int, string, string)> Run(params string[] args)
        {
            var output = new StringWriter();
            var error = new StringWriter();
            int exit = await EdgeCli.RunAsync(args, output, error, interactive: false);
            return (exit, output.ToString(), error.ToString());
        }
    }
}
