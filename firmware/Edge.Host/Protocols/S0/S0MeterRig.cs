using Edge.Core.Meters;
using Edge.Core.Model;
using Edge.Drivers.S0;

namespace Edge.Host.Protocols.S0
{
    /// <summary>A virtual S0 meter and the real driver counting its pulses.</summary>
    public sealed class S0MeterRig : SimulatedMeterRig
    {
        public S0MeterRig(VirtualPulseMeter output, S0PulseMeter driver)
        {
            Output = output;
            Meter = driver;
        }

        /// <summary>The virtual meter's pulse output.</summary>
        public VirtualPulseMeter Output { get; }

        /// <summary>The real driver.</summary>
        public S0PulseMeter Meter { get; }

        public override IMeterDriver Driver => Meter;

        /// <summary>The register as the driver counts it from the pulses (the meter's display shows the same).</summary>
        public override long RegisterWh => Meter.EnergyWh;

        public override void AdvanceTo(long monotonicMs) => Output.AdvanceTo(monotonicMs);
    }
}
