using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Edge.Core.Platform;
using Edge.Host.Cli;
using Edge.Host.Faults;
using Edge.Host.Platform;
using Edge.Host.Simulation;
using Edge.Tests.Fakes;
using Xunit;
using Xunit.Abstractions;

namespace Edge.Tests.Integration.Faults
{
    /// <summary>
    /// A simulated node in this process, on a virtual clock that runs as fast as the loop goes (a day in seconds), its
    /// real MQTT link reaching a real broker through a <see cref="TcpChaosProxy"/>; an outage is the proxy refusing
    /// connections after cutting the open one. The subscriber reaches the broker directly. Readings only are judged:
    /// the node numbers them 1 to <see cref="Edge.Core.Node.EdgeNode.NextSequence"/> - 1 in one run.
    /// </summary>
    public sealed class BrokerNodeRig : IAsyncDisposable
    {
        /// <summary>Local midnight in Paris in November: quarter hours, hours and the local day line up with the run.</summary>
        public static readonly DateTime Start = new(2026, 11, 25, 23, 0, 0, DateTimeKind.Utc);

        private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

        private readonly MqttNetLink _mqtt;

        private BrokerNodeRig(IBrokerUnderTest broker, TcpChaosProxy proxy, PersistentSubscriber subscriber, DeliveryLedger ledger, ConcurrentQueue<JsonElement> readings, string node, ulong seed, RecordingLog log)
        {
            Broker = broker;
            Proxy = proxy;
            Subscriber = subscriber;
            Ledger = ledger;
            Readings = readings;
            Node = node;
            Log = log;
            _mqtt = new MqttNetLink(proxy.Host, proxy.Port);
            Link = new CountingLink(_mqtt);
            Simulation = new NodeSimulation(
                new SimulationOptions
                {
                    NodeId = node,
                    Profile = ProfileText.Create("linky-household", 900),
                    WindowSeconds = 900,
                    Seed = seed,
                    StartUtc = Start,
                    Store = new MemoryStore(),
                },
                Link,
                log);
        }

        public IBrokerUnderTest Broker { get; }

        public TcpChaosProxy Proxy { get; }

        public PersistentSubscriber Subscriber { get; }

        public DeliveryLedger Ledger { get; }

        /// <summary>The node's readings as the subscriber received them, in arrival order.</summary>
        public ConcurrentQueue<JsonElement> Readings { get; }

        public string Node { get; }

        public CountingLink Link { get; }

        public NodeSimulation Simulation { get; }

        public RecordingLog Log { get; }

        public static async Task<BrokerNodeRig> StartAsync(string kind, string node, ulong seed)
        {
            IBrokerUnderTest broker = await BrokersUnderTest.StartAsync(kind);
            var proxy = TcpChaosProxy.Start(broker.Host, broker.Port);
            var ledger = new DeliveryLedger();
            var readings = new ConcurrentQueue<JsonElement>();
            var subscriber = await PersistentSubscriber.ConnectAsync(broker.Host, broker.Port, [$"edge/{node}/#"], (topic, payload, retained) =>
            {
                ledger.Record(topic, payload, retained);
                if (topic == $"edge/{node}/readings")
                {
                    readings.Enqueue(JsonDocument.Parse(payload).RootElement.Clone());
                }
            });
            return new BrokerNodeRig(broker, proxy, subscriber, ledger, readings, node, seed, new RecordingLog());
        }

        /// <summary>The broker unreachable: the connection cut, new ones refused.</summary>
        public async Task GoOfflineAsync()
        {
            Proxy.Refuse();
            Proxy.Cut();
            Assert.True(await Proxy.WaitUntilAsync(p => p.OpenConnections == 0, Patience), "the proxy kept a connection open");
        }

        /// <summary>Steps the node until its outbox is empty (at most <paramref name="limit"/> of virtual time); returns
        /// the most messages (status left out) it handed the link in one virtual second.</summary>
        public int RunUntilDrained(TimeSpan limit)
        {
            int most = 0;
            for (int s = 0; s < limit.TotalSeconds && (Simulation.Node.OutboxDepth > 0 || !Simulation.Node.Session.IsReady); s++)
            {
                long before = Link.Published;
                Simulation.Step();
                most = Math.Max(most, (int)(Link.Published - before));
            }

            return most;
        }

        /// <summary>Feeds the ledger every number the node gave its readings and waits for them.</summary>
        public async Task<DeliveryVerdict> WaitForAllReadingsAsync()
        {
            long last = Simulation.Node.NextSequence - 1;
            Ledger.ProducedRange(Node, SeriesKind.Readings, 1, last);
            return await Ledger.WaitForAllAsync(Patience, quiet: TimeSpan.FromMilliseconds(500));
        }

