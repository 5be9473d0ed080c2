using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;

namespace Edge.Tests.Integration.Faults
{
    /// <summary>
    /// A simulated node in a process of its own: the host CLI's `edge simulate` (dotnet edge.dll simulate ARGS), as
    /// an operator runs it, which a fault scenario kills with SIGKILL (a power cut: nothing of the node runs after
    /// it), stops with SIGTERM (the CLI then stops cleanly, reporting its open window) and starts again with the
    /// same arguments. Give it --store DIR so that it finds its store again after a restart, as a device finds its
    /// flash. Each run's stdout and stderr are captured.
    /// </summary>
    public sealed class NodeProcess : IAsyncDisposable
    {
        private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(30);

        private readonly object _gate = new();
        private readonly StringBuilder _all = new();
        private StringBuilder _output = new();
        private StringBuilder _error = new();
        private Process? _process;

        private NodeProcess(IReadOnlyList<string> arguments)
        {
            Arguments = arguments;
        }

        /// <summary>The edge.dll the node runs: firmware/Edge.Host/bin/&lt;configuration of these tests&gt;/net10.0/edge.dll
        /// of this checkout, else the copy beside the test assembly (the build puts one there, Edge.Host being referenced).</summary>
        public static string EdgeDll { get; } = FindEdgeDll();

        /// <summary>The arguments after "simulate", the same at every start.</summary>
        public IReadOnlyList<string> Arguments { get; }

        /// <summary>Times the process was started, the first included.</summary>
        public int Starts { get; private set; }

        public bool IsRunning => _process is { HasExited: false };

        /// <summary>The running process's id, or -1.</summary>
        public int ProcessId => _process is { HasExited: false } p ? p.Id : -1;

        /// <summary>The exit code of the last run once it ended (137 after SIGKILL on Linux: 128 + 9), else null.</summary>
        public int? ExitCode => _process is { HasExited: true } p ? p.ExitCode : null;

        /// <summary>What the current (or last) run wrote to stdout: the banner, then each message the CLI's own watcher received.</summary>
        public string Output
        {
            get
            {
                lock (_gate)
                {
                    return _output.ToString();
                }
            }
        }

        /// <summary>What the current (or last) run wrote to stderr: progress lines every 5 s, warnings, broker losses.</summary>
        public string Error
        {
            get
            {
                lock (_gate)
                {
                    return _error.ToString();
                }
            }
        }

        /// <summary>Every run's stdout and stderr, interleaved, each run headed "--- start N: ..."; for failure messages.</summary>
        public string Transcript
        {
            get
            {
                lock (_gate)
                {
                    return _all.ToString();
                }
            }
        }

        /// <summary>Starts `edge simulate` with <paramref name="simulateArguments"/> (e.g. --broker, --node-id, --store, --speed).</summary>
        public static NodeProcess Start(params string[] simulateArguments)
        {
            var node = new NodeProcess(simulateArguments);
            node.StartProcess();
            return node;
        }

        /// <summary>Starts it again with the same arguments, killing it first if it still runs. Output and Error start empty.</summary>
        public void Restart()
        {
            Kill();
            StartProcess();
        }

        /// <summary>SIGKILL (Process.Kill) and waits for the exit: the node gets no chance to flush, save or say goodbye;
        /// the broker learns of it from the dropped connection (and publishes its Last Will).</summary>
        public void Kill()
        {
            if (_process is { HasExited: false } process)
            {
                process.Kill(entireProcessTree: true);
                if (!process.WaitForExit(ExitTimeout))
                {
                    throw new TimeoutException($"the node did not die within {ExitTimeout.TotalSeconds} s of SIGKILL");
                }
            }
        }

        /// <summary>SIGTERM, as a service manager stops it: the CLI reports the open window, says offline, and exits;
        /// returns the exit code (0 for a clean stop).</summary>
        public async Task<int> StopAsync()
        {
            if (_process is { HasExited: false } process)
            {
                UnixSignal.Send(process.Id, UnixSignal.Terminate);
            }

            return await WaitForExitAsync(ExitTimeout).ConfigureAwait(false);
        }

