using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using Edge.Core.Meters;
using Edge.Host.Provisioning;

namespace Edge.Host.Cli
{
    /// <summary>
    /// `edge provision --node-id X --board B --meter M ... --broker mqtts://host --out DIR`: writes a node's
    /// provisioning folder DIR/X/ (config.json, secrets.json, board.json, the CA and client certificate, and the
    /// deploy.json of `nanoff --filedeployment`), checked before anything is written; or with --batch nodes.csv one
    /// folder per row and a summary table. Passwords come from files or standard input, never from the command line
    /// (shell history and the process list would show them). Exit 1 when a node had a problem (the others are
    /// still written), 2 for a wrong command line.
    /// </summary>
    public static class ProvisionCommand
    {
        public static Command Create(TextWriter output, TextWriter error, Func<Stream> standardInput)
        {
            // Each value is checked as the command line is parsed, so that a mistyped one is one line naming the
            // option (exit 2); what depends on the board and on the other options is checked when the node is
            // prepared, as for a row of --batch, with every problem by its JSON path (exit 1).
            Option<string?> nodeId = Checked("--node-id", $"The node's id ({NodeIdentity.IdRule}): its topics, client id and folder name",
                text => NodeIdentity.IsId(text) ? null : $"is not allowed; expected {NodeIdentity.IdRule}");
            Option<string?> board = Checked("--board", "Board profile of hardware/boards (e.g. esp32-devkitc); it says whether the node uses Wi-Fi or Ethernet",
                text => BoardProfile.IsName(text) ? null : $"is not a board name; expected {BoardProfile.NameRule}");
            var meter = new Option<string[]>("--meter") { Description = $"A meter wired to the node, repeatable: {MeterArgument.Forms}", AllowMultipleArgumentsPerToken = false };
            meter.Validators.Add(result =>
            {
                foreach (string text in result.GetValueOrDefault<string[]>() ?? [])
                {
                    if (!MeterArgument.TryParse(text, out _, out string meterError))
                    {
                        result.AddError($"--meter {CliOptions.Printable(meterError)}");
                        return;
                    }
                }
            });
            Option<string?> broker = Checked("--broker", "The node's MQTT broker: mqtts://host[:port] (TLS, 8883 by default; needs --ca) or mqtt://host[:port]",
                text => NodeProvisioning.TryBroker(text, out _, out string brokerError) ? null : brokerError);
            Option<string?> username = Checked("--username", "MQTT user name",
                text => text.Length > 0 && text.IndexOf('\0') < 0 ? null : "is not an MQTT user name; expected a non-empty string without NUL (MQTT 3.1.1 section 1.5.3)");
            Option<string?> passwordFile = Checked("--password-file", "File holding the MQTT password on one line, or - for standard input", SecretFile);
            Option<string?> wifiSsid = Checked("--wifi-ssid", "Wi-Fi network name (Wi-Fi boards)",
                text => NodeProvisioning.IsSsid(text) ? null : "is not a Wi-Fi network name; expected 1 to 32 bytes without control characters (IEEE 802.11-2020 section 9.4.2.2)");
            Option<string?> wifiPasswordFile = Checked("--wifi-password-file", "File holding the Wi-Fi passphrase on one line, or - for standard input", SecretFile);
            Option<string?> ca = Checked("--ca", "PEM file of the CA certificate the broker's certificate chains to (mqtts://)", ExistingFile);
            Option<string?> cert = Checked("--cert", "PEM client certificate for mutual TLS (with --key)", ExistingFile);
            Option<string?> key = Checked("--key", "PEM private key of --cert (unencrypted: the node has no one to ask for a passphrase)", ExistingFile);
            Option<string?> profile = Checked("--profile", $"Aggregation profile: {ProfileText.Names} (default single)",
                text => Array.IndexOf(ProfileText.All, text) >= 0 ? null : $"is not a profile; expected {ProfileText.Names}");
            Option<string?> format = Checked("--format", "Payload format: edge-json (default), senml or iota-json",
                text => Edge.Core.Payloads.PayloadFormats.TryParse(text, out _) ? null : "is not a payload format; expected edge-json, senml or iota-json");
            Option<string?> prefix = Checked("--prefix", "Topic prefix (default edge)",
                text => CliOptions.IsTopicLevel(text) ? null : $"is not allowed; expected {CliOptions.TopicLevelRule}");
            var outDir = new Option<string>("--out") { Description = "Folder to write the node folders into (DIR/<node-id>/)", Required = true };
            outDir.Validators.Add(result =>
            {
                string? path = result.GetValueOrDefault<string>();
                if (path is not null && (path.Length == 0 || File.Exists(path)))
                {
                    result.AddError($"--out '{CliOptions.Printable(path)}' is not a folder; expected a folder to write the node folders into (created if missing)");
                }
            });
            Option<string?> batch = Checked("--batch", $"CSV file of nodes, one per row, header row of columns from {string.Join(",", NodeBatch.Columns)}; options given here fill empty cells", ExistingFile);
            Option<string?> boards = Checked("--boards", "Folder of the board profiles (default: hardware/boards of this repository)",
                text => Directory.Exists(text) ? null : "is not a folder; expected the folder of the board profiles (hardware/boards)");
            var force = CliOptions.Flag("--force", "Replace a node folder that exists already");
            Option<string?> password = Refused("--password", "--password-file");
            Option<string?> wifiPassword = Refused("--wifi-password", "--wifi-password-file");

            var command = new Command("provision", "Write the configuration, secrets and file-deployment list of nodes to commission")
            {
                nodeId, board, meter, broker, username, passwordFile, wifiSsid, wifiPasswordFile, ca, cert, key, profile, format, prefix, outDir, batch, boards, force, password, wifiPassword,
            };
            command.Validators.Add(result =>
            {
                string? batchFile = result.GetValue(batch);
                if (batchFile is not null && result.GetValue(nodeId) is not null)
                {
                    result.AddError("--batch and --node-id are exclusive: the batch file gives each node its id");
                }
                else if (batchFile is null && result.GetValue(nodeId) is null)
                {
                    result.AddError("--node-id is required (or --batch nodes.csv for several nodes)");
                }
            });
            command.SetAction(parse =>
            {
                string cwd = Directory.GetCurrentDirectory();
                string? Full(Option<string?> option) => parse.GetValue(option) is string p && p != "-" ? Path.GetFullPath(p, cwd) : parse.GetValue(option);
                var request = new NodeRequest
                {
                    NodeId = parse.GetValue(nodeId),
                    Board = parse.GetValue(board),
                    Meters = parse.GetValue(meter) ?? [],
                    Broker = parse.GetValue(broker),
                    Username = parse.GetValue(username),
                    PasswordFile = Full(passwordFile),
                    WifiSsid = parse.GetValue(wifiSsid),
                    WifiPasswordFile = Full(wifiPasswordFile),
                    Ca = Full(ca),
                    Cert = Full(cert),
                    Key = Full(key),
                    Profile = parse.GetValue(profile),
                    Format = parse.GetValue(format),
                    Prefix = parse.GetValue(prefix),
                };
                string boardsDir = parse.GetValue(boards) ?? BoardsDirectory.Default();
                string destination = parse.GetValue(outDir)!;
                bool replace = parse.GetValue(force);
                string? batchFile = parse.GetValue(batch);
                return batchFile is null
                    ? One(request, boardsDir, cwd, standardInput, destination, replace, output, error)
                    : Batch(batchFile, request, boardsDir, destination, replace, output, error);
            });
            return command;
        }

