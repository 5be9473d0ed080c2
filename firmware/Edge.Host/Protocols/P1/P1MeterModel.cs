using System;
using Edge.Core.Meters;
using Edge.Core.Security;
using Edge.Drivers;
using Edge.Drivers.P1;
using Edge.Host.Simulation;

namespace Edge.Host.Protocols.P1
{
    /// <summary>
    /// --meter p1: a virtual DSMR 5 three-phase meter with gas on M-Bus channel 1, sending a telegram a second on its
    /// P1 port at 115200 baud 8N1 while the node raises Data Request, read by the real <see cref="P1Meter"/>.
    /// </summary>
    public sealed class P1MeterModel : SimulatedMeterModel
    {
        public override string Name => "p1";

        public override string Describe(SimulationOptions options) =>
            $"virtual DSMR 5 three-phase meter with gas on M-Bus channel 1, P1 port at {VirtualP1SerialPort.Dsmr5Baud} baud 8N1, a telegram a second";

        public override SimulatedMeterRig Build(SimulationOptions options, Func<DateTime, double> powerAt, DateTime startUtc)
        {
            // Seeds of their own for the meter's noise and the line's faults: the same seed, the same run.
            var source = new SimulatedP1Meter(powerAt, startUtc, options.InitialEnergyWh, (int)options.Seed);
            var line = new VirtualP1SerialPort(source, startUtc, (int)options.Seed + 1)
            {
                BitErrorRate = options.BitErrorRate,
                CutFrameRate = options.CutFrameRate,
            };
            // Through the factory, as a meter configured on a device is built; the board drives Data Request.
            var spec = new MeterSpec { Kind = MeterFactory.P1Kind, Id = "main", Port = "p1", P1Line = P1Meter.Dsmr5Line };
            var ports = new MeterPorts().AddSerialLink(spec.Port, line).AddDigitalOutput(P1Meter.RequestPort, line.RequestOutput);
            var driver = (P1Meter)MeterFactory.Build(spec, ports, new MeterIdentity(MeterIdPolicy.Omit, null!));
            return new P1MeterRig(source, line, driver);
        }
    }
}
