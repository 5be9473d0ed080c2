// Declarations only (bodies throw): the part of nanoFramework.System.Net 1.11.54 the firmware calls.
// Confirmed in nanoframework/System.Net: nanoFramework.System.Net/SocketException.cs (namespace System.Net.Sockets,
// derived from Exception, ErrorCode). The firmware only tells it apart from other exceptions and reads its code, so
// its one published constructor, which takes a SocketError, is left out; the private one stops C# from adding a
// public constructor the package does not have.
using System;

namespace System.Net.Sockets
{
    public class SocketException : Exception
    {
        private SocketException()
        {
            throw new NotImplementedException();
        }

        public int ErrorCode
        {
            get { throw new NotImplementedException(); }
        }
    }
}