        public async ValueTask DisposeAsync()
        {
            Simulation.Stop();
            _mqtt.Dispose();
            await Subscriber.DisposeAsync();
            await Proxy.DisposeAsync();
            await Broker.DisposeAsync();
        }
    }

    /// <summary>An <see cref="IMqttLink"/> that counts what the node hands the link (status messages left out), for the pace of a replay.</summary>
    public sealed class CountingLink : IMqttLink
    {
        private readonly IMqttLink _inner;

        public CountingLink(IMqttLink inner)
        {
            _inner = inner;
        }

        public event MqttMessageHandler MessageReceived
        {
            add => _inner.MessageReceived += value;
            remove => _inner.MessageReceived -= value;
        }

        /// <summary>Messages taken by the link (a ticket above 0), status left out.</summary>
        public long Published { get; private set; }

        public LinkState State => _inner.State;

        public LinkFailure Failure => _inner.Failure;

        public int RefusedCode => _inner.RefusedCode;

        public bool SessionPresent => _inner.SessionPresent;

        public void BeginConnect(MqttConnectOptions options) => _inner.BeginConnect(options);

        public void Disconnect() => _inner.Disconnect();

        public int Publish(string topic, byte[] payload, int length, int qos, bool retain)
        {
            int ticket = _inner.Publish(topic, payload, length, qos, retain);
            if (ticket > 0 && !topic.EndsWith("/status", StringComparison.Ordinal))
            {
                Published++;
            }

            return ticket;
        }

        public bool TryTakeCompletion(out int ticket, out bool delivered) => _inner.TryTakeCompletion(out ticket, out delivered);

        public bool Subscribe(string topicFilter, int qos) => _inner.Subscribe(topicFilter, qos);
    }

    /// <summary>An <see cref="ILog"/> that keeps every line, warnings and above, for scenarios that check what the node said.</summary>
    public sealed class RecordingLog : ILog
    {
        private readonly ConcurrentQueue<string> _lines = new();

        public IReadOnlyCollection<string> Lines => _lines;

        public bool IsEnabled(LogLevel level) => level >= LogLevel.Warning;

        public void Write(LogLevel level, string tag, string message) => _lines.Enqueue($"{level} {tag}: {message}");
    }

    /// <summary>
    /// Outages through a real broker (both brokers, several seeds) on the virtual clock: a day long, and one during
    /// which the wall clock jumps forward and back.
    /// </summary>
    public class NodeOutageScenarios(ITestOutputHelper output)
    {
        public static TheoryData<string, int> Cases => FaultCases.Of(1, 8);

        [Theory]
        [MemberData(nameof(Cases))]
        public async Task After_a_day_long_outage_every_quarter_hour_report_arrives_in_order_no_faster_than_the_replay_rate(string kind, int seed)
        {
            var random = new Random(seed);
            await using BrokerNodeRig rig = await BrokerNodeRig.StartAsync(kind, $"day-{seed}", (ulong)seed);
            var node = rig.Simulation.Node;
            rig.Simulation.Run(TimeSpan.FromSeconds(60 + random.Next(0, 840)));
            Assert.True(node.Session.IsReady, $"{rig.Broker.Kind}, seed {seed}: never connected");

            await rig.GoOfflineAsync();
            long firstOffline = node.NextSequence;
            rig.Simulation.Run(TimeSpan.FromHours(24));
            long lastOffline = node.NextSequence - 1;
            int queued = node.OutboxDepth;

            rig.Proxy.Restore();
            DateTime replayFrom = rig.Simulation.Clock.UtcNow;
            int mostInASecond = rig.RunUntilDrained(TimeSpan.FromHours(1));
            double replaySeconds = (rig.Simulation.Clock.UtcNow - replayFrom).TotalSeconds;
            DeliveryVerdict verdict = await rig.WaitForAllReadingsAsync();

            JsonElement[] quarters = [.. rig.Readings.Where(r => r.GetProperty("window").GetString() == "PT15M" && Seq(r) >= firstOffline && Seq(r) <= lastOffline)];
            string context = $"{rig.Broker.Kind}, seed {seed}: {queued} queued over the day, readings {firstOffline}-{lastOffline}, replay {replaySeconds} virtual s, most {mostInASecond} in a second\n{verdict}";
            output.WriteLine(context);
            Assert.True(verdict.Ok, context);
            Assert.Equal(0, node.OutboxDropped);
            Assert.Equal(0, node.OutboxDepth);

            // 96 quarter hours in a day, first arrivals in the order of their windows, each following the one before.
            JsonElement[] firstArrivals = [.. quarters.DistinctBy(Seq)];
            Assert.True(firstArrivals.Length == 96, $"{firstArrivals.Length} quarter-hour reports of the day: " + context);
            for (int i = 1; i < firstArrivals.Length; i++)
            {
                Assert.True(Seq(firstArrivals[i]) > Seq(firstArrivals[i - 1]), "out of order: " + context);
                Assert.Equal(firstArrivals[i - 1].GetProperty("end").GetString(), firstArrivals[i].GetProperty("start").GetString());
            }

            // The pace, on the node's virtual clock (one Step a second): never more than ReplayPerSecond in a second,
            // so the backlog takes at least queued / ReplayPerSecond seconds.
            int rate = new Edge.Core.Node.NodeConfig().ReplayPerSecond;
            Assert.InRange(mostInASecond, 1, rate);
            Assert.True(replaySeconds >= (queued / (double)rate) - 1, "replayed faster than the rate: " + context);
        }

