using System;
using Edge.Host.Protocols;

namespace Edge.Host.Simulation
{
    /// <summary>What a simulated node is made of.</summary>
    public sealed record SimulationOptions
    {
        public string NodeId { get; init; } = "sim-0001";

        /// <summary>The virtual meter and its driver (the --meter names of <see cref="ProtocolRegistry.SimulatedMeters"/>).</summary>
        public SimulatedMeterModel Meter { get; init; } = ProtocolRegistry.DefaultMeter;

        /// <summary>Encoding of the window reports.</summary>
        public Edge.Core.Payloads.PayloadFormat Format { get; init; } = Edge.Core.Payloads.PayloadFormat.EdgeJson;

        /// <summary>Serial meters (TIC, P1): probability of a bit error per byte on the line.</summary>
        public double BitErrorRate { get; init; }

        /// <summary>Serial meters (TIC, P1): probability that a frame is cut short.</summary>
        public double CutFrameRate { get; init; }

        public string TopicPrefix { get; init; } = "edge";

        public int WindowSeconds { get; init; } = 60;

        /// <summary>Windows, quantities and statistics; null for one window of <see cref="WindowSeconds"/>.</summary>
        public Edge.Core.Aggregation.AggregationProfile? Profile { get; init; }

        /// <summary>Meter constant of the virtual meter (imp/kWh); 1000 is the most common on household meters.</summary>
        public int PulsesPerKwh { get; init; } = 1000;

        /// <summary>Register of the virtual meter at start (Wh), as on a meter that has run a few years.</summary>
        public long InitialEnergyWh { get; init; } = 4_210_000;

        /// <summary>Seed of the load curve: the same seed gives the same household.</summary>
        public ulong Seed { get; init; } = 1;

        /// <summary>Virtual wall time at start; defaults to now.</summary>
        public DateTime StartUtc { get; init; } = DateTime.UtcNow;

        /// <summary>Virtual time between two node ticks (the device's loop period).</summary>
        public int TickMs { get; init; } = 1000;

        /// <summary>Health period of the node in seconds; null for the node's default (NodeConfig.HealthSeconds).</summary>
        public int? HealthSeconds { get; init; }

        /// <summary>Adjusts the node's configuration after the fields above were set and before the node starts:
        /// the broker timeouts and backoff of a fault scenario, the outbox size. Null leaves the defaults.</summary>
        public Action<Edge.Core.Node.NodeConfig>? Configure { get; init; }

        /// <summary>Where the node keeps what a device keeps in flash (sequence-number blocks, settings changed by
        /// config/set), across runs; null keeps nothing, so numbering starts at 1 at every start.</summary>
        public Edge.Core.Platform.IStore? Store { get; init; }

        /// <summary>Keep every pulse time, for tests that compare reports with the meter.</summary>
        public bool RecordPulses { get; init; }

        /// <summary>Real time the simulation waits after each tick for the broker link to answer (a connection
        /// attempt decided, messages acknowledged) before it carries on; a loopback broker takes milliseconds.</summary>
        public TimeSpan LinkTimeout { get; init; } = TimeSpan.FromSeconds(2);

        /// <summary>Plausibility ceiling of the S0 driver: a 63 A three-phase supply is about 43 kW.</summary>
        public int MaxPowerW { get; init; } = 43_000;
    }
}
