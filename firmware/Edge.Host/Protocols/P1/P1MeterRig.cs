using Edge.Core.Meters;
using Edge.Drivers.P1;

namespace Edge.Host.Protocols.P1
{
    /// <summary>A virtual DSMR 5 meter, its P1 line and the real driver reading it.</summary>
    public sealed class P1MeterRig : SimulatedMeterRig
    {
        public P1MeterRig(SimulatedP1Meter source, VirtualP1SerialPort line, P1Meter driver)
        {
            Source = source;
            Line = line;
            Meter = driver;
        }

        /// <summary>The virtual meter.</summary>
        public SimulatedP1Meter Source { get; }

        /// <summary>The line from the meter's P1 port to the node's UART.</summary>
        public VirtualP1SerialPort Line { get; }

        /// <summary>The real driver.</summary>
        public P1Meter Meter { get; }

        public override IMeterDriver Driver => Meter;

        /// <summary>The two import registers, each whole Wh as the telegram carries them.</summary>
        public override long RegisterWh => Source.RegisterWh;

        public override void AdvanceTo(long monotonicMs) => Line.AdvanceTo(monotonicMs);
    }
}
