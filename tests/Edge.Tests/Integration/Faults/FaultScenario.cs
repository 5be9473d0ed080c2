using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Text;
using System.Threading.Tasks;
using System;
using Edge.Core.Node;
using Edge.Core.Platform;
using Edge.Host.Faults;
using Edge.Host.Platform;
using Edge.Host.Simulation;
using Xunit.Abstractions;
using Xunit;

namespace Edge.Tests.Integration.Faults
{
    /// <summary>The faults a <see cref="FaultScenario"/> strikes the node's network or broker with.</summary>
    public enum NetworkFault
    {
        /// <summary><see cref="TcpChaosProxy.Cut"/> (RST both ways) right after a tick that published, while the message is in flight.</summary>
        Cut,

        /// <summary><see cref="TcpChaosProxy.Stall"/>: a frozen broker, sockets open, nothing answered.</summary>
        Stall,

        /// <summary><see cref="TcpChaosProxy.BlackHole"/>: a dead route, new connections never answered.</summary>
        BlackHole,

        /// <summary><see cref="TcpChaosProxy.Refuse"/> and <see cref="TcpChaosProxy.Cut"/>: the connection reset and every new one refused.</summary>
        Refuse,

        /// <summary>The broker's orderly stop (mosquitto: SIGTERM) and a start on the same port.</summary>
        BrokerStop,

        /// <summary>The broker's crash (mosquitto: SIGKILL; the embedded broker: a stop) and a start on the same port.</summary>
        BrokerKill,
    }

    /// <summary>The brokers and seeds every fault scenario runs with.</summary>
    public static partial class FaultCases
    {
        /// <summary>Seeds of the scenarios: EDGE_FAULT_SEEDS ("5,9,12") when set, to replay a failure or explore
        /// further, else three fixed ones, so that CI runs the same schedules every time.</summary>
        public static int[] Seeds { get; } = ParseSeeds(Environment.GetEnvironmentVariable("EDGE_FAULT_SEEDS"));

        /// <summary>For [MemberData]: each broker of <see cref="BrokersUnderTest.Available"/> with each seed.</summary>
        public static TheoryData<string, int> BrokersAndSeeds => Of(Seeds);

        /// <summary>For [MemberData]: each broker of <see cref="BrokersUnderTest.Available"/> with each of <paramref name="seeds"/>.</summary>
        public static TheoryData<string, int> Of(params int[] seeds)
        {
            var cases = new TheoryData<string, int>();
            foreach (string broker in BrokersUnderTest.Available)
            {
                foreach (int seed in seeds)
                {
                    cases.Add(broker, seed);
                }
            }

            return cases;
        }

        private static int[] ParseSeeds(string? text) =>
            string.IsNullOrWhiteSpace(text)
                ? [17, 29, 41]
                : [.. text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(s => int.Parse(s, CultureInfo.InvariantCulture))];
    }

    /// <summary>What one scenario saw, for the fault's own assertions and the summary line.</summary>
    public sealed record FaultOutcome(
        string Description,
        int Faults,
        long Produced,
        long Delivered,
        long Duplicates,
        long BrokerLost,
        long Reconnects,
        long AckTimeouts,
        long LinkLost,
        long TcpFailures,
        long TimeoutFailures,
        long Takeovers,
        long ReportsDuringFaults,
        long ExpectedReportsDuringFaults,
        int[] SamplesDuringFaults,
        long[] DetectionsPerFault,
        long VirtualSeconds,
        double WallSeconds)
    {
        /// <summary>One line with the figures docs/reliability.md reports.</summary>
        public string Summary => string.Create(
            CultureInfo.InvariantCulture,
            $"{Description}: produced {Produced}, delivered {Delivered}, duplicates {Duplicates}, lost 0 (broker's own {BrokerLost}), reconnects {Reconnects}, ack timeouts {AckTimeouts}, {VirtualSeconds} virtual s in {WallSeconds:0.0} s");
    }

