using System;
using System.IO;

namespace Edge.Benchmarks
{
    /// <summary>Finds inputs in the repository: BenchmarkDotNet runs each benchmark from a generated project under bin/,
    /// so paths are resolved from the repository root (the folder holding Edge.sln), found by walking up.</summary>
    internal static class RepoFiles
    {
        public static string Root()
        {
            return FindUp(AppContext.BaseDirectory) ?? FindUp(Environment.CurrentDirectory)
                ?? throw new DirectoryNotFoundException("Edge.sln not found above " + AppContext.BaseDirectory + " nor " + Environment.CurrentDirectory);
        }

        private static string? FindUp(string? start)
        {
            string? dir = start;
            while (dir != null)
            {
                if (File.Exists(Path.Combine(dir, "Edge.sln")))
                {
                    return dir;
                }

                dir = Path.GetDirectoryName(dir.TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar));
            }

            return null;
        }

        public static byte[] TicFrame(string fileName)
        {
            return File.ReadAllBytes(Path.Combine(Root(), "tests", "Edge.Tests", "TestData", "tic", fileName));
        }

        /// <summary>A buffer holding <paramref name="copies"/> back-to-back copies of <paramref name="frame"/>.</summary>
        public static byte[] Repeat(byte[] frame, int copies)
        {
            byte[] stream = new byte[frame.Length * copies];
            for (int i = 0; i < copies; i++)
            {
                Buffer.BlockCopy(frame, 0, stream, i * frame.Length, frame.Length);
            }

            return stream;
        }
    }
}
