using System;
using System.Collections.Generic;
using System.Linq;
using Edge.Core.Commissioning;
using Edge.Core.Meters;
using Edge.Core.Node;
using Edge.Core.Platform;
using Edge.Tests.Fakes;

namespace Edge.Tests.Core.Commissioning
{
    /// <summary>
    /// A node as an installer leaves it in a meter room: one meter, its store, its broker link and its clock, run
    /// second by second, with the faults a test sets (a clock that never synchronises, a full store, a broker that
    /// refuses the node). <see cref="Lines"/> is what the serial console shows when the self-test runs.
    /// </summary>
    internal sealed class CommissioningRig
    {
        public static readonly DateTime Start = Utc.At("2026-12-03T08:00:00Z");

        private readonly Action<long>? _line;

        public CommissioningRig(IMeterDriver meter, Action<long>? line = null, bool synchronised = true, IStore? store = null, FakeMqttLink? link = null, ISystemInfo? info = null)
        {
            _line = line;
            Clock = new ManualClock(Start, synchronised);
            Link = link ?? new FakeMqttLink();
            Store = store ?? new MemoryStore();
            Node = new EdgeNode(new NodeConfig { NodeId = "n1" }, Clock, Link, Store, Log) { SystemInfo = info! };
            Node.AddMeter(meter);
            Node.Start();
        }

        public ManualClock Clock { get; }

        public FakeMqttLink Link { get; }

        public IStore Store { get; }

        public ListLog Log { get; } = new();

        public EdgeNode Node { get; }

        public long NowMs => Clock.MonotonicMs;

        /// <summary>Runs the node (and the meter's line, if any) for <paramref name="seconds"/>, a tick a second.</summary>
        public CommissioningRig Run(int seconds)
        {
            for (int i = 0; i < seconds; i++)
            {
                Clock.Advance(1000);
                _line?.Invoke(Clock.MonotonicMs);
                Node.Tick();
            }

            return this;
        }

        /// <summary>Runs the node for <paramref name="seconds"/> with the self-test's triggers stepped every 100 ms, as
        /// the device loop polls its button.</summary>
        public CommissioningRig Run(int seconds, SelfTestTriggers triggers)
        {
            for (int i = 0; i < seconds * 10; i++)
            {
                Clock.Advance(100);
                if (Clock.MonotonicMs % 1000 == 0)
                {
                    _line?.Invoke(Clock.MonotonicMs);
                    Node.Tick();
                }

                triggers.Step(Clock.MonotonicMs);
            }

            return this;
        }

        /// <summary>The self-test's report now.</summary>
        public SelfTestReport Report() => NodeSelfTest.Run(Node, NowMs);

        /// <summary>The self-test's lines now, as the console shows them.</summary>
        public string[] Lines()
        {
            SelfTestReport report = Report();
            return Enumerable.Range(0, report.Count).Select(report.LineAt).ToArray();
        }

        /// <summary>The line of the check named <paramref name="item"/>.</summary>
        public string Line(string item)
        {
            SelfTestReport report = Report();
            int index = report.IndexOf(item);
            if (index < 0)
            {
                throw new InvalidOperationException($"no check \"{item}\" in: {string.Join(" | ", Lines())}");
            }

            return report.LineAt(index);
        }
    }

    /// <summary>Every line a node writes, with its level and category.</summary>
    internal sealed class ListLog : ILog
    {
        public List<string> Lines { get; } = new();

        public bool IsEnabled(LogLevel level) => true;

        public void Write(LogLevel level, string category, string message) => Lines.Add($"{level} {category}: {message}");

        public IEnumerable<string> Of(string category) => Lines.Where(l => l.Split(' ')[1] == category + ":");
    }

    /// <summary>A platform's memory and network as a test sets them.</summary>
    internal sealed class FakeSystemInfo : ISystemInfo, INetworkStatus
    {
        public long FreeMemoryBytes { get; set; } = 60 * 1024;

        public int SignalStrengthDbm { get; set; }

        public bool NetworkUp { get; set; } = true;

        public string? Address { get; set; } = "192.168.4.21";
    }

    /// <summary>A store that knows its free space, as a flash file system does.</summary>
    internal sealed class SizedStore : IStore, IStorageSpace
    {
        private readonly MemoryStore _inner = new();

        public long FreeBytes { get; set; } = 900 * 1024;

        public long TotalBytes { get; set; } = 1024 * 1024;

        public bool Exists(string name) => _inner.Exists(name);

        public int Length(string name) => _inner.Length(name);

        public int Read(string name, byte[] buffer, int offset) => _inner.Read(name, buffer, offset);

        public void Write(string name, byte[] data, int offset, int count) => _inner.Write(name, data, offset, count);

        public void Delete(string name) => _inner.Delete(name);
    }
}
