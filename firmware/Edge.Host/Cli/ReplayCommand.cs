using System;
using System.CommandLine;
using System.Globalization;
using System.IO;
using Edge.Core.Node;
using Edge.Core.Platform;
using Edge.Host.Platform;
using Edge.Host.Protocols;
using Edge.Host.Replay;

namespace Edge.Host.Cli
{
    /// <summary>
    /// `edge replay --protocol tic [--window 15m] FILE|-`: a serial capture recorded on site, replayed through the
    /// whole node pipeline on a PC; the reports the node would have published go to stdout as JSON lines (or to
    /// --broker).
    /// </summary>
    public static class ReplayCommand
    {
        public static Command Create(TextWriter output, TextWriter error, Func<Stream> standardInput)
        {
            Option<HostProtocol> protocol = ProtocolOptions.Protocol("replayed");
            Option<string?> mode = ProtocolOptions.Mode();
            Option<int> window = CliOptions.Window("--window", "Report window (with --profile single), in seconds or with a unit: 60, 5m, 15m, 1h...; must divide a day", 900);
            Option<Choice<string>> profile = ProfileText.Option("Windows to report: " + ProfileText.Names);
            Option<string> nodeId = CliOptions.TopicLevel("--node-id", "Node identifier in the reports (a topic level)", "replay");
            Option<string> prefix = CliOptions.TopicLevel("--prefix", "Topic prefix (with --broker; a topic level)", "edge");
            var start = new Option<DateTime?>("--start")
            {
                Description = "Historique captures have no meter clock: UTC time of the first frame (default: the file's time minus the capture's duration)",
                CustomParser = result =>
                {
                    string text = result.Tokens[0].Value;
                    if (DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out DateTime time))
                    {
                        return DateTime.SpecifyKind(time, DateTimeKind.Utc);
                    }

                    result.AddError($"--start '{CliOptions.Printable(text)}' is not a time; expected a UTC time such as 2026-11-25T20:00:00Z");
                    return null;
                },
            };
            BrokerConnectionOptions broker = BrokerConnectionOptions.Create("Publish to this broker (mqtt://host:port, or mqtts://host:port over TLS) instead of printing");
            Argument<string> file = CliOptions.CaptureFile();
            var command = new Command("replay", "Replay a meter capture through the node pipeline")
            {
                protocol, mode, window, profile, nodeId, prefix, start, file,
            };
            broker.AddTo(command);
            ProtocolOptions.RequireModeOfProtocol(command, protocol, mode);
            command.SetAction(parse =>
            {
                string path = parse.GetValue(file)!;
                if (!CaptureInput.TryRead(path, standardInput, error, out byte[] capture, out DateTime fileTime))
                {
                    return ExitCodes.Failure;
                }

                CaptureFormat captures = parse.GetValue(protocol)!.Captures!;
                ICaptureReplay replay = captures.CreateReplay(capture, ProtocolOptions.ModeOf(captures, parse.GetValue(mode)));
                DateTime clocklessStart = parse.GetValue(start) ?? replay.StartOf(fileTime);
                var config = new NodeConfig
                {
                    NodeId = parse.GetValue(nodeId)!,
                    TopicPrefix = parse.GetValue(prefix)!,
                    Profile = ProfileText.Create(parse.GetValue(profile)!.Value, parse.GetValue(window)),
                };
                BrokerConnectionChoice connection = broker.Read(parse);
                BrokerAddress? address = connection.Address;
                MqttNetLink? mqtt = address is null ? null : new MqttNetLink(connection.For(address), log: new ConsoleLog(LogLevel.Warning, error));
                IMqttLink link = mqtt is null ? new TextWriterLink(output) : mqtt;
                try
                {
                    EdgeNode node = replay.Run(config, link, clocklessStart);
                    int unsent = LinkWait.Drain(node, LinkWait.DefaultTimeout);
                    output.Flush();
                    error.WriteLine(
                        $"replay: {replay.FramesReplayed} frames, {node.ReportsPublished} reports and {node.EventsPublished} events published" +
                        (unsent > 0 ? $", {unsent} not delivered" : string.Empty) +
                        "; " + replay.DriverSummary());
                    if (mqtt?.ConnectFailure is string why)
                    {
                        error.WriteLine($"replay: could not connect to the broker at {address} ({node.ConnectAttempts} attempt{(node.ConnectAttempts == 1 ? string.Empty : "s")}): {why}");
                    }

                    return unsent > 0 || mqtt?.ConnectFailure is not null ? ExitCodes.Failure : ExitCodes.Success;
                }
                finally
                {
                    (link as IDisposable)?.Dispose();
                }
            });
            return command;
        }
    }
}
