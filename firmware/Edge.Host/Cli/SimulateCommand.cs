using System;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Edge.Core.Platform;
using Edge.Host.Broker;
using Edge.Host.Platform;
using Edge.Host.Simulation;

namespace Edge.Host.Cli
{
    /// <summary>
    /// `edge simulate`: one simulated node (virtual household meter, S0 driver, real node loop) publishing to an
    /// embedded broker, or to an external one with --broker; shows each report as a subscriber receives it.
    /// </summary>
    public static class SimulateCommand
    {
        private static readonly TimeSpan ProgressInterval = TimeSpan.FromMilliseconds(250);
        private static readonly TimeSpan PlainProgressInterval = TimeSpan.FromSeconds(5);

        public static Command Create(TextWriter output, TextWriter error, bool interactive)
        {
            var port = new Option<int>("--port")
            {
                Description = "Port of the embedded broker on 127.0.0.1",
                DefaultValueFactory = _ => BrokerAddress.DefaultPort,
            };
            var broker = new Option<string?>("--broker")
            {
                Description = "Publish to an external broker instead, e.g. mqtt://127.0.0.1:1883",
            };
            var window = new Option<string>("--window")
            {
                Description = "Report window: 60, 60s, 5m, 15m, 1h (must divide a day)",
                DefaultValueFactory = _ => "1m",
            };
            var speed = new Option<double>("--speed")
            {
                Description = "Virtual clock speed: N runs N times faster than real time",
                DefaultValueFactory = _ => 1.0,
            };
            var nodeId = new Option<string>("--node-id")
            {
                Description = "Node identifier (a topic level)",
                DefaultValueFactory = _ => "sim-0001",
            };
            var prefix = new Option<string>("--prefix")
            {
                Description = "Topic prefix",
                DefaultValueFactory = _ => "edge",
            };
            var duration = new Option<string?>("--duration")
            {
                Description = "Stop after this much virtual time (e.g. 2h); default: run until Ctrl-C",
            };
            var seed = new Option<ulong>("--seed")
            {
                Description = "Seed of the household load curve (same seed, same household)",
                DefaultValueFactory = _ => 1UL,
            };
            var profile = new Option<string>("--profile")
            {
                Description = "Windows to report: " + ProfileText.Names + " (single: one window of --window)",
                DefaultValueFactory = _ => "single",
            };
            var format = new Option<string>("--format")
            {
                Description = "Report encoding: edge-json (default), senml (RFC 8428) or iota-json (FIWARE IoT Agent JSON)",
                DefaultValueFactory = _ => "edge-json",
            };
            var meter = new Option<string>("--meter")
            {
                Description = "Virtual meter: s0 (pulse output), tic-standard or tic-historique (Linky TIC output)",
                DefaultValueFactory = _ => "s0",
            };
            var pulses = new Option<int>("--pulses-per-kwh")
            {
                Description = "Meter constant of the virtual S0 meter (imp/kWh)",
                DefaultValueFactory = _ => 1000,
            };

            var command = new Command("simulate", "Run a simulated node publishing to an embedded (or external) MQTT broker")
            {
                port, broker, window, speed, nodeId, prefix, duration, seed, meter, profile, format, pulses,
            };
            command.SetAction(async (parse, cancellation) =>
            {
                if (!DurationText.TryParseSeconds(parse.GetValue(window)!, out int windowSeconds) || 86400 % windowSeconds != 0)
                {
                    error.WriteLine($"--window '{parse.GetValue(window)}' is not a window length that divides a day (e.g. 60, 5m, 15m, 1h)");
                    return 2;
                }

                TimeSpan? runFor = null;
                string? durationText = parse.GetValue(duration);
                if (durationText is not null)
                {
                    if (!DurationText.TryParseSeconds(durationText, out int seconds))
                    {
                        error.WriteLine($"--duration '{durationText}' is not a duration (e.g. 90s, 15m, 2h)");
                        return 2;
                    }

                    runFor = TimeSpan.FromSeconds(seconds);
                }

                double speedValue = parse.GetValue(speed);
                if (!(speedValue > 0) || double.IsInfinity(speedValue))
                {
                    error.WriteLine($"--speed must be a positive number, not {speedValue.ToString(CultureInfo.InvariantCulture)}");
                    return 2;
                }

                BrokerAddress? external = null;
                string? brokerText = parse.GetValue(broker);
                if (brokerText is not null && !BrokerAddress.TryParse(brokerText, out external, out string brokerError))
                {
                    error.WriteLine($"--broker: {brokerError}");
                    return 2;
                }

                SimulatedMeterKind meterKind;
                switch (parse.GetValue(meter)?.ToLowerInvariant())
                {
                    case "s0": meterKind = SimulatedMeterKind.S0; break;
                    case "tic-standard": meterKind = SimulatedMeterKind.TicStandard; break;
                    case "tic-historique": meterKind = SimulatedMeterKind.TicHistorique; break;
                    default:
                        error.WriteLine($"--meter '{parse.GetValue(meter)}' is not a simulated meter; expected s0, tic-standard or tic-historique");
                        return 2;
                }

                if (!ProfileText.TryParse(parse.GetValue(profile), windowSeconds, out Edge.Core.Aggregation.AggregationProfile? aggregation))
                {
                    error.WriteLine($"--profile '{parse.GetValue(profile)}' is not a profile; expected {ProfileText.Names}");
                    return 2;
                }

                if (!Edge.Core.Encoding.PayloadFormats.TryParse(parse.GetValue(format)?.ToLowerInvariant()!, out Edge.Core.Encoding.PayloadFormat payloadFormat))
                {
                    error.WriteLine($"--format '{parse.GetValue(format)}' is not a payload format; expected edge-json, senml or iota-json");
                    return 2;
                }

                var options = new SimulationOptions
                {
                    Meter = meterKind,
                    Format = payloadFormat,
                    Profile = aggregation,
                    NodeId = parse.GetValue(nodeId)!,
                    TopicPrefix = parse.GetValue(prefix)!,
                    WindowSeconds = windowSeconds,
                    Seed = parse.GetValue(seed),
                    PulsesPerKwh = parse.GetValue(pulses),
                };
                return await RunAsync(options, external, parse.GetValue(port), speedValue, runFor, output, error, interactive, cancellation).ConfigureAwait(false);
            });
            return command;
        }

