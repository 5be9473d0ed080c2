using System;
using System.IO;

namespace Edge.Host.Cli
{
    /// <summary>What the capture commands (decode, replay) share: reading the capture (their --protocol and --mode are <see cref="ProtocolOptions"/>).</summary>
    public static class CaptureInput
    {
        /// <summary>Reads a capture file, or standard input for "-"; on failure writes why and returns false.</summary>
        public static bool TryRead(string path, Func<Stream> standardInput, TextWriter error, out byte[] capture, out DateTime writtenUtc)
        {
            try
            {
                if (path == "-")
                {
                    using var memory = new MemoryStream();
                    standardInput().CopyTo(memory);
                    capture = memory.ToArray();
                    writtenUtc = DateTime.UtcNow;
                }
                else
                {
                    capture = File.ReadAllBytes(path);
                    writtenUtc = File.GetLastWriteTimeUtc(path);
                }

                return true;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                error.WriteLine($"cannot read '{path}': {e.Message}");
                capture = [];
                writtenUtc = default;
                return false;
            }
        }
    }
}
