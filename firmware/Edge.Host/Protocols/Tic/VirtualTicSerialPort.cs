using System;

namespace Edge.Host.Protocols.Tic
{
    /// <summary>
    /// The UART end of a simulated TIC line: the meter's frames back to back at the line's pace (7E1 is 10 bits a
    /// byte: 120 bytes/s at 1200 baud, 960 at 9600), separated by a gap, with the faults of
    /// <see cref="VirtualMeterSerialPort"/>.
    /// </summary>
    public sealed class VirtualTicSerialPort : VirtualMeterSerialPort
    {
        /// <summary>Pause between two frames; Enedis-NOI-CPT_54E gives 16.7 to 33.4 ms between groups and frames.</summary>
        private const double InterFrameGapMs = 30;

        private readonly SimulatedTicMeter _meter;

        public VirtualTicSerialPort(SimulatedTicMeter meter, DateTime utcAtZero, int seed)
            : base(utcAtZero, seed)
        {
            _meter = meter;
        }

        protected override int Baud => _meter.Baud;

        /// <summary>TIC characters are 7 bits (7E1).</summary>
        protected override int DataBits => 7;

        protected override byte[] FrameAt(DateTime utc)
        {
            _meter.AdvanceTo(utc);
            return _meter.FrameAt(utc);
        }

        protected override void AdvanceMeterTo(DateTime utc) => _meter.AdvanceTo(utc);

        protected override double FrameInterval(double lineMs) => lineMs + InterFrameGapMs;
    }
}