        [Theory]
        [MemberData(nameof(Cases))]
        public async Task A_clock_jumping_forward_and_back_during_an_outage_loses_nothing_keeps_windows_aligned_and_is_counted(string kind, int seed)
        {
            var random = new Random(seed);
            await using BrokerNodeRig rig = await BrokerNodeRig.StartAsync(kind, $"clock-{seed}", (ulong)seed);
            var node = rig.Simulation.Node;
            ManualClock clock = rig.Simulation.Clock;
            rig.Simulation.Run(TimeSpan.FromMinutes(random.Next(5, 20)));
            Assert.True(node.Session.IsReady, $"{rig.Broker.Kind}, seed {seed}: never connected");

            await rig.GoOfflineAsync();
            rig.Simulation.Run(TimeSpan.FromMinutes(random.Next(10, 40)));
            DateTime forwardAt = clock.UtcNow;
            clock.SetWallTime(clock.UtcNow.AddHours(2), synchronised: true);
            rig.Simulation.Run(TimeSpan.FromMinutes(random.Next(10, 40)));
            DateTime backAt = clock.UtcNow;
            clock.SetWallTime(clock.UtcNow.AddMinutes(-10), synchronised: true);
            rig.Simulation.Run(TimeSpan.FromMinutes(random.Next(10, 40)));

            rig.Proxy.Restore();
            rig.RunUntilDrained(TimeSpan.FromHours(1));
            DeliveryVerdict verdict = await rig.WaitForAllReadingsAsync();

            JsonElement[] reports = [.. rig.Readings.DistinctBy(Seq).OrderBy(Seq)];
            string context = $"{rig.Broker.Kind}, seed {seed}: +2 h at {forwardAt:HH:mm:ss}, -10 min at {backAt:HH:mm:ss}, {reports.Length} reports\n{verdict}\n"
                + string.Join("\n", reports.Select(r => $"{Seq(r)} {r.GetProperty("window").GetString()} {r.GetProperty("start").GetString()} {r.GetProperty("end").GetString()} {r.GetProperty("clock").GetString()}"));
            output.WriteLine(context);
            Assert.True(verdict.Ok, context);

            // Windows stay on their boundaries: a quarter hour starts on one and lasts 15 minutes, an hour likewise.
            foreach (JsonElement report in reports)
            {
                string window = report.GetProperty("window").GetString()!;
                int length = window switch { "PT15M" => 900, "PT1H" => 3600, _ => 0 };
                if (length > 0)
                {
                    long start = DateTimeOffset.Parse(report.GetProperty("start").GetString()!).ToUnixTimeSeconds();
                    long end = DateTimeOffset.Parse(report.GetProperty("end").GetString()!).ToUnixTimeSeconds();
                    Assert.True(start % length == 0 && end - start == length, $"{window} report {Seq(report)} off its boundaries: " + context);
                }
            }

            // What the node did with the jumps is visible: both counted, each logged, and the windows they cut flagged.
            Assert.Equal(2, node.ClockSteps);
            Assert.Equal(2, rig.Log.Lines.Count(l => l.Contains("clock stepped", StringComparison.Ordinal)));
            Assert.Contains(reports, r => r.GetProperty("clock").GetString() == "stepped");
        }

        private static long Seq(JsonElement report) => report.GetProperty("seq").GetInt64();
    }
}
