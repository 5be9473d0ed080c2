using System;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using Edge.Core.Payloads;
using Edge.Core.Platform;
using Edge.Host.Broker;
using Edge.Host.Faults;
using Edge.Host.Listening;
using Edge.Host.Platform;
using Edge.Host.Protocols;
using Edge.Host.Simulation;

namespace Edge.Host.Cli
{
    /// <summary>
    /// `edge simulate`: one simulated node (the virtual meter of --meter, its real driver, the real node loop)
    /// publishing to an embedded broker, or to an external one with --broker; shows each report as a subscriber
    /// receives it.
    /// </summary>
    public static class SimulateCommand
    {
        private static readonly TimeSpan ProgressInterval = TimeSpan.FromMilliseconds(250);
        private static readonly TimeSpan PlainProgressInterval = TimeSpan.FromSeconds(5);

        public static Command Create(TextWriter output, TextWriter error, bool interactive)
        {
            Option<int> port = CliOptions.Port("--port", "Port of the embedded broker (0: any free port)", BrokerAddress.DefaultPort);
            Option<IPAddress[]> listen = ListenOption();
            BrokerConnectionOptions broker = BrokerConnectionOptions.Create("Publish to an external broker instead, e.g. mqtt://127.0.0.1:1883 or mqtts://broker.example:8883");
            Option<int> window = CliOptions.Window("--window", "Report window, in seconds or with a unit: 60, 90s, 5m, 15m, 1h...; must divide a day", 60);
            Option<double> speed = CliOptions.PositiveNumber("--speed", "Virtual clock speed: N runs N times faster than real time", 1.0);
            Option<string> nodeId = CliOptions.TopicLevel("--node-id", "Node identifier (a topic level)", "sim-0001");
            Option<string> prefix = CliOptions.TopicLevel("--prefix", "Topic prefix (a topic level)", "edge");
            Option<TimeSpan?> duration = CliOptions.Duration("--duration", "Stop after this much virtual time (e.g. 2h); default: run until Ctrl-C");
            Option<ulong> seed = CliOptions.Seed("--seed", "Seed of the household load curve (same seed, same household)", 1UL);
            Option<Choice<string>> profile = ProfileText.Option("Windows to report: " + ProfileText.Names + " (single: one window of --window)");
            Option<Choice<PayloadFormat>> format = CliOptions.OneOf(
                "--format",
                "Report encoding: edge-json (default), senml (RFC 8428) or iota-json (FIWARE IoT Agent JSON)",
                "edge-json",
                "a payload format",
                [Named(PayloadFormat.EdgeJson), Named(PayloadFormat.Senml), Named(PayloadFormat.IotaJson)]);
            Option<Choice<SimulatedMeterModel>> meter = ProtocolOptions.Meter();
            Option<int> pulses = CliOptions.WholeNumber(
                "--pulses-per-kwh", "Meter constant of the virtual S0 meter (imp/kWh)", 1000, 1, Edge.Drivers.S0.S0PulseMeter.MaxPulsesPerKwh, "a meter constant");

            Option<StoreLocation?> store = CliOptions.Store(
                "--store",
                "Directory where the node keeps its sequence numbers and settings across runs, as a device keeps them in flash " +
                "(created if missing; default: edge/<node-id> in the user's local data folder, ~/.local/share on Linux), or none to keep nothing");

            Option<bool> faults = CliOptions.Flag(
                "--faults",
                "Soak under faults: the node reaches the broker through a proxy that a seeded schedule cuts, stalls, black-holes and closes " +
                "(and, with a store, restarts the node on it); a subscriber judges every reading; prints a running tally and exits 1 if a reading was lost");
            Option<int> faultSeed = CliOptions.WholeNumber("--fault-seed", "Seed of the --faults schedule (same seed, same faults in the same order)", 1, 0, int.MaxValue, "a seed");

            var command = new Command("simulate", "Run a simulated node publishing to an embedded (or external) MQTT broker")
            {
                port, listen, window, speed, nodeId, prefix, duration, seed, meter, profile, format, pulses, store, faults, faultSeed,
            };
            broker.AddTo(command);
            command.Validators.Add(result =>
            {
                // The soak's proxy and subscriber speak plain MQTT to the broker, anonymously.
                if (result.GetValue(faults) && broker.FirstGiven(result) is Option connectionOnly && connectionOnly != broker.Password)
                {
                    result.AddError($"{connectionOnly.Name} is not an option of --faults: the soak reaches the broker over plain MQTT, anonymously, through its proxy");
                    return;
                }

                if (CliOptions.IsGiven(result, faultSeed) && !result.GetValue(faults))
                {
                    result.AddError("--fault-seed is an option of --faults");
                    return;
                }

                // The soak's ledger judges readings by their "seq", which only edge-json carries.
                if (result.GetValue(faults) && CliOptions.IsGiven(result, format) && result.GetValue(format)!.Value != PayloadFormat.EdgeJson)
                {
                    result.AddError("--faults judges readings by their seq, which only --format edge-json carries");
                    return;
                }

                // Options of the embedded broker mean nothing with an external one: say so rather than ignore them.
                if (CliOptions.IsGiven(result, broker.Broker))
                {
                    foreach (Option embeddedOnly in new Option[] { port, listen })
                    {
                        if (CliOptions.IsGiven(result, embeddedOnly))
                        {
                            result.AddError($"{embeddedOnly.Name} is an option of the embedded broker; with --broker no broker is started (give the port in the URL)");
                            return;
                        }
                    }
                }
            });
            command.SetAction(async (parse, cancellation) =>
            {
                int windowSeconds = parse.GetValue(window);
                string node = parse.GetValue(nodeId)!;
                StoreLocation location = parse.GetValue(store) ?? StoreLocation.DefaultFor(node);
                using StoreLease? lease = StoreLease.TryTake(location, out string storeError);
                if (storeError.Length > 0)
                {
                    error.WriteLine(storeError);
                    return ExitCodes.Failure;
                }

                var options = new SimulationOptions
                {
                    Meter = parse.GetValue(meter)!.Value,
                    Format = parse.GetValue(format)!.Value,
                    Profile = ProfileText.Create(parse.GetValue(profile)!.Value, windowSeconds),
                    NodeId = node,
                    TopicPrefix = parse.GetValue(prefix)!,
                    WindowSeconds = windowSeconds,
                    Seed = parse.GetValue(seed),
                    PulsesPerKwh = parse.GetValue(pulses),
                    Store = lease?.Store,
                };
                var embedded = new EmbeddedBrokerSettings(parse.GetValue(port), parse.GetValue(listen));
                int? soakSeed = parse.GetValue(faults) ? parse.GetValue(faultSeed) : null;
                BrokerConnectionChoice connection = broker.Read(parse);
                BrokerConnection? external = connection.Address is BrokerAddress address ? connection.For(address) : null;
                return await RunAsync(options, location, external, embedded, parse.GetValue(speed), parse.GetValue(duration), output, error, interactive, cancellation, soakSeed).ConfigureAwait(false);
            });
            return command;
        }

