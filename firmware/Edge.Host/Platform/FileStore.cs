using System;
using System.IO;
using Edge.Core.Platform;

namespace Edge.Host.Platform
{
    /// <summary>
    /// <see cref="IStore"/> on a directory. Atomic replace: the bytes go to a temporary file that is flushed to
    /// disk, then renamed over the old one (rename is atomic on POSIX file systems and on NTFS).
    /// </summary>
    public sealed class FileStore : IStore, IStorageSpace
    {
        private readonly string _directory;

        public FileStore(string directory)
        {
            _directory = Path.GetFullPath(directory);
            Directory.CreateDirectory(_directory);
        }

        /// <summary>Free space of the file system the directory is on, for this user (the self-test's storage check).</summary>
        public long FreeBytes => new DriveInfo(_directory).AvailableFreeSpace;

        /// <summary>Size of the file system the directory is on.</summary>
        public long TotalBytes => new DriveInfo(_directory).TotalSize;

        public bool Exists(string name) => File.Exists(PathOf(name));

        public int Length(string name)
        {
            var info = new FileInfo(PathOf(name));
            return info.Exists ? checked((int)info.Length) : -1;
        }

        public int Read(string name, byte[] buffer, int offset)
        {
            string path = PathOf(name);
            if (!File.Exists(path))
            {
                return -1;
            }

            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            int total = 0;
            int read;
            while (offset + total < buffer.Length && (read = stream.Read(buffer, offset + total, buffer.Length - offset - total)) > 0)
            {
                total += read;
            }

            return total;
        }

        public void Write(string name, byte[] data, int offset, int count)
        {
            string path = PathOf(name);
            string temporary = path + ".tmp";
            using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                stream.Write(data, offset, count);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: true);
        }

        public void Delete(string name)
        {
            File.Delete(PathOf(name));
        }

        private string PathOf(string name)
        {
            if (string.IsNullOrEmpty(name) || name.IndexOfAny(['/', '\\']) >= 0 || name.StartsWith('.'))
            {
                throw new ArgumentException($"invalid store name '{name}': a plain file name is expected", nameof(name));
            }

            return Path.Combine(_directory, name);
        }
    }
}
