using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;

namespace Edge.NanoGate
{
    /// <summary>
    /// Turns "type or member not found" compile errors into advice: most failures of portable code against
    /// nano mscorlib are a .NET API that simply is not there, and the fix is always the same substitute.
    /// </summary>
    public static class MissingApiHints
    {
        /// <summary>The CoreLibrary package version the gate checks against (mscorlib's assembly version).</summary>
        public const string Mscorlib = "nanoFramework mscorlib 1.17.11";

        // Diagnostics that mean "the API is not there": type/namespace/name/member not found, predefined type
        // or compiler-required member missing, generic use of a non-generic type, no LINQ query pattern,
        // await without an awaitable, async without Task.
        private static readonly HashSet<string> MissingApiIds = new HashSet<string>(StringComparer.Ordinal)
        {
            "CS0012", "CS0103", "CS0117", "CS0234", "CS0246", "CS0305", "CS0308", "CS0518", "CS0656",
            "CS1061", "CS1935", "CS1983", "CS4036", "CS1986", "CS0029", "CS8179",
        };

        private const string LinqHint = "LINQ is not available on nanoFramework; write the loop";

        // Ordered: the first entry one of whose keys matches a name in the message wins.
        private static readonly (string[] Keys, string Hint)[] Table =
        {
            (new[] { "System.Collections.Generic", "List", "Dictionary", "HashSet", "IEnumerable", "IList", "ICollection", "IReadOnlyList", "KeyValuePair", "SortedList", "LinkedList", "IEnumerator" },
                "System.Collections.Generic is not in " + Mscorlib + "; use ArrayList or arrays (the 1.x runtime runs no generic code)"),
            (new[] { "Hashtable", "Queue", "Stack" },
                "Hashtable/Queue/Stack are not in " + Mscorlib + " (they live in nanoFramework.System.Collections); use arrays or ArrayList"),
            (new[] { "Math", "MathF" },
                "System.Math is not in " + Mscorlib + " (it is the separate nanoFramework.System.Math package); write the integer arithmetic in portable code"),
            (new[] { "StringBuilder" },
                "StringBuilder is not in " + Mscorlib + " (it is in nanoFramework.System.Text); write into a reusable byte[]/char[] buffer or use string.Concat"),
            (new[] { "Encoding", "UTF8Encoding", "System.Text" },
                "System.Text (Encoding, StringBuilder) is not in " + Mscorlib + "; encode bytes by hand into a reusable byte[] buffer"),
            (new[] { "System.Linq", "Enumerable" },
                LinqHint),
            (new[] { "System.Threading.Tasks", "Task", "ValueTask", "GetAwaiter", "CancellationToken", "CancellationTokenSource", "AsyncVoidMethodBuilder", "AsyncTaskMethodBuilder", "IAsyncStateMachine" },
                "Task/async/CancellationToken are not in " + Mscorlib + "; use Thread, Timer or the cooperative Tick(now) loop"),
            (new[] { "Span", "ReadOnlySpan", "Memory", "ReadOnlyMemory", "MemoryExtensions" },
                "Span<T>/Memory<T> are not in " + Mscorlib + "; use SpanByte or byte[] with offset and length"),
            (new[] { "Enum.GetValues", "Enum.IsDefined", "Enum.GetNames", "Enum.GetName", "Enum.Parse", "Enum.TryParse" },
                "Enum has only ToString (the number) and HasFlag on nanoFramework; use a switch or a static array of the values"),
            (new[] { "DateTime.Now", "DateTime.Today", "TimeZoneInfo" },
                "nanoFramework DateTime is UTC only; use DateTime.UtcNow or the IClock seam and the portable time-zone rules"),
            (new[] { "System.Nullable" },
                "Nullable<T> (int?, etc.) is not in " + Mscorlib + " (it is generic); use a separate bool 'has value' flag or a sentinel"),
            (new[] { "System.Index", "System.Range" },
                "System.Index/System.Range (a[^1], a[1..]) are not in " + Mscorlib + "; use explicit indexes, Substring or Array.Copy"),
            (new[] { "DefaultInterpolatedStringHandler", "FormattableString" },
                "use string.Concat or string.Format with standard formats (D F G N X) only"),
            (new[] { "Regex", "System.Text.RegularExpressions" },
                "regular expressions are not in " + Mscorlib + "; parse by hand"),
            (new[] { "Stopwatch", "Environment" },
                "not in " + Mscorlib + "; use the IClock seam"),
            (new[] { "Tuple", "ValueTuple" },
                "tuples are generic types that are not in " + Mscorlib + "; return a small class or struct, or use out parameters"),
        };