    /// <summary>
    /// One fault scenario: a broker (<see cref="BrokersUnderTest"/>), the node in this process (the real node loop
    /// with its simulated S0 meter, <see cref="NodeSimulation"/>, on a virtual clock, publishing through
    /// <see cref="MqttNetLink"/>) reaching it through a <see cref="TcpChaosProxy"/>, and a
    /// <see cref="PersistentSubscriber"/> connected straight to the broker feeding a <see cref="DeliveryLedger"/>.
    /// A seed decides when each fault strikes and how long it lasts, in virtual seconds; after the last one the node
    /// drains its outbox, reports its open window and says goodbye, and every readings, events and health number it
    /// produced must have been received: nothing lost, first arrivals in order, repeats only with the same bytes.
    /// The only losses allowed are a broker's own, named exactly: the messages it acknowledged before it stopped or
    /// was killed and had not delivered by then, when it is a broker that keeps nothing across that
    /// (<see cref="IBrokerUnderTest.KeepsSessionsAcrossStop"/>, <see cref="IBrokerUnderTest.KeepsSessionsAcrossKill"/>).
    /// <para>Timeouts are those of the field scaled down by config (NodeConfig) where that keeps them apart from the
    /// machine's own delays: 5 s for a PUBACK (field: 30 s), a backoff capped at 8 s (5 minutes), 5-second windows; the
    /// CONNACK bound stays at the field's 10 s, 1.5 s of real time here, which a loaded machine needs to connect. Each virtual second is a tick
    /// followed by a real wait of at most 150 ms for what the link owes (LinkWait.Settle), so a dead link costs
    /// 150 ms of real time per virtual second and a healthy one a few milliseconds.</para>
    /// </summary>
    public sealed class FaultScenario : IAsyncDisposable
    {
        /// <summary>Report window of the node, in seconds: short, so that reports are in flight whenever a fault strikes.</summary>
        public const int WindowSeconds = 5;

        private const int TickMs = 1000;

        /// <summary>Real time a tick waits for the link: well above a loopback PUBACK or CONNACK (milliseconds), and
        /// small enough that a dead link's virtual timeouts pass in about a second.</summary>
        private static readonly TimeSpan LinkTimeout = TimeSpan.FromMilliseconds(150);

        private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

        /// <summary>Longer than any scenario takes on a loaded machine: past it the node (or the scenario) hung.</summary>
        private static readonly TimeSpan HangLimit = TimeSpan.FromSeconds(180);

        /// <summary>Node log lines a failure message ends with.</summary>
        private static readonly int LogLinesShown = int.TryParse(Environment.GetEnvironmentVariable("EDGE_FAULT_LOG_LINES"), out int lines) ? lines : 12;

        private static readonly DateTime Start = new(2026, 11, 25, 12, 0, 0, DateTimeKind.Utc);

        private readonly NetworkFault _fault;
        private readonly int _seed;
        private readonly Random _random;
        private readonly string _node;
        private readonly IBrokerUnderTest _broker;
        private readonly TcpChaosProxy _proxy;
        private readonly DeliveryLedger _ledger;
        private readonly ConcurrentDictionary<long, byte[]> _readings;
        private readonly PersistentSubscriber _subscriber;
        private readonly MqttNetLink _link;
        private readonly AcknowledgedLink _acks;
        private readonly NodeLines _log;
        private readonly NodeSimulation _simulation;
        private readonly StringBuilder _schedule = new();
        private readonly Dictionary<SeriesKind, HashSet<long>> _brokersOwn = new();
        private readonly List<(long First, long End)> _duringFaults = new();
        private readonly List<long> _detections = new();
        private readonly Stopwatch _wall = new();
        private long _expectedDuringFaults;
        private int _faults;

        private FaultScenario(NetworkFault fault, int seed, string node, IBrokerUnderTest broker, TcpChaosProxy proxy, DeliveryLedger ledger, ConcurrentDictionary<long, byte[]> readings, PersistentSubscriber subscriber)
        {
            _fault = fault;
            _seed = seed;
            _random = new Random(seed);
            _node = node;
            _broker = broker;
            _proxy = proxy;
            _ledger = ledger;
            _readings = readings;
            _subscriber = subscriber;
            _link = new MqttNetLink(proxy.Host, proxy.Port);
            _acks = new AcknowledgedLink(_link);
            _log = new NodeLines(() => Now);
            var options = new SimulationOptions
            {
                NodeId = node,
                StartUtc = Start,
                WindowSeconds = WindowSeconds,
                TickMs = TickMs,
                HealthSeconds = 20,
                Seed = (ulong)seed,
                LinkTimeout = LinkTimeout,
                Configure = ScaleDown,
            };
            _simulation = new NodeSimulation(options, _acks, _log);
        }

        private EdgeNode Node => _simulation.Node;

        private BrokerSession Session => _simulation.Node.Session;

        private long Now => (_simulation?.Clock.MonotonicMs ?? 0) / 1000;

