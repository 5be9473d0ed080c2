using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Xml.Linq;

namespace Edge.NanoGate
{
    /// <summary>
    /// Reads the &lt;Compile Include="..."/&gt; items of a shared-project .projitems file, the way the
    /// portable projects list their sources. Item conditions are ignored on purpose: the gate checks every
    /// source the shared project could contribute.
    /// </summary>
    public static class ProjitemsReader
    {
        private const string ThisFileDirectory = "$(MSBuildThisFileDirectory)";

        /// <summary>Full paths of the listed sources, in file order, without duplicates.</summary>
        public static IReadOnlyList<string> ReadCompileItems(string projitemsPath)
        {
            string fullPath = Path.GetFullPath(projitemsPath);
            if (!File.Exists(fullPath))
            {
                throw new GateUsageException("projitems file not found: " + projitemsPath);
            }

            string directory = Path.GetDirectoryName(fullPath) ?? Directory.GetCurrentDirectory();
            XDocument document;
            try
            {
                document = XDocument.Load(fullPath);
            }
            catch (System.Xml.XmlException e)
            {
                throw new GateUsageException("cannot read " + projitemsPath + ": " + e.Message);
            }

            List<string> files = new List<string>();
            foreach (XElement compile in document.Descendants().Where(e => e.Name.LocalName == "Compile"))
            {
                List<string> excluded = ExpandAll(compile.Attribute("Exclude")?.Value, directory, projitemsPath);
                foreach (string file in ExpandAll(compile.Attribute("Include")?.Value, directory, projitemsPath))
                {
                    if (!excluded.Contains(file, StringComparer.Ordinal))
                    {
                        files.Add(file);
                    }
                }

                // <Compile Remove="..."/> takes files back out, as MSBuild does for items already included.
                foreach (string removed in ExpandAll(compile.Attribute("Remove")?.Value, directory, projitemsPath))
                {
                    files.RemoveAll(f => string.Equals(f, removed, StringComparison.Ordinal));
                }
            }

            return files.Distinct(StringComparer.Ordinal).ToList();
        }

        private static List<string> ExpandAll(string? spec, string directory, string projitemsPath)
        {
            List<string> files = new List<string>();
            if (string.IsNullOrWhiteSpace(spec))
            {
                return files;
            }

            foreach (string raw in spec.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                files.AddRange(Expand(raw, directory, projitemsPath));
            }

            return files;
        }

        private static IEnumerable<string> Expand(string item, string directory, string projitemsPath)
        {
            // Shared projects are written on Windows: "$(MSBuildThisFileDirectory)Model\Reading.cs".
            string path = item.Replace(ThisFileDirectory, directory + "/", StringComparison.OrdinalIgnoreCase)
                .Replace('\\', '/');
            if (path.Contains("$(", StringComparison.Ordinal))
            {
                throw new GateUsageException(projitemsPath + ": unsupported MSBuild property in Compile item '" + item + "'");
            }

            if (!Path.IsPathRooted(path))
            {
                path = Path.Combine(directory, path);
            }

            if (SourceGlob.HasWildcard(path))
            {
                return SourceGlob.Expand(path);
            }

            string full = Path.GetFullPath(path);
            if (!File.Exists(full))
            {
                throw new GateUsageException(projitemsPath + ": listed source not found: " + full);
            }

            return new[] { full };
        }
    }
}