        private static int One(NodeRequest request, string boardsDir, string cwd, Func<Stream> standardInput, string destination, bool replace, TextWriter output, TextWriter error)
        {
            NodeFolder node = NodeProvisioning.Prepare(request, boardsDir, cwd, standardInput);
            if (!node.IsValid)
            {
                WriteProblems(node, error);
                error.WriteLine($"provision: nothing written for {Shown(node.NodeId)}: {Count(node.Problems.Count)}");
                return ExitCodes.Failure;
            }

            string? folder = node.WriteInto(destination, replace, out string writeError);
            if (folder is null)
            {
                error.WriteLine($"error: {writeError}");
                return ExitCodes.Failure;
            }

            output.WriteLine($"provisioned {node.NodeId} ({node.Board}, {MeterList(node.Meters)}, {node.Broker}) in {folder}");
            output.WriteLine($"  files: {string.Join(", ", node.Files.Select(f => f.Name))}");
            output.WriteLine($"  next:  flash-scripts/commission-node.sh --port PORT --board {node.Board} --node-dir {folder}");
            output.WriteLine(BrokerStep(node.Files.Any(f => f.Name == NodeProvisioning.BrokerAclFile), node.Files.Any(f => f.Name == NodeProvisioning.BrokerPasswordFile), folder));
            return ExitCodes.Success;
        }

