using System;
using System.Collections.Generic;
using Edge.Core.Platform;

namespace Edge.Tests.Fakes
{
    internal sealed class MemoryStore : IStore
    {
        public Dictionary<string, byte[]> Files { get; } = new();

        public int Writes { get; private set; }

        public bool Exists(string name) => Files.ContainsKey(name);

        public int Length(string name) => Files.TryGetValue(name, out byte[]? data) ? data.Length : -1;

        public int Read(string name, byte[] buffer, int offset)
        {
            if (!Files.TryGetValue(name, out byte[]? data))
            {
                return -1;
            }

            int count = Math.Min(data.Length, buffer.Length - offset);
            Array.Copy(data, 0, buffer, offset, count);
            return count;
        }

        public void Write(string name, byte[] data, int offset, int count)
        {
            Writes++;
            Files[name] = data.AsSpan(offset, count).ToArray();
        }

        public void Delete(string name) => Files.Remove(name);
    }
}
