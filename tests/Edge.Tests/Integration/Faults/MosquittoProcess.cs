using System;
using System.Diagnostics;
using System.IO;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Edge.Host.Broker;

namespace Edge.Tests.Integration.Faults
{
    /// <summary>How a <see cref="MosquittoProcess"/> is configured.</summary>
    public sealed class MosquittoOptions
    {
        /// <summary>Port on 127.0.0.1; 0 picks a free one (kept across restarts).</summary>
        public int Port { get; init; }

        /// <summary>Write sessions, subscriptions and queued messages to mosquitto.db, read back at start.</summary>
        public bool Persistence { get; init; } = true;

        /// <summary>mosquitto.conf autosave_interval: seconds between saves (0: only at exit and on SIGUSR1), or with
        /// <see cref="AutosaveOnChanges"/> the number of changes. 1800 is mosquitto's default.</summary>
        public int AutosaveInterval { get; init; } = 1800;

        /// <summary>mosquitto.conf autosave_on_changes: count subscription changes, retained and queued messages
        /// instead of seconds, and save when they exceed <see cref="AutosaveInterval"/>.</summary>
        public bool AutosaveOnChanges { get; init; }

        /// <summary>The configuration directory (mosquitto.conf, mosquitto.db); null makes a temporary one, deleted on dispose.</summary>
        public string? Directory { get; init; }

        /// <summary>A whole mosquitto.conf used as given instead of the one made from the options above; it must
        /// listen on 127.0.0.1 at <see cref="Port"/> (not 0: the caller picks the port it writes into the text).</summary>
        public string? ConfigText { get; init; }

        /// <summary>Listener blocks (mosquitto.conf(5) "listener" and what follows it) written instead of the default
        /// anonymous listener on <see cref="Port"/>; the first must be on <see cref="Port"/>, which start-up waits for.
        /// Null: the default.</summary>
        public string? Listeners { get; init; }
    }

    /// <summary>
    /// A real mosquitto on 127.0.0.1 with its own configuration directory, stopped with SIGTERM, killed with SIGKILL
    /// and started again on the same port. With persistence on (the default) it writes its in-memory database
    /// (sessions, subscriptions, queued QoS 1 messages, retained messages) to mosquitto.db when it exits on SIGTERM and
    /// every autosave interval, and reads it back at start (mosquitto.conf(5), "persistence"). So after SIGTERM a
    /// persistent session gets what was queued for it; after SIGKILL, whatever changed since the last save is gone,
    /// including messages mosquitto had already acknowledged to their publisher (PUBACK does not wait for the disk).
    /// </summary>
    public sealed class MosquittoProcess : IBrokerUnderTest
    {
        private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(20);
        private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(20);

        private readonly string _executable;
        private readonly bool _ownsDirectory;
        private readonly StringBuilder _log = new();
        private readonly SemaphoreSlim _control = new(1, 1);
        private Process? _process;

        private MosquittoProcess(string executable, MosquittoOptions options, string directory, bool ownsDirectory)
        {
            _executable = executable;
            Options = options;
            Directory = directory;
            _ownsDirectory = ownsDirectory;
            Port = options.Port == 0 ? EmbeddedBroker.FreeLoopbackPort() : options.Port;
            Kind = "mosquitto " + Version(executable);
        }

        public MosquittoOptions Options { get; }

        public string Kind { get; }

        public string Host => "127.0.0.1";

        public int Port { get; }

        /// <summary>Holds mosquitto.conf and, with persistence, mosquitto.db.</summary>
        public string Directory { get; }

        public string ConfigPath => Path.Combine(Directory, "mosquitto.conf");

        /// <summary>The persistence database; it exists once mosquitto saved.</summary>
        public string DatabasePath => Path.Combine(Directory, "mosquitto.db");

        public bool IsRunning => _process is { HasExited: false };

        public bool KeepsSessionsAcrossStop => Options.Persistence;

        /// <summary>False: a kill loses what changed since the last autosave, and with the default interval that is
        /// everything a test does. (With autosave on every change mosquitto saves in its main loop, not before it
        /// acknowledges, so a kill can still lose the last messages.)</summary>
        public bool KeepsSessionsAcrossKill => false;

        /// <summary>The process id of the running mosquitto, or -1.</summary>
        public int ProcessId => _process is { HasExited: false } p ? p.Id : -1;

