using System;
using System.IO;

namespace Edge.NanoGate.Tests
{
    /// <summary>A throwaway directory of sample sources and projitems files, deleted after the test.</summary>
    internal sealed class TempTree : IDisposable
    {
        public TempTree()
        {
            Root = Path.Combine(Path.GetTempPath(), "edge-nanogate-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(Root);
        }

        public string Root { get; }

        public string Write(string relativePath, string text)
        {
            string path = Path.Combine(Root, relativePath.Replace('\\', '/'));
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, text);
            return path;
        }

        /// <summary>A shared-project items file in the format Visual Studio writes.</summary>
        public string WriteProjitems(string relativePath, params string[] includes)
        {
            string items = string.Concat(Array.ConvertAll(includes, i => "    <Compile Include=\"" + i + "\" />\n"));
            return Write(relativePath,
                "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
                + "<Project xmlns=\"http://schemas.microsoft.com/developer/msbuild/2003\">\n"
                + "  <PropertyGroup>\n    <MSBuildAllProjects>$(MSBuildAllProjects);$(MSBuildThisFileFullPath)</MSBuildAllProjects>\n  </PropertyGroup>\n"
                + "  <ItemGroup>\n" + items + "  </ItemGroup>\n</Project>\n");
        }

        public void Dispose()
        {
            try
            {
                Directory.Delete(Root, recursive: true);
            }
            catch (IOException)
            {
                // Best effort: a leftover temp folder must not fail a test.
            }
        }
    }
}
