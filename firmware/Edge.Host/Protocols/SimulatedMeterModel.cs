using System;
using Edge.Host.Simulation;

namespace Edge.Host.Protocols
{
    /// <summary>
    /// A kind of virtual meter that `edge simulate --meter NAME` can put in front of a node: it builds the meter
    /// and the real driver that reads it (<see cref="SimulatedMeterRig"/>), the one place a simulated node's
    /// driver is made.
    /// </summary>
    public abstract class SimulatedMeterModel
    {
        /// <summary>Its --meter name: s0, tic-standard, tic-historique.</summary>
        public abstract string Name { get; }

        /// <summary>What the simulator's first line says of the meter, e.g. "virtual household meter with S0 output (1000 imp/kWh)".</summary>
        public abstract string Describe(SimulationOptions options);

        /// <summary>The virtual meter, drawing <paramref name="powerAt"/>, wired to its driver, from <paramref name="startUtc"/> on.</summary>
        public abstract SimulatedMeterRig Build(SimulationOptions options, Func<DateTime, double> powerAt, DateTime startUtc);
    }
}