        /// <summary>Runs the scenario of <paramref name="fault"/> against the broker named <paramref name="brokerKind"/>
        /// with <paramref name="seed"/>, asserts that the delivery is complete (but for the broker's own losses,
        /// named), that nothing was dropped and that the node reconnected after each fault, and returns what it saw; writes the summary to <paramref name="output"/>.</summary>
        public static async Task<FaultOutcome> RunAsync(string brokerKind, NetworkFault fault, int seed, ITestOutputHelper output)
        {
            await using FaultScenario scenario = await StartAsync(brokerKind, fault, seed);
            Task<FaultOutcome> play = Task.Run(scenario.PlayAsync);
            try
            {
                FaultOutcome outcome = await play.WaitAsync(HangLimit);
                output.WriteLine(outcome.Summary);
                output.WriteLine(scenario.State());
                return outcome;
            }
            catch (TimeoutException)
            {
                Assert.Fail($"{scenario.Describe()}: not over within {HangLimit.TotalSeconds} s, at virtual t={scenario.Now} s: the node or the scenario hung\n{scenario.State()}");
                throw;
            }
        }

        public async ValueTask DisposeAsync()
        {
            _link.Dispose();
            await _subscriber.DisposeAsync();
            await _proxy.DisposeAsync();
            await _broker.DisposeAsync();
        }

        private static async Task<FaultScenario> StartAsync(string brokerKind, NetworkFault fault, int seed)
        {
            IBrokerUnderTest broker = await BrokersUnderTest.StartAsync(brokerKind);
            TcpChaosProxy proxy = TcpChaosProxy.Start(broker.Host, broker.Port);
            string node = $"nf-{fault.ToString().ToLowerInvariant()}-{seed}";
            var ledger = new DeliveryLedger();
            var readings = new ConcurrentDictionary<long, byte[]>();
            string readingsTopic = $"edge/{node}/readings";
            PersistentSubscriber subscriber = await PersistentSubscriber.ConnectAsync(broker.Host, broker.Port, ["edge/#"], (topic, payload, retained) =>
            {
                ledger.Record(topic, payload, retained);
                if (topic == readingsTopic)
                {
                    using JsonDocument report = JsonDocument.Parse(payload);
                    readings.TryAdd(report.RootElement.GetProperty("seq").GetInt64(), payload);
                }
            });
            return new FaultScenario(fault, seed, node, broker, proxy, ledger, readings, subscriber);
        }

        /// <summary>The field's timeouts, scaled down about six times so that a scenario takes seconds.</summary>
        private static void ScaleDown(NodeConfig config)
        {
            config.PublishAckTimeoutMs = 5000;
            config.ReconnectFloorMs = 200;
            config.ReconnectMinDelayMs = 1000;
            config.ReconnectMaxDelayMs = 8000;

            // Real seconds (MQTTnet pings on its own timer): a second detector of a frozen broker, behind the PUBACK bound.
            config.KeepAliveSeconds = 5;

            // The RAM outbox holds the whole scenario's backlog (about 40 reports and health messages at most),
            // so that nothing is dropped for room: the scenarios are about the link, not the full-outbox policy.
            config.OutboxBytes = 64 * 1024;
        }

        private async Task<FaultOutcome> PlayAsync()
        {
            _wall.Start();
            StepFor(_random.Next(6, 12));
            int count = _fault == NetworkFault.Cut ? _random.Next(3, 6) : 2;
            for (int i = 0; i < count; i++)
            {
                StepUntil(() => Session.IsReady, "the node connected before the next fault");

                // Cuts come more than NodeConfig.TakeoverConnectionMs (10 s) after the connection was made: several
                // short connections in a row would rightly be taken for another client with the node's id.
                StepFor(_fault == NetworkFault.Cut ? _random.Next(11, 25) : _random.Next(3, 12));
                await StrikeAsync();
                _faults++;
            }

            Finish();
            return Judge(await _ledger.WaitForAllAsync(Patience, TimeSpan.FromMilliseconds(300)));
        }

