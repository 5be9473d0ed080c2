using System;

namespace Edge.DeviceTests.Runner
{
    internal enum LauncherOutcome
    {
        Passed,
        Failed,
        Skipped,
    }

    /// <summary>
    /// One result line of nanoFramework.TestFramework's launcher (source/UnitTestLauncher/Program.cs, 3.0.77):
    /// <c>Test passed,&lt;Namespace&gt;.&lt;Class&gt;.&lt;Method&gt;.&lt;row&gt;,&lt;elapsed ticks&gt;</c>,
    /// <c>Test failed,&lt;name&gt;,&lt;message&gt;</c> or <c>Test skipped,&lt;name&gt;,&lt;message&gt;</c>. Split on
    /// the first two commas only: messages hold commas. Text before "Test " on the same line (a console prefix,
    /// noise after a reset) is ignored.
    /// </summary>
    internal sealed record LauncherLine(LauncherOutcome Outcome, string Id, string Detail)
    {
        private static readonly (string Prefix, LauncherOutcome Outcome)[] Prefixes =
        [
            ("Test passed,", LauncherOutcome.Passed),
            ("Test failed,", LauncherOutcome.Failed),
            ("Test skipped,", LauncherOutcome.Skipped),
        ];

        /// <summary>The result on <paramref name="line"/>, or null if it is not a result line.</summary>
        public static LauncherLine? Parse(string line)
        {
            // The earliest prefix on the line: a failure message may quote another result line.
            int at = -1;
            string prefix = string.Empty;
            LauncherOutcome outcome = LauncherOutcome.Passed;
            foreach ((string p, LauncherOutcome o) in Prefixes)
            {
                int i = line.IndexOf(p, StringComparison.Ordinal);
                if (i >= 0 && (at < 0 || i < at))
                {
                    (at, prefix, outcome) = (i, p, o);
                }
            }

            if (at < 0)
            {
                return null;
            }

            string rest = line[(at + prefix.Length)..].TrimEnd('\r', '\n');
            int comma = rest.IndexOf(',', StringComparison.Ordinal);
            string id = comma < 0 ? rest : rest[..comma];
            string detail = comma < 0 ? string.Empty : rest[(comma + 1)..];
            return id.Length == 0 ? null : new LauncherLine(outcome, id, detail);
        }

        /// <summary>The elapsed time of a passed test in milliseconds (the launcher prints DateTime ticks of 100 ns); -1 if unreadable.</summary>
        public double ElapsedMs =>
            long.TryParse(Detail, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out long ticks) ? ticks / 10000.0 : -1;
    }
}
