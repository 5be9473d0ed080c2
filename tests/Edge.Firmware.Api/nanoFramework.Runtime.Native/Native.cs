// Declarations only (bodies throw): the part of nanoFramework.Runtime.Native 1.7.11 the firmware calls.
// Confirmed in nanoframework/nanoFramework.Runtime.Native: nanoFramework.Runtime.Native/GC.cs, Power.cs,
// System/Environment.cs (this assembly adds TickCount64 to System.Environment).
namespace nanoFramework.Runtime.Native
{
    public static class GC
    {
        public static uint Run(bool compactHeap)
        {
            throw new System.NotImplementedException();
        }
    }

    public class Power
    {
        public static void RebootDevice()
        {
            throw new System.NotImplementedException();
        }
    }
}

namespace System
{
    public static class Environment
    {
        public static long TickCount64
        {
            get { throw new NotImplementedException(); }
        }
    }
}
