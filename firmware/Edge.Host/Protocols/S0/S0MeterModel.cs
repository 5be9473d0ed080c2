using System;
using Edge.Drivers.S0;
using Edge.Host.Simulation;

namespace Edge.Host.Protocols.S0
{
    /// <summary>--meter s0: a virtual household meter whose S0 output the real <see cref="S0PulseMeter"/> counts.</summary>
    public sealed class S0MeterModel : SimulatedMeterModel
    {
        public override string Name => "s0";

        public override string Describe(SimulationOptions options) =>
            $"virtual household meter with S0 output ({options.PulsesPerKwh} imp/kWh)";

        public override SimulatedMeterRig Build(SimulationOptions options, Func<DateTime, double> powerAt, DateTime startUtc)
        {
            var output = new VirtualPulseMeter(powerAt, options.PulsesPerKwh, startUtc, options.RecordPulses);
            var driver = new S0PulseMeter("main", output, options.PulsesPerKwh, options.InitialEnergyWh, options.MaxPowerW);
            return new S0MeterRig(output, driver);
        }
    }
}
