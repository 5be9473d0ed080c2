using System;
using System.Collections.Generic;
using Edge.Core.Platform;
using Xunit;

namespace Edge.Tests.Fakes
{
    /// <summary>The power cut a <see cref="CuttableFiles"/> raises.</summary>
    internal sealed class PowerCut : Exception
    {
    }

    /// <summary>Flat files in memory that can lose power after a number of mutating operations; a write cut
    /// leaves half its bytes, as a torn flash write does.</summary>
    internal sealed class CuttableFiles : IFlatFiles
    {
        private readonly SortedDictionary<string, byte[]> _files = new(StringComparer.Ordinal);
        private int _operationsLeft = int.MaxValue;

        public void CutAfter(int operations) => _operationsLeft = operations;

        public string[] Names() => new List<string>(_files.Keys).ToArray();

        public bool Exists(string path) => _files.ContainsKey(path);

        public int Length(string path) => _files[path].Length;

        public int Read(string path, byte[] buffer, int offset)
        {
            byte[] data = _files[path];
            int n = Math.Min(data.Length, buffer.Length - offset);
            Array.Copy(data, 0, buffer, offset, n);
            return n;
        }

        public void Write(string path, byte[] data, int offset, int count)
        {
            if (_operationsLeft-- <= 0)
            {
                _files[path] = data.AsSpan(offset, count / 2).ToArray();
                _operationsLeft = int.MaxValue;
                throw new PowerCut();
            }

            _files[path] = data.AsSpan(offset, count).ToArray();
        }

        public void Delete(string path)
        {
            Spend();
            _files.Remove(path);
        }

        public void Move(string from, string to)
        {
            Spend();
            Assert.False(_files.ContainsKey(to), "nanoFramework's File.Move refuses an existing destination");
            _files[to] = _files[from];
            _files.Remove(from);
        }

        private void Spend()
        {
            if (_operationsLeft-- <= 0)
            {
                // The power comes back for the next boot.
                _operationsLeft = int.MaxValue;
                throw new PowerCut();
            }
        }
    }
}
