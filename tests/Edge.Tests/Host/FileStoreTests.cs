using System;
using System.IO;
using System.Linq;
using Edge.Host.Platform;
using Xunit;

namespace Edge.Tests.Host
{
    public sealed class FileStoreTests : IDisposable
    {
        private readonly string _directory = Directory.CreateTempSubdirectory("edge-store-").FullName;

        [Fact]
        public void Replaces_a_file_and_leaves_no_temporary_behind()
        {
            var store = new FileStore(_directory);
            store.Write("config", [1, 2, 3, 4], 1, 2);
            store.Write("config", [9, 8, 7], 0, 3);

            var buffer = new byte[8];
            Assert.Equal(3, store.Read("config", buffer, 0));
            Assert.Equal(new byte[] { 9, 8, 7 }, buffer[..3]);
            Assert.Equal(3, store.Length("config"));
            Assert.Equal(new[] { "config" }, Directory.GetFiles(_directory).Select(f => Path.GetFileName(f)).ToArray());
        }

        [Fact]
        public void Reports_absent_files_as_minus_one()
        {
            var store = new FileStore(_directory);
            Assert.False(store.Exists("seq"));
            Assert.Equal(-1, store.Length("seq"));
            Assert.Equal(-1, store.Read("seq", new byte[4], 0));
            store.Delete("seq");
        }

        [Theory]
        [InlineData("../escape")]
        [InlineData("a/b")]
        [InlineData(".hidden")]
        [InlineData("")]
        public void Rejects_names_that_are_not_plain_file_names(string name)
        {
            var store = new FileStore(_directory);
            var error = Assert.Throws<ArgumentException>(() => store.Write(name, [1], 0, 1));
            Assert.Contains("plain file name", error.Message);
        }

        public void Dispose() => Directory.Delete(_directory, recursive: true);

        [Fact]
        public void Tells_the_free_and_total_space_of_its_file_system_for_the_self_test()
        {
            var store = new FileStore(_directory);
            var drive = new DriveInfo(_directory);

            Assert.InRange(store.FreeBytes, 1, store.TotalBytes);
            Assert.Equal(drive.TotalSize, store.TotalBytes);
            Assert.InRange(store.FreeBytes, drive.AvailableFreeSpace - (64L * 1024 * 1024), drive.AvailableFreeSpace + (64L * 1024 * 1024));
        }
    }
}