        private async Task StrikeAsync()
        {
            long at = Now;
            switch (_fault)
            {
                case NetworkFault.Cut:
                    int inFlight = 0;
                    for (int s = 0; s < 30 && inFlight == 0; s++)
                    {
                        Step(() =>
                        {
                            if (Session.InFlight > 0)
                            {
                                inFlight = Session.InFlight;
                                _proxy.Cut();
                            }
                        });
                    }

                    Assert.True(inFlight > 0, $"{Describe()}: nothing was published for 30 s to cut into");
                    await ConnectionEndedAsync("the cut");
                    Note($"t={Now}s cut with {inFlight} in flight");
                    break;
                case NetworkFault.Stall:
                    await DuringAsync(_random.Next(12, 26), _proxy.Stall, "stall", endsConnection: false);
                    break;
                case NetworkFault.BlackHole:
                    await DuringAsync(_random.Next(24, 37), _proxy.BlackHole, "black hole", endsConnection: false);
                    break;
                case NetworkFault.Refuse:
                    await DuringAsync(
                        _random.Next(5, 16),
                        () =>
                        {
                            _proxy.Refuse();
                            _proxy.Cut();
                        },
                        "refused",
                        endsConnection: true);
                    break;
                default:
                    await RestartBrokerAsync(_random.Next(3, 10), kill: _fault == NetworkFault.BrokerKill);
                    break;
            }
        }

        private long Detections() => Session.AckTimeouts + Session.Failures(LinkFailure.Lost) + Session.Failures(LinkFailure.Timeout);

        /// <summary>The fault for <paramref name="seconds"/> virtual seconds, then <see cref="TcpChaosProxy.Restore"/>;
        /// a fault that <paramref name="endsConnection"/> lasts from the moment the link saw it end.</summary>
        private async Task DuringAsync(int seconds, Action strike, string name, bool endsConnection)
        {
            long first = Node.NextSequence;
            long at = Now;
            // A fault is met when a bound gives it up while it lasts: a PUBACK not come in time, a connection seen
            // lost, or, when the fault strikes a node still (re)connecting, a CONNACK not come in time.
            long detected = Detections();
            strike();
            if (endsConnection)
            {
                await ConnectionEndedAsync(name);
            }

            StepFor(seconds);
            _proxy.Restore();
            _duringFaults.Add((first, Node.NextSequence));
            _expectedDuringFaults += seconds / WindowSeconds;
            detected = Detections() - detected;
            _detections.Add(detected);
            Note($"t={at}s {name} {seconds} s, {detected} connection(s) or attempt(s) given up or lost meanwhile");
        }

        /// <summary>
        /// The broker goes down for <paramref name="seconds"/> virtual seconds and comes back on its port. The node is
        /// kept off by the proxy (refusing) until the subscriber is subscribed again: a broker that lost the session
        /// would not deliver to it what was published before. When the broker keeps nothing across this end, what it
        /// acknowledged before and had not delivered by then is noted as its own possible loss.
        /// </summary>
        private async Task RestartBrokerAsync(int seconds, bool kill)
        {
            long at = Now;
            long first = Node.NextSequence;
            int connections = _subscriber.Connections;
            _proxy.Refuse();
            if (kill)
            {
                await _broker.KillAsync();
            }
            else
            {
                await _broker.StopAsync();
            }

            int epoch = _acks.BeginEpoch();
            await ConnectionEndedAsync(kill ? "the kill" : "the stop");
            StepFor(seconds);
            bool keeps = kill ? _broker.KeepsSessionsAcrossKill : _broker.KeepsSessionsAcrossStop;
            var named = new List<string>();
            if (!keeps)
            {
                foreach (SeriesKind kind in new[] { SeriesKind.Readings, SeriesKind.Events, SeriesKind.Health })
                {
                    var own = new HashSet<long>(_acks.AcknowledgedIn(kind, epoch));
                    own.ExceptWith(_ledger.ReceivedKeys(_node, kind));
                    if (own.Count > 0)
                    {
                        named.Add($"{kind.ToString().ToLowerInvariant()} {SeriesVerdict.Ranges([.. own.Order()], 8)}");
                    }

                    if (!_brokersOwn.TryGetValue(kind, out HashSet<long>? all))
                    {
                        _brokersOwn[kind] = all = new HashSet<long>();
                    }

                    all.UnionWith(own);
                }
            }

            await _broker.StartAsync();
            await WaitAsync(() => _subscriber.Connections > connections && _subscriber.IsConnected, "the subscriber subscribed again after the restart");
            _proxy.Restore();
            _duringFaults.Add((first, Node.NextSequence));
            _expectedDuringFaults += seconds / WindowSeconds;
            string broker = keeps ? "it keeps its sessions" : named.Count == 0 ? "nothing acknowledged was undelivered" : "acknowledged, undelivered: " + string.Join(", ", named);
            Note($"t={at}s broker {(kill ? "killed" : "stopped")} {seconds} s ({broker})");
        }

