using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Edge.Core.Platform;
using Edge.Host.Cli;
using Edge.Host.Platform;
using Edge.Host.Simulation;

namespace Edge.Host.Faults
{
    /// <summary>
    /// `edge simulate --faults`: the simulated node reaches its broker through a <see cref="TcpChaosProxy"/> that a
    /// seeded <see cref="FaultSchedule"/> cuts, stalls, black-holes and closes, in real time, while the node runs on
    /// its paced virtual clock; with a store, the node is also restarted on it now and then (a power cut: the node
    /// object is dropped between two ticks, a new one starts over the same store). A
    /// <see cref="PersistentSubscriber"/> on the broker itself records everything in a <see cref="DeliveryLedger"/>,
    /// fed with every readings number the node took. A tally line shows the counts as it runs; at the end the
    /// faults stop, the node delivers what it holds, and the verdict decides the exit code: 1 if a reading was lost,
    /// arrived out of order, or a number came back with other content.
    /// </summary>
    public sealed class FaultSoak
    {
        private static readonly TimeSpan DrainLimit = TimeSpan.FromMinutes(30);

        private readonly SimulationOptions _options;
        private readonly BrokerAddress _broker;
        private readonly SimulatorConsole _console;
        private readonly DeliveryLedger _ledger = new();
        private readonly FaultSchedule _schedule;
        private NodeSimulation _simulation = null!;
        private MqttNetLink _link = null!;
        private long _fedUpTo;
        private long _reconnectsBefore;

        public FaultSoak(SimulationOptions options, BrokerAddress broker, int seed, SimulatorConsole console)
        {
            _options = options;
            _broker = broker;
            _console = console;
            _schedule = new FaultSchedule(seed, restarts: options.Store is not null);
        }

        /// <summary>Runs the soak for <paramref name="duration"/> of virtual time (or until cancelled), then drains and
        /// judges; returns the exit code.</summary>
        public async Task<int> RunAsync(double speed, TimeSpan? duration, TimeSpan tallyInterval, CancellationToken cancellation)
        {
            await using TcpChaosProxy proxy = TcpChaosProxy.Start(_broker.Host, _broker.Port);
            string filter = $"{_options.TopicPrefix}/{_options.NodeId}/#";
            await using PersistentSubscriber subscriber = await PersistentSubscriber.ConnectAsync(_broker.Host, _broker.Port, [filter], _ledger.Record).ConfigureAwait(false);
            _console.Line($"  faults   seed {_schedule.Seed}: cut, stall, black-hole, refuse{(_schedule.Restarts ? ", restart on the store" : string.Empty)}, through a proxy at {proxy.Host}:{proxy.Port}; a persistent subscriber on the broker judges readings by seq");
            Boot(proxy, _options.StartUtc);
            try
            {
                var real = Stopwatch.StartNew();
                var tally = Stopwatch.StartNew();
                long endMs = duration is null ? long.MaxValue : (long)duration.Value.TotalMilliseconds;
                long ranMs = 0;
                while (!cancellation.IsCancellationRequested && ranMs + _options.TickMs <= endMs)
                {
                    string? action = _schedule.Advance(real.ElapsedMilliseconds, proxy);
                    if (action == FaultSchedule.Restart)
                    {
                        Restart(proxy);
                    }

                    long due = (long)(real.Elapsed.TotalMilliseconds * speed);
                    if (ranMs + _options.TickMs <= due)
                    {
                        _simulation.Step();
                        ranMs += _options.TickMs;
                        Feed();
                    }
                    else
                    {
                        try
                        {
                            await Task.Delay(10, cancellation).ConfigureAwait(false);
                        }
                        catch (OperationCanceledException)
                        {
                            break;
                        }
                    }

                    if (tally.Elapsed >= tallyInterval)
                    {
                        tally.Restart();
                        _console.Progress(Tally(ranMs, _schedule.Current));
                    }
                }

                // The faults end: the node delivers what it holds, then reports its open window and stops cleanly.
                proxy.Restore();
                for (long s = 0; s < DrainLimit.TotalSeconds && (_simulation.Node.OutboxDepth > 0 || !_simulation.Node.Session.IsReady); s++)
                {
                    _simulation.Step();
                    ranMs += _options.TickMs;
                }

                _simulation.Flush();
                Feed();
                _simulation.Stop();
                DeliveryVerdict verdict = await _ledger.WaitForAllAsync(TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(1)).ConfigureAwait(false);
                _console.Progress(Tally(ranMs, "none"));
                _console.EndProgress();
                SeriesVerdict? readings = verdict.Of(_options.NodeId, SeriesKind.Readings);
                int lost = readings?.Lost.Length ?? 0;
                _console.Line(string.Create(
                    CultureInfo.InvariantCulture,
                    $"verdict after {TimeSpan.FromMilliseconds(ranMs):hh\\:mm\\:ss} virtual: produced {readings?.Produced ?? 0}, delivered {readings?.Received ?? 0}, duplicates {readings?.Duplicates ?? 0}, lost {lost}, out of order {readings?.OutOfOrder.Length ?? 0}, reused {readings?.Conflicting.Length ?? 0}; reconnects {Reconnects}; faults {_schedule.Describe()}: {(verdict.Ok ? "nothing lost" : "READINGS LOST OR DAMAGED")}"));
                if (!verdict.Ok)
                {
                    _console.ErrorLine(verdict.Describe());
                }

                return verdict.Ok ? ExitCodes.Success : ExitCodes.Failure;
            }
            finally
            {
                _link.Dispose();
            }
        }