        private static (string, PayloadFormat) Named(PayloadFormat format) => (PayloadFormats.NameOf(format), format);

        /// <summary>--listen: addresses of the embedded broker; loopback only by default.</summary>
        private static Option<IPAddress[]> ListenOption()
        {
            var listen = new Option<IPAddress[]>("--listen")
            {
                Description = "Address the embedded broker listens on, at most one IPv4 and one IPv6 (0.0.0.0, :: for every interface); " +
                    "default 127.0.0.1 and ::1, this machine only. WARNING: the broker takes anonymous clients: any other address lets whoever reaches it read and publish",
                Arity = ArgumentArity.OneOrMore,
                CustomParser = result =>
                {
                    var addresses = new IPAddress[result.Tokens.Count];
                    bool v4 = false;
                    bool v6 = false;
                    for (int i = 0; i < addresses.Length; i++)
                    {
                        string text = result.Tokens[i].Value;
                        if (!IPAddress.TryParse(text, out IPAddress? address) || address.AddressFamily is not (AddressFamily.InterNetwork or AddressFamily.InterNetworkV6))
                        {
                            result.AddError($"--listen '{CliOptions.Printable(text)}' is not an IP address; expected e.g. 127.0.0.1, ::1, 192.168.1.10, 0.0.0.0 (every IPv4 interface) or :: (every IPv6 interface)");
                            return [];
                        }

                        ref bool seen = ref address.AddressFamily == AddressFamily.InterNetwork ? ref v4 : ref v6;
                        if (seen)
                        {
                            result.AddError($"--listen '{text}': at most one IPv4 and one IPv6 address (0.0.0.0 or :: for every interface of a family)");
                            return [];
                        }

                        seen = true;
                        addresses[i] = address;
                    }

                    return addresses;
                },
            };
            return listen;
        }

