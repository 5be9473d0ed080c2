#nullable disable
namespace Edge.Core.Setup
{
    /// <summary>The names a node configuration gives its meters' ports (<c>MeterSpec.Port</c>), one per interface of
    /// the board's <see cref="PinMap"/>: the start-up opens the line or input behind each name on those pins.</summary>
    public static class PortNames
    {
        /// <summary>The Linky TIC line: COM2 receiving on <see cref="PinMap.TicRx"/>, 7E1.</summary>
        public const string Tic = "tic";

        /// <summary>The DSMR P1 line: COM2 receiving on <see cref="PinMap.P1Rx"/>, 115200 8N1.</summary>
        public const string P1 = "p1";

        /// <summary>The P1 Data Request output on <see cref="PinMap.P1Request"/>, under which the start-up hands it
        /// to the P1 driver in the meter ports (DSMR P1 companion standard 5.0.2 section 5.3: the meter sends while
        /// it is raised).</summary>
        public const string P1Request = "p1-request";

        /// <summary>The RS-485 bus: COM3 on <see cref="PinMap.Rs485Tx"/>, <see cref="PinMap.Rs485Rx"/> and
        /// <see cref="PinMap.Rs485De"/>, shared by Modbus meters at their own addresses.</summary>
        public const string Rs485 = "rs485";

        /// <summary>The I2C bus on <see cref="PinMap.I2cSda"/> and <see cref="PinMap.I2cScl"/>, shared by chips at
        /// their own addresses.</summary>
        public const string I2c = "i2c";

        /// <summary>Prefix of the S0 inputs: "s0-1" is <c>PinMap.S0[0]</c>, "s0-2" the next.</summary>
        public const string S0Prefix = "s0-";
    }
}
