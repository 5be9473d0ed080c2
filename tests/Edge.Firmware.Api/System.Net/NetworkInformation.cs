// Declarations only (bodies throw): the part of nanoFramework.System.Net 1.11.54 the firmware calls.
// Confirmed in nanoframework/System.Net: nanoFramework.System.Net/IPAddress.cs and
// nanoFramework.System.Net/NetworkInformation/IPGlobalProperties.cs.
using System;

namespace System.Net
{
    public class IPAddress
    {
        public static readonly IPAddress Any = null;

        public bool Equals(IPAddress comparand)
        {
            throw new NotImplementedException();
        }

        public override bool Equals(object comparand)
        {
            throw new NotImplementedException();
        }

        public override int GetHashCode()
        {
            throw new NotImplementedException();
        }

        public override string ToString()
        {
            throw new NotImplementedException();
        }
    }
}

namespace System.Net.NetworkInformation
{
    public static class IPGlobalProperties
    {
        public static IPAddress GetIPAddress()
        {
            throw new NotImplementedException();
        }
    }
}