        /// <summary>Times mosquitto was started, the first included.</summary>
        public int Starts { get; private set; }

        /// <summary>Everything mosquitto wrote to stderr, over all its runs (its log: errors, warnings, notices, connections).</summary>
        public string Log
        {
            get
            {
                lock (_log)
                {
                    return _log.ToString();
                }
            }
        }

        /// <summary>mosquitto on PATH or in the sbin directories where packages install it; null if there is none.</summary>
        public static string? FindExecutable()
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

        /// <summary>Writes the configuration and starts mosquitto; throws saying why when it is not installed or does not listen.</summary>
        public static async Task<MosquittoProcess> StartAsync(MosquittoOptions? options = null)
        {
            options ??= new MosquittoOptions();
            string executable = FindExecutable() ?? throw new InvalidOperationException(
                "mosquitto is not installed (looked on PATH and in /usr/sbin); install it: apt-get install -y mosquitto");
            bool owns = options.Directory is null;
            string directory = options.Directory ?? System.IO.Directory.CreateTempSubdirectory("edge-mosquitto-").FullName;
            System.IO.Directory.CreateDirectory(directory);
            var mosquitto = new MosquittoProcess(executable, options, directory, owns);
            try
            {
                await mosquitto.WriteConfigAsync().ConfigureAwait(false);
                await mosquitto.StartAsync().ConfigureAwait(false);
                return mosquitto;
            }
            catch
            {
                await mosquitto.DisposeAsync().ConfigureAwait(false);
                throw;
            }
        }

        /// <summary>Starts mosquitto again on the same port with the same directory (so the same database); returns once it listens.</summary>
        public async Task StartAsync()
        {
            await _control.WaitAsync().ConfigureAwait(false);
            try
            {
                if (IsRunning)
                {
                    return;
                }

                _process?.Dispose();
                var start = new ProcessStartInfo(_executable, ["-c", ConfigPath])
                {
                    RedirectStandardError = true,
                    RedirectStandardOutput = true,
                    UseShellExecute = false,
                    WorkingDirectory = Directory,
                };
                Process process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {_executable}");
                process.ErrorDataReceived += (_, e) => Append(e.Data);
                process.OutputDataReceived += (_, e) => Append(e.Data);
                process.BeginErrorReadLine();
                process.BeginOutputReadLine();
                _process = process;
                Starts++;
                await WaitUntilListeningAsync(process, StartTimeout).ConfigureAwait(false);
            }
            finally
            {
                _control.Release();
            }
        }

        /// <summary>SIGTERM, then waits for the exit: mosquitto closes its clients and, with persistence, saves its database first.</summary>
        public Task StopAsync() => EndAsync(UnixSignal.Terminate);

        /// <summary>SIGKILL, then waits for the exit: nothing is saved, the clients' connections are closed by the kernel.</summary>
        public Task KillAsync() => EndAsync(UnixSignal.Kill);

        public async Task RestartAsync()
        {
            await StopAsync().ConfigureAwait(false);
            await StartAsync().ConfigureAwait(false);
        }

        /// <summary>Asks the running mosquitto to write its database now (SIGUSR1) and waits until the file was
        /// written; after that a kill loses only what comes later.</summary>
        public async Task SaveAsync()
        {
            var before = File.Exists(DatabasePath) ? File.GetLastWriteTimeUtc(DatabasePath) : DateTime.MinValue;
            int savesBefore = CountInLog("Saving in-memory database");
            UnixSignal.Send(ProcessId, UnixSignal.User1);
            var deadline = DateTime.UtcNow + StopTimeout;
            // The notice "Saving in-memory database to ..." comes when it starts; the rename that ends the save
            // makes the file new. Both are awaited, as the file's time may have a coarse resolution.
            while (!(CountInLog("Saving in-memory database") > savesBefore && File.Exists(DatabasePath) && File.GetLastWriteTimeUtc(DatabasePath) >= before && !File.Exists(DatabasePath + ".new")))
            {
                if (DateTime.UtcNow > deadline)
                {
                    throw new TimeoutException($"mosquitto did not save {DatabasePath} within {StopTimeout.TotalSeconds} s; log:\n{Log}");
                }

                await Task.Delay(20).ConfigureAwait(false);
            }
        }

