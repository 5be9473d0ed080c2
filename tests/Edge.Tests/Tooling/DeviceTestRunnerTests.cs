using System;
using System.IO;
using System.Linq;
using Edge.DeviceTests.Runner;
using Xunit;

namespace Edge.Tests.Tooling
{
    /// <summary>
    /// edge-device-tests (tests/Edge.DeviceTests.Runner) on recorded launcher output (TestData/device-tests): it
    /// reports each device test and the totals, and fails the run on a failed test and on one that never reported,
    /// whatever the interpreter's exit status.
    /// </summary>
    public class DeviceTestRunnerTests
    {
        private const string W = "Edge.DeviceTests.Aggregation.WindowAggregatorTests.Aligns_windows_to_the_wall_clock_not_to_boot_time";
        private const string T = "Edge.DeviceTests.Tic.TicDamageTests";
        private const string E = "Edge.DeviceTests.Payloads.EncoderTests";

        private static readonly string Data = Path.Combine(AppContext.BaseDirectory, "TestData", "device-tests");

        [Fact]
        public void A_passing_run_reports_every_test_with_its_time_and_exits_zero()
        {
            (int code, string[] lines) = Run("passing.log");

            Assert.Equal(0, code);
            Assert.Equal(14, lines.Count(l => l.StartsWith("PASS  ", StringComparison.Ordinal)));
            Assert.Contains($"PASS  {W}.0 (0.1 ms)", lines); // 1240 ticks of 100 ns
            Assert.Contains($"PASS  {T}.Tolerates_the_parity_bit_left_in_bit_7_by_an_8N1_uart.0 (205.1 ms)", lines);
            Assert.Equal("14 passed, 0 failed, 0 skipped", lines[^1]);
        }

        [Fact]
        public void A_failing_test_is_reported_with_its_whole_message_and_fails_the_run()
        {
            (int code, string[] lines) = Run("failing.log");

            Assert.Equal(1, code);
            Assert.Contains($"FAIL  {W}.2: Assert.AreEqual failed. Expected:<11/25/2026 20:15:00>. Actual:<11/25/2026 20:00:00>. window end, first, second", lines);
            Assert.Contains($"FAIL  {E}.Iota_json_gives_one_flat_measure_per_meter_in_the_data_models_units.0: Exception was thrown: System.NullReferenceException", lines);
            Assert.Equal("12 passed, 2 failed, 0 skipped", lines[^1]);
        }

        [Fact]
        public void A_skipped_test_and_the_tests_of_a_skipped_setup_are_skipped_not_missing()
        {
            (int code, string[] lines) = Run("skipped.log");

            Assert.Equal(0, code);
            Assert.Contains($"SKIP  {W}.2: no double precision on this firmware, skipped", lines);
            Assert.Contains($"SKIP  {T}.Load_the_vectors.0: vectors not deployed", lines);
            Assert.Contains($"SKIP  {T}.Resynchronises_after_a_frame_cut_in_the_middle.0: not run, the class's [Setup] was skipped: vectors not deployed", lines);
            Assert.Equal("8 passed, 0 failed, 6 skipped", lines[^1]);
        }

        [Fact]
        public void A_run_that_goes_silent_mid_way_fails_with_every_test_that_never_reported()
        {
            (int code, string[] lines) = Run("crashed.log");

            Assert.Equal(1, code);
            Assert.Contains("the output ended before every test reported", lines);
            string[] missing = lines.Where(l => l.EndsWith("never reported (the run stopped before it: a crash, a reset or an exhausted heap)", StringComparison.Ordinal)).ToArray();
            Assert.Equal(8, missing.Length);
            Assert.Equal($"FAIL  {T}.A_fixed_mode_rejects_the_other_modes_groups_as_framing_errors.0: never reported (the run stopped before it: a crash, a reset or an exhausted heap)", missing[0]);
            Assert.Contains("8 test(s) never reported", lines);
            Assert.Equal("6 passed, 8 failed, 0 skipped", lines[^1]);
        }

        [Fact]
        public void A_process_that_exits_zero_after_a_crash_still_fails_the_run()
        {
            // nanoCLR exits 0 after an uncaught exception: the process's status says nothing, the missing tests do.
            string log = Path.Combine(Data, "crashed.log");
            (int code, string[] lines) = Launch("--tests", Path.Combine(Data, "tests.txt"), "--", "sh", "-c", $"cat '{log}'; exit 0");

            Assert.Equal(1, code);
            Assert.Equal("6 passed, 8 failed, 0 skipped", lines[^1]);
        }

