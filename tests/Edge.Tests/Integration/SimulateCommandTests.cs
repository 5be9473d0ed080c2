using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Edge.Core.Node;
using Edge.Host.Broker;
using Edge.Host.Cli;
using Xunit;

namespace Edge.Tests.Integration
{
    [Collection(BrokerCollection.Name)]
    public class SimulateCommandTests
    {
        private readonly BrokerFixture _broker;

        public SimulateCommandTests(BrokerFixture broker)
        {
            _broker = broker;
        }

        [Fact]
        public async Task Shows_a_published_report_within_ten_seconds_at_speed_60_and_stops_cleanly_on_cancel()
        {
            var output = new StringWriter();
            var error = new StringWriter();
            var synchronizedOutput = TextWriter.Synchronized(output);
            using var stop = new CancellationTokenSource();
            int port = EmbeddedBroker.FreeLoopbackPort();
            var clock = Stopwatch.StartNew();

            Task<int> run = EdgeCli.RunAsync(["simulate", "--speed", "60", "--port", port.ToString(), "--store", "none"], synchronizedOutput, TextWriter.Synchronized(error), interactive: false, stop.Token);
            while (!output.ToString().Contains("edge/sim-0001/readings  seq 1 ") && clock.Elapsed < TimeSpan.FromSeconds(10) && !run.IsCompleted)
            {
                await Task.Delay(50);
            }

            TimeSpan firstReport = clock.Elapsed;
            stop.Cancel();
            int exitCode = await run.WaitAsync(TimeSpan.FromSeconds(15));

            string text = output.ToString();
            Assert.True(firstReport < TimeSpan.FromSeconds(10), $"no report within 10 s; output:\n{text}\nerrors:\n{error}");
            Assert.Equal(0, exitCode);
            Assert.Contains($"embedded MQTTnet at mqtt://127.0.0.1:{port}", text);
            Assert.Matches(@"edge/sim-0001/readings  seq 1  \d+ B  window PT1M \d{4}-\d\d-\d\d \d\d:\d\d:00-\d\d:\d\d:00Z  \[main\]  totalActiveEnergyImport first \d+ Wh", text);
            Assert.Contains("stopped after", text);
            Assert.Contains("received by the watcher, 0 unsent", text);
        }

        [Fact]
        public async Task Publishes_to_an_external_broker_for_a_given_virtual_duration()
        {
            await using TopicRecorder recorder = await TopicRecorder.StartAsync(_broker, "city/cli-ext/readings");
            var output = new StringWriter();
            var error = new StringWriter();

            int exitCode = await EdgeCli.RunAsync(
                ["simulate", "--broker", $"mqtt://{_broker.Host}:{_broker.Port}", "--speed", "7200", "--duration", "30m", "--window", "5m", "--node-id", "cli-ext", "--prefix", "city", "--store", "none"],
                TextWriter.Synchronized(output),
                TextWriter.Synchronized(error),
                interactive: false).WaitAsync(TimeSpan.FromSeconds(60));

            Assert.True(exitCode == 0, $"exit {exitCode}: {error}");
            Assert.Contains($"external at mqtt://{_broker.Host}:{_broker.Port}", output.ToString());

            // 30 virtual minutes of 5-minute windows from a non-aligned start: 6 or 7 windows (the last partial).
            var messages = await recorder.WaitForAsync(6, TimeSpan.FromSeconds(20));
            Assert.InRange(messages.Count, 6, 7);
            var windows = messages.Select(m => JsonDocument.Parse(m.Payload).RootElement)
                .Select(r => (Seq: r.GetProperty("seq").GetInt64(), Start: r.GetProperty("start").GetDateTime(), End: r.GetProperty("end").GetDateTime()))
                .ToArray();
            Assert.Equal(Enumerable.Range(1, windows.Length).Select(i => (long)i), windows.Select(w => w.Seq));
            Assert.All(windows, w => Assert.Equal(TimeSpan.FromMinutes(5), w.End - w.Start));
            Assert.All(windows, w => Assert.Equal(0, w.Start.Minute % 5));
        }

        [Fact]
        public async Task Runs_a_linky_node_with_the_household_profile()
        {
            await using TopicRecorder recorder = await TopicRecorder.StartAsync(_broker, "edge/cli-linky/readings");
            var output = new StringWriter();
            var error = new StringWriter();

            int exitCode = await EdgeCli.RunAsync(
                ["simulate", "--broker", $"mqtt://{_broker.Host}:{_broker.Port}", "--meter", "tic-standard", "--profile", "linky-household", "--speed", "3600", "--duration", "1h", "--node-id", "cli-linky", "--store", "none"],
                TextWriter.Synchronized(output),
                TextWriter.Synchronized(error),
                interactive: false).WaitAsync(TimeSpan.FromSeconds(90));

            Assert.True(exitCode == 0, $"exit {exitCode}: {error}");
            Assert.Contains("windows  PT15M, P1D", output.ToString());
            // An hour from a time that is not on a quarter: 4 or 5 quarters (the first and last partial), and the local
            // day so far, reported when the simulator stops (and the previous day, if the hour crossed midnight).
            var messages = await recorder.WaitForAsync(5, TimeSpan.FromSeconds(20));
            string[] windows = messages.Select(m => JsonDocument.Parse(m.Payload).RootElement.GetProperty("window").GetString()!).ToArray();
            Assert.InRange(windows.Count(w => w == "PT15M"), 4, 5);
            Assert.InRange(windows.Count(w => w == "P1D"), 1, 2); // 2 when the hour crosses local midnight
            Assert.Equal(windows.Length, windows.Count(w => w is "PT15M" or "P1D"));
        }

