using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Edge.Core.Platform;
using Edge.Core.Setup;
using Edge.Drivers.Startup;
using Edge.Host.Gateway;
using Edge.Host.Platform;

namespace Edge.Host.Cli
{
    /// <summary>
    /// `edge run --config config.json`: the node on a Linux gateway's own hardware. The config, its secrets and its
    /// board profile are put in the --state directory and read from there by the device's <see cref="ConfigSource"/>
    /// (so a refused file falls back on the last good setup, as on the device), the node is composed by the same
    /// <see cref="NodeStartup"/> over <see cref="GatewayPlatform"/>, and its loop runs until Ctrl-C; the outbox and
    /// sequence numbers live in the state directory across runs.
    /// </summary>
    public static class RunCommand
    {
        /// <summary>The gateway's hardware for a GPIO chip number and the UARTs' serial devices.</summary>
        public delegate GatewayHardware HardwareFactory(int gpioChip, IReadOnlyDictionary<int, string> serialDevices);

        public static Command Create(TextWriter output, TextWriter error, HardwareFactory? hardware = null)
        {
            HardwareFactory open = hardware ?? GatewayHardware.Linux;
            var config = new Option<string>("--config") { Description = "The node's config.json (docs/configuration.md), as edge provision writes it", Required = true };
            config.Validators.Add(result =>
            {
                string? path = result.GetValueOrDefault<string>();
                if (path is not null && !File.Exists(path))
                {
                    result.AddError($"--config '{CliOptions.Printable(path)}' does not exist; expected a node's config.json");
                }
            });
            var secrets = new Option<string?>("--secrets") { Description = "The node's secrets.json (default: secrets.json beside the config, if there is one)" };
            secrets.Validators.Add(result =>
            {
                string? path = result.GetValueOrDefault<string?>();
                if (path is not null && !File.Exists(path))
                {
                    result.AddError($"--secrets '{CliOptions.Printable(path)}' does not exist; expected a node's secrets.json");
                }
            });
            var board = new Option<string?>("--board") { Description = "Board profile name (hardware/boards/NAME.json) or file (default: the config's \"board\")" };
            board.Validators.Add(result =>
            {
                string? name = result.GetValueOrDefault<string?>();
                if (name is not null && !BoardProfileFiles.TryLocate(name, out _, out string locateError))
                {
                    result.AddError(locateError);
                }
            });
            BrokerConnectionOptions broker = BrokerConnectionOptions.Create("Broker to publish to, e.g. mqtts://broker.example:8883 (default: the config's); each option below replaces the config's setting");
            var state = new Option<string?>("--state") { Description = "Directory of the node's store: setup files, outbox, sequence numbers (default: edge/<node-id> in the user's local data folder)" };
            state.Validators.Add(result =>
            {
                string? path = result.GetValueOrDefault<string?>();
                if (path is not null && (path.Length == 0 || File.Exists(path)))
                {
                    result.AddError($"--state '{CliOptions.Printable(path)}' is not a directory; expected a directory (created if missing)");
                }
            });
            Option<int> gpioChip = CliOptions.WholeNumber("--gpio-chip", "GPIO chip whose lines the config's GPIO numbers are (/dev/gpiochipN)", 0, 0, 63, "a GPIO chip number");
            var serial = new Option<string[]>("--serial")
            {
                Description = "Serial device of a UART, e.g. COM2=/dev/ttyUSB0 (the meter port, default) or COM3=/dev/ttyUSB1 (RS-485, default); repeatable",
                Arity = ArgumentArity.OneOrMore,
                AllowMultipleArgumentsPerToken = false,
            };
            serial.Validators.Add(result =>
            {
                foreach (string text in result.GetValueOrDefault<string[]>() ?? [])
                {
                    if (!TryParseSerial(text, out _, out _))
                    {
                        result.AddError($"--serial '{CliOptions.Printable(text)}' is not COMn=DEVICE; expected e.g. COM2=/dev/ttyUSB0");
                        return;
                    }
                }
            });

            var command = new Command("run", "Run the node of a config on this Linux gateway's serial ports, GPIO and I2C, publishing to the broker")
            {
                config, secrets, board, state, gpioChip, serial,
            };
            broker.AddTo(command, brokerImplied: true);
            command.SetAction(async (parse, cancellation) =>
            {
                var devices = new Dictionary<int, string>(GatewayHardware.DefaultSerialDevices);
                foreach (string text in parse.GetValue(serial) ?? [])
                {
                    TryParseSerial(text, out int comPort, out string path);
                    devices[comPort] = path;
                }

                var files = new SetupFileSet(parse.GetValue(config)!, parse.GetValue(secrets), parse.GetValue(board));
                return await RunAsync(files, parse.GetValue(state), broker.Read(parse), open(parse.GetValue(gpioChip), devices), output, error, cancellation).ConfigureAwait(false);
            });
            return command;
        }

