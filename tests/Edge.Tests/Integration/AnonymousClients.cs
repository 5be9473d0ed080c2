using System;
using System.Buffers;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace Edge.Tests.Integration
{
    /// <summary>
    /// MQTT clients that send no client identifier, as mosquitto_sub and mosquitto_pub do unless given -i: the
    /// real mosquitto clients when installed (the README tells users to run them). Otherwise an MQTTnet client
    /// sending the same empty identifier, so the tests pass on a machine with only the .NET SDK. With CI=true the
    /// mosquitto clients are required: their absence fails the run instead of quietly testing less.
    /// </summary>
    internal static class AnonymousClients
    {
        private static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

        /// <summary>"mosquitto_sub" or "MQTTnet client" (for the failure messages).</summary>
        public static string Kind => Find("mosquitto_sub") is null ? "MQTTnet client" : "mosquitto_sub";

        /// <summary>Subscribes to the filter and returns the first <paramref name="count"/> messages as
        /// mosquitto_sub -v prints them ("topic payload"), and the client's exit code (0 when all came).</summary>
        public static async Task<(int Exit, string[] Lines, string Error)> SubscribeAsync(string host, int port, string filter, int count, TimeSpan timeout, int protocolVersion = 4)
        {
            string? executable = Find("mosquitto_sub");
            if (executable is not null)
            {
                return await RunAsync(executable, ["-h", host, "-p", port.ToString(), "-t", filter, "-v", "-C", count.ToString(), "-W", ((int)timeout.TotalSeconds).ToString(), "-V", protocolVersion == 5 ? "mqttv5" : "mqttv311"], timeout);
            }

            using IMqttClient client = new MqttClientFactory().CreateMqttClient();
            var lines = new ConcurrentQueue<string>();
            client.ApplicationMessageReceivedAsync += e =>
            {
                lines.Enqueue(e.ApplicationMessage.Topic + " " + Encoding.UTF8.GetString(e.ApplicationMessage.Payload.ToArray()));
                return Task.CompletedTask;
            };
            MqttClientConnectResult result = await client.ConnectAsync(Options(host, port, protocolVersion));
            if (result.ResultCode != MqttClientConnectResultCode.Success)
            {
                return (1, [], result.ResultCode.ToString());
            }

            await client.SubscribeAsync(filter, MqttQualityOfServiceLevel.AtLeastOnce);
            var deadline = DateTime.UtcNow + timeout;
            while (lines.Count < count && DateTime.UtcNow < deadline)
            {
                await Task.Delay(20);
            }

            await client.DisconnectAsync();
            return (lines.Count >= count ? 0 : 27, lines.ToArray(), string.Empty);
        }

        /// <summary>Publishes one retained message (QoS 1) with no client identifier; returns the exit code and stderr.</summary>
        public static async Task<(int Exit, string Error)> PublishRetainedAsync(string host, int port, string topic, string payload)
        {
            string? executable = Find("mosquitto_pub");
            if (executable is not null)
            {
                (int exit, _, string error) = await RunAsync(executable, ["-h", host, "-p", port.ToString(), "-t", topic, "-m", payload, "-q", "1", "-r", "-V", "mqttv311"], TimeSpan.FromSeconds(20));
                return (exit, error);
            }

            using IMqttClient client = new MqttClientFactory().CreateMqttClient();
            MqttClientConnectResult result = await client.ConnectAsync(Options(host, port, 4));
            if (result.ResultCode != MqttClientConnectResultCode.Success)
            {
                return (1, result.ResultCode.ToString());
            }

            await client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).WithRetainFlag().Build());
            await client.DisconnectAsync();
            return (0, string.Empty);
        }

        private static MqttClientOptions Options(string host, int port, int protocolVersion) =>
            new MqttClientOptionsBuilder()
                .WithTcpServer(host, port)
                .WithClientId(string.Empty)
                .WithCleanSession(true)
                .WithProtocolVersion(protocolVersion == 5 ? MqttProtocolVersion.V500 : MqttProtocolVersion.V311)
                .Build();

        private static async Task<(int, string[], string)> RunAsync(string executable, string[] arguments, TimeSpan timeout)
        {
            var start = new ProcessStartInfo(executable, arguments) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            using Process process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {executable}");
            Task<string> output = process.StandardOutput.ReadToEndAsync();
            Task<string> error = process.StandardError.ReadToEndAsync();
            using var stop = new CancellationTokenSource(timeout + TimeSpan.FromSeconds(10));
            try
            {
                await process.WaitForExitAsync(stop.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill();
                await process.WaitForExitAsync();
            }

            return (process.ExitCode, (await output).Split('\n', StringSplitOptions.RemoveEmptyEntries), (await error).Trim());
        }

        private static string? Find(string name)
        {
            string[] directories = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
            foreach (string directory in new List<string>(directories) { "/usr/bin", "/usr/local/bin", "/opt/homebrew/bin" })
            {
                string candidate = Path.Combine(directory, OperatingSystem.IsWindows() ? name + ".exe" : name);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }

            if (IsCi)
            {
                throw new InvalidOperationException(
                    $"CI=true requires the mosquitto clients for the integration tests, and {name} was not found " +
                    "(looked on PATH and in /usr/bin). Install them: apt-get install -y mosquitto-clients");
            }

            return null;
        }
    }
}