        private static readonly Regex Quoted = new Regex("'([^']+)'", RegexOptions.CultureInvariant);
        private static readonly Regex TypeArguments = new Regex("<[^<>]*>", RegexOptions.CultureInvariant);
        private static readonly Regex Arity = new Regex("`[0-9]+", RegexOptions.CultureInvariant);

        /// <summary>A hint for the diagnostic, or null when it is not about a missing API.</summary>
        public static string? For(Diagnostic diagnostic)
        {
            if (!MissingApiIds.Contains(diagnostic.Id))
            {
                return null;
            }

            // "Could not find an implementation of the query pattern": a LINQ query expression.
            if (diagnostic.Id == "CS1935")
            {
                return LinqHint;
            }

            string message = diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture);
            List<string> names = CandidateNames(diagnostic.Id, message);
            foreach ((string[] keys, string hint) in Table)
            {
                if (names.Any(name => keys.Any(key => Matches(name, key))))
                {
                    return hint;
                }
            }

            // CS0029 (cannot convert) is in the set only for the Task/await cases above; on its own it is a plain bug.
            if (diagnostic.Id == "CS0029" || names.Count == 0)
            {
                return null;
            }

            // Could be a typo as well as a .NET-only API; say only what is certain.
            return "'" + names[0] + "' is declared neither in the portable sources nor in " + Mscorlib
                + " (their only reference); if it is a .NET API, the device does not have it";
        }

        // The names the message talks about, qualified where the message allows it:
        // CS0234 "'X' does not exist in the namespace 'N'" gives N.X; CS0117/CS1061 "'T' does not contain a
        // definition for 'M'" gives T.M, so keys like "Enum.GetValues" or "System.Text" can match.
        private static List<string> CandidateNames(string id, string message)
        {
            List<string> quoted = Quoted.Matches(message).Select(m => Normalize(m.Groups[1].Value)).ToList();
            List<string> names = new List<string>();
            if (id == "CS0234" && quoted.Count >= 2)
            {
                names.Add(quoted[1] + "." + quoted[0]);
            }
            else if ((id == "CS0117" || id == "CS1061") && quoted.Count >= 2)
            {
                names.Add(quoted[0] + "." + quoted[1]);
            }

            names.AddRange(quoted);
            return names;
        }

        // 'List<>', 'List<int>' and 'System.Collections.Generic.List`1' all mean List.
        private static string Normalize(string name)
        {
            string previous;
            do
            {
                previous = name;
                name = TypeArguments.Replace(name, string.Empty); // innermost first: List<List<int>>
            }
            while (!string.Equals(previous, name, StringComparison.Ordinal));

            return Arity.Replace(name, string.Empty);
        }

        // A key matches when its dotted parts appear, in a row, among the name's dotted parts:
        // "Task" matches "System.Threading.Tasks.Task.Run", "System.Text" matches "System.Text.Encoding".
        private static bool Matches(string name, string key)
        {
            string[] parts = name.Split('.');
            string[] keyParts = key.Split('.');
            for (int start = 0; start + keyParts.Length <= parts.Length; start++)
            {
                if (keyParts.Select((k, i) => string.Equals(parts[start + i], k, StringComparison.Ordinal)).All(b => b))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
