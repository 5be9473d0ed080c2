using System;

namespace Edge.NanoGate
{
    public static class Program
    {
        public static int Main(string[] args)
        {
            return GateCli.Run(args, Console.Out, Console.Error);
        }
    }
}