        public static async Task<int> RunAsync(
            SimulationOptions options,
            BrokerAddress? external,
            int embeddedPort,
            double speed,
            TimeSpan? runFor,
            TextWriter output,
            TextWriter error,
            bool interactive,
            CancellationToken cancellation)
        {
            EmbeddedBroker? embedded = null;
            BrokerAddress address;
            try
            {
                if (external is null)
                {
                    embedded = await EmbeddedBroker.StartAsync(embeddedPort).ConfigureAwait(false);
                    address = new BrokerAddress(embedded.Host, embedded.Port);
                }
                else
                {
                    address = external;
                }
            }
            catch (InvalidOperationException e)
            {
                error.WriteLine($"cannot start the embedded broker: {e.Message}");
                return 1;
            }

            var console = new SimulatorConsole(output, error, interactive);
            try
            {
                console.Line($"Edge simulator: node {options.NodeId}, {MeterDescription(options)}");
                console.Line($"  broker   {(embedded is null ? "external" : "embedded MQTTnet")} at {address}");
                console.Line(options.Format == Edge.Core.Encoding.PayloadFormat.IotaJson
                    ? $"  topic    /json/edge/{options.NodeId}-main/attrs (FIWARE IoT Agent JSON, ThreePhaseAcMeasurement attributes, QoS 1)"
                    : $"  topic    {options.TopicPrefix}/{options.NodeId}/readings ({(options.Format == Edge.Core.Encoding.PayloadFormat.Senml ? "SenML, RFC 8428" : "edge-json v1")}, QoS 1)");
                console.Line($"  windows  {WindowDescription(options)}, clock-aligned; virtual clock at {speed.ToString(CultureInfo.InvariantCulture)}x real time");
                console.Line("  shown    as a subscriber receives them: reports, status, events, health, commands and results");
                console.Line(runFor is null ? "  Ctrl-C to stop." : $"  stops after {runFor} of virtual time (Ctrl-C stops earlier).");

                await using ReportWatcher watcher = await ConnectWatcherAsync(address, options.TopicPrefix, console, cancellation).ConfigureAwait(false);
                using var link = new MqttNetLink(address.Host, address.Port);
                var simulation = new NodeSimulation(options, link, new ConsoleLog(LogLevel.Warning, console.ErrorLines));
                Task run = simulation.RunPacedAsync(speed, runFor, cancellation);
                TimeSpan interval = interactive ? ProgressInterval : PlainProgressInterval;
                while (!run.IsCompleted)
                {
                    await Task.WhenAny(run, Task.Delay(interval, CancellationToken.None)).ConfigureAwait(false);
                    console.Progress(Describe(simulation, speed));
                }

                await run.ConfigureAwait(false);

                // Give the broker a moment to deliver the last report to the watcher before closing.
                var grace = DateTime.UtcNow.AddSeconds(2);
                while (watcher.Received < simulation.Node.ReportsPublished && DateTime.UtcNow < grace)
                {
                    await Task.Delay(20, CancellationToken.None).ConfigureAwait(false);
                }

                if (interactive)
                {
                    console.Progress(Describe(simulation, speed));
                }

                console.EndProgress();
                console.Line($"stopped after {FormatElapsed(simulation.Elapsed)} virtual: {simulation.Node.ReportsPublished} reports published, {watcher.Received} received by the watcher, {simulation.Node.OutboxDepth} unsent");
                return 0;
            }
            catch (Exception e) when (e is MQTTnet.Exceptions.MqttCommunicationException or System.Net.Sockets.SocketException)
            {
                console.EndProgress();
                error.WriteLine($"cannot connect to the broker at {address}: {e.Message}");
                return 1;
            }
            finally
            {
                if (embedded is not null)
                {
                    await embedded.DisposeAsync().ConfigureAwait(false);
                }
            }
        }

