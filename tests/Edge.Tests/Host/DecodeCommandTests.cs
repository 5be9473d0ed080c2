using System;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using Edge.Host.Cli;
using Xunit;

namespace Edge.Tests.Host
{
    public class DecodeCommandTests
    {
        private static string Vector(string name) => Path.Combine(AppContext.BaseDirectory, "TestData", "tic", name);

        [Fact]
        public async Task Prints_one_json_object_per_valid_frame_with_fields_readings_and_meter_time()
        {
            (int exit, string output, string error) = await Run("decode", "--protocol", "tic", Vector("tic_std_1P_linky_lains_frame1.bin"));

            Assert.Equal(0, exit);
            string line = Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            using JsonDocument json = JsonDocument.Parse(line);
            JsonElement frame = json.RootElement;
            Assert.Equal("tic", frame.GetProperty("protocol").GetString());
            Assert.Equal("standard", frame.GetProperty("mode").GetString());
            Assert.Equal("2023-03-01T08:18:34Z", frame.GetProperty("meterTime").GetString());
            JsonElement fields = frame.GetProperty("fields");
            Assert.Equal("011887649", fields.GetProperty("EAST").GetString());
            Assert.Equal("      BASE      ", fields.GetProperty("NGTF").GetString());
            Assert.Equal("00", fields.GetProperty("NJOURF+1").GetString());
            Assert.Equal("2023-03-01T05:52:53Z", frame.GetProperty("fieldTimes").GetProperty("SMAXSN").GetString());
            Assert.Equal("enabledSecured", frame.GetProperty("status").GetProperty("euridis").GetString());
            Assert.Contains("\"NJOURF+1\"", line);

            var readings = frame.GetProperty("readings").EnumerateArray()
                .Select(r => (r.GetProperty("quantity").GetString(), r.GetProperty("value").GetDecimal(), r.GetProperty("unit").GetString()))
                .ToArray();
            Assert.Contains(("totalActiveEnergyImport", 11887649m, "Wh"), readings);
            Assert.Contains(("phaseVoltage.L1", 230m, "V"), readings);
            Assert.Contains(("subscribedPower", 4000m, "VA"), readings);
            Assert.Contains(("totalApparentPower", 240m, "VA"), readings);

            Assert.Equal(
                "tic: 1 frames (1 complete and valid, 0 aborted, 0 cut, 0 stray bytes); 38 valid groups, 0 rejected (checksum 0, framing 0, overflow 0, value 0); " +
                "0 unknown labels, 0 bad values; 0 frames without total, 0 register values held back, 0 registers rebased",
                error.Trim());
        }

        [Fact]
        public async Task Omits_meter_identifiers_by_default()
        {
            (_, string output, _) = await Run("decode", "--protocol", "tic", Vector("tic_std_1P_linky_lains_frame1.bin"));
            Assert.DoesNotContain("ADSC", output);
            Assert.DoesNotContain("PRM", output);
            Assert.DoesNotContain("064468368739", output);
            Assert.DoesNotContain("31051967533895", output);
        }