        /// <summary>Back to normal: the outbox drained, the open window reported, the goodbye said.</summary>
        private void Finish()
        {
            StepUntil(() => Session.IsReady && Node.OutboxDepth == 0 && !Node.LinkBusy, "the outbox drained after the last fault");
            Node.Flush();
            StepUntil(() => Node.OutboxDepth == 0 && !Node.LinkBusy, "the outbox drained after the last window");
            LinkWait.Stop(Node, TimeSpan.FromSeconds(10));
            _wall.Stop();

            _ledger.ProducedRange(_node, SeriesKind.Readings, 1, Node.NextSequence - 1);
            _ledger.ProducedRange(_node, SeriesKind.Health, 1, Node.Health.HealthQueued);
            long events = Node.Events.EventsQueued + Node.Events.HeartbeatsQueued;
            if (events > 0)
            {
                _ledger.ProducedRange(_node, SeriesKind.Events, 1, events);
            }
            else
            {
                _ledger.ExpectNothing(_node, SeriesKind.Events);
            }
        }

        private FaultOutcome Judge(DeliveryVerdict verdict)
        {
            var problems = new List<string>();
            long brokerLost = 0;
            foreach (SeriesVerdict series in verdict.Series)
            {
                HashSet<long> own = _brokersOwn.TryGetValue(series.Key.Kind, out HashSet<long>? set) ? set : [];
                long[] nodeLost = [.. series.Lost.Where(k => !own.Contains(k))];
                brokerLost += series.Lost.Length - nodeLost.Length;
                if (nodeLost.Length > 0)
                {
                    problems.Add($"{series.Key}: LOST by the node {nodeLost.Length}: {SeriesVerdict.Ranges(nodeLost, 8)}");
                }

                if (series.Unexpected.Length + series.OutOfOrder.Length + series.Conflicting.Length > 0)
                {
                    problems.Add(series.Describe());
                }
            }

            problems.AddRange(verdict.Malformed.Select(m => "MALFORMED " + m));
            if (Node.OutboxDropped != 0 || Node.MessagesTooLarge != 0)
            {
                problems.Add($"the node dropped {Node.OutboxDropped} message(s) for room and refused {Node.MessagesTooLarge} for size");
            }

            Assert.True(problems.Count == 0, $"{Describe()}:\n  {string.Join("\n  ", problems)}\n{verdict.Describe()}\n{State()}");

            // Every fault here ends the connection, by a reset, a timeout or the broker's going: each is followed by one.
            Assert.True(Session.Reconnects >= _faults, $"{Describe()}: {Session.Reconnects} reconnections after {_faults} faults\n{State()}");

            // A report the broker lost (it acknowledged it, then was killed before delivering it: excused above) has
            // no samples to count; every other report produced during a fault must have been received.
            HashSet<long> lostByBroker = _brokersOwn.TryGetValue(SeriesKind.Readings, out HashSet<long>? readingsLost) ? readingsLost : [];
            var samples = new List<int>();
            foreach ((long first, long end) in _duringFaults)
            {
                for (long seq = first; seq < end; seq++)
                {
                    if (!_readings.ContainsKey(seq) && lostByBroker.Contains(seq))
                    {
                        continue;
                    }

                    samples.Add(SamplesOf(seq));
                }
            }

            return new FaultOutcome(
                Describe(),
                _faults,
                verdict.Series.Sum(s => (long)s.Produced),
                verdict.Series.Sum(s => (long)s.Received),
                verdict.Duplicates,
                brokerLost,
                Session.Reconnects,
                Session.AckTimeouts,
                Session.Failures(LinkFailure.Lost),
                Session.Failures(LinkFailure.Tcp),
                Session.Failures(LinkFailure.Timeout),
                Session.Takeovers,
                _duringFaults.Sum(r => r.End - r.First),
                _expectedDuringFaults,
                [.. samples],
                [.. _detections],
                Now,
                _wall.Elapsed.TotalSeconds);
        }

        /// <summary>Samples of the energy register in report <paramref name="seq"/>: one per tick that polled the meter.</summary>
        private int SamplesOf(long seq)
        {
            Assert.True(_readings.TryGetValue(seq, out byte[]? payload), $"{Describe()}: report {seq} was not received");
            using JsonDocument report = JsonDocument.Parse(payload);
            return report.RootElement.GetProperty("meters")[0].GetProperty("values").GetProperty("totalActiveEnergyImport").GetProperty("n").GetInt32();
        }

