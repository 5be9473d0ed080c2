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
            var protocol = new Option<string>("--protocol") { Description = "Protocol of the capture: tic", Required = true };
            var mode = new Option<string>("--mode") { Description = "TIC mode: auto, historique or standard", DefaultValueFactory = _ => "auto" };
            var window = new Option<string>("--window") { Description = "Report window (with --profile single): 1m, 5m, 15m, 1h...", DefaultValueFactory = _ => "15m" };
            var profile = new Option<string>("--profile") { Description = "Windows to report: " + ProfileText.Names, DefaultValueFactory = _ => "single" };
            var nodeId = new Option<string>("--node-id") { Description = "Node identifier in the reports", DefaultValueFactory = _ => "replay" };
            var prefix = new Option<string>("--prefix") { Description = "Topic prefix (with --broker)", DefaultValueFactory = _ => "edge" };
            var start = new Option<string?>("--start") { Description = "Historique captures have no meter clock: UTC time of the first frame (default: the file's time minus the capture's duration)" };
            var broker = new Option<string?>("--broker") { Description = "Publish to this broker (mqtt://host:port) instead of printing" };
            var file = new Argument<string>("FILE") { Description = "Raw capture as read from the serial port, or - for standard input" };
            var command = new Command("replay", "Replay a meter capture through the node pipeline")
            {
                protocol, mode, window, profile, nodeId, prefix, start, broker, file,
            };
            command.SetAction(parse =>
            {
                string? protocolText = parse.GetValue(protocol);
                if (string.Equals(protocolText, "p1", StringComparison.OrdinalIgnoreCase))
                {
                    error.WriteLine("--protocol p1: this build has no DSMR P1 driver yet; only tic can be replayed");
                    return 2;
                }

                if (!string.Equals(protocolText, "tic", StringComparison.OrdinalIgnoreCase))
                {
                    error.WriteLine($"--protocol '{protocolText}' is not supported; supported: tic");
                    return 2;
                }

                if (!CaptureInput.TryParseMode(parse.GetValue(mode), error, out TicMode ticMode))
                {
                    return 2;
                }

                if (!DurationText.TryParseSeconds(parse.GetValue(window)!, out int windowSeconds) || 86400 % windowSeconds != 0)
                {
                    error.WriteLine($"--window '{parse.GetValue(window)}' is not a window length that divides a day (e.g. 1m, 15m, 1h)");
                    return 2;
                }

                if (!ProfileText.TryParse(parse.GetValue(profile), windowSeconds, out AggregationProfile? aggregation))
                {
                    error.WriteLine($"--profile '{parse.GetValue(profile)}' is not a profile; expected {ProfileText.Names}");
                    return 2;
                }

                BrokerAddress? address = null;
                if (parse.GetValue(broker) is string brokerText && !BrokerAddress.TryParse(brokerText, out address, out string brokerError))
                {
                    error.WriteLine($"--broker: {brokerError}");
                    return 2;
                }

                string path = parse.GetValue(file)!;
                if (!CaptureInput.TryRead(path, standardInput, error, out byte[] capture, out DateTime fileTime))
                {
                    return 1;
                }

                var replay = new TicCaptureReplay(capture, ticMode);
                DateTime historiqueStart;
                if (parse.GetValue(start) is string startText)
                {
                    if (!DateTime.TryParse(startText, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out historiqueStart))
                    {
                        error.WriteLine($"--start '{startText}' is not a UTC time such as 2026-11-25T20:00:00Z");
                        return 2;
                    }

                    historiqueStart = DateTime.SpecifyKind(historiqueStart, DateTimeKind.Utc);
                }
                else
                {
                    // The capture was written as it ended: its first frame came about its line time earlier.
                    historiqueStart = fileTime.AddMilliseconds(-capture.Length * 10_000.0 / TicMeter.HistoriqueBaud);
                }

                var config = new NodeConfig { NodeId = parse.GetValue(nodeId)!, TopicPrefix = parse.GetValue(prefix)!, Profile = aggregation };
                try
                {
                    config.Validate();
                }
                catch (ArgumentException e)
                {
                    error.WriteLine($"invalid node setting {e.ParamName}: {e.Message}");
                    return 2;
                }

                IMqttLink link = address is null ? new TextWriterLink(output) : new MqttNetLink(address.Host, address.Port);
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
                    return unsent > 0 ? 1 : 0;
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