        public static async Task<int> RunAsync(
            SimulationOptions options,
            StoreLocation store,
            BrokerConnection? external,
            EmbeddedBrokerSettings embeddedSettings,
            double speed,
            TimeSpan? runFor,
            TextWriter output,
            TextWriter error,
            bool interactive,
            CancellationToken cancellation,
            int? faultSeed = null)
        {
            EmbeddedBroker? embedded = null;
            BrokerConnection address;
            try
            {
                if (external is null)
                {
                    embedded = await EmbeddedBroker.StartAsync(embeddedSettings.Port, embeddedSettings.Listen is { Length: > 0 } listen ? listen : null).ConfigureAwait(false);
                    address = new BrokerAddress(embedded.Host, embedded.Port);
                    if (!embedded.LoopbackOnly)
                    {
                        error.WriteLine($"warning: the embedded broker listens on {EmbeddedBroker.Describe(embedded.Endpoints)} and takes anonymous clients: whoever reaches these addresses can read and publish");
                    }
                }
                else
                {
                    address = external;
                }
            }
            catch (InvalidOperationException e)
            {
                error.WriteLine($"cannot start the embedded broker: {e.Message}");
                return ExitCodes.Failure;
            }

            var console = new SimulatorConsole(output, error, interactive);
            try
            {
                console.Line($"Edge simulator: node {options.NodeId}, {options.Meter.Describe(options)}");
                console.Line(embedded is null
                    ? $"  broker   external at {address}"
                    : $"  broker   embedded MQTTnet at {address}, listening on {EmbeddedBroker.Describe(embedded.Endpoints)}{(embedded.LoopbackOnly ? " (this machine only)" : string.Empty)}");
                console.Line(options.Format == PayloadFormat.IotaJson
                    ? $"  topic    /json/edge/{options.NodeId}-main-{IotaWindowNames(options)}/attrs (FIWARE IoT Agent JSON, ThreePhaseAcMeasurement attributes, a device per window, QoS 1)"
                    : $"  topic    {options.TopicPrefix}/{options.NodeId}/readings ({(options.Format == PayloadFormat.Senml ? "SenML, RFC 8428" : "edge-json v1")}, QoS 1)");
                console.Line(store.IsNone
                    ? "  store    none: nothing is kept, sequence numbers start at 1 at every run"
                    : $"  store    {store} (sequence numbers and settings kept across runs)");
                console.Line($"  windows  {WindowDescription(options)}, clock-aligned; virtual clock at {speed.ToString(CultureInfo.InvariantCulture)}x real time");
                console.Line("  shown    as a subscriber receives them: reports, status, events, health, commands and results");
                console.Line(runFor is null ? "  Ctrl-C to stop." : $"  stops after {runFor} of virtual time (Ctrl-C stops earlier).");

                if (faultSeed is int soakSeed)
                {
                    var soak = new FaultSoak(options, address.Address, soakSeed, console);
                    return await soak.RunAsync(speed, runFor, interactive ? ProgressInterval : TimeSpan.FromSeconds(1), cancellation).ConfigureAwait(false);
                }

                await using ReportWatcher watcher = await ConnectWatcherAsync(address, options.TopicPrefix, console, cancellation).ConfigureAwait(false);
                using var link = new MqttNetLink(address, log: new ConsoleLog(LogLevel.Warning, console.ErrorLines));
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
                return ExitCodes.Success;
            }
            catch (Exception e) when (e is not OperationCanceledException && BrokerSubscription.IsConnectFailure(e))
            {
                console.EndProgress();
                error.WriteLine($"cannot connect to the broker at {address}: {e.Message}");
                return ExitCodes.Failure;
            }
            finally
            {
                if (embedded is not null)
                {
                    await embedded.DisposeAsync().ConfigureAwait(false);
                }
            }
        }

