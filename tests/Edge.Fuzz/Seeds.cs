using System;
using System.IO;

namespace Edge.Fuzz
{
    /// <summary>The real files the targets are run with: the secrets and board profile that go with a fuzzed
    /// config.json, and the seed corpora (corpus/TARGET/), copied beside the harness at build time.</summary>
    public static class Seeds
    {
        public static string Folder(string target)
        {
            return Path.Combine(AppContext.BaseDirectory, "corpus", target);
        }

        public static byte[][] Corpus(string directory)
        {
            string[] files = Directory.GetFiles(directory);
            Array.Sort(files, StringComparer.Ordinal);
            byte[][] seeds = new byte[files.Length][];
            for (int i = 0; i < files.Length; i++)
            {
                seeds[i] = File.ReadAllBytes(files[i]);
            }

            return seeds;
        }

        public static byte[] Secrets()
        {
            return File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "corpus", "secrets.json"));
        }

        public static byte[] Board()
        {
            return File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "corpus", "board.json"));
        }
    }
}
