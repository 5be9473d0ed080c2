#nullable disable
namespace Edge.Core.Meters
{
    /// <summary>
    /// One meter as the node's configuration describes it, before any driver exists: its kind, the port or bus it
    /// hangs on, its address there, and the options of its kind. <c>MeterFactory</c> turns it into a driver; a field
    /// a kind does not use is ignored.
    /// </summary>
    public sealed class MeterSpec
    {
        /// <summary>Driver kind, e.g. "s0" or "tic" (see <c>MeterFactory</c> for the list).</summary>
        public string Kind;

        /// <summary>Name of the meter in reports, e.g. "main".</summary>
        public string Id;

        /// <summary>The platform's name of the input, line or bus the meter is wired to (see <see cref="MeterPorts"/>).</summary>
        public string Port;

        /// <summary>Address on a shared bus (Modbus slave id, I2C address); 0 on a port of its own.</summary>
        public int Address;

        /// <summary>S0: meter constant printed on the meter (imp/kWh), or imp/m3 for a water or gas meter
        /// (<see cref="PulseMeterSpec.Measures"/>).</summary>
        public int PulsesPerKwh;

        /// <summary>S0: the meter's register at commissioning (Wh), or L for a water or gas meter.</summary>
        public long InitialEnergyWh;

        /// <summary>S0: what the meter measures, how its pulses are qualified and how its count is kept; null for
        /// the other kinds (and for an S0 meter built without one, which takes the defaults).</summary>
        public PulseMeterSpec Pulses;

        /// <summary>S0: largest plausible power (W); 0 disables the check.</summary>
        public int MaxPowerW;

        /// <summary>TIC: "auto" (default when empty), "historique" or "standard".</summary>
        public string TicMode;

        /// <summary>Least time between two reads of the meter, in ms (Modbus: from the start of one poll cycle to
        /// the next); 0 for the kind's default.</summary>
        public long PollIntervalMs;

        /// <summary>Modbus: the speed of the RS-485 line, in baud; the setup reader fills in the model's default and
        /// gives every meter of a line the same settings.</summary>
        public int Baud;

        /// <summary>Modbus: the parity of the RS-485 line.</summary>
        public Edge.Core.Platform.SerialParity Parity;

        /// <summary>Modbus: the stop bits of the RS-485 line, 1 or 2.</summary>
        public int StopBits;

        /// <summary>Modbus: the meter model whose register table the driver ships ("sdm630"...); empty when
        /// <see cref="ModbusTable"/> gives the table.</summary>
        public string ModbusModel;

        /// <summary>Modbus: the register table of a model the driver does not ship; null for <see cref="ModbusModel"/>.</summary>
        public ModbusTableSpec ModbusTable;

        /// <summary>P1: the serial line settings, "115200-8N1" (DSMR 4 and 5, the default when empty) or "9600-7E1"
        /// (DSMR 2.2 and 3.0, whose telegrams carry no CRC).</summary>
        public string P1Line;

        /// <summary>INA219/INA226: the shunt's resistance, in micro-ohms (configured as shuntOhms, 0.1 is 100000).</summary>
        public long ShuntMicroOhms;

        /// <summary>INA219/INA226: the largest current expected, in mA (configured as maxCurrentA).</summary>
        public long MaxCurrentMilliamps;

        /// <summary>P1: true when the UART itself inverts the meter's open-collector data signal (option A of
        /// hardware/wiring/p1.md); false when an inverter on the board does it (options B and C).</summary>
        public bool P1InvertRx;
    }
}
