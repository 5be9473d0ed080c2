// Declarations only (bodies throw): the part of nanoFramework.Networking.Sntp 1.6.42 the firmware calls.
// Confirmed in nanoframework/nanoFramework.Networking.Sntp: nanoFramework.Networking.Sntp/Sntp.cs.
namespace nanoFramework.Networking
{
    public static class Sntp
    {
        public static string Server1
        {
            get { throw new System.NotImplementedException(); }
            set { throw new System.NotImplementedException(); }
        }

        public static string Server2
        {
            get { throw new System.NotImplementedException(); }
            set { throw new System.NotImplementedException(); }
        }

        public static void Start()
        {
            throw new System.NotImplementedException();
        }
    }
}
