using System;
using Edge.Core.Meters;
using Edge.Core.Security;
using Edge.Drivers;
using Edge.Drivers.Tic;
using Edge.Host.Simulation;

namespace Edge.Host.Protocols.Tic
{
    /// <summary>
    /// --meter tic-standard or tic-historique: a virtual Linky meter sending real frames in one mode on a virtual
    /// line, read by the real <see cref="TicMeter"/> in auto mode, as a node that does not know its meter's mode.
    /// </summary>
    public sealed class TicMeterModel : SimulatedMeterModel
    {
        private readonly TicMode _mode;

        public TicMeterModel(TicMode mode)
        {
            if (mode == TicMode.Auto)
            {
                throw new ArgumentException("a meter sends in one mode", nameof(mode));
            }

            _mode = mode;
        }

        public override string Name => "tic-" + TicModeNames.NameOf(_mode);

        public override string Describe(SimulationOptions options) =>
            $"virtual Linky meter, TIC {TicModeNames.NameOf(_mode)} mode ({(_mode == TicMode.Standard ? TicMeter.StandardBaud : TicMeter.HistoriqueBaud)} baud 7E1), read in auto mode";

        public override SimulatedMeterRig Build(SimulationOptions options, Func<DateTime, double> powerAt, DateTime startUtc)
        {
            // Seeds of their own for the meter's noise and the line's faults: the same seed, the same run.
            var source = new SimulatedTicMeter(_mode, powerAt, startUtc, options.InitialEnergyWh, (int)options.Seed);
            var line = new VirtualTicSerialPort(source, startUtc, (int)options.Seed + 1)
            {
                BitErrorRate = options.BitErrorRate,
                CutFrameRate = options.CutFrameRate,
            };
            // Through the factory, as a meter configured on a device is built.
            var spec = new MeterSpec { Kind = MeterFactory.TicKind, Id = "main", Port = "meter", TicMode = "auto" };
            var driver = (TicMeter)MeterFactory.Build(spec, new MeterPorts().AddSerialLink(spec.Port, line), new MeterIdentity(MeterIdPolicy.Omit, null!));
            return new TicMeterRig(source, line, driver);
        }
    }
}