        /// <summary>Waits for the current run to end (given --duration, it ends by itself); returns its exit code.</summary>
        public async Task<int> WaitForExitAsync(TimeSpan timeout)
        {
            Process process = _process ?? throw new InvalidOperationException("never started");
            using var expiry = new CancellationTokenSource(timeout);
            try
            {
                await process.WaitForExitAsync(expiry.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"the node did not exit within {timeout.TotalSeconds} s; transcript:\n{Transcript}");
            }

            // WaitForExitAsync also waits for the end of the redirected streams, so the output is complete here.
            return process.ExitCode;
        }

        /// <summary>Waits until a line of the current run's stdout matches <paramref name="pattern"/> and returns it;
        /// throws TimeoutException with the transcript if none did within <paramref name="timeout"/> or the run ended first.</summary>
        public async Task<string> WaitForLineAsync(string pattern, TimeSpan timeout)
        {
            var regex = new Regex(pattern, RegexOptions.Multiline | RegexOptions.CultureInvariant);
            var deadline = DateTime.UtcNow + timeout;
            while (true)
            {
                bool ended = !IsRunning;
                Match match = regex.Match(Output);
                if (match.Success)
                {
                    int start = Output.LastIndexOf('\n', match.Index) + 1;
                    int end = Output.IndexOf('\n', match.Index);
                    return Output[start..(end < 0 ? Output.Length : end)].TrimEnd('\r');
                }

                if (ended || DateTime.UtcNow >= deadline)
                {
                    throw new TimeoutException($"no line matching /{pattern}/ {(ended ? "before the node exited" : $"within {timeout.TotalSeconds} s")}; transcript:\n{Transcript}");
                }

                await Task.Delay(20).ConfigureAwait(false);
            }
        }

        public ValueTask DisposeAsync()
        {
            Kill();
            _process?.Dispose();
            _process = null;
            return ValueTask.CompletedTask;
        }

        private void StartProcess()
        {
            var start = new ProcessStartInfo(DotnetHost())
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                RedirectStandardInput = true,
                UseShellExecute = false,
                StandardOutputEncoding = Encoding.UTF8,
                StandardErrorEncoding = Encoding.UTF8,
            };
            start.ArgumentList.Add(EdgeDll);
            start.ArgumentList.Add("simulate");
            foreach (string argument in Arguments)
            {
                start.ArgumentList.Add(argument);
            }

            // No terminal: the CLI prints plain progress lines. Telemetry and banners of the SDK stay out of the output.
            start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
            start.Environment["DOTNET_NOLOGO"] = "1";

            StringBuilder output = new();
            StringBuilder error = new();
            lock (_gate)
            {
                _output = output;
                _error = error;
                Starts++;
                _all.AppendLine($"--- start {Starts}: edge simulate {string.Join(' ', Arguments)}");
            }

            _process?.Dispose();
            Process process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {start.FileName}");
            process.OutputDataReceived += (_, e) => Append(output, e.Data, string.Empty);
            process.ErrorDataReceived += (_, e) => Append(error, e.Data, "stderr: ");
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            _process = process;
        }

        private void Append(StringBuilder run, string? line, string mark)
        {
            if (line is null)
            {
                return;
            }

            lock (_gate)
            {
                run.AppendLine(line);
                _all.Append(mark).AppendLine(line);
            }
        }

        /// <summary>The dotnet host that runs these tests (the SDK sets DOTNET_HOST_PATH for its children), else dotnet on PATH.</summary>
        private static string DotnetHost()
        {
            string? host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
            return host is { Length: > 0 } && File.Exists(host) ? host : "dotnet";
        }

        private static string FindEdgeDll()
        {
            string configuration = typeof(NodeProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";
            for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "Edge.sln")))
                {
                    string built = Path.Combine(directory.FullName, "firmware", "Edge.Host", "bin", configuration, "net10.0", "edge.dll");
                    if (File.Exists(built))
                    {
                        return built;
                    }

                    break;
                }
            }

            string beside = Path.Combine(AppContext.BaseDirectory, "edge.dll");
            return File.Exists(beside)
                ? beside
                : throw new FileNotFoundException($"edge.dll not found: build firmware/Edge.Host ({configuration}) first");
        }
    }
}
