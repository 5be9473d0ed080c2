using System;
using Edge.Core.Meters;
using Edge.Core.Security;
using Edge.Drivers;
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
            // Through the factory, as a meter configured on a device is built.
            var spec = new MeterSpec
            {
                Kind = MeterFactory.S0Kind,
                Id = "main",
                Port = "meter",
                PulsesPerKwh = options.PulsesPerKwh,
                InitialEnergyWh = options.InitialEnergyWh,
                MaxPowerW = options.MaxPowerW,
            };
            var driver = (S0PulseMeter)MeterFactory.Build(spec, new MeterPorts().AddPulseInput(spec.Port, output), new MeterIdentity(MeterIdPolicy.Omit, null!));
            return new S0MeterRig(output, driver);
        }
    }
}