        private static int Batch(string batchFile, NodeRequest defaults, string boardsDir, string destination, bool replace, TextWriter output, TextWriter error)
        {
            List<BatchRow> rows;
            try
            {
                rows = NodeBatch.Read(batchFile, defaults);
            }
            catch (FormatException e)
            {
                error.WriteLine($"error: {e.Message}; nothing written");
                return ExitCodes.Usage;
            }

            var table = new List<string[]> { new[] { "node", "board", "meters", "broker", "status" } };
            var seen = new Dictionary<string, int>(StringComparer.Ordinal);
            var passwordLines = new System.Text.StringBuilder();
            var aclBlocks = new System.Text.StringBuilder();
            int failed = 0;
            foreach (BatchRow row in rows)
            {
                string status;
                NodeFolder? node = null;
                if (row.Error is not null)
                {
                    status = row.Error;
                }
                else if (row.Request.NodeId is string id && seen.TryGetValue(id, out int firstLine))
                {
                    status = $"node id {id} is already the node of line {firstLine}";
                }
                else
                {
                    if (row.Request.NodeId is string newId)
                    {
                        seen[newId] = row.Line;
                    }

                    // Standard input is not offered: one stream cannot serve every row's passwords.
                    node = NodeProvisioning.Prepare(row.Request, boardsDir, Path.GetDirectoryName(Path.GetFullPath(batchFile))!, null);
                    if (!node.IsValid)
                    {
                        foreach (ConfigProblem problem in node.Problems)
                        {
                            error.WriteLine($"error: line {row.Line} ({Shown(node.NodeId)}): {problem}");
                        }

                        status = node.Problems[0].ToString() + (node.Problems.Count > 1 ? $" (+{node.Problems.Count - 1} more)" : string.Empty);
                    }
                    else
                    {
                        status = node.WriteInto(destination, replace, out string writeError) is null ? writeError : "OK";
                        if (status == "OK")
                        {
                            Collect(node, NodeProvisioning.BrokerPasswordFile, passwordLines);
                            Collect(node, NodeProvisioning.BrokerAclFile, aclBlocks);
                        }
                    }
                }

                if (status != "OK")
                {
                    failed++;
                }

                table.Add(new[]
                {
                    Shown(row.Request.NodeId ?? string.Empty),
                    row.Request.Board ?? string.Empty,
                    node is null ? string.Join(" ", row.Request.Meters) : MeterList(node.Meters),
                    node?.Broker is { Length: > 0 } b ? b : row.Request.Broker ?? string.Empty,
                    status,
                });
            }

            WriteTable(table, output);
            output.WriteLine($"{rows.Count - failed} of {rows.Count} nodes provisioned in {Path.GetFullPath(destination)}{(failed > 0 ? $"; {failed} failed, nothing written for them" : string.Empty)}");
            if (aclBlocks.Length > 0)
            {
                // The batch's broker entries in one pair of files, so that a fleet is added to the broker at once.
                string acl = Path.Combine(Path.GetFullPath(destination), NodeProvisioning.BrokerAclFile);
                File.WriteAllText(acl, aclBlocks.ToString());
                string written = acl;
                if (passwordLines.Length > 0)
                {
                    string passwords = Path.Combine(Path.GetFullPath(destination), NodeProvisioning.BrokerPasswordFile);
                    NodeFolder.Write(passwords, System.Text.Encoding.UTF8.GetBytes(passwordLines.ToString()), secret: true, FileMode.Create);
                    written = passwords + ", " + acl;
                }

                output.WriteLine($"broker entries of the nodes provisioned: {written}; add them to the broker's password_file and acl_file, then reload it (docs/mosquitto.conf)");
            }
            return failed > 0 ? ExitCodes.Failure : ExitCodes.Success;
        }

