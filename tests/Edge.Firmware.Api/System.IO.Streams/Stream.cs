// Declarations only (bodies throw): the part of nanoFramework.System.IO.Streams 1.1.96 the firmware calls, through
// FileStream. Confirmed in nanoframework/System.IO.Streams: System.IO.Streams/Stream.cs.
using System;

namespace System.IO
{
    public abstract class Stream : MarshalByRefObject, IDisposable
    {
        public abstract long Length { get; }

        public abstract int Read(byte[] buffer, int offset, int count);

        public abstract void Write(byte[] buffer, int offset, int count);

        public abstract void Flush();

        public void Dispose()
        {
            throw new NotImplementedException();
        }
    }
}
