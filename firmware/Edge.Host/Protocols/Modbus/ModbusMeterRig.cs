using System;
using Edge.Core.Meters;
using Edge.Drivers.Modbus;

namespace Edge.Host.Protocols.Modbus
{
    /// <summary>A virtual SDM630 on a virtual RS-485 line and the real driver reading it.</summary>
    public sealed class ModbusMeterRig : SimulatedMeterRig
    {
        private readonly DateTime _utcAtZero;

        public ModbusMeterRig(SimulatedSdm630 source, VirtualRs485Bus bus, ModbusMeter driver, DateTime utcAtZero)
        {
            Source = source;
            Bus = bus;
            Meter = driver;
            _utcAtZero = utcAtZero;
        }

        /// <summary>The virtual SDM630.</summary>
        public SimulatedSdm630 Source { get; }

        /// <summary>The line from the node's transceiver to the meter.</summary>
        public VirtualRs485Bus Bus { get; }

        /// <summary>The real driver.</summary>
        public ModbusMeter Meter { get; }

        public override IMeterDriver Driver => Meter;

        /// <summary>The import register, truncated to whole Wh.</summary>
        public override long RegisterWh => (long)Math.Floor(Source.ImportWh);

        public override void AdvanceTo(long monotonicMs)
        {
            Source.AdvanceTo(_utcAtZero.AddMilliseconds(monotonicMs));
            Bus.AdvanceTo(monotonicMs);
        }
    }
}
