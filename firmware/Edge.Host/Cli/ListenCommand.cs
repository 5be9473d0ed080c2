using System;
using System.Buffers;
using System.Collections.Concurrent;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Edge.Host.Listening;
using MQTTnet;
using MQTTnet.Protocol;

namespace Edge.Host.Cli
{
    /// <summary>
    /// `edge listen --broker URL [--prefix edge] [--json]`: the broker side's view. Subscribes to every node's
    /// channels, checks each message against the published schemas, follows sequence numbers, and shows a table per
    /// node (state, reports, last window, missing and repeated sequence numbers, violations). Exit code 1 when any
    /// message broke the contract.
    /// </summary>
    public static class ListenCommand
    {
        private static readonly TimeSpan TableInterval = TimeSpan.FromSeconds(5);

        public static Command Create(TextWriter output, TextWriter error)
        {
            Option<BrokerAddress?> broker = CliOptions.Broker("--broker", "Broker to listen to: mqtt://host:port", required: true);
            Option<string> prefix = CliOptions.TopicLevel("--prefix", "Topic prefix of the nodes (a topic level)", "edge");
            Option<bool> json = CliOptions.Flag("--json", "One JSON object per message instead of the table");
            Option<TimeSpan?> duration = CliOptions.Duration("--duration", "Stop after this long (e.g. 30s); default: until Ctrl-C");
            var command = new Command("listen", "Check what nodes publish against the contract, live") { broker, prefix, json, duration };
            command.SetAction(async (parse, cancellation) =>
                await RunAsync(parse.GetValue(broker)!, parse.GetValue(prefix)!, parse.GetValue(json), parse.GetValue(duration), output, error, cancellation).ConfigureAwait(false));
            return command;
        }

        public static async Task<int> RunAsync(BrokerAddress address, string prefix, bool json, TimeSpan? runFor, TextWriter output, TextWriter error, CancellationToken cancellation)
        {
            var validator = new ContractValidator();
            var nodes = new ConcurrentDictionary<string, NodeTracker>();
            var gate = new object();
            long violations = 0;
            using IMqttClient client = new MqttClientFactory().CreateMqttClient();
            client.ApplicationMessageReceivedAsync += e =>
            {
                string topic = e.ApplicationMessage.Topic;
                byte[] payload = e.ApplicationMessage.Payload.ToArray();
                string[] levels = topic.Split('/');
                if (levels.Length != 3 || !Enum.TryParse(levels[2], ignoreCase: true, out Channel channel))
                {
                    return Task.CompletedTask;
                }

                string[] errors = validator.Check(channel, payload).ToArray();
                JsonElement? root = null;
                try
                {
                    root = JsonDocument.Parse(payload).RootElement;
                }
                catch (JsonException)
                {
                    // Counted as a violation by the validator already.
                }

                NodeTracker node = nodes.GetOrAdd(levels[1], id => new NodeTracker(id));
                string? sequence;
                lock (gate)
                {
                    sequence = node.Observe(channel, root, errors.Length == 0);
                    if (errors.Length > 0)
                    {
                        violations++;
                    }

                    if (json)
                    {
                        output.WriteLine(JsonSerializer.Serialize(new
                        {
                            time = DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
                            topic,
                            node = levels[1],
                            channel = levels[2],
                            retained = e.ApplicationMessage.Retain,
                            bytes = payload.Length,
                            valid = errors.Length == 0,
                            errors,
                            sequence,
                        }));
                    }
                    else
                    {
                        foreach (string problem in errors)
                        {
                            output.WriteLine($"VIOLATION {topic}: {problem}");
                        }

                        if (sequence is not null)
                        {
                            output.WriteLine($"SEQUENCE  {topic}: {sequence}");
                        }
                    }

                    output.Flush();
                }

                return Task.CompletedTask;
            };

            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
                timeout.CancelAfter(TimeSpan.FromSeconds(10));
                await client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer(address.Host, address.Port).WithClientId("edge-listen-" + Guid.NewGuid().ToString("N")[..8]).Build(), timeout.Token).ConfigureAwait(false);
                foreach (string channel in new[] { "readings", "events", "status", "health" })
                {
                    await client.SubscribeAsync($"{prefix}/+/{channel}", MqttQualityOfServiceLevel.AtLeastOnce, timeout.Token).ConfigureAwait(false);
                }
            }
            catch (Exception e) when (e is MQTTnet.Exceptions.MqttCommunicationException or OperationCanceledException or System.Net.Sockets.SocketException)
            {
                error.WriteLine($"cannot connect to the broker at {address}: {e.Message}");
                return 1;
            }

            if (!json)
            {
                output.WriteLine($"listening to {prefix}/+/(readings|events|status|health) at {address}; messages are checked against the contract (docs/schemas)");
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
                    WriteTable(nodes, gate, output);
                    nextTable = DateTime.UtcNow + TableInterval;
                }
            }

            if (!json)
            {
                WriteTable(nodes, gate, output);
            }

            if (client.IsConnected)
            {
                await client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build(), CancellationToken.None).ConfigureAwait(false);
            }

            return Interlocked.Read(ref violations) > 0 ? 1 : 0;
        }

        private static void WriteTable(ConcurrentDictionary<string, NodeTracker> nodes, object gate, TextWriter output)
        {
            lock (gate)
            {
                output.WriteLine($"{"node",-20} {"state",-8} {"reports",8} {"last window",-28} {"events",7} {"missing",8} {"repeated",9} {"violations",11}");
                foreach (NodeTracker node in nodes.Values.OrderBy(n => n.NodeId, StringComparer.Ordinal))
                {
                    string window = node.LastReportEnd is DateTime end ? $"{node.LastWindow} to {end:HH:mm:ss}Z" : "-";
                    output.WriteLine($"{node.NodeId,-20} {node.State,-8} {node.Reports,8} {window,-28} {node.Events,7} {node.Missing,8} {node.Repeated,9} {node.Violations,11}");
                }

                output.Flush();
            }
        }
    }
}
