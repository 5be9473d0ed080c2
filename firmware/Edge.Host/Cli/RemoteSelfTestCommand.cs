using System;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Edge.Core.Node;
using Edge.Host.Listening;
using Edge.Host.Platform;

namespace Edge.Host.Cli
{
    /// <summary>
    /// `edge selftest --broker URL --node ID [--prefix edge] [--timeout 30s] [--json]`: asks a node for its
    /// commissioning self-test over the broker and prints the report as the node's serial console shows it, one
    /// `PASS|WARN|FAIL item: reason, action` line a check, then the summary line. It subscribes to the node's
    /// selftest topic, its selftest result and its status, then publishes the selftest command with an id of its
    /// own, and takes only the report that carries that id: the retained one of an earlier run is not an answer. When
    /// the node does not answer in time it says what the broker knows (the node's last status, its last report).
    /// Exit 0 when no check failed, 5 when one did, 6 without an answer, 1 when the broker cannot be reached or the
    /// node refused the command.
    /// </summary>
    public static class RemoteSelfTestCommand
    {
        /// <summary>The node answers at its next tick (a second) when connected; the default leaves room for a node
        /// that is reconnecting and for a slow broker.</summary>
        public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

        public static Command Create(TextWriter output, TextWriter error)
        {
            BrokerConnectionOptions broker = BrokerConnectionOptions.Create("Broker the node is connected to: mqtt://host:port or mqtts://host:port (TLS)", required: true);
            Option<string> node = CliOptions.TopicLevel("--node", "Id of the node to test", string.Empty);
            node.Required = true;
            Option<string> prefix = CliOptions.TopicLevel("--prefix", "Topic prefix of the node (a topic level)", "edge");
            Option<TimeSpan?> timeout = CliOptions.Duration("--timeout", "How long to wait for the node's report (default 30s)");
            Option<bool> json = CliOptions.Flag("--json", "Print the report's JSON document instead of its lines");
            var command = new Command("selftest", "Ask a node for its commissioning self-test and print the report");
            broker.AddTo(command);
            command.Options.Add(node);
            command.Options.Add(prefix);
            command.Options.Add(timeout);
            command.Options.Add(json);
            command.SetAction(async (parse, cancellation) =>
                await RunAsync(broker.Read(parse).ForGiven(), parse.GetValue(node)!, parse.GetValue(prefix)!, parse.GetValue(timeout) ?? DefaultTimeout, parse.GetValue(json), output, error, cancellation).ConfigureAwait(false));
            return command;
        }

        public static async Task<int> RunAsync(BrokerConnection address, string nodeId, string prefix, TimeSpan timeout, bool json, TextWriter output, TextWriter error, CancellationToken cancellation)
        {
            string reportTopic = $"{prefix}/{nodeId}/selftest";
            string commandTopic = $"{prefix}/{nodeId}/cmd/selftest";
            string resultTopic = commandTopic + "/result";
            string statusTopic = $"{prefix}/{nodeId}/status";
            string id = "selftest-" + Guid.NewGuid().ToString("N")[..12];
            var answer = new SelfTestAnswer(id);

            BrokerSubscription subscription;
            try
            {
                subscription = await BrokerSubscription.ConnectAsync(
                    address,
                    "edge-selftest-",
                    [reportTopic, resultTopic, statusTopic],
                    (topic, payload, retained) => answer.Observe(topic == reportTopic ? AnswerKind.Report : topic == resultTopic ? AnswerKind.Result : AnswerKind.Status, payload),
                    note => error.WriteLine(note),
                    new ReconnectBackoff(500, 1000, 5000, (uint)Environment.TickCount),
                    cancellation).ConfigureAwait(false);
            }
            catch (Exception e) when (BrokerSubscription.IsConnectFailure(e))
            {
                error.WriteLine($"cannot connect to the broker at {address}: {e.Message}");
                return ExitCodes.Failure;
            }

            await using (subscription.ConfigureAwait(false))
            {
                try
                {
                    await subscription.PublishAsync(commandTopic, Encoding.UTF8.GetBytes($"{{\"id\":\"{id}\"}}"), cancellation).ConfigureAwait(false);
                }
                catch (Exception e) when (e is MQTTnet.Exceptions.MqttCommunicationException or InvalidOperationException)
                {
                    error.WriteLine($"cannot send the selftest command to {commandTopic}: {e.Message}");
                    return ExitCodes.Failure;
                }

                error.WriteLine($"asked node {nodeId} for its self-test at {address} (command id {id}); waiting up to {(int)timeout.TotalSeconds} s");
                await answer.WaitAsync(timeout, cancellation).ConfigureAwait(false);
            }

            if (answer.Report is JsonElement report)
            {
                if (json)
                {
                    output.WriteLine(report.GetRawText());
                }
                else
                {
                    WriteReport(report, output);
                }

                return report.GetProperty("verdict").GetString() == "fail" ? ExitCodes.SelfTestFailed : ExitCodes.Success;
            }

            if (answer.Refusal is string refusal)
            {
                error.WriteLine($"node {nodeId} refused the self-test: {refusal}");
                return ExitCodes.Failure;
            }

            error.WriteLine($"node {nodeId} did not answer within {(int)timeout.TotalSeconds} s: {answer.StatusSaid}");
            if (answer.LastReport is JsonElement last)
            {
                error.WriteLine($"its last report on the broker, from {last.GetProperty("at").GetString()} ({last.GetProperty("trigger").GetString()}):");
                WriteReport(last, error);
            }

            return ExitCodes.NoAnswer;
        }