        /// <summary>Waits until something accepts TCP connections on the port (mosquitto opens its listener once it read its database).</summary>
        public Task WaitUntilListeningAsync(TimeSpan timeout) =>
            WaitUntilListeningAsync(_process ?? throw new InvalidOperationException("mosquitto was never started"), timeout);

        public async ValueTask DisposeAsync()
        {
            if (_process is { HasExited: false } process)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync().ConfigureAwait(false);
            }

            _process?.Dispose();
            _process = null;
            if (_ownsDirectory && System.IO.Directory.Exists(Directory))
            {
                System.IO.Directory.Delete(Directory, recursive: true);
            }
        }

        private async Task EndAsync(int signal)
        {
            await _control.WaitAsync().ConfigureAwait(false);
            try
            {
                if (_process is not { HasExited: false } process)
                {
                    return;
                }

                UnixSignal.Send(process.Id, signal);
                using var timeout = new CancellationTokenSource(StopTimeout);
                try
                {
                    await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    throw new TimeoutException($"mosquitto did not exit within {StopTimeout.TotalSeconds} s of signal {signal}; log:\n{Log}");
                }
            }
            finally
            {
                _control.Release();
            }
        }

        private async Task WaitUntilListeningAsync(Process process, TimeSpan timeout)
        {
            var deadline = DateTime.UtcNow + timeout;
            while (true)
            {
                if (process.HasExited)
                {
                    throw new InvalidOperationException($"mosquitto exited with code {process.ExitCode}; log:\n{Log}");
                }

                try
                {
                    using var client = new TcpClient();
                    await client.ConnectAsync(Host, Port).ConfigureAwait(false);
                    return;
                }
                catch (SocketException) when (DateTime.UtcNow < deadline)
                {
                    await Task.Delay(50).ConfigureAwait(false);
                }
                catch (SocketException e)
                {
                    throw new TimeoutException($"mosquitto did not accept connections on {Host}:{Port} within {timeout.TotalSeconds} s ({e.SocketErrorCode}); log:\n{Log}");
                }
            }
        }

        private async Task WriteConfigAsync()
        {
            if (Options.ConfigText is not null)
            {
                await File.WriteAllTextAsync(ConfigPath, Options.ConfigText).ConfigureAwait(false);
                return;
            }

            // Loopback only. Queues large enough for load scenarios (the default 1000 would drop, and a test of
            // "nothing lost" must not measure mosquitto's queue limit). Run as root (CI), mosquitto would switch to
            // the mosquitto user, which cannot write this directory: it stays root instead (mosquitto.conf(5), "user").
            var config = new StringBuilder();
            if (Options.Listeners is null)
            {
                config.AppendLine($"listener {Port} 127.0.0.1");
                config.AppendLine("allow_anonymous true");
            }
            config.AppendLine("max_queued_messages 100000");
            if (Environment.UserName == "root")
            {
                config.AppendLine("user root");
            }

            config.AppendLine(Options.Persistence ? "persistence true" : "persistence false");
            if (Options.Persistence)
            {
                config.AppendLine("persistence_location " + Directory.TrimEnd('/') + "/");
                config.AppendLine("persistence_file mosquitto.db");
                config.AppendLine($"autosave_interval {Options.AutosaveInterval}");
                config.AppendLine(Options.AutosaveOnChanges ? "autosave_on_changes true" : "autosave_on_changes false");
            }

            config.AppendLine("log_dest stderr");
            config.AppendLine("log_type error");
            config.AppendLine("log_type warning");
            config.AppendLine("log_type notice");
            config.AppendLine("log_type information");
            config.AppendLine("log_timestamp_format %H:%M:%S");
            if (Options.Listeners is not null)
            {
                // Last: the listeners' own settings (per_listener_settings) follow their listener line.
                config.Append(Options.Listeners);
            }

            await File.WriteAllTextAsync(ConfigPath, config.ToString()).ConfigureAwait(false);
        }

        private void Append(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (_log)
            {
                _log.AppendLine(line);
            }
        }

        private int CountInLog(string text)
        {
            string log = Log;
            int count = 0;
            for (int at = log.IndexOf(text, StringComparison.Ordinal); at >= 0; at = log.IndexOf(text, at + text.Length, StringComparison.Ordinal))
            {
                count++;
            }

            return count;
        }

        /// <summary>"2.0.11", from the first line of mosquitto -h.</summary>
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
}
