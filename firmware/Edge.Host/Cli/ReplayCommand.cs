using System;
using System.CommandLine;
using System.Globalization;
using System.IO;
using Edge.Core.Aggregation;
using Edge.Core.Node;
using Edge.Core.Platform;
using Edge.Drivers.Tic;
using Edge.Host.Platform;
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
            Option<string> protocol = CaptureInput.ProtocolOption("replayed");
            Option<TicMode> mode = CaptureInput.ModeOption("TIC mode: auto, historique or standard");
            Option<int> window = CliOptions.Window("--window", "Report window (with --profile single), in seconds or with a unit: 60, 5m, 15m, 1h...; must divide a day", 900);
            Option<string> profile = ProfileText.Option("Windows to report: " + ProfileText.Names);
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
            Option<BrokerAddress?> broker = CliOptions.Broker("--broker", "Publish to this broker (mqtt://host:port) instead of printing");
            Argument<string> file = CliOptions.CaptureFile();
            var command = new Command("replay", "Replay a meter capture through the node pipeline")
            {
                protocol, mode, window, profile, nodeId, prefix, start, broker, file,
            };
            command.SetAction(parse =>
            {
                string path = parse.GetValue(file)!;
                if (!CaptureInput.TryRead(path, standardInput, error, out byte[] capture, out DateTime fileTime))
                {
                    return ExitCodes.Failure;
                }

                var replay = new TicCaptureReplay(capture, parse.GetValue(mode));

                // The capture was written as it ended: without --start, its first frame came about its line time earlier.
                DateTime historiqueStart = parse.GetValue(start) ?? fileTime.AddMilliseconds(-capture.Length * 10_000.0 / TicMeter.HistoriqueBaud);
                var config = new NodeConfig
                {
                    NodeId = parse.GetValue(nodeId)!,
                    TopicPrefix = parse.GetValue(prefix)!,
                    Profile = ProfileText.Create(parse.GetValue(profile)!, parse.GetValue(window)),
                };
                BrokerAddress? address = parse.GetValue(broker);
                MqttNetLink? mqtt = address is null ? null : new MqttNetLink(address.Host, address.Port);
                IMqttLink link = mqtt is null ? new TextWriterLink(output) : mqtt;
                try
                {
                    EdgeNode node = replay.Run(config, link, historiqueStart, out TicMeter meter);
                    int unsent = node.DrainOutbox();
                    output.Flush();
                    TicCounters c = meter.Counters;
                    error.WriteLine(
                        $"replay: {replay.Frames(historiqueStart).Count} frames, {node.ReportsPublished} reports and {node.EventsPublished} events published" +
                        (unsent > 0 ? $", {unsent} not delivered" : string.Empty) +
                        $"; tic: {c.GroupsValid} valid groups, {c.Rejected} rejected (checksum {c.RejectedChecksum}, framing {c.RejectedFraming}, overflow {c.RejectedOverflow}, value {c.RejectedValue}), {c.RegistersHeld} register values held back");
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
