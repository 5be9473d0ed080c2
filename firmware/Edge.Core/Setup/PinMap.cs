#nullable disable
namespace Edge.Core.Setup
{
    /// <summary>
    /// The ESP32 GPIO numbers a node uses for each interface (GPIO numbers as <c>Configuration.SetPinFunction</c>
    /// and <c>GpioController.OpenPin</c> take them, not header positions), <see cref="None"/> where the interface is
    /// not wired. The fields are those of a board profile's <c>pins</c> object (hardware/boards/README.md).
    /// </summary>
    public sealed class PinMap
    {
        /// <summary>No pin.</summary>
        public const int None = -1;

        /// <summary>COM2 receive line of the Linky TIC interface.</summary>
        public int TicRx = None;

        /// <summary>COM2 receive line of the DSMR P1 interface.</summary>
        public int P1Rx = None;

        /// <summary>Output driving the P1 Data Request line.</summary>
        public int P1Request = None;

        /// <summary>COM3 transmit line to the RS-485 transceiver's DI.</summary>
        public int Rs485Tx = None;

        /// <summary>COM3 receive line from the RS-485 transceiver's RO.</summary>
        public int Rs485Rx = None;

        /// <summary>Output to the RS-485 transceiver's DE and /RE.</summary>
        public int Rs485De = None;

        /// <summary>S0 pulse inputs, in channel order (port "s0-1" is the first); never null.</summary>
        public int[] S0 = new int[0];

        /// <summary>I2C1 data line.</summary>
        public int I2cSda = None;

        /// <summary>I2C1 clock line.</summary>
        public int I2cScl = None;

        /// <summary>Relay driver outputs, in relay-channel order; never null.</summary>
        public int[] Relays = new int[0];

        /// <summary>Status LED output (active high).</summary>
        public int StatusLed = None;

        /// <summary>User button input.</summary>
        public int Button = None;
    }
}
