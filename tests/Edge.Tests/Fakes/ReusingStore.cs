using System;
using System.Collections.Generic;
using Edge.Core.Platform;

namespace Edge.Tests.Fakes
{
    /// <summary>A store that keeps one buffer per file name and copies into it, so that its own allocations do not
    /// hide those of the code under test once every name was written once.</summary>
    internal sealed class ReusingStore : IStore
    {
        private readonly Dictionary<string, File> _files = new();
        private readonly int _largestFile;

        public ReusingStore(int largestFile)
        {
            _largestFile = largestFile;
        }

        public int Writes { get; private set; }

        public bool Exists(string name) => _files.TryGetValue(name, out File? file) && file.Length >= 0;

        public int Length(string name) => _files.TryGetValue(name, out File? file) ? file.Length : -1;

        public int Read(string name, byte[] buffer, int offset)
        {
            if (!_files.TryGetValue(name, out File? file) || file.Length < 0)
            {
                return -1;
            }

            int count = Math.Min(file.Length, buffer.Length - offset);
            Array.Copy(file.Data, 0, buffer, offset, count);
            return count;
        }

        public void Write(string name, byte[] data, int offset, int count)
        {
            if (!_files.TryGetValue(name, out File? file))
            {
                file = new File(new byte[_largestFile]);
                _files.Add(name, file);
            }

            Writes++;
            Array.Copy(data, offset, file.Data, 0, count);
            file.Length = count;
        }

        public void Delete(string name)
        {
            if (_files.TryGetValue(name, out File? file))
            {
                file.Length = -1;
            }
        }

        private sealed class File
        {
            public File(byte[] data)
            {
                Data = data;
            }

            public byte[] Data { get; }

            public int Length { get; set; } = -1;
        }
    }
}
