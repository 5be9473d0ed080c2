using System;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Edge.Core.Node;
using Edge.Host.Listening;
using Edge.Host.Platform;

namespace Edge.Host.Cli
{
    /// <summary>
    /// `edge listen --broker URL [--prefix edge] [--json]`: the broker side's view. Subscribes to everything under
    /// the prefix and to the IoT Agent JSON topics, checks each message against the contract (<see cref="ContractListener"/>),
    /// and shows each violation and sequence anomaly as it comes, and a table per node (<see cref="NodeTable"/>); or
    /// with --json one object per message. Reconnects when the broker goes away. Exit code 1 when any message broke
    /// the contract.
    /// </summary>
    public static class ListenCommand
    {
        private static readonly TimeSpan TableInterval = TimeSpan.FromSeconds(5);

        // Reconnection after the broker went away: from 1 s, doubling with jitter, to 30 s between attempts.
        private const long ReconnectMinMs = 1000;
        private const long ReconnectMaxMs = 30_000;

        public static Command Create(TextWriter output, TextWriter error)
        {
            BrokerConnectionOptions broker = BrokerConnectionOptions.Create("Broker to listen to: mqtt://host:port or mqtts://host:port (TLS)", required: true);
            Option<string> prefix = CliOptions.TopicLevel("--prefix", "Topic prefix of the nodes (a topic level)", "edge");
            Option<bool> json = CliOptions.Flag("--json", "One JSON object per message instead of the table");
            Option<TimeSpan?> duration = CliOptions.Duration("--duration", "Stop after this long (e.g. 30s); default: until Ctrl-C");
            var command = new Command("listen", "Check what nodes publish against the contract, live");
            broker.AddTo(command);
            command.Options.Add(prefix);
            command.Options.Add(json);
            command.Options.Add(duration);
            command.SetAction(async (parse, cancellation) =>
                await RunAsync(broker.Read(parse).ForGiven(), parse.GetValue(prefix)!, parse.GetValue(json), parse.GetValue(duration), output, error, cancellation).ConfigureAwait(false));
            return command;
        }

        public static async Task<int> RunAsync(BrokerConnection address, string prefix, bool json, TimeSpan? runFor, TextWriter output, TextWriter error, CancellationToken cancellation)
        {
            var listener = new ContractListener(prefix);
            var gate = new object();
            void Show(MessageVerdict verdict)
            {
                lock (gate)
                {
                    if (json)
                    {
                        output.WriteLine(JsonSerializer.Serialize(new
                        {
                            time = DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
                            topic = verdict.Topic,
                            node = verdict.Node,
                            channel = verdict.Channel is Channel channel ? ContractTopic.Name(channel) : null,
                            retained = verdict.Retained,
                            bytes = verdict.Bytes,
                            valid = verdict.Valid,
                            errors = verdict.Errors,
                            sequence = verdict.Sequence,
                        }));
                    }
                    else
                    {
                        string topic = OneLine.Of(verdict.Topic);
                        foreach (string problem in verdict.Errors)
                        {
                            output.WriteLine($"VIOLATION {topic}: {problem}");
                        }

                        if (verdict.Sequence is not null)
                        {
                            output.WriteLine($"SEQUENCE  {topic}: {verdict.Sequence}");
                        }
                    }

                    output.Flush();
                }
            }

            void Note(string text)
            {
                lock (gate)
                {
                    error.WriteLine(text);
                    error.Flush();
                }
            }

            string[] filters = ContractTopic.Filters(prefix);
            BrokerSubscription subscription;
            try
            {
                subscription = await BrokerSubscription.ConnectAsync(
                    address,
                    "edge-listen-",
                    filters,
                    (topic, payload, retained) => Show(listener.Observe(topic, payload, retained)),
                    Note,
                    new ReconnectBackoff(ReconnectMinMs / 2, ReconnectMinMs, ReconnectMaxMs, (uint)Environment.TickCount),
                    cancellation).ConfigureAwait(false);
            }
            catch (Exception e) when (BrokerSubscription.IsConnectFailure(e))
            {
                error.WriteLine($"cannot connect to the broker at {address}: {e.Message}");
                return 1;
            }

            await using (subscription.ConfigureAwait(false))
            {
                // The banner goes where it does not mix with the data: beside the table, or on stderr with --json.
                string banner = $"listening to {string.Join(", ", filters)} at {address}; messages are checked against the contract (docs/schemas)";
                if (json)
                {
                    Note(banner);
                }
                else
                {
                    lock (gate)
                    {
                        output.WriteLine(banner);
                        output.Flush();
                    }
                }

                DateTime stopAt = runFor is null ? DateTime.MaxValue : DateTime.UtcNow + runFor.Value;
                DateTime nextTable = DateTime.UtcNow + TableInterval;
                while (!cancellation.IsCancellationRequested && DateTime.UtcNow < stopAt)
                {
                    try
                    {
                        await Task.Delay(100, cancellation).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException)
                    {
                        break;
                    }

                    if (!json && DateTime.UtcNow >= nextTable)
                    {
                        WriteTable(listener, gate, output);
                        nextTable = DateTime.UtcNow + TableInterval;
                    }
                }
            }

            if (!json)
            {
                WriteTable(listener, gate, output);
            }

            return listener.Violations > 0 ? 1 : 0;
        }

        private static void WriteTable(ContractListener listener, object gate, TextWriter output)
        {
            lock (gate)
            {
                NodeTable.Write(listener.Nodes(), output);
                output.Flush();
            }
        }
    }
}
