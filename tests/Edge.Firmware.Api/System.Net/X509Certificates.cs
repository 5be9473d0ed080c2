// Declarations only (bodies throw): the part of nanoFramework.System.Net 1.11.54 the firmware calls.
// Confirmed in nanoframework/System.Net: nanoFramework.System.Net/X509Certificates/X509Certificate.cs and
// X509Certificate2.cs.
using System;

namespace System.Security.Cryptography.X509Certificates
{
    public class X509Certificate
    {
        public X509Certificate(byte[] certificate)
        {
            throw new NotImplementedException();
        }
    }

    public class X509Certificate2 : X509Certificate
    {
        public X509Certificate2(byte[] rawData, byte[] key, string password)
            : base(rawData)
        {
            throw new NotImplementedException();
        }
    }
}
