using Edge.Core.Aggregation;
using Edge.Core.Meters;
using Edge.Core.Model;

namespace Edge.Host.Protocols
{
    /// <summary>
    /// A virtual meter running on a simulation's virtual clock, wired to the real driver that reads it: what
    /// <see cref="Simulation.NodeSimulation"/> needs of any protocol's meter.
    /// </summary>
    public abstract class SimulatedMeterRig
    {
        /// <summary>The real driver the node polls.</summary>
        public abstract IMeterDriver Driver { get; }

        /// <summary>The virtual meter's import register in Wh, as its display would show it.</summary>
        public abstract long RegisterWh { get; }

        /// <summary>Runs the meter (and its line) up to the given monotonic time.</summary>
        public abstract void AdvanceTo(long monotonicMs);
    }
}
