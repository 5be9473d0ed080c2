using System;
using System.CommandLine;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace Edge.Host.Cli
{
    /// <summary>The `edge` command line: its commands, parsed with System.CommandLine.</summary>
    public static class EdgeCli
    {
        public static RootCommand Create(TextWriter output, TextWriter error, bool interactive, Func<Stream>? standardInput = null)
        {
            var root = new RootCommand("Edge: smart-grid edge node runtime, simulator and tools")
            {
                SimulateCommand.Create(output, error, interactive),
                DecodeCommand.Create(output, error, standardInput ?? Console.OpenStandardInput),
                ReplayCommand.Create(output, error, standardInput ?? Console.OpenStandardInput),
                ListenCommand.Create(output, error),
                RemoteSelfTestCommand.Create(output, error),
                ConfigCommand.Create(output, error),
                ProvisionCommand.Create(output, error, standardInput ?? Console.OpenStandardInput),
                RunCommand.Create(output, error),
                CaptureCommand.Create(output, error),
                I2cScanCommand.Create(output, error),
            };
            return root;
        }

        /// <summary>Runs the command line with the given writers; Ctrl-C cancels the running command. A command line
        /// that does not parse (or whose values are not allowed) runs nothing: one line on stderr, exit 2.</summary>
        public static Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, bool interactive, CancellationToken cancellation = default, Func<Stream>? standardInput = null)
        {
            RootCommand root = Create(output, error, interactive, standardInput);
            ParseResult parse = root.Parse(args);
            if (parse.Errors.Count > 0)
            {
                error.WriteLine(UsageMessage.Of(parse));
                return Task.FromResult(ExitCodes.Usage);
            }

            // Signals are handled by the caller (Program), which owns the process.
            var configuration = new InvocationConfiguration { Output = output, Error = error, ProcessTerminationTimeout = null };
            return parse.InvokeAsync(configuration, cancellation);
        }
    }
}
