// Declarations only (bodies throw): the part of nanoFramework.System.IO.FileSystem 1.1.93 the firmware calls.
// Confirmed in nanoframework/System.IO.FileSystem: System.IO.FileSystem/File.cs, FileStream.cs, FileMode.cs, FileAccess.cs.
using System;

namespace System.IO
{
    public static class File
    {
        public static bool Exists(string path)
        {
            throw new NotImplementedException();
        }

        public static void Delete(string path)
        {
            throw new NotImplementedException();
        }

        public static void Move(string sourceFileName, string destFileName)
        {
            throw new NotImplementedException();
        }
    }

    public class FileStream : Stream
    {
        public FileStream(string path, FileMode mode, FileAccess access)
        {
            throw new NotImplementedException();
        }

        public override long Length
        {
            get { throw new NotImplementedException(); }
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            throw new NotImplementedException();
        }

        public override void Write(byte[] buffer, int offset, int count)
        {
            throw new NotImplementedException();
        }

        public override void Flush()
        {
            throw new NotImplementedException();
        }
    }

    public enum FileMode
    {
        CreateNew = 1,
        Create = 2,
        Open = 3,
        OpenOrCreate = 4,
        Truncate = 5,
        Append = 6,
    }

    [Flags]
    public enum FileAccess
    {
        Read = 1,
        Write = 2,
        ReadWrite = 3,
    }
}
