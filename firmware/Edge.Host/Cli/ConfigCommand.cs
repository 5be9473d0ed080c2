using System;
using System.CommandLine;
using System.IO;
using System.Text;
using Edge.Core.Setup;

namespace Edge.Host.Cli
{
    /// <summary>
    /// `edge config validate FILE [--secrets FILE] [--board NAME|FILE]`: reads a node's config.json, its secrets and
    /// its board profile with the node's own readers and prints every problem as `PATH: what is wrong (allowed:
    /// ...)`, or a summary of the node (id, board, network, broker, meters and their pins) when there is none.
    /// Exits with 4 when there are problems.
    /// </summary>
    public static class ConfigCommand
    {
        public static Command Create(TextWriter output, TextWriter error)
        {
            var file = new Argument<string>("FILE") { Description = "The node's config.json" };
            file.Validators.Add(result =>
            {
                string? path = result.GetValueOrDefault<string>();
                if (path is not null && !File.Exists(path))
                {
                    result.AddError($"FILE '{CliOptions.Printable(path)}' does not exist; expected a node's config.json");
                }
            });
            var secrets = new Option<string?>("--secrets")
            {
                Description = "The node's secrets.json (default: secrets.json beside FILE, if there is one)",
            };
            secrets.Validators.Add(result =>
            {
                string? path = result.GetValueOrDefault<string?>();
                if (path is not null && !File.Exists(path))
                {
                    result.AddError($"--secrets '{CliOptions.Printable(path)}' does not exist; expected a node's secrets.json");
                }
            });
            var board = new Option<string?>("--board")
            {
                Description = "Board profile name (hardware/boards/NAME.json) or file (default: the config's \"board\")",
            };
            board.Validators.Add(result =>
            {
                string? name = result.GetValueOrDefault<string?>();
                if (name is not null && !BoardProfileFiles.TryLocate(name, out _, out string locateError))
                {
                    result.AddError(locateError);
                }
            });

            var validate = new Command("validate", "Check a node's configuration, secrets and board pins; print every problem with its JSON path")
            {
                file, secrets, board,
            };
            validate.SetAction(parse => Validate(parse.GetValue(file)!, parse.GetValue(secrets), parse.GetValue(board), output, error));
            return new Command("config", "Work with a node's configuration files (docs/configuration.md)") { validate };
        }

        /// <summary>The check of `config validate`, printing to <paramref name="output"/>; returns the exit code.</summary>
        public static int Validate(string configPath, string? secretsPath, string? boardNameOrFile, TextWriter output, TextWriter error)
        {
            string? secretsFile = secretsPath ?? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(configPath)) ?? ".", SetupFiles.Secrets);
            if (secretsPath is null && !File.Exists(secretsFile))
            {
                secretsFile = null;
            }

            byte[] config;
            byte[]? secrets;
            try
            {
                config = File.ReadAllBytes(configPath);
                secrets = secretsFile is null ? null : File.ReadAllBytes(secretsFile);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                error.WriteLine($"config validate: {e.Message}");
                return ExitCodes.Failure;
            }

            var problems = new SetupProblems();
            NodeSetup setup = NodeSetupReader.Read(config, config.Length, secrets, secrets?.Length ?? 0, problems);
            string? boardName = boardNameOrFile ?? setup.Board;
            BoardProfile? profile = null;
            string boardPath = string.Empty;
            if (boardName is null)
            {
                error.WriteLine("config validate: no board profile: the config names none and --board is not given");
            }
            else if (!BoardProfileFiles.TryLocate(boardName, out boardPath, out string locateError))
            {
                error.WriteLine("config validate: " + locateError);
            }
            else
            {
                byte[] boardText = File.ReadAllBytes(boardPath);
                profile = BoardProfileReader.Read(boardText, boardText.Length, problems);
                if (profile is not null)
                {
                    PinPlanCheck.Apply(setup, profile, problems);
                }
            }

            string files = $"{configPath}{(secretsFile is null ? ", no secrets file" : ", " + secretsFile)}{(profile is null ? string.Empty : ", " + boardPath)}";
            if (problems.Count > 0)
            {
                for (int i = 0; i < problems.Count; i++)
                {
                    output.WriteLine(problems.At(i).ToString());
                }

                output.Flush();
                error.WriteLine($"config validate: {problems.Count} problem{(problems.Count == 1 ? string.Empty : "s")} in {files}");
                return ExitCodes.InvalidSetup;
            }

            if (profile is null)
            {
                error.WriteLine($"config validate: {configPath} reads good, but its pins could not be checked without the board profile");
                return ExitCodes.Failure;
            }

            output.Write(Summary(setup, profile));
            output.Flush();
            error.WriteLine($"config validate: valid ({files})");
            return ExitCodes.Success;
        }

        /// <summary>What a valid setup makes of the node, a line per item.</summary>
        public static string Summary(NodeSetup setup, BoardProfile board)
        {
            var text = new StringBuilder();
            NetworkSettings network = setup.Network;
            BrokerSettings broker = setup.Broker;
            text.AppendLine($"node {setup.Node.NodeId} on {board.Name} ({board.NanoFrameworkTarget}), topics {setup.Node.TopicPrefix}/{setup.Node.NodeId}/..., profile {setup.ProfileName}");
            text.AppendLine($"network {network.Kind}{(network.Ssid is null ? string.Empty : " \"" + network.Ssid + "\"")}, {(network.Address is null ? "DHCP" : network.Address)}, time from {string.Join(", ", network.NtpServers)}");
            text.AppendLine($"broker {(broker.Tls ? "mqtts" : "mqtt")}://{broker.Host}:{broker.Port}, client id {broker.ClientId ?? setup.Node.NodeId}{(setup.Node.MqttUserName is null ? string.Empty : ", user " + setup.Node.MqttUserName)}");
            foreach (Edge.Core.Meters.MeterSpec meter in setup.Meters)
            {
                text.AppendLine($"meter {meter.Id}: {meter.Kind} on {meter.Port}, {Gpios(setup.Pins.PinsOf(meter.Port))}{Settings(meter)}");
            }

            PinMap pins = setup.Pins;
            text.AppendLine($"status LED {(pins.StatusLed == PinMap.None ? "none" : "GPIO" + pins.StatusLed)}, relays {(pins.Relays.Length == 0 ? "none" : Gpios(pins.Relays))}");
            return text.ToString();
        }

        /// <summary>What a meter of its kind is read with: a Modbus meter's address, table and line, a P1 meter's line.</summary>
        private static string Settings(Edge.Core.Meters.MeterSpec meter) => meter.Kind switch
        {
            Edge.Core.Meters.MeterKinds.Modbus =>
                $", address {meter.Address}, {meter.ModbusModel ?? "table " + (meter.ModbusTable?.Model ?? "custom") + " of " + (meter.ModbusTable?.Registers?.Length ?? 0) + " registers"}, {meter.Baud} 8{"NOE"[(int)meter.Parity]}{meter.StopBits}",
            Edge.Core.Meters.MeterKinds.P1 => $", {meter.P1Line}{(meter.P1InvertRx ? ", RX inverted by the UART" : string.Empty)}",
            _ => string.Empty,
        };

        private static string Gpios(int[] pins) =>
            string.Join(", ", Array.ConvertAll(pins, pin => pin == PinMap.None ? "none" : "GPIO" + pin));
    }
}
