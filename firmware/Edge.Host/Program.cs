using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using Edge.Host.Cli;

namespace Edge.Host
{
    public static class Program
    {
        public static async Task<int> Main(string[] args)
        {
            // Ctrl-C and SIGTERM stop the running command cleanly (the node reports its open window, the
            // embedded broker closes) instead of killing the process.
            using var stop = new CancellationTokenSource();
            void Stop(PosixSignalContext context)
            {
                context.Cancel = true;
                stop.Cancel();
            }

            using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
            using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
            return await EdgeCli.RunAsync(args, Console.Out, Console.Error, interactive: !Console.IsErrorRedirected, stop.Token).ConfigureAwait(false);
        }
    }
}