        /// <summary>The run: returns the exit code once <paramref name="cancellation"/> fires (or at once on a refusal).</summary>
        public static async Task<int> RunAsync(SetupFileSet files, string? stateDirectory, BrokerConnectionChoice broker, GatewayHardware hardware, TextWriter output, TextWriter error, CancellationToken cancellation)
        {
            if (!files.TryRead(out byte[] config, out byte[]? secrets, out byte[] board, out string nodeId, out string problem))
            {
                error.WriteLine("run: " + problem);
                return problem.StartsWith("cannot read", StringComparison.Ordinal) ? ExitCodes.Failure : ExitCodes.InvalidSetup;
            }

            string directory = stateDirectory ?? StoreLocation.DefaultFor(nodeId).Directory!;
            FileStore store;
            try
            {
                Directory.CreateDirectory(directory);
                store = new FileStore(directory);
                store.Write(SetupFiles.Config, config, 0, config.Length);
                store.Write(SetupFiles.Board, board, 0, board.Length);
                if (secrets is null)
                {
                    store.Delete(SetupFiles.Secrets);
                }
                else
                {
                    store.Write(SetupFiles.Secrets, secrets, 0, secrets.Length);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                error.WriteLine($"run: cannot use the state directory {directory}: {e.Message}");
                return ExitCodes.Failure;
            }

            var log = new ConsoleLog(LogLevel.Info, output);
            var source = new ConfigSource(store, log);
            NodeSetup setup = source.Load();
            if (setup is null)
            {
                error.WriteLine($"run: no usable setup ({source.Problems.Count} problem(s) above); check it with edge config validate");
                return ExitCodes.InvalidSetup;
            }

            // The broker's files and credentials are checked before anything starts: a wrong one is the setup's.
            string setupDirectory = Path.GetDirectoryName(Path.GetFullPath(files.ConfigPath)) ?? ".";
            if (!GatewayBroker.TryResolve(setup, broker, setupDirectory, out _, out string brokerProblem))
            {
                error.WriteLine("run: " + brokerProblem);
                return ExitCodes.InvalidSetup;
            }

            using var platform = new GatewayPlatform(hardware, store, new SystemClock(), log, broker, setupDirectory);
            var startup = new NodeStartup(platform);
            if (!startup.Start(setup, source.Status == SetupStatus.LastGood))
            {
                if (platform.Refusal is not null)
                {
                    error.WriteLine("run: " + platform.Refusal);
                    return ExitCodes.DeviceUnavailable;
                }

                error.WriteLine("run: the node cannot start: " + startup.Failure);
                return ExitCodes.Failure;
            }

            log.Write(LogLevel.Info, "run", $"node {setup.Node.NodeId} running, state in {directory}; Ctrl-C stops it");
            while (!cancellation.IsCancellationRequested)
            {
                int delayMs = startup.Step();
                try
                {
                    await Task.Delay(Math.Max(1, delayMs), cancellation).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }

            // Everything the node keeps is written to the store as it happens (each file replaced whole): the
            // outbox's unsent readings are there for the next run; the broker is left cleanly.
            platform.Link?.Disconnect();
            log.Write(LogLevel.Info, "run", $"node {setup.Node.NodeId} stopped");
            output.Flush();
            return ExitCodes.Success;
        }

        /// <summary>"COM2=/dev/ttyUSB0" to (2, "/dev/ttyUSB0").</summary>
        public static bool TryParseSerial(string text, out int comPort, out string path)
        {
            comPort = 0;
            path = string.Empty;
            int equals = text.IndexOf('=', StringComparison.Ordinal);
            if (equals < 4 || !text.StartsWith("COM", StringComparison.OrdinalIgnoreCase) || equals == text.Length - 1
                || !int.TryParse(text.AsSpan(3, equals - 3), out comPort) || comPort < 1)
            {
                return false;
            }

            path = text[(equals + 1)..];
            return true;
        }
    }
}
