using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using Edge.Core.Meters;
using Edge.Core.Node;
using Edge.Core.Platform;
using Edge.Core.Security;
using Edge.Drivers;
using Edge.Drivers.S0;
using Edge.Drivers.Tic;
using Edge.Host.Simulation.Tic;

namespace Edge.Host.Simulation
{
    /// <summary>
    /// One simulated node: a virtual clock, a virtual household meter (an S0 pulse output, or a Linky TIC output
    /// sending real frames at the line's pace), the real driver and the real node loop, publishing through a real
    /// MQTT link. Time is virtual: <see cref="Step"/> moves it one
    /// tick, so tests run an hour in a fraction of a second and the simulator can run N times faster than life.
    /// </summary>
    public sealed class NodeSimulation
    {
        public NodeSimulation(SimulationOptions options, IMqttLink link, ILog? log = null)
        {
            Options = options;
            DateTime start = DateTime.SpecifyKind(options.StartUtc, DateTimeKind.Utc);
            Clock = new ManualClock(start, synchronised: true);
            Curve = new HouseholdLoadCurve(options.Seed);
            var ports = new MeterPorts();
            var spec = new MeterSpec { Id = "main", Port = "meter" };
            if (options.Meter == SimulatedMeterKind.S0)
            {
                Meter = new VirtualPulseMeter(Curve.PowerAt, options.PulsesPerKwh, start, options.RecordPulses);
                ports.AddPulseInput(spec.Port, Meter);
                spec.Kind = MeterFactory.S0Kind;
                spec.PulsesPerKwh = options.PulsesPerKwh;
                spec.InitialEnergyWh = options.InitialEnergyWh;
                spec.MaxPowerW = options.MaxPowerW;
            }
            else
            {
                TicMode mode = options.Meter == SimulatedMeterKind.TicStandard ? TicMode.Standard : TicMode.Historique;
                TicSource = new SimulatedTicMeter(mode, Curve.PowerAt, start, options.InitialEnergyWh, (int)options.Seed);
                TicLine = new VirtualTicSerialPort(TicSource, start, (int)options.Seed + 1)
                {
                    BitErrorRate = options.BitErrorRate,
                    CutFrameRate = options.CutFrameRate,
                };
                ports.AddSerialLink(spec.Port, TicLine);
                spec.Kind = MeterFactory.TicKind;
                spec.TicMode = "auto";
            }

            // The simulated meter goes through the same factory as a configured one on a device.
            Driver = MeterFactory.Build(spec, ports, new MeterIdentity(MeterIdPolicy.Omit, null!));
            S0 = Driver as S0PulseMeter;
            Tic = Driver as TicMeter;

            var config = new NodeConfig
            {
                NodeId = options.NodeId,
                TopicPrefix = options.TopicPrefix,
                WindowSeconds = options.WindowSeconds,
                Profile = options.Profile,
                Format = options.Format,
            };
            Node = new EdgeNode(config, Clock, link, store: null, log);
            Node.AddMeter(Driver);
            Node.Start();
            Node.Tick();
        }

        public SimulationOptions Options { get; }

        public ManualClock Clock { get; }

        public HouseholdLoadCurve Curve { get; }

        /// <summary>The virtual S0 meter (null when simulating a TIC meter).</summary>
        public VirtualPulseMeter? Meter { get; }

        public S0PulseMeter? S0 { get; }

        /// <summary>The virtual Linky meter and its line (null when simulating an S0 meter).</summary>
        public SimulatedTicMeter? TicSource { get; }

        public VirtualTicSerialPort? TicLine { get; }

        public TicMeter? Tic { get; }

        public IMeterDriver Driver { get; }

        /// <summary>The virtual meter's import register in Wh, as its display would show it.</summary>
        public long RegisterWh => S0 is not null ? S0.EnergyWh : (long)Math.Floor(TicSource!.TotalWh);

        public EdgeNode Node { get; }

        /// <summary>Virtual time elapsed since start.</summary>
        public TimeSpan Elapsed => TimeSpan.FromMilliseconds(Clock.MonotonicMs);

        /// <summary>Advances virtual time by one tick: the meter runs, then the node polls and publishes.</summary>
        public void Step()
        {
            Clock.Advance(Options.TickMs);
            Meter?.AdvanceTo(Clock.MonotonicMs);
            TicLine?.AdvanceTo(Clock.MonotonicMs);
            Node.Tick();
        }

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

            Node.Flush();
            Node.Stop();
        }
    }
}
