using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace Edge.DeviceTests.Runner
{
    /// <summary>
    /// The launcher's result lines of one run set against the tests of the assembly: each expected test passed,
    /// failed, skipped (by itself, or because its class's [Setup] was skipped, as the launcher then runs nothing
    /// more of the class) or never reported, which counts as a failure: the interpreter exits 0 and prints nothing
    /// when a test crashes it, so a silent end is a failed run. A result for a name the assembly does not have,
    /// or a second result for the same name (the device restarted and ran again), is a failure too.
    /// </summary>
    internal sealed class RunReport
    {
        private readonly List<string> _expected;
        private readonly HashSet<string> _expectedSet;
        private readonly Dictionary<string, LauncherLine> _results = new(StringComparer.Ordinal);
        private readonly List<string> _problems = new();
        private readonly HashSet<string> _setups;

        public RunReport(IEnumerable<ExpectedTest> expected)
        {
            List<ExpectedTest> tests = expected.ToList();
            _expected = tests.Select(t => t.Id).Distinct(StringComparer.Ordinal).ToList();
            _expectedSet = new HashSet<string>(_expected, StringComparer.Ordinal);
            _setups = new HashSet<string>(tests.Where(t => t.Kind == ExpectedTest.Setup).Select(t => t.Id), StringComparer.Ordinal);
        }

        /// <summary>Every expected test has reported.</summary>
        public bool Complete => _expected.All(Settled);

        public int Passed { get; private set; }

        public int Failed { get; private set; }

        public int Skipped { get; private set; }

        /// <summary>Expected tests that never reported.</summary>
        public int Missing { get; private set; }

        /// <summary>Takes one line of the console; returns the result it held, if any.</summary>
        public LauncherLine? Take(string line)
        {
            LauncherLine? result = LauncherLine.Parse(line);
            if (result == null)
            {
                return null;
            }

            if (!_expectedSet.Contains(result.Id))
            {
                _problems.Add($"FAIL  {result.Id}: reported, but the assembly has no such test (a stale test list?)");
            }
            else if (_results.ContainsKey(result.Id))
            {
                _problems.Add($"FAIL  {result.Id}: reported twice (the device restarted and ran the tests again?)");
            }
            else
            {
                _results[result.Id] = result;
            }

            return result;
        }

        /// <summary>Writes one line per expected test, then the problems, then "N passed, N failed, N skipped";
        /// returns the exit code: 0 only when nothing failed, nothing is missing and there were tests.</summary>
        public int Write(TextWriter output)
        {
            Passed = Failed = Skipped = Missing = 0;
            foreach (string id in _expected)
            {
                if (_results.TryGetValue(id, out LauncherLine? r))
                {
                    switch (r.Outcome)
                    {
                        case LauncherOutcome.Passed:
                            Passed++;
                            output.WriteLine(r.ElapsedMs >= 0 ? $"PASS  {id} ({r.ElapsedMs.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture)} ms)" : $"PASS  {id}");
                            break;
                        case LauncherOutcome.Failed:
                            Failed++;
                            output.WriteLine($"FAIL  {id}: {r.Detail}");
                            break;
                        default:
                            Skipped++;
                            output.WriteLine($"SKIP  {id}: {r.Detail}");
                            break;
                    }
                }
                else if (SetupSkipped(id, out string reason))
                {
                    Skipped++;
                    output.WriteLine($"SKIP  {id}: not run, the class's [Setup] was skipped: {reason}");
                }
                else
                {
                    Missing++;
                    Failed++;
                    output.WriteLine($"FAIL  {id}: never reported (the run stopped before it: a crash, a reset or an exhausted heap)");
                }
            }

            foreach (string problem in _problems)
            {
                Failed++;
                output.WriteLine(problem);
            }

            if (_expected.Count == 0)
            {
                output.WriteLine("no tests expected: the assembly or the test list holds none");
                Failed++;
            }

            if (Missing > 0)
            {
                output.WriteLine($"{Missing} test(s) never reported");
            }

            output.WriteLine($"{Passed} passed, {Failed} failed, {Skipped} skipped");
            return Failed == 0 ? 0 : 1;
        }

        private bool Settled(string id) => _results.ContainsKey(id) || SetupSkipped(id, out _);

        /// <summary>True when a [Setup] of the test's class reported skipped (the launcher then runs nothing more of it).</summary>
        private bool SetupSkipped(string id, out string reason)
        {
            string cls = ClassOf(id);
            foreach (LauncherLine r in _results.Values)
            {
                if (r.Outcome == LauncherOutcome.Skipped && r.Id != id && ClassOf(r.Id) == cls && IsSetup(r.Id))
                {
                    reason = r.Detail;
                    return true;
                }
            }

            reason = string.Empty;
            return false;
        }

        private bool IsSetup(string id) => _setups.Contains(id);

        /// <summary>"Namespace.Class" of "Namespace.Class.Method.row".</summary>
        private static string ClassOf(string id)
        {
            int row = id.LastIndexOf('.');
            int method = row > 0 ? id.LastIndexOf('.', row - 1) : -1;
            return method > 0 ? id[..method] : id;
        }
    }
}
