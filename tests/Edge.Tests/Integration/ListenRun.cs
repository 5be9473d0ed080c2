using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Edge.Host.Cli;
using MQTTnet;
using MQTTnet.Protocol;

namespace Edge.Tests.Integration
{
    /// <summary>One run of `edge listen` in the test's process: started, fed through a broker, stopped like Ctrl-C.</summary>
    internal sealed class ListenRun
    {
        private readonly StringWriter _output = new();
        private readonly StringWriter _error = new();
        private readonly CancellationTokenSource _stop = new();
        private Task<int>? _run;

        public string Output => _output.ToString();

        public string Error => _error.ToString();

        /// <summary>The lines of --json output whose topic contains <paramref name="marker"/>.</summary>
        public JsonElement[] JsonLines(string marker) =>
            Output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(l => JsonDocument.Parse(l).RootElement)
                .Where(l => l.GetProperty("topic").GetString()!.Contains(marker, StringComparison.Ordinal))
                .ToArray();

        public static async Task<ListenRun> StartAsync(string host, int port, string prefix, bool json)
        {
            var run = new ListenRun();
            run._run = ListenCommand.RunAsync(new BrokerAddress(host, port), prefix, json, null, TextWriter.Synchronized(run._output), TextWriter.Synchronized(run._error), run._stop.Token);

            // Subscribed once it says so (on stdout for the table, stderr with --json).
            await run.WaitUntilAsync(r => r.Output.Contains("listening to", StringComparison.Ordinal) || r.Error.Contains("listening to", StringComparison.Ordinal), TimeSpan.FromSeconds(5));
            return run;
        }

        public async Task<bool> WaitUntilAsync(Func<ListenRun, bool> condition, TimeSpan timeout)
        {
            var deadline = DateTime.UtcNow + timeout;
            while (!condition(this))
            {
                if (DateTime.UtcNow > deadline || _run!.IsCompleted)
                {
                    return false;
                }

                await Task.Delay(25);
            }

            return true;
        }

        /// <summary>Stops it as Ctrl-C does; returns its exit code.</summary>
        public async Task<int> StopAsync()
        {
            _stop.Cancel();
            return await _run!.WaitAsync(TimeSpan.FromSeconds(20));
        }

        /// <summary>Publishes the messages in order, QoS 1, from a client of its own (MQTT 3.1.1, as the nodes speak it).</summary>
        public static async Task PublishAsync(string host, int port, params (string Topic, byte[] Payload)[] messages)
        {
            using IMqttClient client = new MqttClientFactory().CreateMqttClient();
            await client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer(host, port).WithProtocolVersion(MQTTnet.Formatter.MqttProtocolVersion.V311).WithClientId("test-pub-" + Guid.NewGuid().ToString("N")[..8]).Build());
            foreach ((string topic, byte[] payload) in messages)
            {
                await client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());
            }

            await client.DisconnectAsync();
        }

        public static (string, byte[]) Text(string topic, string payload) => (topic, Encoding.UTF8.GetBytes(payload));

        /// <summary>A valid edge-json report (no meters) with this sequence number.</summary>
        public static (string, byte[]) Report(string prefix, string node, long seq) =>
            Text($"{prefix}/{node}/readings", $"{{\"v\":1,\"node\":\"{node}\",\"seq\":{seq},\"window\":\"PT1M\",\"start\":\"2026-11-25T20:00:00Z\",\"end\":\"2026-11-25T20:01:00Z\",\"clock\":\"synced\",\"meters\":[]}}");

        public static (string, byte[]) Event(string prefix, string node, long seq) =>
            Text($"{prefix}/{node}/events", $"{{\"v\":1,\"node\":\"{node}\",\"seq\":{seq},\"time\":\"2026-11-25T20:00:10Z\",\"clock\":\"synced\",\"event\":\"heartbeat\"}}");

        public static (string, byte[]) Health(string prefix, string node, long seq) =>
            Text($"{prefix}/{node}/health", $"{{\"v\":1,\"node\":\"{node}\",\"seq\":{seq},\"time\":\"2026-11-25T20:05:00Z\",\"clock\":\"synced\",\"uptime\":300,\"reconnects\":0,\"outbox\":0,\"dropped\":0,\"tooLarge\":0,\"commandsUnanswered\":0,\"meters\":[]}}");

        public static (string, byte[]) Online(string prefix, string node, string started) =>
            Text($"{prefix}/{node}/status", $"{{\"v\":1,\"node\":\"{node}\",\"state\":\"online\",\"firmware\":\"1.0.0\",\"started\":\"{started}\"}}");
    }
}
