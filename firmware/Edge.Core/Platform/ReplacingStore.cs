#nullable disable
using System;
using Edge.Core.Meters;

namespace Edge.Core.Platform
{
    /// <summary>
    /// <see cref="IStore"/> over a directory of <see cref="IFlatFiles"/> that cannot rename over an existing file. A
    /// write goes to "NAME.new", which is renamed "NAME.tmp" once complete and flushed; then the old "NAME" is
    /// deleted and "NAME.tmp" renamed to "NAME". A power cut at any step leaves the old content or the new one:
    /// before the first rename "NAME.new" is discarded (possibly torn); after it "NAME.tmp" is complete and wins.
    /// Every operation on a name first finishes or undoes a write cut short on it.
    /// </summary>
    public sealed class ReplacingStore : IStore, ICounterSource
    {
        private const string Incomplete = ".new";
        private const string Complete = ".tmp";

        private readonly IFlatFiles _files;
        private readonly string _directory;

        /// <summary>A store keeping its files in <paramref name="directory"/> (a path ending with the separator,
        /// e.g. "I:\\edge\\", which must exist).</summary>
        public ReplacingStore(IFlatFiles files, string directory)
        {
            _files = files;
            _directory = directory;
        }

        /// <summary>Writes cut short and finished at the next access (a complete "NAME.tmp" made "NAME").</summary>
        public long Recovered { get; private set; }

        /// <summary>Torn "NAME.new" files discarded at the next access: the write they held never happened.</summary>
        public long Discarded { get; private set; }

        /// <summary>Two counters: "recoveredWrites" and "discardedWrites".</summary>
        public int CounterCount
        {
            get { return 2; }
        }

        /// <summary>"recoveredWrites" for index 0, "discardedWrites" otherwise.</summary>
        public string CounterName(int index)
        {
            return index == 0 ? "recoveredWrites" : "discardedWrites";
        }

        /// <summary><see cref="Recovered"/> for index 0, <see cref="Discarded"/> otherwise.</summary>
        public long CounterValue(int index)
        {
            return index == 0 ? Recovered : Discarded;
        }

        /// <summary>True if a file of that name is stored.</summary>
        public bool Exists(string name)
        {
            string path = PathOf(name);
            Settle(path);
            return _files.Exists(path);
        }

        /// <summary>Length of the stored file in bytes, or -1 if absent.</summary>
        public int Length(string name)
        {
            string path = PathOf(name);
            Settle(path);
            return _files.Exists(path) ? _files.Length(path) : -1;
        }

        /// <summary>Reads the file into the buffer; returns the number of bytes read, or -1 if absent.</summary>
        public int Read(string name, byte[] buffer, int offset)
        {
            string path = PathOf(name);
            Settle(path);
            return _files.Exists(path) ? _files.Read(path, buffer, offset) : -1;
        }

        /// <summary>Replaces the file with the given bytes, atomically.</summary>
        public void Write(string name, byte[] data, int offset, int count)
        {
            string path = PathOf(name);
            Settle(path);
            string incomplete = path + Incomplete;
            string complete = path + Complete;
            _files.Write(incomplete, data, offset, count);
            _files.Move(incomplete, complete);
            _files.Delete(path);
            _files.Move(complete, path);
        }

        /// <summary>Removes the file; deleting an absent file is not an error.</summary>
        public void Delete(string name)
        {
            string path = PathOf(name);
            Settle(path);
            _files.Delete(path);
        }

        private void Settle(string path)
        {
            string incomplete = path + Incomplete;
            if (_files.Exists(incomplete))
            {
                _files.Delete(incomplete);
                Discarded++;
            }

            string complete = path + Complete;
            if (_files.Exists(complete))
            {
                // Renamed only once written in full: it holds the newest content, whether or not the old file
                // was deleted before the cut.
                _files.Delete(path);
                _files.Move(complete, path);
                Recovered++;
            }
        }

        private string PathOf(string name)
        {
            if (name == null || name.Length == 0 || name[0] == '.' || name.IndexOf('/') >= 0 || name.IndexOf('\\') >= 0
                || name.IndexOf(':') >= 0)
            {
                throw new ArgumentException("a plain file name is expected", "name");
            }

            return _directory + name;
        }
    }
}