        /// <summary>What the operator does on the broker for a node just provisioned.</summary>
        private static string BrokerStep(bool acl, bool password, string folder)
        {
            if (!acl)
            {
                return "  broker: no --username and no client certificate, so the broker cannot tell this node from another and no ACL entry was made; per-node credentials are what keeps a node to its own topics (docs/security.md)";
            }

            string files = password
                ? $"add {Path.Combine(folder, NodeProvisioning.BrokerPasswordFile)} to the broker's password_file and {Path.Combine(folder, NodeProvisioning.BrokerAclFile)} to its acl_file"
                : $"add {Path.Combine(folder, NodeProvisioning.BrokerAclFile)} to the broker's acl_file";
            return $"  broker: {files}, then reload it (kill -HUP; docs/mosquitto.conf)";
        }

        private static void Collect(NodeFolder node, string name, System.Text.StringBuilder into)
        {
            foreach (NodeFile file in node.Files)
            {
                if (file.Name == name)
                {
                    into.Append(System.Text.Encoding.UTF8.GetString(file.Bytes));
                    if (name == NodeProvisioning.BrokerAclFile)
                    {
                        into.Append('\n');
                    }
                }
            }
        }

        private static void WriteProblems(NodeFolder node, TextWriter error)
        {
            foreach (ConfigProblem problem in node.Problems)
            {
                error.WriteLine($"error: {problem}");
            }
        }

        private static void WriteTable(List<string[]> rows, TextWriter output)
        {
            int columns = rows[0].Length;
            int[] widths = new int[columns];
            foreach (string[] row in rows)
            {
                for (int i = 0; i < columns; i++)
                {
                    widths[i] = Math.Max(widths[i], row[i].Length);
                }
            }

            foreach (string[] row in rows)
            {
                var line = new System.Text.StringBuilder();
                for (int i = 0; i < columns; i++)
                {
                    line.Append(i == columns - 1 ? row[i] : row[i].PadRight(widths[i] + 2));
                }

                output.WriteLine(line.ToString());
            }
        }

        private static string MeterList(MeterSpec[] meters) =>
            meters.Length == 0 ? "no meter" : string.Join(" ", meters.Select(m => $"{m.Id}:{m.Kind}@{m.Port}"));

        private static string Shown(string nodeId) => nodeId.Length == 0 ? "(no node id)" : CliOptions.Printable(nodeId);

        private static string Count(int problems) => problems == 1 ? "1 problem" : $"{problems} problems";

        /// <summary>A text option whose value <paramref name="problem"/> checks as it is parsed: null when allowed,
        /// else what is wrong, shown as "NAME 'VALUE' problem".</summary>
        private static Option<string?> Checked(string name, string description, Func<string, string?> problem)
        {
            var option = new Option<string?>(name) { Description = description };
            option.Validators.Add(result =>
            {
                string? text = result.GetValueOrDefault<string?>();
                string? wrong = text is null ? null : problem(text);
                if (wrong is not null)
                {
                    result.AddError($"{name} '{CliOptions.Printable(text)}' {wrong}");
                }
            });
            return option;
        }

        private static string? ExistingFile(string path) =>
            File.Exists(path) ? null : Directory.Exists(path) ? "is a folder; expected a file" : "does not exist";

        private static string? SecretFile(string path) => path == "-" ? null : ExistingFile(path);

        /// <summary>An option that exists only to be refused with the reason and the option to use instead.</summary>
        private static Option<string?> Refused(string name, string instead)
        {
            var option = new Option<string?>(name) { Description = $"Not accepted: use {instead}", Hidden = true };
            option.Validators.Add(result => result.AddError(
                $"{name} is not accepted: a password on the command line stays in the shell history and shows in the process list; put it in a file and give {instead} FILE, or {instead} - to read it from standard input"));
            return option;
        }
    }
}
