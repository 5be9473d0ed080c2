using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace Edge.NanoGate
{
    /// <summary>Turns CLI inputs (.projitems files, .cs files, directories) into the list of sources to compile.</summary>
    public static class InputResolver
    {
        public static IReadOnlyList<string> ResolveSources(IEnumerable<string> inputs)
        {
            List<string> sources = new List<string>();
            foreach (string input in inputs)
            {
                sources.AddRange(Resolve(input));
            }

            // Several projitems may share files; compiling one twice would give duplicate-definition errors.
            return sources.Distinct(StringComparer.Ordinal).ToList();
        }

        private static IEnumerable<string> Resolve(string input)
        {
            if (Directory.Exists(input))
            {
                return SourceGlob.SourcesUnder(input);
            }

            if (!File.Exists(input))
            {
                throw new GateUsageException("input not found: " + input);
            }

            if (input.EndsWith(".projitems", StringComparison.OrdinalIgnoreCase))
            {
                return ProjitemsReader.ReadCompileItems(input);
            }

            if (input.EndsWith(".cs", StringComparison.OrdinalIgnoreCase))
            {
                return new[] { Path.GetFullPath(input) };
            }

            throw new GateUsageException("unsupported input (expected .projitems, .cs or a directory): " + input);
        }
    }
}