        [Fact]
        public void A_process_that_stays_silent_is_given_up_after_the_idle_time_and_stopped()
        {
            string log = Path.Combine(Data, "crashed.log");
            var clock = System.Diagnostics.Stopwatch.StartNew();

            (int code, string[] lines) = Launch("--tests", Path.Combine(Data, "tests.txt"), "--idle", "1", "--", "sh", "-c", $"cat '{log}'; exec sleep 60");

            Assert.Equal(1, code);
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"took {clock.Elapsed}");
            Assert.Contains("nothing printed for 1 s (--idle): the device is silent before every test reported", lines);
            Assert.Equal("6 passed, 8 failed, 0 skipped", lines[^1]);
        }

        [Fact]
        public void Stops_reading_a_process_once_every_test_reported()
        {
            string log = Path.Combine(Data, "passing.log");

            (int code, string[] lines) = Launch("--tests", Path.Combine(Data, "tests.txt"), "--idle", "20", "--", "sh", "-c", $"cat '{log}'; exec sleep 60");

            Assert.Equal(0, code);
            Assert.Equal("14 passed, 0 failed, 0 skipped", lines[^1]);
        }

        [Fact]
        public void A_test_reported_twice_or_unknown_to_the_assembly_fails_the_run()
        {
            using var scratch = new ScratchFolder("device-log");
            string log = Path.Combine(scratch.Path, "restarted.log");
            File.WriteAllLines(log, File.ReadAllLines(Path.Combine(Data, "passing.log"))
                .Concat([$"Test passed,{W}.0,1200", "Test passed,Edge.DeviceTests.Gone.Removed_test.0,10"]));

            (int code, string[] lines) = Launch("--tests", Path.Combine(Data, "tests.txt"), "--file", log);

            Assert.Equal(1, code);
            Assert.Contains($"FAIL  {W}.0: reported twice (the device restarted and ran the tests again?)", lines);
            Assert.Contains("FAIL  Edge.DeviceTests.Gone.Removed_test.0: reported, but the assembly has no such test (a stale test list?)", lines);
            Assert.Equal("14 passed, 2 failed, 0 skipped", lines[^1]);
        }

        [Theory]
        [InlineData("Test passed,A.B.C.0,1200", "Passed", "A.B.C.0", "1200")]
        [InlineData("Test failed,A.B.C.3,Assert.IsTrue failed. a, b, c", "Failed", "A.B.C.3", "Assert.IsTrue failed. a, b, c")]
        [InlineData("Test skipped,A.B.C.0,", "Skipped", "A.B.C.0", "")]
        [InlineData("\u0000\u00ffTest passed,A.B.C.1,5\r", "Passed", "A.B.C.1", "5")]
        [InlineData("Test failed,A.B.C.2,Assert.AreEqual failed. Expected:<Test passed,X.Y.Z.0,1>. Actual:<>. ", "Failed", "A.B.C.2", "Assert.AreEqual failed. Expected:<Test passed,X.Y.Z.0,1>. Actual:<>. ")]
        public void Reads_a_launcher_line_splitting_on_the_first_two_commas(string line, string outcome, string id, string detail)
        {
            LauncherLine? parsed = LauncherLine.Parse(line);

            Assert.Equal(new LauncherLine(Enum.Parse<LauncherOutcome>(outcome), id, detail), parsed);
        }

        [Theory]
        [InlineData("Ready.")]
        [InlineData("Test passed,")]
        [InlineData("Testing passed,A.B.C.0,1")]
        public void Ignores_lines_that_are_not_results(string line) => Assert.Null(LauncherLine.Parse(line));

        [Fact]
        public void Refuses_a_command_line_without_a_source_or_without_the_tests_to_expect()
        {
            Assert.Equal(2, Launch("--file", Path.Combine(Data, "passing.log")).Code);
            Assert.Equal(2, Launch("--tests", Path.Combine(Data, "tests.txt")).Code);
            Assert.Equal(2, Launch("--tests", Path.Combine(Data, "tests.txt"), "--file", "x", "--serial", "/dev/null").Code);
            Assert.Equal(2, Launch("--tests", Path.Combine(Data, "tests.txt"), "--file", Path.Combine(Data, "passing.log"), "--idle", "0").Code);
        }

        private static (int Code, string[] Lines) Run(string log) =>
            Launch("--tests", Path.Combine(Data, "tests.txt"), "--file", Path.Combine(Data, log));

        private static (int Code, string[] Lines) Launch(params string[] args)
        {
            var output = new StringWriter();
            var error = new StringWriter();
            int code = Program.Run(args, output, error);
            return (code, output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
        }
    }
}
