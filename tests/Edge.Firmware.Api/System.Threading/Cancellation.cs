// Declarations only (bodies throw): the part of nanoFramework.System.Threading 1.1.52 the firmware calls.
// Confirmed in nanoframework/System.Threading: nanoFramework.System.Threading/Threading/CancellationToken.cs and
// CancellationTokenSource.cs (mscorlib 1.17.11 has neither).
namespace System.Threading
{
    public struct CancellationToken
    {
    }

    public class CancellationTokenSource : IDisposable
    {
        public CancellationTokenSource(int millisecondsDelay)
        {
            throw new NotImplementedException();
        }

        public CancellationToken Token
        {
            get { throw new NotImplementedException(); }
        }

        public void Dispose()
        {
            throw new NotImplementedException();
        }
    }
}
