using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;

namespace Edge.NanoGate
{
    /// <summary>
    /// MSBuild-style wildcards (*, ?, **) for Compile items and directory inputs. Build output folders
    /// (bin/, obj/) are skipped: generated AssemblyInfo and .NET-only files there are not portable sources.
    /// </summary>
    public static class SourceGlob
    {
        private static readonly string[] SkippedDirectories = { "bin", "obj" };

        public static bool HasWildcard(string path) => path.IndexOfAny(new[] { '*', '?' }) >= 0;

        /// <summary>Every *.cs file under the directory, recursively, in a stable order.</summary>
        public static IReadOnlyList<string> SourcesUnder(string directory)
        {
            return Expand(Path.Combine(Path.GetFullPath(directory), "**", "*.cs"));
        }

        /// <summary>Files matching an absolute pattern, e.g. /repo/firmware/Edge.Core/**/*.cs.</summary>
        public static IReadOnlyList<string> Expand(string pattern)
        {
            string normalized = pattern.Replace('\\', '/');
            string[] segments = normalized.Split('/');
            int firstWild = Array.FindIndex(segments, HasWildcard);
            string root = string.Join("/", segments.Take(firstWild));
            if (root.Length == 0)
            {
                root = "/";
            }

            if (!Directory.Exists(root))
            {
                return Array.Empty<string>();
            }

            Regex matcher = ToRegex(segments.Skip(firstWild).ToArray());
            string rootFull = Path.GetFullPath(root);
            return Directory.EnumerateFiles(rootFull, "*", SearchOption.AllDirectories)
                .Select(f => (Full: f, Relative: Path.GetRelativePath(rootFull, f).Replace('\\', '/')))
                .Where(f => !IsInSkippedDirectory(f.Relative) && matcher.IsMatch(f.Relative))
                .Select(f => f.Full)
                .OrderBy(f => f, StringComparer.Ordinal)
                .ToList();
        }

        private static bool IsInSkippedDirectory(string relative)
        {
            string[] parts = relative.Split('/');
            return parts.Take(parts.Length - 1).Any(p => SkippedDirectories.Contains(p, StringComparer.OrdinalIgnoreCase));
        }

        // "**" matches any number of directories (including none); "*" and "?" stay within one segment.
        private static Regex ToRegex(string[] segments)
        {
            StringBuilder regex = new StringBuilder("^");
            for (int i = 0; i < segments.Length; i++)
            {
                bool last = i == segments.Length - 1;
                if (segments[i] == "**")
                {
                    regex.Append(last ? ".*" : "(?:[^/]+/)*");
                    continue;
                }

                foreach (char c in segments[i])
                {
                    regex.Append(c == '*' ? "[^/]*" : c == '?' ? "[^/]" : Regex.Escape(c.ToString()));
                }

                if (!last)
                {
                    regex.Append('/');
                }
            }

            return new Regex(regex.Append('$').ToString(), RegexOptions.CultureInvariant);
        }
    }
}