        /// <summary>The report's lines as the node's console writes them, then its summary line.</summary>
        public static void WriteReport(JsonElement report, TextWriter output)
        {
            int count = 0;
            foreach (JsonElement check in report.GetProperty("checks").EnumerateArray())
            {
                output.WriteLine(OneLine.Of(MessageSummary.SelfTestLine(check), 400));
                count++;
            }

            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"SELFTEST {report.GetProperty("verdict").GetString()!.ToUpperInvariant()}: {count} checks, {report.GetProperty("passed").GetInt32()} passed, {report.GetProperty("warned").GetInt32()} warned, {report.GetProperty("failed").GetInt32()} failed"));
        }

        private enum AnswerKind
        {
            Report,
            Result,
            Status,
        }

        /// <summary>What the node's topics said while waiting: the report with our id, the command's result, its
        /// status and an earlier report (retained).</summary>
        private sealed class SelfTestAnswer(string id)
        {
            private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
            private readonly object _gate = new();

            public JsonElement? Report { get; private set; }

            public JsonElement? LastReport { get; private set; }

            public string? Refusal { get; private set; }

            public string StatusSaid { get; private set; } = "the broker holds no status for it (never connected, or another prefix)";

            public void Observe(AnswerKind kind, byte[] payload)
            {
                JsonElement root;
                try
                {
                    root = JsonDocument.Parse(payload).RootElement.Clone();
                }
                catch (JsonException)
                {
                    return;
                }

                lock (_gate)
                {
                    if (root.ValueKind != JsonValueKind.Object)
                    {
                        return;
                    }

                    switch (kind)
                    {
                        case AnswerKind.Report when Text(root, "id") == id:
                            Report = root;
                            _done.TrySetResult();
                            break;
                        case AnswerKind.Report:
                            LastReport = root;
                            break;
                        case AnswerKind.Result when Text(root, "id") == id && root.TryGetProperty("ok", out JsonElement ok) && ok.ValueKind == JsonValueKind.False:
                            Refusal = Text(root, "error") ?? "no reason given";
                            _done.TrySetResult();
                            break;
                        case AnswerKind.Status:
                            StatusSaid = Text(root, "state") == "online"
                                ? $"its status says online (started {Text(root, "started") ?? "at an unknown time"}): it may not be subscribed to its commands, or it runs a firmware without the selftest command"
                                : $"its status says {OneLine.Of(Text(root, "state") ?? "nothing", 40)}: the node is not connected";
                            break;
                    }
                }
            }

            public async Task WaitAsync(TimeSpan timeout, CancellationToken cancellation)
            {
                try
                {
                    await _done.Task.WaitAsync(timeout, cancellation).ConfigureAwait(false);
                }
                catch (Exception e) when (e is TimeoutException or OperationCanceledException)
                {
                    // Said by the caller: no answer.
                }
            }

            private static string? Text(JsonElement root, string name) =>
                root.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        }
    }
}