        private long Reconnects => _reconnectsBefore + _simulation.Node.Reconnects;

        private void Boot(TcpChaosProxy proxy, DateTime startUtc)
        {
            _link = new MqttNetLink(proxy.Host, proxy.Port);
            var options = _options with { StartUtc = startUtc };
            _simulation = new NodeSimulation(options, _link, new ConsoleLog(LogLevel.Warning, _console.ErrorLines));

            // Every number below the first of this run that was never taken (the rest of a reserved block) is a gap,
            // not a loss: the ledger is fed from here.
            _fedUpTo = _simulation.Node.NextSequence - 1;
        }

        /// <summary>A power cut between two ticks: nothing of the node runs on, its connection drops; a new node starts
        /// on the same store at the same virtual time.</summary>
        private void Restart(TcpChaosProxy proxy)
        {
            _reconnectsBefore += _simulation.Node.Reconnects;
            DateTime now = _simulation.Clock.UtcNow;
            _link.Dispose();
            Boot(proxy, now);
        }

        /// <summary>Tells the ledger the readings numbers the node took since the last call: every one reached the store
        /// before the tick that took it ended (EdgeNode.Tick flushes before it publishes).</summary>
        private void Feed()
        {
            long last = _simulation.Node.NextSequence - 1;
            if (last > _fedUpTo)
            {
                _ledger.ProducedRange(_options.NodeId, SeriesKind.Readings, _fedUpTo + 1, last);
                _fedUpTo = last;
            }
        }

        private string Tally(long ranMs, string fault)
        {
            SeriesVerdict? readings = _ledger.Verdict().Of(_options.NodeId, SeriesKind.Readings);
            int produced = readings?.Produced ?? 0;
            int delivered = readings is null ? 0 : readings.Produced - readings.Lost.Length;
            return string.Create(
                CultureInfo.InvariantCulture,
                $"+{TimeSpan.FromMilliseconds(ranMs):hh\\:mm\\:ss} produced {produced} delivered {delivered} dup {readings?.Duplicates ?? 0} waiting {produced - delivered} reconn {Reconnects} fault {fault}");
        }
    }

    /// <summary>
    /// The seeded order of the soak's faults, in real time: a healthy spell of 1 to 4 s, then one fault drawn among
    /// cut (every connection reset, at once), stall, black-hole and refuse (each for 0.5 to 3 s, then restored) and,
    /// with a store, a restart of the node (at once); and again. The same seed gives the same order and lengths.
    /// </summary>
    public sealed class FaultSchedule
    {
        public const string Restart = "restart";

        private readonly Random _random;
        private readonly Dictionary<string, int> _counts = new(StringComparer.Ordinal);
        private long _nextChangeMs;

        public FaultSchedule(int seed, bool restarts)
        {
            Seed = seed;
            Restarts = restarts;
            _random = new Random(seed);
            _nextChangeMs = _random.Next(1000, 4000);
        }

        public int Seed { get; }

        /// <summary>Whether restarts of the node are among the faults (only with a store to restart on).</summary>
        public bool Restarts { get; }

        /// <summary>The fault in force: "none", "stall", "black-hole" or "refuse".</summary>
        public string Current { get; private set; } = "none";

        /// <summary>Faults done so far by name.</summary>
        public IReadOnlyDictionary<string, int> Counts => _counts;

        /// <summary>Applies to <paramref name="proxy"/> what is due at <paramref name="nowMs"/> (real milliseconds since
        /// the start); returns the fault begun, <see cref="Restart"/> for the caller to do, or null.</summary>
        public string? Advance(long nowMs, TcpChaosProxy proxy)
        {
            if (nowMs < _nextChangeMs)
            {
                return null;
            }

            if (Current != "none")
            {
                proxy.Restore();
                Current = "none";
                _nextChangeMs = nowMs + _random.Next(1000, 4000);
                return null;
            }

            string fault = _random.Next(Restarts ? 5 : 4) switch
            {
                0 => "cut",
                1 => "stall",
                2 => "black-hole",
                3 => "refuse",
                _ => Restart,
            };
            _counts[fault] = _counts.GetValueOrDefault(fault) + 1;
            switch (fault)
            {
                case "cut":
                    proxy.Cut();
                    break;
                case "stall":
                    proxy.Stall();
                    break;
                case "black-hole":
                    proxy.BlackHole();
                    break;
                case "refuse":
                    // Refusing new connections alone leaves the open one up: cut it too, so that the node is outside.
                    proxy.Refuse();
                    proxy.Cut();
                    break;
            }

            bool lasting = fault is "stall" or "black-hole" or "refuse";
            Current = lasting ? fault : "none";
            _nextChangeMs = nowMs + (lasting ? _random.Next(500, 3000) : _random.Next(1000, 4000));
            return fault;
        }

        /// <summary>"cut 3, stall 2, refuse 1", in a fixed order.</summary>
        public string Describe()
        {
            string[] order = ["cut", "stall", "black-hole", "refuse", Restart];
            string text = string.Join(", ", order.Where(_counts.ContainsKey).Select(name => $"{name} {_counts[name]}"));
            return text.Length == 0 ? "none" : text;
        }
    }
}
