using System.IO;
using Edge.Core.Platform;

namespace Edge.Tests.Fakes
{
    /// <summary>A store over another that throws IOException, as a full or failing flash does, while told to.</summary>
    internal sealed class FailingStore : IStore
    {
        private readonly IStore _inner;

        public FailingStore(IStore inner)
        {
            _inner = inner;
        }

        public bool FailWrites { get; set; }

        public bool FailReads { get; set; }

        public bool FailDeletes { get; set; }

        /// <summary>When set, only calls about this file fail.</summary>
        public string? OnlyFile { get; set; }

        public int FailedCalls { get; private set; }

        public bool Exists(string name) => _inner.Exists(name);

        public int Length(string name)
        {
            Check(FailReads, name);
            return _inner.Length(name);
        }

        public int Read(string name, byte[] buffer, int offset)
        {
            Check(FailReads, name);
            return _inner.Read(name, buffer, offset);
        }

        public void Write(string name, byte[] data, int offset, int count)
        {
            Check(FailWrites, name);
            _inner.Write(name, data, offset, count);
        }

        public void Delete(string name)
        {
            Check(FailDeletes, name);
            _inner.Delete(name);
        }

        private void Check(bool fail, string name)
        {
            if (fail && (OnlyFile == null || OnlyFile == name))
            {
                FailedCalls++;
                throw new IOException("no space left on device");
            }
        }
    }
}