        [Fact]
        public async Task Shows_status_events_health_and_command_results_one_compact_line_each()
        {
            var output = new StringWriter();
            var error = new StringWriter();
            var synchronizedOutput = TextWriter.Synchronized(output);
            Task<int> run = EdgeCli.RunAsync(
                ["simulate", "--broker", $"mqtt://{_broker.Host}:{_broker.Port}", "--speed", "1200", "--duration", "121m", "--window", "1h", "--node-id", "cli-feed", "--store", "none"],
                synchronizedOutput,
                TextWriter.Synchronized(error),
                interactive: false);

            // A command once the node is up: its result is shown like the rest. With hourly windows, two hours hold
            // 15 minutes without a report wherever the hour falls, so the node sends a heartbeat event, and its first
            // health message (full) comes after two hours.
            var deadline = DateTime.UtcNow.AddSeconds(15);
            while (!output.ToString().Contains("edge/cli-feed/status  online") && DateTime.UtcNow < deadline && !run.IsCompleted)
            {
                await Task.Delay(25);
            }

            await ListenRun.PublishAsync(_broker.Host, _broker.Port, ListenRun.Text("edge/cli-feed/cmd/config/get", "{\"id\":\"feed-1\"}"));
            int exitCode = await run.WaitAsync(TimeSpan.FromSeconds(60));

            string[] lines = output.ToString().Replace("\r\n", "\n").Split('\n');
            Assert.True(exitCode == 0, $"exit {exitCode}: {error}");
            Assert.Contains(lines, l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^edge/cli-feed/status  online  firmware \S+  started \d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ$"));
            Assert.Contains(lines, l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^edge/cli-feed/health  seq 1  uptime 7200 s  full  reconnects 0  outbox \d+  dropped 0"));
            Assert.Contains(lines, l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^edge/cli-feed/events  seq \d+  heartbeat  at \d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ$"));
            Assert.Contains("edge/cli-feed/cmd/config/get  command  {\"id\":\"feed-1\"}", lines);
            Assert.Contains(lines, l => l.StartsWith("edge/cli-feed/cmd/config/get/result  id feed-1  ok  {", StringComparison.Ordinal) && l.Length <= 160);
            Assert.Contains(lines, l => l.StartsWith("stopped after 02:01:00 virtual: ", StringComparison.Ordinal) && l.EndsWith(" received by the watcher, 0 unsent", StringComparison.Ordinal));
        }

        [Fact]
        public async Task Keeps_its_sequence_numbers_in_its_store_so_a_second_run_never_reuses_one()
        {
            string store = Directory.CreateTempSubdirectory("edge-store-").FullName;
            try
            {
                await using TopicRecorder recorder = await TopicRecorder.StartAsync(_broker, "edge/cli-store/readings");
                string[] args = ["simulate", "--broker", $"mqtt://{_broker.Host}:{_broker.Port}", "--speed", "7200", "--duration", "10m", "--window", "5m", "--node-id", "cli-store", "--store", store];
                var first = new StringWriter();
                var error = new StringWriter();
                Assert.Equal(0, await EdgeCli.RunAsync(args, TextWriter.Synchronized(first), TextWriter.Synchronized(error), interactive: false).WaitAsync(TimeSpan.FromSeconds(60)));
                int firstRun = (await recorder.WaitForAsync(2, TimeSpan.FromSeconds(20))).Count;
                Assert.True(firstRun >= 2, $"first run: {firstRun} reports; {error}");

                var second = new StringWriter();
                Assert.Equal(0, await EdgeCli.RunAsync(args, TextWriter.Synchronized(second), TextWriter.Synchronized(error), interactive: false).WaitAsync(TimeSpan.FromSeconds(60)));
                var messages = await recorder.WaitForAsync(firstRun + 2, TimeSpan.FromSeconds(20));

                long[] seqs = messages.Select(m => JsonDocument.Parse(m.Payload).RootElement.GetProperty("seq").GetInt64()).ToArray();
                // The first run reserved numbers 1-100 (NodeConfig.SequenceBlock) in the store; the second resumes after them.
                Assert.Equal(Enumerable.Range(1, firstRun).Select(i => (long)i), seqs[..firstRun]);
                Assert.Equal(101, seqs[firstRun]);
                Assert.Contains($"  store    {store} (sequence numbers and settings kept across runs)", first.ToString());
                Assert.True(File.Exists(Path.Combine(store, "seq.a")) || File.Exists(Path.Combine(store, "seq.b")));
                Assert.True(File.Exists(Path.Combine(store, EdgeNode.OutboxPrefix + "0")));
            }
            finally
            {
                Directory.Delete(store, recursive: true);
            }
        }

        [Fact]
        public async Task With_store_none_keeps_nothing_and_says_so()
        {
            var output = new StringWriter();
            var error = new StringWriter();

            int exitCode = await EdgeCli.RunAsync(
                ["simulate", "--broker", $"mqtt://{_broker.Host}:{_broker.Port}", "--speed", "7200", "--duration", "2m", "--node-id", "cli-nostore", "--store", "none"],
                TextWriter.Synchronized(output),
                TextWriter.Synchronized(error),
                interactive: false).WaitAsync(TimeSpan.FromSeconds(60));

            Assert.True(exitCode == 0, $"exit {exitCode}: {error}");
            Assert.Contains("  store    none: nothing is kept, sequence numbers start at 1 at every run" + Environment.NewLine, output.ToString());
        }

        [Fact]
        public async Task Refuses_a_store_another_simulator_holds()
        {
            string store = Directory.CreateTempSubdirectory("edge-store-").FullName;
            try
            {
                // What a running simulator holds: an exclusive lock on the store's .lock file.
                using (new FileStream(Path.Combine(store, ".lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None))
                {
                    var error = new StringWriter();
                    int exitCode = await EdgeCli.RunAsync(["simulate", "--broker", $"mqtt://{_broker.Host}:{_broker.Port}", "--store", store], new StringWriter(), error, interactive: false).WaitAsync(TimeSpan.FromSeconds(30));

                    Assert.Equal(1, exitCode);
                    Assert.Equal($"the store directory {store} is in use by another simulator of the same node; give another with --store, or --store none" + Environment.NewLine, error.ToString());
                }
            }
            finally
            {
                Directory.Delete(store, recursive: true);
            }
        }

        [Fact]
        public void The_default_store_is_per_node_in_the_users_local_data_folder()
        {
            // Empty where the system has no such folder (no HOME): then under the current directory.
            string data = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData);
            string expected = data.Length > 0
                ? Path.Combine(data, "edge", "sim-0042")
                : Path.Combine(Environment.CurrentDirectory, "edge-store", "sim-0042");
            Assert.Equal(expected, StoreLocation.DefaultFor("sim-0042").Directory);
            if (OperatingSystem.IsLinux() && Environment.GetEnvironmentVariable("XDG_DATA_HOME") is null && Environment.GetEnvironmentVariable("HOME") is { Length: > 0 } home)
            {
                Assert.Equal(Path.Combine(home, ".local", "share", "edge", "sim-0042"), expected);
            }
        }

        [Theory]
        [InlineData("--window", "7", "--window '7' is not a window length that divides a day")]
        [InlineData("--window", "soon", "--window 'soon' is not a window length")]
        [InlineData("--broker", "http://127.0.0.1:1883", "--broker 'http://127.0.0.1:1883' is not a broker address")]
        [InlineData("--speed", "0", "--speed '0' is not allowed; expected a positive number")]
        [InlineData("--duration", "forever", "--duration 'forever' is not a duration")]
        [InlineData("--profile", "monthly", "--profile 'monthly' is not a profile")]
        [InlineData("--meter", "gas", "--meter 'gas' is not a simulated meter")]
        [InlineData("--format", "xml", "--format 'xml' is not a payload format")]
        [InlineData("--store", " ", "--store ' ' is not a directory; expected a directory (created if missing) or none")]
        public async Task Rejects_bad_options_with_a_message_naming_the_option(string option, string value, string message)
        {
            var output = new StringWriter();
            var error = new StringWriter();

            int exitCode = await EdgeCli.RunAsync(["simulate", option, value], output, error, interactive: false);

            Assert.Equal(2, exitCode);
            Assert.Contains(message, error.ToString());
        }

        [Fact]
        public async Task Says_so_when_the_embedded_broker_port_is_taken()
        {
            using var occupant = new TcpListener(IPAddress.Loopback, 0);
            occupant.Start();
            int port = ((IPEndPoint)occupant.LocalEndpoint).Port;
            var error = new StringWriter();

            int exitCode = await EdgeCli.RunAsync(["simulate", "--port", port.ToString(), "--store", "none"], new StringWriter(), error, interactive: false).WaitAsync(TimeSpan.FromSeconds(30));

            Assert.Equal(1, exitCode);
            Assert.Contains($"cannot start the embedded broker: port {port} is already in use on 127.0.0.1:{port}", error.ToString());
        }

        [Fact]
        public async Task Says_so_when_an_external_broker_is_unreachable()
        {
            int port = EmbeddedBroker.FreeLoopbackPort();
            var error = new StringWriter();

            int exitCode = await EdgeCli.RunAsync(["simulate", "--broker", $"mqtt://127.0.0.1:{port}", "--store", "none"], new StringWriter(), error, interactive: false).WaitAsync(TimeSpan.FromSeconds(30));

            Assert.Equal(1, exitCode);
            Assert.Contains($"cannot connect to the broker at mqtt://127.0.0.1:{port}", error.ToString());
        }
    }
}