        [Fact]
        public async Task Pseudonymises_meter_identifiers_with_the_given_key()
        {
            const string key = "pilot-key-0123456789";
            (int exit, string output, _) = await Run("decode", "--protocol", "tic", "--meter-id", "pseudonymise", "--meter-id-key", key, Vector("tic_std_1P_linky_lains_frame1.bin"));

            Assert.Equal(0, exit);
            JsonElement fields = JsonDocument.Parse(output).RootElement.GetProperty("fields");
            string expected = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), Encoding.ASCII.GetBytes("064468368739")), 0, 16);
            Assert.Equal(expected, fields.GetProperty("ADSC").GetString());
            Assert.DoesNotContain("31051967533895", output);
        }

        [Fact]
        public async Task Shows_meter_identifiers_in_clear_when_asked()
        {
            (_, string output, _) = await Run("decode", "--protocol", "tic", "--meter-id", "clear", Vector("tic_hist_1P_HC_pyteleinfo_VALID_FRAME.bin"));
            Assert.Equal("050022120078", JsonDocument.Parse(output).RootElement.GetProperty("fields").GetProperty("ADCO").GetString());
        }

        [Fact]
        public async Task Reads_a_capture_from_standard_input()
        {
            byte[] capture = File.ReadAllBytes(Vector("tic_hist_1P_tempo_BBR_pyteleinfo_frame1.bin"));
            (int exit, string output, _) = await Run(["decode", "--protocol", "tic", "--mode", "historique", "-"], new MemoryStream(capture));

            Assert.Equal(0, exit);
            Assert.Equal("historique", JsonDocument.Parse(output).RootElement.GetProperty("mode").GetString());
        }

        [Fact]
        public async Task Summarises_rejected_groups_by_cause_on_stderr()
        {
            (int exit, string output, string error) = await Run("decode", "--protocol", "tic", Vector("tic_hist_3P_linky_lains_capture_rx_errors.bin"));

            // Every frame of this capture has a bad group, so none is written: the exit status says stdout is empty.
            Assert.Equal(3, exit);
            Assert.Equal(string.Empty, output);
            string[] lines = error.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(2, lines.Length);
            // The tty the capture went through swallowed every ETX (^C): each frame is cut by the next STX. Where
            // a STX was lost too, two frames run into one that carries BASE twice with two values: one bad value.
            Assert.Matches(
                @"^tic: 26 frames \(0 complete and valid, 0 aborted, 25 cut, \d+ stray bytes\); 304 valid groups, \d+ rejected \(checksum \d+, framing \d+, overflow 0, value 0\); " +
                @"1 unknown labels, 1 bad values; 0 frames without total, 0 register values held back, 0 registers rebased$",
                lines[0]);
            Assert.Matches(@"^decode: no complete valid TIC frame in '.*tic_hist_3P_linky_lains_capture_rx_errors\.bin' \(\d+ bytes, --mode auto\)$", lines[1]);
        }

        [Theory]
        [InlineData("tic_hist_1P_HC_pyteleinfo_VALID_FRAME.bin", "standard", "11 groups are valid with SP between their fields, as in historique mode: try --mode historique (or auto)")]
        [InlineData("tic_std_1P_linky_lains_frame1.bin", "historique", "38 groups are valid with HT between their fields, as in standard mode: try --mode standard (or auto)")]
        public async Task Exits_3_and_names_the_mode_the_separators_show_when_mode_is_wrong(string capture, string mode, string hint)
        {
            (int exit, string output, string error) = await Run("decode", "--protocol", "tic", "--mode", mode, Vector(capture));

            Assert.Equal(3, exit);
            Assert.Equal(string.Empty, output);
            string last = error.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries)[^1];
            Assert.StartsWith($"decode: no complete valid TIC frame in '{Vector(capture)}' (", last);
            Assert.EndsWith($" bytes, --mode {mode}); " + hint, last);
        }

        [Fact]
        public async Task Exits_3_and_says_nothing_was_valid_in_random_bytes()
        {
            var random = new Random(7);
            byte[] noise = new byte[4096];
            random.NextBytes(noise);

            (int exit, string output, string error) = await Run(["decode", "--protocol", "tic", "-"], new MemoryStream(noise));

            Assert.Equal(3, exit);
            Assert.Equal(string.Empty, output);
            Assert.EndsWith(
                "decode: no complete valid TIC frame in standard input (4096 bytes, --mode auto); no valid group in either mode: was the line read at 1200 baud (historique) or 9600 baud (standard), 7 data bits, even parity?" + Environment.NewLine,
                error);
        }

        [Theory]
        [InlineData("--protocol", "dsmr", "--protocol 'dsmr' is not supported")]
        [InlineData("--mode", "fast", "--mode 'fast' is not a TIC mode")]
        [InlineData("--meter-id", "hide", "--meter-id 'hide' is not a policy")]
        [InlineData("--meter-id", "pseudonymise", "--meter-id-key is missing: --meter-id pseudonymise needs a key of at least 16 characters")]
        public async Task Rejects_bad_options_naming_them(string option, string value, string message)
        {
            string[] args = option == "--protocol"
                ? ["decode", option, value, Vector("tic_std_1P_linky_lains_frame1.bin")]
                : ["decode", "--protocol", "tic", option, value, Vector("tic_std_1P_linky_lains_frame1.bin")];
            (int exit, _, string error) = await Run(args);
            Assert.Equal(2, exit);
            Assert.Contains(message, error);
        }

        [Fact]
        public async Task Says_plainly_when_the_file_does_not_exist()
        {
            (int exit, _, string error) = await Run("decode", "--protocol", "tic", "/nonexistent/capture.bin");
            Assert.Equal(2, exit);
            Assert.Equal("FILE '/nonexistent/capture.bin' does not exist; expected a capture file, or - for standard input" + Environment.NewLine, error);
        }

        private static Task<(int, string, string)> Run(params string[] args) => Run(args, null);

        private static async Task<(int, string, string)> Run(string[] args, Stream? input)
        {
            var output = new StringWriter();
            var error = new StringWriter();
            int exit = await EdgeCli.RunAsync(args, output, error, interactive: false, standardInput: input is null ? null : () => input);
            return (exit, output.ToString(), error.ToString());
        }
    }
}
