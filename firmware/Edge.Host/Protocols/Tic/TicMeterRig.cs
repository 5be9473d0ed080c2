using System;
using Edge.Core.Aggregation;
using Edge.Core.Meters;
using Edge.Core.Model;
using Edge.Drivers.Tic;

namespace Edge.Host.Protocols.Tic
{
    /// <summary>A virtual Linky meter, its serial line and the real driver reading it.</summary>
    public sealed class TicMeterRig : SimulatedMeterRig
    {
        public TicMeterRig(SimulatedTicMeter source, VirtualTicSerialPort line, TicMeter driver)
        {
            Source = source;
            Line = line;
            Meter = driver;
        }

        /// <summary>The virtual Linky meter.</summary>
        public SimulatedTicMeter Source { get; }

        /// <summary>The line from the meter to the node's UART.</summary>
        public VirtualTicSerialPort Line { get; }

        /// <summary>The real driver.</summary>
        public TicMeter Meter { get; }

        public override IMeterDriver Driver => Meter;

        /// <summary>The meter's total register, truncated to whole Wh as its frames carry it.</summary>
        public override long RegisterWh => (long)Math.Floor(Source.TotalWh);

        public override void AdvanceTo(long monotonicMs) => Line.AdvanceTo(monotonicMs);
    }
}
