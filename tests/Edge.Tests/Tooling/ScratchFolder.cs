using System;
using System.IO;

namespace Edge.Tests.Tooling
{
    /// <summary>A fresh folder under the system's temporary folder for one test, removed with everything in it
    /// when the test is disposed.</summary>
    internal sealed class ScratchFolder : IDisposable
    {
        public ScratchFolder(string name)
        {
            Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), name + "-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(Path);
        }

        public string Path { get; }

        public void Dispose()
        {
            try
            {
                Directory.Delete(Path, recursive: true);
            }
            catch (IOException)
            {
                // A process a test started may still hold a file; the folder is in the temporary folder anyway.
            }
        }
    }
}
