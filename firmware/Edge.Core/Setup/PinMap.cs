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

        /// <summary>In a configuration's overrides (<see cref="NodeSetup.PinOverrides"/>): the board profile's pin
        /// holds. Never in a map a node uses.</summary>
        public const int FromBoard = -2;

        /// <summary>The names of the interfaces, as in the <c>pins</c> object of a board profile and of a
        /// configuration, in the order of <see cref="Get"/>.</summary>
        public static readonly string[] Names =
        {
            "ticRx", "p1Rx", "p1Request", "rs485Tx", "rs485Rx", "rs485De", "s0", "i2cSda", "i2cScl", "relays", "statusLed", "button",
        };

        /// <summary>Index in <see cref="Names"/> of "s0", an array.</summary>
        public const int S0Index = 6;

        /// <summary>Index in <see cref="Names"/> of "relays", an array.</summary>
        public const int RelaysIndex = 9;

        /// <summary>A map of overrides that change nothing: every pin <see cref="FromBoard"/>, the arrays null.</summary>
        public static PinMap NoOverrides()
        {
            var map = new PinMap();
            for (int i = 0; i < Names.Length; i++)
            {
                map.Set(i, FromBoard);
            }

            map.S0 = null;
            map.Relays = null;
            return map;
        }

        /// <summary>The single pin of interface <paramref name="index"/> (of <see cref="Names"/>); not for the
        /// arrays (<see cref="S0Index"/>, <see cref="RelaysIndex"/>), which give <see cref="None"/>.</summary>
        public int Get(int index)
        {
            switch (index)
            {
                case 0: return TicRx;
                case 1: return P1Rx;
                case 2: return P1Request;
                case 3: return Rs485Tx;
                case 4: return Rs485Rx;
                case 5: return Rs485De;
                case 7: return I2cSda;
                case 8: return I2cScl;
                case 10: return StatusLed;
                case 11: return Button;
                default: return None;
            }
        }

        /// <summary>The pins behind a port name of <see cref="PortNames"/> (RS-485: TX, RX, DE; I2C: SDA, SCL), in
        /// that order, <see cref="None"/> where one is not wired; empty for a name that is no port of the map.</summary>
        public int[] PinsOf(string port)
        {
            switch (port)
            {
                case PortNames.Tic: return new int[] { TicRx };
                case PortNames.P1: return P1Request == None ? new int[] { P1Rx } : new int[] { P1Rx, P1Request };
                case PortNames.Rs485: return new int[] { Rs485Tx, Rs485Rx, Rs485De };
                case PortNames.I2c: return new int[] { I2cSda, I2cScl };
            }

            int channel = MeterSpecReader.S0Channel(port);
            return channel >= 1 && channel <= S0.Length ? new int[] { S0[channel - 1] } : new int[0];
        }

        /// <summary>Sets the single pin of interface <paramref name="index"/> (of <see cref="Names"/>); the arrays are
        /// set through their fields.</summary>
        public void Set(int index, int gpio)
        {
            switch (index)
            {
                case 0: TicRx = gpio; break;
                case 1: P1Rx = gpio; break;
                case 2: P1Request = gpio; break;
                case 3: Rs485Tx = gpio; break;
                case 4: Rs485Rx = gpio; break;
                case 5: Rs485De = gpio; break;
                case 7: I2cSda = gpio; break;
                case 8: I2cScl = gpio; break;
                case 10: StatusLed = gpio; break;
                case 11: Button = gpio; break;
            }
        }

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

        /// <summary>Kind of a status LED that is a plain LED on a GPIO, high when lit.</summary>
        public const string PlainLed = "gpio";

        /// <summary>What the status LED is: <see cref="PlainLed"/>, or an addressable "sk6812" / "ws2812" (the M5Stack
        /// ATOM Lite's), which a GPIO level does not light.</summary>
        public string StatusLedKind = PlainLed;
    }
}
