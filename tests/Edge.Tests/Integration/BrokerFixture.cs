using System;
using System.Diagnostics;
using System.IO;
using System.Net.Sockets;
using System.Threading.Tasks;
using Edge.Host.Broker;
using Xunit;

namespace Edge.Tests.Integration
{
    /// <summary>
    /// The MQTT broker of every integration test. A real mosquitto when one is installed (started here on a free
    /// 127.0.0.1 port with its own configuration, stopped after the tests); otherwise the embedded MQTTnet broker,
    /// so the tests pass on a machine with only the .NET SDK. With CI=true mosquitto is required: its absence
    /// fails the run instead of quietly testing less.
    /// </summary>
    public sealed class BrokerFixture : IAsyncLifetime
    {
        private Process? _mosquitto;
        private EmbeddedBroker? _embedded;
        private string? _directory;

        public string Host => "127.0.0.1";

        private static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

        public int Port { get; private set; }

        /// <summary>"mosquitto 2.0.11" or "embedded MQTTnet".</summary>
        public string Kind { get; private set; } = string.Empty;

        public async Task InitializeAsync()
        {
            // EDGE_TEST_BROKER=embedded runs the suite against the embedded broker even where mosquitto exists.
            bool embeddedRequested = string.Equals(Environment.GetEnvironmentVariable("EDGE_TEST_BROKER"), "embedded", StringComparison.OrdinalIgnoreCase);
            string? mosquitto = embeddedRequested && !IsCi ? null : FindMosquitto();
            if (mosquitto is null)
            {
                if (IsCi)
                {
                    throw new InvalidOperationException(
                        "CI=true requires a real mosquitto broker for the integration tests, and none was found " +
                        "(looked on PATH and in /usr/sbin). Install it: apt-get install -y mosquitto");
                }

                _embedded = await EmbeddedBroker.StartAsync(0);
                Port = _embedded.Port;
                Kind = "embedded MQTTnet";
                return;
            }

            await StartMosquittoAsync(mosquitto);
        }

        public async Task DisposeAsync()
        {
            if (_mosquitto is { HasExited: false })
            {
                _mosquitto.Kill(entireProcessTree: true);
                await _mosquitto.WaitForExitAsync();
            }

            _mosquitto?.Dispose();
            if (_embedded is not null)
            {
                await _embedded.DisposeAsync();
            }

            if (_directory is not null)
            {
                Directory.Delete(_directory, recursive: true);
            }
        }

        private async Task StartMosquittoAsync(string executable)
        {
            Port = EmbeddedBroker.FreeLoopbackPort();
            _directory = Directory.CreateTempSubdirectory("edge-mosquitto-").FullName;
            string config = Path.Combine(_directory, "mosquitto.conf");

            // Loopback only, no persistence (each run starts empty), queues large enough for load tests.
            await File.WriteAllTextAsync(config, $"""
                listener {Port} 127.0.0.1
                allow_anonymous true
                persistence false
                max_queued_messages 100000
                log_dest stderr
                log_type error
                log_type warning
                """);

            var start = new ProcessStartInfo(executable, ["-c", config])
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
                UseShellExecute = false,
            };
            _mosquitto = Process.Start(start) ?? throw new InvalidOperationException($"could not start {executable}");
            var errors = new System.Text.StringBuilder();
            _mosquitto.ErrorDataReceived += (_, e) =>
            {
                lock (errors)
                {
                    errors.AppendLine(e.Data);
                }
            };
            _mosquitto.BeginErrorReadLine();
            _mosquitto.BeginOutputReadLine();

            var deadline = DateTime.UtcNow.AddSeconds(15);
            while (DateTime.UtcNow < deadline)
            {
                if (_mosquitto.HasExited)
                {
                    throw new InvalidOperationException($"mosquitto exited with code {_mosquitto.ExitCode}: {errors}");
                }

                try
                {
                    using var client = new TcpClient();
                    await client.ConnectAsync(Host, Port);
                    Kind = "mosquitto " + Version(executable);
                    return;
                }
                catch (SocketException)
                {
                    await Task.Delay(50);
                }
            }

            throw new InvalidOperationException($"mosquitto did not accept connections on {Host}:{Port} within 15 s: {errors}");
        }

        private static string? FindMosquitto()
        {
            string[] directories = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
            string[] candidates = [.. directories, "/usr/sbin", "/usr/local/sbin", "/opt/homebrew/sbin"];
            foreach (string directory in candidates)
            {
                string candidate = Path.Combine(directory, OperatingSystem.IsWindows() ? "mosquitto.exe" : "mosquitto");
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }

            return null;
        }

        private static string Version(string executable)
        {
            using var process = Process.Start(new ProcessStartInfo(executable, ["-h"]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false });
            if (process is null)
            {
                return "(unknown version)";
            }

            string text = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
            process.WaitForExit();
            int at = text.IndexOf("version ", StringComparison.Ordinal);
            return at < 0 ? "(unknown version)" : text[(at + 8)..].Split('\n')[0].Trim();
        }
    }

    [CollectionDefinition(Name)]
    public sealed class BrokerCollection : ICollectionFixture<BrokerFixture>
    {
        public const string Name = "broker";
    }
}
