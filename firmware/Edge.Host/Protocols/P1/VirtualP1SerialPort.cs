using System;
using Edge.Core.Platform;

namespace Edge.Host.Protocols.P1
{
    /// <summary>
    /// The UART end of a simulated P1 port: a DSMR 5 meter sends a telegram every second at 115200 baud 8N1 (10 bits a
    /// byte: about 80 ms for a 900-byte telegram), while its Data Request line is raised, with the faults of
    /// <see cref="VirtualMeterSerialPort"/>.
    /// </summary>
    public sealed class VirtualP1SerialPort : VirtualMeterSerialPort
    {
        /// <summary>DSMR 5 speed (P1 Companion Standard 5.0.2: 115200 baud, 8 data bits, no parity, 1 stop bit).</summary>
        public const int Dsmr5Baud = 115_200;

        /// <summary>DSMR 5 meters send a telegram every second (DSMR 4 every ten).</summary>
        public const double TelegramIntervalMs = 1000;

        private readonly SimulatedP1Meter _meter;

        public VirtualP1SerialPort(SimulatedP1Meter meter, DateTime utcAtZero, int seed)
            : base(utcAtZero, seed)
        {
            _meter = meter;
        }

        /// <summary>The Data Request line (RJ12 pin 2): the meter sends only while it is raised (tied high when no
        /// output drives it).</summary>
        public bool DataRequest { get; set; } = true;

        /// <summary>The node's output on the Data Request line, for the driver to raise and drop.</summary>
        public IDigitalOutput RequestOutput => new DataRequestLine(this);

        protected override int Baud => Dsmr5Baud;

        protected override int DataBits => 8;

        protected override bool Sending => DataRequest;

        protected override byte[] FrameAt(DateTime utc)
        {
            _meter.AdvanceTo(utc);
            return _meter.TelegramAt(utc);
        }

        protected override void AdvanceMeterTo(DateTime utc) => _meter.AdvanceTo(utc);

        protected override double FrameInterval(double lineMs) => Math.Max(TelegramIntervalMs, lineMs);

        private sealed class DataRequestLine : IDigitalOutput
        {
            private readonly VirtualP1SerialPort _port;

            public DataRequestLine(VirtualP1SerialPort port) => _port = port;

            public bool IsOn => _port.DataRequest;

            public void Set(bool on) => _port.DataRequest = on;
        }
    }
}
