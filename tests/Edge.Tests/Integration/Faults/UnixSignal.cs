using System;
using System.ComponentModel;
using System.Runtime.InteropServices;

namespace Edge.Tests.Integration.Faults
{
    /// <summary>Sends a POSIX signal to a process (kill(2)): .NET can only SIGKILL one (Process.Kill).</summary>
    internal static class UnixSignal
    {
        /// <summary>Interrupt, as Ctrl-C sends: the edge CLI stops cleanly on it.</summary>
        public const int Interrupt = 2;

        /// <summary>SIGKILL: the process ends at once, nothing of it runs.</summary>
        public const int Kill = 9;

        /// <summary>SIGTERM: the orderly stop asked by init systems; mosquitto saves its database on it.</summary>
        public const int Terminate = 15;

        /// <summary>SIGUSR1: mosquitto writes its database on it. Its number differs between Linux (10) and the BSDs and macOS (30).</summary>
        public static int User1 => OperatingSystem.IsLinux() ? 10 : 30;

        public static void Send(int pid, int signal)
        {
            if (OperatingSystem.IsWindows())
            {
                throw new PlatformNotSupportedException("POSIX signals are not sent on Windows");
            }

            if (kill(pid, signal) != 0)
            {
                throw new Win32Exception(Marshal.GetLastPInvokeError(), $"kill({pid}, {signal}) failed");
            }
        }

        [DllImport("libc", SetLastError = true)]
        private static extern int kill(int pid, int sig);
    }
}