        private static async Task<ReportWatcher> ConnectWatcherAsync(BrokerConnection address, string prefix, SimulatorConsole console, CancellationToken cancellation)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
            timeout.CancelAfter(TimeSpan.FromSeconds(10));
            return await ReportWatcher.StartAsync(
                address,
                prefix,
                (topic, payload) => console.Line(MessageSummary.Format(topic, payload, prefix)),
                console.ErrorLine,
                timeout.Token).ConfigureAwait(false);
        }

        private static string WindowDescription(SimulationOptions options) =>
            options.Profile is null
                ? $"{options.WindowSeconds} s"
                : string.Join(", ", Array.ConvertAll(options.Profile.Windows, w => w.Calendar.Name));

        /// <summary>The window part of the IoT Agent device ids (EdgeNode.IotaDeviceId): PT1M, or {PT1M,PT15M,P1D}.</summary>
        private static string IotaWindowNames(SimulationOptions options) =>
            options.Profile is null
                ? new Edge.Core.Time.FixedWindowCalendar(options.WindowSeconds).Name
                : options.Profile.Windows.Length == 1
                    ? options.Profile.Windows[0].Calendar.Name
                    : "{" + string.Join(",", Array.ConvertAll(options.Profile.Windows, w => w.Calendar.Name)) + "}";

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

    /// <summary>
    /// A node's store directory, held for one run: a FileStore on it, and an exclusive lock on its ".lock" file (a name
    /// no store entry can have), so that two simulators never write one node's files at once. The kernel drops the
    /// lock when the process ends, however it ends, so a killed simulator's store can be taken again at once.
    /// </summary>
    internal sealed class StoreLease : IDisposable
    {
        private readonly FileStream _lock;

        private StoreLease(FileStore store, FileStream lockFile)
        {
            Store = store;
            _lock = lockFile;
        }

        public FileStore Store { get; }

        /// <summary>The lease, or null for no store (<see cref="StoreLocation.None"/>) and when it cannot be had, with <paramref name="error"/> saying why.</summary>
        public static StoreLease? TryTake(StoreLocation location, out string error)
        {
            error = string.Empty;
            if (location.IsNone)
            {
                return null;
            }

            FileStore store;
            try
            {
                store = new FileStore(location.Directory!);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                error = $"cannot use the store directory {location}: {e.Message}";
                return null;
            }

            try
            {
                // FileShare.None is an exclusive advisory lock (flock) on Unix and a sharing lock on Windows.
                var lockFile = new FileStream(Path.Combine(location.Directory!, ".lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                return new StoreLease(store, lockFile);
            }
            catch (IOException)
            {
                error = $"the store directory {location} is in use by another simulator of the same node; give another with --store, or --store none";
                return null;
            }
            catch (UnauthorizedAccessException e)
            {
                error = $"cannot use the store directory {location}: {e.Message}";
                return null;
            }
        }

        public void Dispose() => _lock.Dispose();
    }

    /// <summary>The embedded broker's port and addresses (null or empty: loopback only).</summary>
    public sealed record EmbeddedBrokerSettings(int Port, IPAddress[]? Listen = null);
}