        /// <summary>One virtual second: the meter runs, the node ticks, <paramref name="afterTick"/> strikes (between
        /// the publication and its acknowledgement), and the link gets up to <see cref="LinkTimeout"/> to answer.</summary>
        private void Step(Action? afterTick = null)
        {
            _simulation.Clock.Advance(TickMs);
            _simulation.Meter.AdvanceTo(_simulation.Clock.MonotonicMs);
            Node.Tick();
            afterTick?.Invoke();
            LinkWait.Settle(Node, LinkTimeout);
        }

        private void StepFor(int seconds)
        {
            for (int i = 0; i < seconds; i++)
            {
                Step();
            }
        }

        private void StepUntil(Func<bool> condition, string what)
        {
            var deadline = DateTime.UtcNow + Patience;
            while (!condition())
            {
                Assert.True(DateTime.UtcNow < deadline, $"{Describe()}: {what} did not happen within {Patience.TotalSeconds} s (virtual t={Now} s)\n{State()}");
                Step();
            }
        }

        private async Task WaitAsync(Func<bool> condition, string what)
        {
            var deadline = DateTime.UtcNow + Patience;
            while (!condition())
            {
                Assert.True(DateTime.UtcNow < deadline, $"{Describe()}: {what} did not happen within {Patience.TotalSeconds} s\n{State()}");
                await Task.Delay(20);
            }
        }

        /// <summary>
        /// Waits, in real time and without moving the virtual clock, until the link saw its connection end. Virtual
        /// seconds without traffic pass in microseconds: a fault that ends the connection must be seen by the link
        /// (a reset arrives in milliseconds) before its virtual duration starts, or it would be over before the node
        /// could meet it.
        /// </summary>
        private Task ConnectionEndedAsync(string what) =>
            WaitAsync(() => _link.State != LinkState.Connected, $"the link saw the connection end after {what}");

        private void Note(string text)
        {
            _schedule.Append(_schedule.Length == 0 ? string.Empty : "; ").Append(text);
        }

        /// <summary>"Stall, embedded MQTTnet, seed 17 (replay: EDGE_FAULT_SEEDS=17) [t=16s stall 12 s; ...]": what a
        /// failure message starts with, enough to replay it with the test's name.</summary>
        private string Describe() => $"{_fault}, {_broker.Kind}, seed {_seed} (replay: EDGE_FAULT_SEEDS={_seed}) [{_schedule}]";

        /// <summary>The node's and the proxy's counters and the node's last log lines, for failure messages.</summary>
        private string State()
        {
            BrokerSession session = Session;
            return string.Create(
                CultureInfo.InvariantCulture,
                $"node: next seq {Node.NextSequence}, outbox {Node.OutboxDepth}, ready {session.IsReady}, in flight {session.InFlight}, attempts {session.ConnectAttempts}, reconnects {session.Reconnects}, " +
                $"ack timeouts {session.AckTimeouts}, lost {session.Failures(LinkFailure.Lost)}, publish failures {session.PublishFailures}, tcp {session.Failures(LinkFailure.Tcp)}, timeout {session.Failures(LinkFailure.Timeout)}, takeovers {session.Takeovers}, published {_acks.Published}\n" +
                $"proxy: {_proxy.Mode}, accepted {_proxy.ConnectionsAccepted}, reset {_proxy.ConnectionsReset}, upstream failures {_proxy.UpstreamFailures}; subscriber: connections {_subscriber.Connections}, resumed {_subscriber.SessionsResumed}\n" +
                $"node log (last lines):\n    {string.Join("\n    ", _log.Last(LogLinesShown))}");
        }

        /// <summary>The node's log, kept for failure messages.</summary>
        private sealed class NodeLines : ILog
        {
            private readonly List<string> _lines = new();
            private readonly Func<long> _now;

            public NodeLines(Func<long> now)
            {
                _now = now;
            }

            public bool IsEnabled(LogLevel level) => level >= LogLevel.Info;

            public void Write(LogLevel level, string tag, string message)
            {
                lock (_lines)
                {
                    _lines.Add($"t={_now()}s {level} {tag}: {message}");
                }
            }

            public string[] Last(int count)
            {
                lock (_lines)
                {
                    return [.. _lines.Skip(Math.Max(0, _lines.Count - count))];
                }
            }
        }
    }
}
