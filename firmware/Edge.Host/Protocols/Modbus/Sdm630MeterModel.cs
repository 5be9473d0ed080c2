using System;
using Edge.Core.Meters;
using Edge.Core.Meters.Buses;
using Edge.Core.Platform;
using Edge.Core.Security;
using Edge.Drivers;
using Edge.Drivers.Modbus;
using Edge.Host.Simulation;

namespace Edge.Host.Protocols.Modbus
{
    /// <summary>
    /// --meter sdm630: a virtual Eastron SDM630 at slave 1 on an RS-485 line at its default 9600 baud 8N1, read by
    /// the real <see cref="ModbusMeter"/> with the shipped SDM630 table.
    /// </summary>
    public sealed class Sdm630MeterModel : SimulatedMeterModel
    {
        /// <summary>The SDM630's factory speed (its protocol document, §1.2).</summary>
        public const int Baud = 9600;

        /// <summary>Longest wait for a reply's first byte: Eastron meters answer within tens of ms.</summary>
        public const long ResponseTimeoutMs = 200;

        public override string Name => "sdm630";

        public override string Describe(SimulationOptions options) =>
            $"virtual Eastron SDM630 three-phase meter, Modbus RTU slave 1 at {Baud} baud 8N1";

        public override SimulatedMeterRig Build(SimulationOptions options, Func<DateTime, double> powerAt, DateTime startUtc)
        {
            var bus = new VirtualRs485Bus();
            SimulatedSdm630 source = bus.Attach(new SimulatedSdm630(1, powerAt, startUtc, options.InitialEnergyWh, (int)options.Seed));
            var line = new Rs485Line(bus, Baud, SerialParity.None, 1, ResponseTimeoutMs, 100, 4);
            // Through the factory, as a meter configured on a device is built.
            var spec = new MeterSpec { Kind = MeterFactory.ModbusKind, Id = "main", Port = "rs485", Address = 1, ModbusModel = EastronRegisterMaps.Sdm630 };
            var driver = (ModbusMeter)MeterFactory.Build(spec, new MeterPorts().AddRs485Line(spec.Port, line), new MeterIdentity(MeterIdPolicy.Omit, null!));
            return new ModbusMeterRig(source, bus, driver, startUtc);
        }
    }
}
