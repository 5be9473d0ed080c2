using System;
using System.IO;
using Edge.Drivers.Tic;

namespace Edge.Host.Cli
{
    /// <summary>What the capture commands (decode, replay) share: reading the capture and naming the TIC mode.</summary>
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

        /// <summary>auto, historique or standard; on anything else writes why and returns false.</summary>
        public static bool TryParseMode(string? text, TextWriter error, out TicMode mode)
        {
            switch (text?.ToLowerInvariant())
            {
                case "auto": mode = TicMode.Auto; return true;
                case "historique": mode = TicMode.Historique; return true;
                case "standard": mode = TicMode.Standard; return true;
                default:
                    error.WriteLine($"--mode '{text}' is not a TIC mode; expected auto, historique or standard");
                    mode = TicMode.Auto;
                    return false;
            }
        }
    }
}
