using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using Edge.Core.Commissioning;
using Edge.Core.Node;
using Edge.Core.Platform;
using Edge.Host.Platform;
using Edge.Host.Protocols;

namespace Edge.Host.Simulation
{
    /// <summary>
    /// One simulated node: a virtual clock, a virtual household meter of one of the registered protocols (an S0 pulse
    /// output, or a Linky TIC output sending real frames at the line's pace), the real driver and the real node loop,
    /// publishing through a real MQTT link. Time is virtual: <see cref="Step"/> moves it one
    /// tick, so tests run an hour in a fraction of a second and the simulator can run N times faster than life. After
    /// each tick it waits, in real time, for the link to answer what the tick asked (a connection, acknowledgements),
    /// up to <see cref="SimulationOptions.LinkTimeout"/>: virtual seconds must not run out the node's timeouts while a
    /// real broker takes its milliseconds.
    /// </summary>
    public sealed class NodeSimulation
    {
        public NodeSimulation(SimulationOptions options, IMqttLink link, ILog? log = null)
        {
            Options = options;
            DateTime start = DateTime.SpecifyKind(options.StartUtc, DateTimeKind.Utc);
            Clock = new ManualClock(start, synchronised: true);
            Curve = new HouseholdLoadCurve(options.Seed);

            // The one place the simulated node's meter and driver are made: by the protocol of --meter.
            Meter = options.Meter.Build(options, Curve.PowerAt, start);

            var config = new NodeConfig
            {
                NodeId = options.NodeId,
                TopicPrefix = options.TopicPrefix,
                WindowSeconds = options.WindowSeconds,
                Profile = options.Profile,
                Format = options.Format,
            };
            if (options.HealthSeconds is int healthSeconds)
            {
                config.HealthSeconds = healthSeconds;
            }

            options.Configure?.Invoke(config);

            Node = new EdgeNode(config, Clock, link, options.Store, log);
            Node.AddMeter(Meter.Driver);
            Node.Start();

            // The first boot's commissioning self-test, as a device runs it (the simulated node has no button).
            SelfTests = new SelfTestTriggers(Node, null, Clock.MonotonicMs);
            Node.Tick();
            LinkWait.Settle(Node, options.LinkTimeout);
        }

        /// <summary>The node's self-test triggers: its first boot's run, and runs asked for by a test.</summary>
        public SelfTestTriggers SelfTests { get; }

        public SimulationOptions Options { get; }

        public ManualClock Clock { get; }

        public HouseholdLoadCurve Curve { get; }

        /// <summary>The virtual meter and the real driver reading it.</summary>
        public SimulatedMeterRig Meter { get; }

        /// <summary>The virtual meter's import register in Wh, as its display would show it.</summary>
        public long RegisterWh => Meter.RegisterWh;

        public EdgeNode Node { get; }

        /// <summary>Virtual time elapsed since start.</summary>
        public TimeSpan Elapsed => TimeSpan.FromMilliseconds(Clock.MonotonicMs);

        /// <summary>Advances virtual time by one tick: the meter runs, then the node polls and publishes.</summary>
        public void Step()
        {
            Clock.Advance(Options.TickMs);
            Meter.AdvanceTo(Clock.MonotonicMs);
            Node.Tick();
            SelfTests.Step(Clock.MonotonicMs);
            LinkWait.Settle(Node, Options.LinkTimeout);
        }

        /// <summary>Reports the open window and waits for the broker to acknowledge everything queued (up to
        /// <see cref="SimulationOptions.LinkTimeout"/>); returns the messages still queued.</summary>
        public int Flush()
        {
            Node.Flush();
            return LinkWait.Drain(Node, Options.LinkTimeout);
        }

        /// <summary>A clean stop: everything queued published, the goodbye acknowledged and the connection closed,
        /// waiting up to <see cref="SimulationOptions.LinkTimeout"/> for each.</summary>
        public void Stop() => LinkWait.Stop(Node, Options.LinkTimeout);

        /// <summary>Runs as fast as possible for the given virtual duration.</summary>
        public void Run(TimeSpan virtualDuration)
        {
            long end = Clock.MonotonicMs + (long)virtualDuration.TotalMilliseconds;
            while (Clock.MonotonicMs + Options.TickMs <= end)
            {
                Step();
            }
        }

        /// <summary>
        /// Runs with virtual time paced at <paramref name="speed"/> times real time, until cancelled or until
        /// <paramref name="duration"/> of virtual time has passed; then reports the open window and returns.
        /// </summary>
        public async Task RunPacedAsync(double speed, TimeSpan? duration, CancellationToken cancellation)
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(speed);
            var real = Stopwatch.StartNew();
            long startMs = Clock.MonotonicMs;
            long endMs = duration is null ? long.MaxValue : startMs + (long)duration.Value.TotalMilliseconds;
            while (!cancellation.IsCancellationRequested && Clock.MonotonicMs + Options.TickMs <= endMs)
            {
                long due = startMs + (long)(real.Elapsed.TotalMilliseconds * speed);
                if (Clock.MonotonicMs + Options.TickMs <= due)
                {
                    Step();
                    continue;
                }

                try
                {
                    await Task.Delay(10, cancellation).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }

            Flush();
            Stop();
        }
    }
}