        private static async Task<ReportWatcher> ConnectWatcherAsync(BrokerAddress address, string prefix, SimulatorConsole console, CancellationToken cancellation)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
            timeout.CancelAfter(TimeSpan.FromSeconds(10));
            return await ReportWatcher.StartAsync(
                address.Host,
                address.Port,
                prefix,
                (topic, payload) => console.Line(MessageSummary.Format(topic, payload, prefix)),
                console.ErrorLine,
                timeout.Token).ConfigureAwait(false);
        }

        private static string WindowDescription(SimulationOptions options) =>
            options.Profile is null
                ? $"{options.WindowSeconds} s"
                : string.Join(", ", Array.ConvertAll(options.Profile.Windows, w => w.Calendar.Name));

        private static string MeterDescription(SimulationOptions options) => options.Meter switch
        {
            SimulatedMeterKind.TicStandard => "virtual Linky meter, TIC standard mode (9600 baud 7E1), read in auto mode",
            SimulatedMeterKind.TicHistorique => "virtual Linky meter, TIC historique mode (1200 baud 7E1), read in auto mode",
            _ => $"virtual household meter with S0 output ({options.PulsesPerKwh} imp/kWh)",
        };

        /// <summary>"2026-11-25 21:29:12Z +00:02:12 1x  314 W  4210011 Wh  sent 2  outbox 0": the virtual clock, elapsed and
        /// speed, the load, the meter's register, reports sent and waiting; short enough for an 80-column terminal.</summary>
        private static string Describe(NodeSimulation simulation, double speed)
        {
            DateTime now = simulation.Clock.UtcNow;
            double watts = simulation.Curve.PowerAt(now);
            return string.Create(
                CultureInfo.InvariantCulture,
                $"{now:yyyy-MM-dd HH:mm:ss}Z +{FormatElapsed(simulation.Elapsed)} {speed}x  {watts:0} W  {simulation.RegisterWh} Wh  sent {simulation.Node.ReportsPublished}  outbox {simulation.Node.OutboxDepth}");
        }

        private static string FormatElapsed(TimeSpan elapsed) =>
            string.Create(CultureInfo.InvariantCulture, $"{(int)elapsed.TotalHours:00}:{elapsed.Minutes:00}:{elapsed.Seconds:00}");
    }
}
